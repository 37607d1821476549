/**
 * The ```` ```mermaid ```` block: rule `mermaid-syntax` parses every diagram with mermaid's own parser, so a diagram
 * that would show "Syntax error in text" on the site is caught by `check`, at the line of the mistake; the renderer
 * leaves `<pre class="mermaid" data-ss-mermaid="N">source</pre>`, drawn in the browser, or at build time when the
 * site has the diagram (then light and dark SVG, or the error under the source).
 *
 * In: "- Flow:\n  ```mermaid\n  graph TD\n    A --> B\n    B -->\n  ```\n"
 * Out: `5:7 Unexpected end of diagram in mermaid flowchart, expected one of AMP, COLON, PIPE, TESTSTR, …`
 */
import type { Mermaid } from 'mermaid';
import { lineIndex } from '../markdown/line-index.ts';
import type { ParsedDoc } from '../markdown/types.ts';
import { fencedBlocks, type FencedBlock } from './fences.ts';
import { defineFileRule } from '../rules/rule.ts';
import { escapeHtml, type BlockType } from './block-type.ts';

/** A mermaid error at a place in the diagram text as written: 1-based line and column. */
export interface MermaidProblem {
  line: number;
  column: number;
  message: string;
}

let loading: Promise<Mermaid> | undefined;

/** Mermaid is imported on the first file that has a diagram, once: the import alone takes most of a second. */
function loadMermaid(): Promise<Mermaid> {
  loading ??= (async () => {
    // DOMPurify needs a browser window. In Node its default export is a stub without `sanitize` or the hook
    // functions, and mermaid calls them while it parses labels. We only parse and never render, so nothing
    // reaches a DOM and an identity `sanitize` is safe. Mermaid imports the same instance, so patch it first.
    const { default: purify } = await import('dompurify');
    purify.addHook = () => {};
    purify.removeHook = () => undefined;
    purify.removeAllHooks = () => {};
    purify.sanitize = ((dirty: unknown) => String(dirty)) as typeof purify.sanitize;
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({ startOnLoad: false });
    return mermaid;
  })();
  return loading;
}

/** A text and, for each of its characters (and its end), the offset it came from in the original text. */
interface Tracked {
  text: string;
  origin: number[];
}

function removeMatches(tracked: Tracked, pattern: RegExp): Tracked {
  let text = '';
  const origin: number[] = [];
  let last = 0;
  const keep = (end: number) => {
    text += tracked.text.slice(last, end);
    for (let i = last; i < end; i++) origin.push(tracked.origin[i]!);
  };
  for (const match of tracked.text.matchAll(pattern)) {
    keep(match.index);
    last = match.index + match[0].length;
  }
  keep(tracked.text.length);
  origin.push(tracked.origin[tracked.text.length]!);
  return { text, origin };
}

/**
 * The text mermaid's parsers see, with each character's original offset. Mermaid 11 strips front-matter,
 * `%%{init}%%` directives, `%%` comment lines and leading blank lines before parsing (`preprocessDiagram` in
 * src/preprocess.ts), and the flowchart parser drops blank lines after `}` (src/diagrams/flowchart/parser/
 * flowParser.ts), so its line numbers count lines of the rewritten text. These are the same regexes, replayed
 * to map an error back to the line the author wrote.
 */
function rewritten(text: string, flowchart: boolean): Tracked {
  let tracked: Tracked = { text, origin: Array.from({ length: text.length + 1 }, (_, i) => i) };
  tracked = removeMatches(tracked, /\r(?=\n)/g);
  tracked = { text: tracked.text.replace(/\r/g, '\n'), origin: tracked.origin };
  tracked = removeMatches(tracked, /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/gs);
  tracked = removeMatches(tracked, /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi);
  tracked = removeMatches(tracked, /^\s*%%(?!{)[^\n]+\n?/gm);
  tracked = removeMatches(tracked, /^\s+/g);
  if (flowchart) tracked = removeMatches(tracked, /(?<=\})\s*(?=\n)/g);
  return tracked;
}

