import { describe, expect, it } from 'vitest';
import { unclosedComment } from '../../src/rules/unclosed-comment.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const unclosed = (at: string, lines: string): string => `${at} Unexpected %% with no closing %%: it hides the rest of the doc (${lines})`;

describe('rule unclosed-comment', () => {
  it.each([
    ['a closed comment', 'a %%b%% c\n\n%%\nblock\n%%\n', []],
    ['a comment closed after blank lines', 'a %%b\n\nc\n\nd%% e\n', []],
    ['a percent sign typed twice', 'Shift 100%% of traffic.\n\n## Verify\n', [unclosed('1:10', 'lines 1–3')]],
    ['an unclosed block comment', 'Intro\n\n%%\ndraft\n\n- more\n', [unclosed('3:1', 'lines 3–6')]],
    ['on the last line', 'Intro\n\nThe end %%\n\n', [unclosed('3:9', 'line 3')]],
    ['in a list item in a quote', '> - item %%note\n> - next\n', [unclosed('1:10', 'lines 1–2')]],
    ['after a block comment that swallowed an inline one', '%%\na %%b%% c\n%%\nafter\n', [unclosed('3:1', 'lines 3–4')]],
    ['CRLF', 'a\r\n\r\nb %%c\r\nd\r\n', [unclosed('3:3', 'lines 3–4')]],
    ['after a byte order mark, in editor columns', '\ufeff%% x\n', [unclosed('1:1', 'line 1')]],
    ['in a code span', 'Use `%%` for a percent sign.\n', []],
    ['in a code block', '```c\nprintf("100%%");\n```\n', []],
    ['in an indented code block', 'Intro\n\n    printf("%%d");\n', []],
    ['escaped', 'Shift 100\\%% of traffic.\n', []],
    ['in HTML', '<div>100%%</div>\n\n<!-- 50%% -->\n', []],
    ['in a wikilink alias: it hides only the rest of the alias', '[[note|steps %%draft]]\n', []],
    ['in frontmatter', '---\ntitle: 100%% done\n---\nbody\n', []],
  ])('%s', async (_, markdown, expected) => {
    expect(brief(await runFileRule(unclosedComment, markdown))).toEqual(expected);
  });

  it('says when comments and code spans tangle past reading, and hides the rest', async () => {
    const reports = await runFileRule(unclosedComment, 'x ` %% ` %% y ` %%\n'.repeat(40));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toMatch(/^Unexpected %% comments tangled with code spans or fences: the rest of the doc is hidden from here \(lines \d+–40\)$/);
  });

  it('spans the opening %% and gives a hint', async () => {
    const [report] = await runFileRule(unclosedComment, 'ab %%c\n');
    expect(report!.span).toEqual({ start: { line: 1, column: 4, offset: 3 }, end: { line: 1, column: 6, offset: 5 } });
    expect(report!.hint).toContain('\\%%');
  });
});
