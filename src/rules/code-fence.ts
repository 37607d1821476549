/**
 * Rule `code-fence`: a fenced code block ends where its author meant it to. Two defects swallow the rest of a
 * page into one code block: a closing fence with an info string (```` ```text ````, which CommonMark reads as
 * content, so the block runs on to the next bare fence) and a fence that is never closed.
 *
 * In: "```mermaid\ngraph TD\n```text\n\n## Next\n"
 * Out: `3:1 Unexpected info string `text` on a closing fence, expected a bare ```; this code block (opened at line 1) runs on to the end of the file`
 */
import type { Code } from 'mdast';
import type { Parent } from 'unist';
import type { Edit } from '../diagnostics/diagnostic.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';
import { parseDoc } from '../markdown/parse.ts';
import type { ParsedDoc } from '../markdown/types.ts';
import { defineFileRule } from './rule.ts';

/** A content line that looks like the block's closing fence but carries an info string. */
export interface RunOnFence {
  line: number;
  /** The fence run as written on that line, e.g. "```". */
  run: string;
  info: string;
  /** Offsets in the file text: the fence run's start, the info string's end, the line's end. */
  start: number;
  end: number;
  lineEnd: number;
}

/** Where a fenced code block really starts and ends, as CommonMark reads it. */
export interface FencedBlock {
  node: Code;
  /** The opening fence run, e.g. "```" or "~~~~". */
  fence: string;
  openLine: number;
  /** Line of the bare closing fence; absent when the block is never closed. */
  closeLine?: number;
  /** The last line the block covers: its closing fence, else its last content line. */
  lastLine: number;
  /** Never closed, with nothing but blank lines after it. */
  toEndOfFile: boolean;
  /** The innermost container, which ends an unclosed block before the end of the file. */
  container?: 'list item' | 'quote' | 'callout' | 'footnote';
  /** The first would-be closing fence with an info string; the later ones follow from it. */
  runOn?: RunOnFence;
}

/** What a container takes off the start of each of its lines: a `>` marker, or list-item indentation. */
type Step = { kind: 'quote' } | { kind: 'indent'; width: number };

/** A fence run after at most three spaces of indentation (relative to the container), then the info string. */
const fenceLine = /^ {0,3}(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$/;
const openingRun = /^(?:`{3,}|~{3,})/;

/** How many characters of `line` the containers' prefixes take, outermost container first. */
function prefixLength(line: string, steps: readonly Step[]): number {
  let i = 0;
  for (const step of steps) {
    if (step.kind === 'quote') {
      let j = i;
      while (j < i + 3 && line[j] === ' ') j++;
      if (line[j] !== '>') break;
      i = j + 1;
      if (line[i] === ' ' || line[i] === '\t') i++;
    } else {
      const end = i + step.width;
      while (i < end && (line[i] === ' ' || line[i] === '\t')) i++;
    }
  }
  return i;
}

function containerSteps(ancestors: readonly Parent[], lines: LineIndex): Step[] {
  const steps: Step[] = [];
  for (const ancestor of ancestors) {
    if (ancestor.type === 'blockquote') steps.push({ kind: 'quote' });
    else if (ancestor.type === 'footnoteDefinition') steps.push({ kind: 'indent', width: 4 });
    else if (ancestor.type === 'listItem') {
      // A list item's content column is where its first child starts (CommonMark counts the spaces after the
      // marker into it), measured after the outer containers' prefixes on that line.
      const first = ancestor.children[0]?.position?.start;
      const width = first ? first.column - 1 - prefixLength(lines.lineText(first.line), steps) : 0;
      steps.push({ kind: 'indent', width: Math.max(0, width) });
    }
  }
  return steps;
}

function containerOf(ancestors: readonly Parent[]): FencedBlock['container'] {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const ancestor = ancestors[i]!;
    if (ancestor.type === 'listItem') return 'list item';
    if (ancestor.type === 'footnoteDefinition') return 'footnote';
    if (ancestor.type === 'blockquote') return ancestor.data && 'callout' in ancestor.data ? 'callout' : 'quote';
  }
  return undefined;
}

function fencedBlock(node: Code, ancestors: readonly Parent[], doc: ParsedDoc): FencedBlock | undefined {
  const { text, lines } = doc.source;
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  const fence = openingRun.exec(lines.lineText(start.line).slice(start.column - 1))?.[0];
  if (!fence) return undefined; // indented code: no fences to get wrong

  const steps = containerSteps(ancestors, lines);
  const fenceAt = (line: number) => {
    const lineText = lines.lineText(line);
    const prefix = prefixLength(lineText, steps);
    const match = fenceLine.exec(lineText.slice(prefix));
    const run = match?.[1];
    if (!match || !run || run[0] !== fence[0] || run.length < fence.length) return undefined;
    const lineStart = lines.offset(line, 1);
    const runStart = lineStart + prefix + match[0].indexOf(run);
    const info = match[2] ?? '';
    const infoEnd = info === '' ? runStart + run.length : lineStart + prefix + match[0].lastIndexOf(info) + info.length;
    return { line, run, info, start: runStart, end: infoEnd, lineEnd: lineStart + lineText.length };
  };

  // An unclosed block ends at the start of the line after its last content line (column 1); a closed one
  // ends right after its closing fence.
  const closed = end.line > start.line && end.column > 1 && fenceAt(end.line)?.info === '';
  const lastLine = closed || end.column > 1 || end.line === start.line ? end.line : end.line - 1;
  let runOn: RunOnFence | undefined;
  for (let line = start.line + 1; line <= (closed ? end.line - 1 : lastLine); line++) {
    const candidate = fenceAt(line);
    if (candidate && candidate.info !== '') {
      runOn = candidate;
      break;
    }
  }
  const container = containerOf(ancestors);
  return {
    node,
    fence,
    openLine: start.line,
    ...(closed ? { closeLine: end.line } : {}),
    lastLine,
    toEndOfFile: !closed && text.slice(end.offset).trim() === '',
    ...(container ? { container } : {}),
    ...(runOn ? { runOn } : {}),
  };
}

const fenced = new WeakMap<ParsedDoc, FencedBlock[]>();

/** Every fenced code block of a parsed file, in document order (worked out once per file: two rules ask). */
export function fencedBlocks(doc: ParsedDoc): FencedBlock[] {
  let blocks = fenced.get(doc);
  if (!blocks) {
    blocks = doc.code.flatMap(({ node, ancestors }) => fencedBlock(node, ancestors, doc) ?? []);
    fenced.set(doc, blocks);
  }
  return blocks;
}

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