/** Maps a place in the rewritten text (1-based line, 0-based column) to a 1-based place in the original. */
function originalPlace(text: string, tracked: Tracked, line: number, column: number): { line: number; column: number } {
  const rewrittenLines = lineIndex(tracked.text);
  const clampedLine = Math.max(1, Math.min(line, rewrittenLines.starts.length));
  const lineStart = rewrittenLines.starts[clampedLine - 1]!;
  const lineLength = rewrittenLines.lineText(clampedLine).length;
  let offset = lineStart + Math.max(0, Math.min(column, lineLength));
  // Jison places an error at the end of the token before it; step over the blanks to the next token.
  while (offset < lineStart + lineLength && (tracked.text[offset] === ' ' || tracked.text[offset] === '\t')) offset++;
  const { line: l, column: c } = lineIndex(text).point(tracked.origin[offset] ?? text.length);
  return { line: l, column: c };
}

/** What mermaid throws, in the shapes we read: jison parsers attach `hash`, langium parsers `result`. */
interface JisonHash {
  text?: string;
  token?: string | number;
  expected?: string[];
  loc?: { first_line: number; first_column: number };
}
interface LangiumResult {
  lexerErrors: Array<{ line?: number; column?: number; message: string }>;
  parserErrors: Array<{ message: string; token: { image: string; startLine?: number; startColumn?: number } }>;
}
interface MermaidError extends Error {
  hash?: JisonHash;
  result?: LangiumResult;
  reason?: string;
  mark?: { line: number; column: number };
}

const commonTypes = 'flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, gitGraph, mindmap or timeline';

function kindName(id: string): string {
  if (id.startsWith('flowchart')) return 'flowchart';
  const names: Record<string, string> = {
    sequence: 'sequence diagram',
    class: 'class diagram',
    classDiagram: 'class diagram',
    state: 'state diagram',
    stateDiagram: 'state diagram',
    er: 'ER diagram',
  };
  return names[id] ?? `${id} diagram`;
}

function expectedList(names: readonly string[], kind: string): string {
  if (names.length === 0) return `valid ${kind} syntax`;
  if (names.length === 1) return names[0]!;
  return `one of ${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`;
}

function found(image: string | undefined): string {
  if (image === undefined || image === '') return 'end of diagram';
  if (image.trim() === '') return image.includes('\n') ? 'end of line' : 'space';
  return `\`${image.trim()}\``;
}

function problemFrom(error: unknown, text: string, mermaid: Mermaid): MermaidProblem {
  let id: string | undefined;
  try {
    id = mermaid.detectType(text);
  } catch {
    // Unknown diagram type: reported below from the error itself.
  }
  const kind = id ? kindName(id) : 'diagram';
  const tracked = rewritten(text, id?.startsWith('flowchart') ?? false);
  const at = (line: number, column: number, message: string): MermaidProblem => ({
    ...originalPlace(text, tracked, line, column),
    message,
  });
  const err = (error instanceof Error ? error : new Error(String(error))) as MermaidError;

  if (err.hash?.loc) {
    const { text: image, token, expected = [], loc } = err.hash;
    const names = expected.map((name) => name.replace(/^'|'$/g, ''));
    const what = token === 'EOF' ? 'end of diagram' : found(image);
    return at(loc.first_line, loc.first_column, `Unexpected ${what} in mermaid ${kind}, expected ${expectedList(names, kind)}`);
  }
  if (err.result) {
    const lexer = err.result.lexerErrors[0];
    if (lexer) {
      const character = /->(.+?)<-/.exec(lexer.message)?.[1];
      const what = character === undefined ? 'character' : `character \`${character}\``;
      const message = `Unexpected ${what} in mermaid ${kind}, expected ${expectedList([], kind)}`;
      return at(lexer.line ?? 1, (lexer.column ?? 1) - 1, message);
    }
    const parser = err.result.parserErrors[0];
    if (parser) {
      const single = /Expecting token of type '([^']+)'/.exec(parser.message)?.[1];
      const names = single ? [single] : [...parser.message.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
      const { image, startLine, startColumn } = parser.token;
      const line = startLine === undefined || Number.isNaN(startLine) ? Number.MAX_SAFE_INTEGER : startLine;
      const column = startColumn === undefined || Number.isNaN(startColumn) ? Number.MAX_SAFE_INTEGER : startColumn - 1;
      return at(line, column, `Unexpected ${found(image)} in mermaid ${kind}, expected ${expectedList(names, kind)}`);
    }
  }
  if (err.name === 'UnknownDiagramError') {
    const word = /^\S+/.exec(tracked.text)?.[0];
    const expected = `expected a mermaid diagram type such as ${commonTypes}`;
    if (word === undefined) return { line: 1, column: 1, message: `Unexpected diagram without a type, ${expected}` };
    return at(1, 0, `Unexpected diagram type \`${word}\`, ${expected}`);
  }
  if (err.name === 'YAMLException') {
    // The front-matter's YAML starts on the line after the opening `---`, which is always the first line.
    const { line, column } = err.mark ?? { line: -1, column: 0 };
    const reason = err.reason ?? err.message.split('\n')[0]!;
    const message = `Unexpected YAML in the mermaid front-matter (${reason}), expected valid YAML`;
    return { line: line + 2, column: column + 1, message };
  }
  return at(1, 0, `Unexpected error from the mermaid ${kind} parser: ${err.message.split('\n')[0]!.trim()}`);
}

