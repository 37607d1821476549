/**
 * The template filler as `[template, expected]` rows: Templater commands, core Templates variables and empty
 * frontmatter fields filled for a new doc, and what cannot be filled left in place and listed.
 *
 * In: `fillTemplate('# <% tp.file.title %>\n', { title: 'Rollback: Payments API', … })` → `'# Rollback: Payments API\n'`
 */
import { describe, expect, test } from 'vitest';
import { fillTemplate, type FillContext } from '../../src/templater/fill-template.ts';

/** Monday 2 March 2026, 09:05:07 local time. */
const now = new Date(2026, 2, 2, 9, 5, 7);
const context: FillContext = { title: 'Rollback: Payments API', fileTitle: 'rollback-payments-api', now };

describe('fillTemplate', () => {
  const filled: Array<[name: string, template: string, expected: string]> = [
    ['tp.file.title in prose is the file name', 'See <% tp.file.title %>.', 'See rollback-payments-api.'],
    ['no spaces inside the tags', 'See <%tp.file.title%>.', 'See rollback-payments-api.'],
    ['a heading holding only tp.file.title is the title', '# <% tp.file.title %>\n', '# Rollback: Payments API\n'],
    ['the title: field is the title, quoted for YAML', '---\ntitle: <% tp.file.title %>\n---\n', '---\ntitle: "Rollback: Payments API"\n---\n'],
    ['inside a quoted title, escaped', '---\ntitle: "<% tp.file.title %>"\n---\n', '---\ntitle: "Rollback: Payments API"\n---\n'],
    ['inside a single-quoted title, escaped', "---\ntitle: '<% tp.file.title %>'\n---\n", "---\ntitle: 'Rollback: Payments API'\n---\n"],
    ['an unquoted {{title}} is a value, not a YAML flow mapping', '---\ntitle: {{title}}\n---\n', '---\ntitle: "Rollback: Payments API"\n---\n'],
    ['part of a value is the file name', '---\nrepo: https://git.example.com/<% tp.file.title %>\n---\n', '---\nrepo: https://git.example.com/rollback-payments-api\n---\n'],
    ['tp.date.now, default format', '<% tp.date.now() %>', '2026-03-02'],
    ['tp.date.now, a format', '<% tp.date.now("YYYY-MM-DD HH:mm:ss") %>', '2026-03-02 09:05:07'],
    ['tp.date.now, single quotes and a semicolon', "<% tp.date.now('DD/MM/YY'); %>", '02/03/26'],
    ['tp.date.now, names and literals', '<% tp.date.now("dddd, MMMM Do YYYY [at] h:mm A") %>', 'Monday, March 2nd 2026 at 9:05 AM'],
    ['tp.date.now, ISO week', '<% tp.date.now("GGGG-[W]WW") %>', '2026-W10'],
    ['tp.date.now, days ahead', '<% tp.date.now("YYYY-MM-DD", 7) %>', '2026-03-09'],
    ['tp.date.now, days back across a month', '<% tp.date.now("YYYY-MM-DD", -2) %>', '2026-02-28'],
    ['tp.date.now, 90 days', '<% tp.date.now("YYYY-MM-DD", 90) %>', '2026-05-31'],
    ['tp.date.now, an ISO duration', '<% tp.date.now("YYYY-MM-DD", "P1M") %>', '2026-04-02'],
    ['tp.date.now, a negative ISO duration', '<% tp.date.now("YYYY-MM-DD", "-P1W") %>', '2026-02-23'],
    ['tp.date.today', '<% tp.date.today %> <% tp.date.today("MM") %>', '2026-03-02 03'],
    ['tp.date.tomorrow and yesterday', '<% tp.date.tomorrow() %> <% tp.date.yesterday("D.M.") %>', '2026-03-03 1.3.'],
    ['tp.file.creation_date, Templater default format', '<% tp.file.creation_date() %>', '2026-03-02 09:05'],
    ['tp.file.last_modified_date', '<% tp.file.last_modified_date("YYYY-MM-DD") %>', '2026-03-02'],
    ['whitespace control: -%> eats one newline', 'a <% tp.date.now() -%>\nb', 'a 2026-03-02b'],
    ['whitespace control: <%_ eats all before', 'a  \n\n<%_ tp.date.now() %>', 'a2026-03-02'],
    ['an empty title: gets the title', '---\ntitle:\ntype: runbook\n---\n', '---\ntitle: "Rollback: Payments API"\ntype: runbook\n---\n'],
    ['a placeholder title: gets the title', '---\ntitle: Untitled\n---\n', '---\ntitle: "Rollback: Payments API"\n---\n'],
    ['a title: that asks for it gets the title', '---\ntitle: <% tp.system.prompt("Title") %>\n---\n', '---\ntitle: "Rollback: Payments API"\n---\n'],
    ['empty or placeholder created/updated get today', '---\ncreated:\nupdated: YYYY-MM-DD\n---\n', '---\ncreated: 2026-03-02\nupdated: 2026-03-02\n---\n'],
    ['a real title is left alone', '---\ntitle: Fixed Name\ncreated: 2025-01-01\n---\n', '---\ntitle: Fixed Name\ncreated: 2025-01-01\n---\n'],
    ['core Templates variables', '# {{title}}\n{{date}} {{time}} {{date:DD.MM.YYYY}}', '# Rollback: Payments API\n2026-03-02 09:05 02.03.2026'],
    ['a date that reads as a number is quoted', '---\nyear: <% tp.date.now("YYYY") %>\n---\n', '---\nyear: "2026"\n---\n'],
    ['ERB is not Templater', '<%= @port %>', '<%= @port %>'],
  ];
  test.each(filled)('%s', (_, template, expected) => {
    const result = fillTemplate(template, context);
    expect(result.text).toBe(expected);
    expect(result.unfilled).toEqual([]);
  });

  test('the file title defaults to the title', () => {
    expect(fillTemplate('<% tp.file.title %>', { title: 'Rollback', now }).text).toBe('Rollback');
  });

  const left: Array<[name: string, template: string, reason: RegExp]> = [
    ['a prompt', '<% tp.system.prompt("Owner") %>', /asks the author/],
    ['JavaScript', '<%* tR += "x" %>', /JavaScript/],
    ['a user script', '<% tp.user.owner() %>', /user script/],
    ['an unknown tp function', '<% tp.date.weekday("YYYY-MM-DD", 0) %>', /tp\.date\.weekday/],
    ['a format token not written', '<% tp.date.now("gggg-[W]ww") %>', /format "gggg-\[W\]ww"/],
    ['a reference date', '<% tp.date.now("YYYY", 1, "2026-01-01", "YYYY") %>', /reference date/],
    ['a reference that is not a literal', '<% tp.date.now("YYYY-MM-DD", 1, tp.file.title) %>', /arguments/],
    ['a fractional offset', '<% tp.date.now("YYYY-MM-DD", 1.5) %>', /offset 1\.5/],
    ['a variable argument', '<% tp.date.now(fmt) %>', /arguments/],
    ['no closing tag', '<% tp.file.title', /no closing/],
  ];
  test.each(left)('%s is left and reported', (_, command, reason) => {
    const result = fillTemplate(`# <% tp.file.title %>\n\nOwner: ${command}\n`, context);
    expect(result.text).toBe(`# Rollback: Payments API\n\nOwner: ${command}\n`);
    expect(result.unfilled).toEqual([{ command, line: 3, column: 8, reason: expect.stringMatching(reason) as unknown as string }]);
  });

  test('positions of what is left are those of the filled text', () => {
    const result = fillTemplate('<% tp.date.now("YYYY") %> and <% tp.file.title %>: <% tp.system.prompt("x") %>', context);
    expect(result.text).toBe('2026 and rollback-payments-api: <% tp.system.prompt("x") %>');
    expect(result.unfilled[0]).toMatchObject({ line: 1, column: 33 });
  });
});
