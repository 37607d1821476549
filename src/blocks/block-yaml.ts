/**
 * What the readers of YAML in fenced code blocks share: parsing a block's YAML documents with every problem
 * reported at its place in the file, and, for blocks that hold one model (dashboards, checklists), its one document
 * with a way to place a JSON pointer into it.
 *
 * In: `parseYamlBlock('a: 1\na: 2\n', at, report)` → `[]`, reporting `Unexpected duplicate key "a", expected each key once`
 */
import type { Code } from 'mdast';
import { isPair, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import type { Report, Span } from '../diagnostics/diagnostic.ts';
import { locateYamlNode, type NodePart } from '../schemas/yaml-position.ts';
import { fenceLineSpan, valueToFile } from '../markdown/block-offsets.ts';
import type { LineIndex } from '../markdown/line-index.ts';

/** YAML aliases a block may expand, as for frontmatter (the `yaml` package's default). */
const maxAliasCount = 100;

export interface ParsedBlock {
  /** The block as YAML nodes, for positions (JSON is YAML 1.2, so this works for JSON blocks too). */
  document: Document;
  data: unknown;
}

export function parseYamlBlock(value: string, at: (start: number, end: number) => Span, report: (report: Report) => void): ParsedBlock[] {
  const blocks: ParsedBlock[] = [];
  // A block may hold several documents (`---`), as Kubernetes manifests do.
  for (const document of parseAllDocuments(value, { uniqueKeys: true, prettyErrors: false })) {
    const syntax = document.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
    // After the first syntax error the parser's recovery yields a cascade of follow-on errors: report the cause only.
    const [first] = syntax;
    if (first) {
      const more = syntax.length > 1 ? ` (and ${syntax.length - 1} more errors after it)` : '';
      report({ message: `Invalid YAML: ${first.message.split('\n')[0]!}${more}`, span: at(first.pos[0], first.pos[1]) });
      return blocks;
    }
    if (reportDuplicateKeys(document, at, report) || syntax.length > 0) continue;
    try {
      blocks.push({ document, data: document.toJS({ maxAliasCount }) });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      const start = document.contents?.range?.[0] ?? 0;
      report({
        message: `Unexpected YAML alias expansion beyond ${maxAliasCount} aliases, expected a small document (alias bomb)`,
        span: at(start, start + 1),
      });
    }
  }
  return blocks;
}

/** Reports each duplicate key at the repeated key; true when there was one. */
export function reportDuplicateKeys(document: Document, at: (start: number, end: number) => Span, report: (report: Report) => void): boolean {
  const duplicates = document.errors.filter((error) => error.code === 'DUPLICATE_KEY');
  if (duplicates.length === 0) return false;
  const keys = new Map<number, string>();
  visit(document, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.range) keys.set(pair.key.range[0], String(pair.key.value));
    },
  });
  for (const error of duplicates) {
    const key = keys.get(error.pos[0]);
    const name = key === undefined ? 'key' : `key ${JSON.stringify(key)}`;
    report({ message: `Unexpected duplicate ${name}, expected each key once`, span: at(error.pos[0], error.pos[1]) });
  }
  return true;
}

export interface ModelBlock {
  /** The opening fence line. */
  fence: Span;
  /** False when the block did not parse into one document (the problem is reported); `data` is then undefined. */
  parsed: boolean;
  data: unknown;
  /** Where a JSON pointer into the data is written; the fence line when it is not there. */
  place(pointer: string, part?: NodePart): Span;
}

/** A block that holds one YAML document (`what` names it in the report of a second one). */
export function readModelBlock(node: Code, lines: LineIndex, what: string, report: (report: Report) => void): ModelBlock {
  const fence = fenceLineSpan(node, lines);
  const toFile = valueToFile(node.value, node.position!.start.line, lines);
  const at = (start: number, end: number): Span => lines.span(toFile(start), toFile(Math.max(end, start + 1)));
  let syntax = false;
  const [first, second] = parseYamlBlock(node.value, at, (problem) => {
    syntax = true;
    report(problem);
  });
  const place = (pointer: string, part: NodePart = 'value'): Span => {
    const range = first && pointer !== '' ? locateYamlNode(first.document, pointer, part) : undefined;
    return range && range.depth > 0 ? at(range.start, range.end) : fence;
  };
  if (syntax) return { fence, parsed: false, data: undefined, place };
  if (second) {
    const start = second.document.contents?.range?.[0] ?? 0;
    report({ message: `Unexpected second YAML document, expected one ${what} per block`, span: at(start, start + 1) });
    return { fence, parsed: false, data: undefined, place };
  }
  return { fence, parsed: true, data: first?.data, place };
}