/** Parses one diagram with mermaid; `undefined` when it is valid. Errors are placed in `text` as written. */
export function mermaidProblem(text: string): Promise<MermaidProblem | undefined> {
  // Vaults repeat diagrams (templates, copied sections); a parse costs milliseconds, a lookup nothing.
  let result = parsed.get(text);
  if (!result) {
    result = parseDiagram(text);
    parsed.set(text, result);
  }
  return result;
}

const parsed = new Map<string, Promise<MermaidProblem | undefined>>();

async function parseDiagram(text: string): Promise<MermaidProblem | undefined> {
  const mermaid = await loadMermaid();
  try {
    await parseWithMermaid(mermaid, text);
    return undefined;
  } catch (error) {
    return problemFrom(error, text, mermaid);
  }
}

interface DiagramParser {
  db: { clear?: () => void };
  parser: { parse(text: string): unknown; parser?: { yy: unknown } };
}

/** One parser and db per diagram type, reused: see `parseWithMermaid`. */
const parsers = new Map<string, DiagramParser>();

/** Text that `mermaid.parse` would rewrite before parsing: front-matter, directives, comments, CR, tags, entities. */
const needsPreprocessing = /^\s*---|%%|\r|<\w|#/;

/**
 * `mermaid.parse` builds a new diagram for every call and re-merges mermaid's whole configuration on the way,
 * which is most of its time. For plain diagram text we keep one diagram per type and run its parser the way
 * mermaid's `Diagram.fromText` does (db cleared and attached, text with a final newline); text that mermaid would
 * preprocess takes the long way. Either way no state survives from one block to the next.
 */
async function parseWithMermaid(mermaid: Mermaid, text: string): Promise<void> {
  if (needsPreprocessing.test(text)) {
    await mermaid.parse(text);
    return;
  }
  const type = mermaid.detectType(text);
  const cached = parsers.get(type);
  if (!cached) {
    parsers.set(type, (await mermaid.mermaidAPI.getDiagramFromText(text)) as unknown as DiagramParser);
    return;
  }
  cached.db.clear?.();
  if (cached.parser.parser) cached.parser.parser.yy = cached.db;
  await cached.parser.parse(`${text}\n`);
}

/** The file offset of a place in a block's value: value line `n` is file line `openLine + n`. */
function fileOffset(doc: ParsedDoc, block: FencedBlock, line: number, column: number): number {
  const { lines } = doc.source;
  const valueLines = block.node.value.split(/\r\n|\r|\n/);
  const valueLine = Math.max(1, Math.min(line, valueLines.length));
  const value = valueLines[valueLine - 1]!;
  const fileLine = block.openLine + valueLine;
  const text = lines.lineText(fileLine);
  // The value is the line without its container prefix (`> `, list indentation): whatever precedes it.
  const indent = text.endsWith(value) ? text.length - value.length : block.node.position!.start.column - 1;
  return lines.offset(fileLine, indent + Math.max(1, Math.min(column, value.length + 1)));
}

