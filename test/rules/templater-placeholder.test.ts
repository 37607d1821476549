import { describe, expect, it } from 'vitest';
import { templaterPlaceholder } from '../../src/rules/templater-placeholder.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const unexpected = (at: string, command: string): string => `${at} Unexpected Templater command \`${command}\`, expected its output`;

describe('rule templater-placeholder', () => {
  const cases: Array<[string, string, string[]]> = [
    ['no commands', '---\ntitle: Rollback\ncreated: 2024-03-18\n---\n# Rollback\n', []],
    [
      'date commands in the frontmatter and the body',
      '---\ntitle: Rollback\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\n\n*Last updated: <% tp.file.last_modified_date() %>*\n',
      [unexpected('3:10', '<% tp.date.now("YYYY-MM-DD") %>'), unexpected('6:16', '<% tp.file.last_modified_date() %>')],
    ],
    ['a quoted frontmatter value', '---\nreview: "<% tp.date.now("YYYY-MM-DD", 90) %>"\n---\n', [unexpected('2:10', '<% tp.date.now("YYYY-MM-DD", 90) %>')]],
    ['a command in a code span', 'Created `<% tp.file.creation_date() %>`.\n', [unexpected('1:10', '<% tp.file.creation_date() %>')]],
    ['a command in a list item in a quote', '> - Owner: <%tp.file.folder()%>\n', [unexpected('1:12', '<%tp.file.folder()%>')]],
    ['whitespace-control modifiers', '<%- tp.file.title -%>\n<%_ tp.file.title _%>\n', [unexpected('1:1', '<%- tp.file.title -%>'), unexpected('2:1', '<%_ tp.file.title _%>')]],
    [
      'a script command over several lines is shown by its first line',
      'Intro\n\n<%*\nconst owner = await tp.system.prompt("Owner");\ntR += owner;\n%>\n',
      [unexpected('3:1', '<%* … %>')],
    ],
    [
      'a long command is shortened',
      'See <% tp.file.include("Standard rollback procedure for stateful services") %>.\n',
      [unexpected('1:5', '<% tp.file.include("Standard rollback procedure fo … %>')],
    ],
    [
      'an unterminated command runs to the end of its line',
      'Updated: <% tp.date.now("YYYY-MM-DD")\nNext line\n',
      ['1:10 Unexpected Templater command `<% tp.date.now("YYYY-MM-DD")` without a closing `%>`, expected its output'],
    ],
    ['CRLF line endings', '---\r\ncreated: <% tp.date.now() %>\r\n---\r\n# A\r\n', [unexpected('2:10', '<% tp.date.now() %>')]],
    ['ERB output and comment tags are not Templater', 'Port: <%= @port %> <%# note %> 100<%% done\n', []],
    ['ERB in an erb code block', '```erb\n<% if @tls %>\nssl on;\n<% end %>\n```\n', []],
    ['ERB in a ruby code block is reported', '```ruby\n<% if @tls %>\n```\n', [unexpected('2:1', '<% if @tls %>')]],
  ];

  it.each(cases)('%s', async (_name, markdown, expected) => {
    expect(brief(await runFileRule(templaterPlaceholder, markdown))).toEqual(expected);
  });

  it('skips templates', async () => {
    const markdown = '---\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\n';
    expect(await runFileRule(templaterPlaceholder, markdown, { isTemplate: true })).toEqual([]);
  });

  it('spans a multi-line command to its closing %>', async () => {
    const [report] = await runFileRule(templaterPlaceholder, 'A\n<%* tR +=\n"x" %>\n');
    expect(report?.span).toEqual({ start: { line: 2, column: 1, offset: 2 }, end: { line: 3, column: 7, offset: 18 } });
  });

  it('hints at --fix for date commands only', async () => {
    const [date, other] = await runFileRule(templaterPlaceholder, '<% tp.date.now("DD.MM.YYYY") %> <% tp.file.title %>\n');
    expect(date?.hint).toBe("Run `shipshape check --fix` to replace it with the date from the file's git history (format `DD.MM.YYYY`).");
    expect(other?.hint).toBe('Replace it with the text Templater would have produced; if this file is a template, move it to the templates folder.');
  });

  it('ignores the code languages of its options', async () => {
    const markdown = '```php\n<?php ?><% x %>\n```\n';
    expect(await runFileRule(templaterPlaceholder, markdown, { options: { ignoreCodeLanguages: ['PHP'] } })).toEqual([]);
  });
});
