/**
 * Where each fenced code block of a parsed file opens and closes as its author wrote it: the fence lines, the
 * container it sits in, and whether it runs on past a closing fence that carries an info string (```` ```text ````,
 * which CommonMark reads as content) or to the end of the file. Rule `code-fence` reports those; the mermaid rule
 * points its hint at them.
 *
 * In: "```mermaid\ngraph TD\n```text\n\n## Next\n" → `[{ openLine: 1, runOn: { line: 3, run: '```', info: 'text', … }, toEndOfFile: true, … }]`
 */
import type { Code } from 'mdast';
import type { Parent } from 'unist';
import type { LineIndex } from '../markdown/line-index.ts';
import type { ParsedDoc } from '../markdown/types.ts';

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