export const mermaidSyntax = defineFileRule({
  id: 'mermaid-syntax',
  description: 'Mermaid diagrams parse with mermaid’s own parser.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'Each ```` ```mermaid ```` block is parsed by the mermaid package itself (the same parser that renders it on',
    'the site), without rendering. A syntax error is reported at the line and column mermaid names, mapped back',
    'through front-matter, `%%{init}%%` directives and `%%` comments, which mermaid strips before parsing. An',
    'unknown diagram type and an empty block are reported too.',
    '',
    'When a block\'s closing fence carries an info string (```` ```text ````), the Markdown after it becomes part of',
    'the diagram and mermaid fails on it; the hint then points at that fence (see `code-fence`).',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'A rollout flowchart',
        markdown: '```mermaid\nflowchart LR\n  Build --> Canary --> Prod\n  Canary -- errors --> Rollback\n```\n',
      },
      { title: 'A pie chart', markdown: '```mermaid\npie title Incidents by cause\n  "Config" : 7\n  "Capacity" : 3\n```\n' },
    ],
    notOk: [
      {
        title: 'A dangling arrow',
        markdown: '```mermaid\ngraph TD\n  Deploy --> Verify\n  Verify -->\n```\n',
        expect: ['4:10 Unexpected end of diagram in mermaid flowchart'],
      },
      {
        title: 'An unknown diagram type',
        markdown: '```mermaid\norgChart\n  CTO --> SRE\n```\n',
        expect: ['2:1 Unexpected diagram type `orgChart`'],
      },
      { title: 'An empty block', markdown: '```mermaid\n```\n', expect: ['1:1 Unexpected empty mermaid block'] },
    ],
  },
  async check(doc, context) {
    const { lines } = doc.source;
    const blocks = fencedBlocks(doc).filter((block) => block.node.lang?.toLowerCase() === 'mermaid');
    for (const block of blocks) {
      if (block.node.value.trim() === '') {
        const open = block.node.position!.start.offset!;
        context.report({
          message: 'Unexpected empty mermaid block, expected a diagram',
          span: lines.span(open, open + lines.lineText(block.openLine).length - (block.node.position!.start.column - 1)),
          hint: 'Add the diagram, or remove the block.',
        });
        continue;
      }
      const problem = await mermaidProblem(block.node.value);
      if (!problem) continue;
      const start = fileOffset(doc, block, problem.line, problem.column);
      const point = lines.point(start);
      const lineEnd = lines.offset(point.line, lines.lineText(point.line).length + 1);
      const { runOn } = block;
      context.report({
        message: problem.message,
        span: lines.span(start, Math.max(start, lineEnd)),
        hint:
          runOn && point.line >= runOn.line
            ? `Line ${runOn.line} (${runOn.run}${runOn.info}) does not close this block, because a closing fence takes ` +
              'no info string, so the Markdown after it is read as mermaid. Fix that fence first (code-fence).'
            : block.toEndOfFile
              ? 'This block is never closed, so the rest of the file is read as mermaid. Close it first (code-fence).'
              : 'Paste the diagram into https://mermaid.live to see the error in context.',
      });
    }
  },
});

/** A diagram drawn at build time: inline SVG for the light and the dark theme, or the error that kept it from being drawn. */
export interface DiagramHtml {
  light?: string;
  dark?: string;
  error?: string;
}

declare module './block-type.ts' {
  interface BlockSite {
    /** Diagram N of a doc, when it was drawn at build time; absent → drawn in the browser. */
    diagram?: (path: string, index: number) => DiagramHtml | undefined;
  }
}

export const mermaidBlocks: BlockType = {
  name: 'mermaid',
  matches: (lang) => lang === 'mermaid',
  rule: mermaidSyntax,
  placeholder: (node, index) => ({
    type: 'element',
    tagName: 'pre',
    properties: { className: ['mermaid'], dataSsMermaid: index },
    children: [{ type: 'text', value: node.value }],
  }),
  fill(index, source, facts, site) {
    const drawn = site.diagram?.(facts.path, index);
    if (!drawn) return undefined;
    if (drawn.error !== undefined) {
      return `<figure class="diagram diagram-error"><pre>${source}</pre><figcaption>Diagram error:<pre>${escapeHtml(drawn.error)}</pre></figcaption></figure>`;
    }
    return `<figure class="diagram"><div class="diagram-light">${drawn.light}</div><div class="diagram-dark">${drawn.dark}</div></figure>`;
  },
};
