/**
 * Loads the vault's run data: every file under `runs/` (runs) and `incidents/` (incidents) at the vault root, as
 * JSON (one object or an array), YAML (one mapping or a sequence) or NDJSON (one object per line). Records are not
 * validated here (`run-schema` does that); each keeps where it came from, and its text's place in the file, so a
 * schema error can point at the key or value it is about. An NDJSON line is only JSON-parsed: it is parsed again as
 * YAML, for positions, when a report first asks for a span in it (most lines never are). A file that does not parse
 * is one problem; a bad NDJSON line is one problem and the other lines still load. `streamRecords`
 * (`stream-records.ts`) reads the same formats from disk with the same parsers, for metrics.
 *
 * In: `runs/deploys.ndjson` = `{"id":"r1",…}\n{oops\n{"id":"r2",…}`
 * Out: `{ records: [{ kind: 'run', data: {id: 'r1',…}, origin: {file, line: 1, column: 1} }, {… line: 3 …}], problems: [{ line: 2, message: … }] }`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNode, isSeq, parseDocument, type Node } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';
import { locateYamlNode, type NodePart } from '../schemas/yaml-position.ts';
import type { RecordOrigin } from './types.ts';

export type RecordKind = 'run' | 'incident';

/** The vault folder each kind of record lives in. */
export const recordFolders: Readonly<Record<RecordKind, string>> = { run: 'runs', incident: 'incidents' };

const formats = { json: /\.json$/i, yaml: /\.ya?ml$/i, ndjson: /\.(?:ndjson|jsonl)$/i } as const;

export interface RunFile {
  /** Vault-relative path, forward slashes. */
  path: string;
  bytes: Uint8Array;
}

export interface LoadedRecord {
  kind: RecordKind;
  /** The record as parsed: unvalidated. */
  data: unknown;
  origin: RecordOrigin;
  /**
   * The YAML node of the record (null: none), for positions inside the record; undefined for an NDJSON line until
   * `recordSpan` parses the line.
   */
  node?: Node | null;
  /** The offset of the record's text (the node's offsets are relative to it) in the file. */
  nodeOffset: number;
  /** Positions in the record's file. */
  lines: LineIndex;
}

export interface LoadProblem extends RecordOrigin {
  message: string;
}

export interface LoadedRuns {
  records: LoadedRecord[];
  problems: LoadProblem[];
}

/** The kind of record a vault path holds, or undefined for a file outside `runs/` and `incidents/` or of another format. */
export function recordKindOf(path: string): RecordKind | undefined {
  if (!Object.values(formats).some((format) => format.test(path))) return undefined;
  if (path.startsWith(`${recordFolders.run}/`)) return 'run';
  if (path.startsWith(`${recordFolders.incident}/`)) return 'incident';
  return undefined;
}

