/**
 * Rule `unclosed-comment`: a `%%` that opens an Obsidian comment and is never closed hides everything after it, in
 * Obsidian and on the site — often a typo for a percent sign (`100%%`) or a closing `%%` lost in an edit.
 *
 * In: "Shift 100%% of traffic.\n\n## Verify\n"
 * Out: `1:10 Unexpected %% with no closing %%: it hides the rest of the doc (lines 1–3)`
 */
import type { Point } from '../diagnostics/diagnostic.ts';
import type { ObsidianComment } from '../markdown/remark-obsidian.ts';
import { walk } from '../markdown/walk.ts';
import { defineFileRule } from './rule.ts';

export const unclosedComment = defineFileRule({
  id: 'unclosed-comment',
  description: 'Every `%%` that opens a comment has a closing `%%`.',
  defaultSeverity: 'warn',
  defaultOptions: {},
  docs: [
    'Obsidian hides the text between `%%` and the next `%%` — across lines and blank lines — and when no `%%`',
    'follows, everything to the end of the doc. The site does the same, so a stray `%%` silently unpublishes the',
    'rest of the page. The rule reports the opening `%%` and the lines it hides. A `%%` in code, in a code span, in',
    'HTML or escaped as `\\%%` opens no comment and is not reported.',
    '',
    'It also reports the rare doc whose comments and code spans pair across each other so often that their reading',
    'cannot be settled (a backtick in each comment, again and again): the site then hides the rest of the doc from',
    'the first such `%%` rather than guess.',
  ].join('\n'),
  examples: {
    ok: [
      { title: 'A comment closed on the same line', markdown: 'Restart the service. %% TODO: add the health check %%\n' },
      { title: 'A comment across blank lines', markdown: 'Roll back first.\n\n%%\nDraft:\n\nask the on-call lead\n%%\n\n## Verify\n' },
      { title: 'Percent signs in code and escaped', markdown: 'Format with `printf("%%d")`, or write 100\\%% in prose.\n' },
    ],
    notOk: [
      {
        title: 'A percent sign typed twice',
        markdown: 'Shift 100%% of traffic.\n\n## Verify\n\nCheck the error rate.\n',
        expect: ['1:10 Unexpected %% with no closing %%: it hides the rest of the doc (lines 1–5)'],
      },
      {
        title: 'A closing %% lost in an edit',
        markdown: '## Steps\n\n1. Drain the node. %% ask first\n2. Upgrade it.\n',
        expect: ['3:20 Unexpected %% with no closing %%: it hides the rest of the doc (lines 3–4)'],
      },
    ],
  },
  check(doc, context) {
    const { text, lines } = doc.source;
    walk(doc.tree, (node) => {
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return 'skip';
      if (node.type !== 'obsidianComment' || !node.position) return undefined;
      const comment = node as ObsidianComment;
      if (!comment.unclosed && !comment.unsettled) return undefined;
      const start: Point = { ...node.position.start, offset: node.position.start.offset ?? 0 };
      const lastLine = Math.max(start.line, lines.point(text.trimEnd().length).line);
      const hidden = lastLine === start.line ? `line ${start.line}` : `lines ${start.line}–${lastLine}`;
      const end: Point = { line: start.line, column: start.column + 2, offset: start.offset + 2 };
      context.report(
        comment.unclosed
          ? {
              message: `Unexpected %% with no closing %%: it hides the rest of the doc (${hidden})`,
              span: { start, end },
              hint: 'Close the comment with %% where it should end; for a percent sign, write % (or \\%% for two).',
            }
          : {
              message: `Unexpected %% comments tangled with code spans or fences: the rest of the doc is hidden from here (${hidden})`,
              span: { start, end },
              hint: 'Close each comment before a code span or fence opens, and escape literal percent signs as \\%%.',
            },
      );
      return undefined;
    });
  },
});
