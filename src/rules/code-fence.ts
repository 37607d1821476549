/**
 * Rule `code-fence`: a fenced code block ends where its author meant it to. Two defects swallow the rest of a
 * page into one code block: a closing fence with an info string (```` ```text ````, which CommonMark reads as
 * content, so the block runs on to the next bare fence) and a fence that is never closed.
 *
 * In: "```mermaid\ngraph TD\n```text\n\n## Next\n"
 * Out: `3:1 Unexpected info string `text` on a closing fence, expected a bare ```; this code block (opened at line 1) runs on to the end of the file`
 */
import { fencedBlocks, type FencedBlock } from '../blocks/fences.ts';
import type { Edit } from '../diagnostics/diagnostic.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { parseDoc } from '../markdown/parse.ts';
import type { ParsedDoc } from '../markdown/types.ts';
import { defineFileRule } from './rule.ts';

/** Blocks that swallow more than their author meant. */
const runaways = (blocks: readonly FencedBlock[]): number => blocks.filter((b) => b.runOn || b.toEndOfFile).length;

/**
 * Removing the info string is safe only if the block then closes on that line and the page gets better: the
 * freed bare fence further down could otherwise open a new block that swallows the rest. Re-parsing is the
 * only honest way to know, and run-on fences are rare enough to afford it.
 */
function safeToFix(doc: ParsedDoc, block: FencedBlock, edit: Edit): boolean {
  const { source } = doc;
  const text = source.text.slice(0, edit.start) + edit.text + source.text.slice(edit.end);
  const fixed = parseDoc({ ...source, text, bytes: new TextEncoder().encode(text), lines: lineIndex(text) });
  const fixedBlocks = fencedBlocks(fixed);
  const same = fixedBlocks.find((b) => b.node.position?.start.offset === block.node.position?.start.offset);
  return same?.closeLine === block.runOn?.line && runaways(fixedBlocks) < runaways(fencedBlocks(doc));
}

/** Languages whose authors may be showing a fence inside a block, where the fix would be wrong. */
const nestingLanguages = new Set(['markdown', 'md']);

function whereItEnds(block: FencedBlock): string {
  if (block.closeLine !== undefined) return `line ${block.closeLine}`;
  if (block.toEndOfFile) return 'the end of the file';
  return `line ${block.lastLine}, where its ${block.container ?? 'container'} ends`;
}

export const codeFence = defineFileRule({
  id: 'code-fence',
  description: 'Fenced code blocks close with a bare fence and do not run on to the end of the file.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'A closing code fence takes no info string. A line like ```` ```text ```` inside a block is *content* to',
    'CommonMark (and Obsidian), so the block does not end there: it runs on to the next bare fence and swallows',
    'the headings, lists and links in between, or runs to the end of the file. The rule reports the first such',
    'line of each block and says where the block really ends. Removing the info string is offered as a fix when',
    'the block then closes there and no other block starts running on instead.',
    '',
    'A fence that is never closed turns everything after it into code; it is reported at the opening fence.',
    'A block that is ended by the end of its list item or quote is closed by CommonMark and is not reported.',
  ].join('\n'),
  examples: {
    ok: [
      { title: 'A block closed by a bare fence', markdown: '```bash\nkubectl rollout undo deploy/api\n```\n\n## Verify\n' },
      {
        title: 'A longer outer fence shows a fence inside',
        markdown: '````markdown\n```bash\nsystemctl restart nginx\n```\n````\n',
      },
      { title: 'A block in a list item', markdown: '1. Roll back:\n   ```bash\n   helm rollback api 41\n   ```\n2. Verify\n' },
    ],
    notOk: [
      {
        title: 'A diagram closed with ```text swallows the next section',
        markdown: '```mermaid\ngraph TD\n  A[Deploy] --> B[Verify]\n```text\n\n## Rollback\n\n```bash\nhelm rollback api\n```\n',
        expect: ['4:1 Unexpected info string `text` on a closing fence, expected a bare ```; this code block (opened at line 1) runs on to line 10'],
      },
      {
        title: 'A block that is never closed',
        markdown: '## Restart\n\n```bash\nsystemctl restart nginx\n\n## Verify\n',
        expect: ['3:1 Unexpected unclosed code block, expected a closing ```; it runs to the end of the file (line 6)'],
      },
    ],
  },
  check(doc, context) {
    const { lines } = doc.source;
    for (const block of fencedBlocks(doc)) {
      const { runOn } = block;
      if (runOn) {
        const edit: Edit = { start: runOn.start, end: runOn.lineEnd, text: runOn.run };
        const nesting = nestingLanguages.has((block.node.lang ?? '').toLowerCase());
        const fix = !nesting && safeToFix(doc, block, edit);
        context.report({
          message:
            `Unexpected info string \`${runOn.info}\` on a closing fence, expected a bare ${runOn.run}; ` +
            `this code block (opened at line ${block.openLine}) runs on to ${whereItEnds(block)}`,
          span: lines.span(runOn.start, runOn.end),
          hint: nesting
            ? `To show a fence inside a code block, open the outer block with a longer fence (${block.fence}${block.fence[0]}).`
            : `A closing fence takes no info string: remove \`${runOn.info}\` so the block ends here. ` +
              `If it was meant to open a new \`${runOn.info}\` block, close the block above it first.`,
          ...(fix ? { fix: { description: `Remove the info string \`${runOn.info}\` from the closing fence`, edits: [edit] } } : {}),
        });
      } else if (block.toEndOfFile) {
        const open = block.node.position!.start.offset!;
        context.report({
          message:
            `Unexpected unclosed code block, expected a closing ${block.fence}; ` +
            `it runs to the end of the file (line ${block.lastLine})`,
          span: lines.span(open, open + lines.lineText(block.openLine).length - (block.node.position!.start.column - 1)),
          hint: `Add a line with ${block.fence} where the code should end.`,
        });
      }
    }
  },
});