/** Reads the run and incident files among the scan's attachments; an unreadable file is a problem, not a throw. */
export function readRunFiles(contentDir: string, attachments: readonly string[]): { files: RunFile[]; problems: LoadProblem[] } {
  const files: RunFile[] = [];
  const problems: LoadProblem[] = [];
  for (const path of attachments) {
    if (recordKindOf(path) === undefined) continue;
    try {
      files.push({ path, bytes: readFileSync(join(contentDir, path)) });
    } catch (error) {
      problems.push({ file: path, line: 1, column: 1, message: `Unreadable file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    }
  }
  return { files, problems };
}

/** Parses run files into records, in file order, then record order. */
export function parseRunFiles(files: readonly RunFile[]): LoadedRuns {
  const out: LoadedRuns = { records: [], problems: [] };
  const decoder = new TextDecoder('utf-8');
  for (const file of files) {
    const kind = recordKindOf(file.path);
    if (kind === undefined) continue;
    // A BOM is not part of the data; the offsets below stay those of the decoded text.
    const text = decoder.decode(file.bytes);
    if (formats.ndjson.test(file.path)) parseNdjson(file.path, kind, text, out);
    else parseDocumentFile(file.path, kind, text, formats.json.test(file.path), out);
  }
  return out;
}

/** Reads and parses in one go (tests, tools); the check reads first to hash the bytes. */
export function loadRuns(contentDir: string, attachments: readonly string[]): LoadedRuns {
  const { files, problems } = readRunFiles(contentDir, attachments);
  const loaded = parseRunFiles(files);
  return { records: loaded.records, problems: [...problems, ...loaded.problems] };
}

function parseDocumentFile(file: string, kind: RecordKind, text: string, json: boolean, out: LoadedRuns): void {
  const parsed = parseDocumentText(file, text, json);
  if ('message' in parsed) {
    out.problems.push(parsed);
    return;
  }
  for (const record of parsed.records) out.records.push({ kind, ...record, nodeOffset: 0, lines: parsed.lines });
}

/**
 * The records of a JSON or YAML file's text (one, or a sequence's items), each with the YAML node it was read from;
 * or the problem that it does not parse.
 */
export function parseDocumentText(
  file: string,
  text: string,
  json: boolean,
): { records: { data: unknown; origin: RecordOrigin; node: Node }[]; lines: LineIndex } | LoadProblem {
  const lines = lineIndex(text);
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const at = lines.point(error.pos[0]);
    return { file, line: at.line, column: at.column, message: `Unparsable ${json ? 'JSON' : 'YAML'}: ${firstLine(error.message)}` };
  }
  if (json) {
    // YAML accepts more than JSON (comments, bare words): a .json file must be JSON.
    try {
      JSON.parse(text);
    } catch (error) {
      return { file, line: 1, column: 1, message: `Unparsable JSON: ${(error as Error).message}` };
    }
  }
  const records: { data: unknown; origin: RecordOrigin; node: Node }[] = [];
  const root = document.contents;
  if (root === null) return { records, lines };
  // A scalar where records were expected is still a record: `run-schema` reports that it is not a mapping.
  const items: unknown[] = isSeq(root) ? root.items : [root];
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  const values = isSeq(root) && Array.isArray(data) ? data : [data];
  items.forEach((node, i) => {
    if (!isNode(node)) return;
    const at = lines.point(node.range?.[0] ?? 0);
    records.push({ data: values[i], origin: { file, line: at.line, column: at.column }, node });
  });
  return { records, lines };
}

function parseNdjson(file: string, kind: RecordKind, text: string, out: LoadedRuns): void {
  const lines = lineIndex(text);
  for (let i = 0; i < lines.starts.length; i++) {
    const parsed = parseNdjsonLine(file, i + 1, lines.lineText(i + 1));
    if (parsed === undefined) continue;
    if ('message' in parsed) out.problems.push(parsed);
    // No `node` yet: `recordSpan` parses the line when a report needs a position in it.
    else out.records.push({ kind, data: parsed.data, origin: parsed.origin, nodeOffset: lines.starts[i]!, lines });
  }
}

/** One NDJSON line (1-based `line`, without its line ending): its value, nothing for a blank line, or the problem. */
export function parseNdjsonLine(file: string, line: number, text: string): { data: unknown; origin: RecordOrigin } | LoadProblem | undefined {
  const column = text.length - text.trimStart().length + 1;
  if (column > text.length) return undefined;
  try {
    return { data: JSON.parse(text), origin: { file, line, column } };
  } catch (error) {
    return { file, line, column: 1, message: `Unparsable JSON line: ${(error as Error).message}` };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * The span of a value in a record (a JSON pointer into it), for reports: the key or value the pointer names, else
 * the whole record. In: pointer `/status` of NDJSON line 3 → the span of `"done"` on line 3.
 */
export function recordSpan(record: LoadedRecord, pointer = '', part: NodePart = 'value'): Span {
  // JSON is YAML: the NDJSON line parsed as YAML gives every value's position in it. Kept for the next report.
  record.node ??= parseDocument(record.lines.lineText(record.origin.line)).contents;
  const range = record.node ? locateYamlNode(record.node, pointer, part) : undefined;
  if (!range) {
    const at = record.lines.offset(record.origin.line, record.origin.column);
    return record.lines.span(at, at);
  }
  return record.lines.span(record.nodeOffset + range.start, record.nodeOffset + range.end);
}

/** The span of a load problem: its point. */
export function problemSpan(problem: LoadProblem): Span {
  const at = { line: problem.line, column: problem.column, offset: 0 };
  return { start: at, end: at };
}

/** `runs/a.ndjson:3`, for hints that name where a record is. */
export function originText(origin: RecordOrigin): string {
  return `${origin.file}:${origin.line}`;
}
