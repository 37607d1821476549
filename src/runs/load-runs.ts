/**
 * Reads the vault's run data: every file under `runs/` (runs) and `incidents/` (incidents) at the vault root, as
 * JSON (one object or an array), YAML (one mapping or a sequence) or NDJSON (one object per line). One reader, two
 * faces: in memory with positions (`parseRunFiles`, for the check and the site: each record keeps its text's place
 * in the file, so a schema error can point at the key or value it is about) and streaming from disk (`readRecordFile`,
 * for metrics: NDJSON line by line, a byte range of it on a worker thread). Both parse a line with
 * `parseNdjsonLine` and a JSON or YAML file with `parseDocumentText`. Records are not validated here (`run-schema`
 * does that; `usable-records.ts` says which are usable). An NDJSON line is only JSON-parsed: it is parsed again as
 * YAML, for positions, when a report first asks for a span in it (most lines never are). A file that does not parse
 * is one problem; a bad NDJSON line is one problem and the other lines still load.
 *
 * In: `runs/deploys.ndjson` = `{"id":"r1",…}\n{oops\n{"id":"r2",…}`
 * Out: `{ records: [{ kind: 'run', data: {id: 'r1',…}, origin: {file, line: 1, column: 1} }, {… line: 3 …}], problems: [{ line: 2, message: … }] }`
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isNode, isSeq, parseDocument, type Node } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';
import { locateYamlNode, type NodePart } from '../schemas/yaml-position.ts';
import { readLines, type ByteRange } from './read-lines.ts';
import type { ReadRecord, RecordKind, RecordOrigin } from './types.ts';
import { isRecordObject, recordProblem, type RecordObject } from './usable-records.ts';

export type { ReadRecord, RecordKind };

/** The vault folder each kind of record lives in. */
export const recordFolders: Readonly<Record<RecordKind, string>> = { run: 'runs', incident: 'incidents' };

const formats = { json: /\.json$/i, yaml: /\.ya?ml$/i, ndjson: /\.(?:ndjson|jsonl)$/i } as const;

export interface RunFile {
  /** Vault-relative path, forward slashes. */
  path: string;
  bytes: Uint8Array;
}

/** A record read in memory, with what it takes to place a report in it. */
export interface LoadedRecord extends ReadRecord {
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

/** Vault-relative path and size of a record file: `runs/2026.ndjson`. */
export interface RecordFile {
  path: string;
  size: number;
}

/** Whether a vault path is NDJSON (read line by line), not JSON or YAML (read whole). */
export function isNdjson(path: string): boolean {
  return formats.ndjson.test(path);
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
      problems.push(unreadable(path, error));
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
    if (isNdjson(file.path)) parseNdjson(file.path, kind, text, out);
    else parseDocumentFile(file.path, kind, text, formats.json.test(file.path), out);
  }
  return out;
}

function unreadable(file: string, error: unknown): LoadProblem {
  return { file, line: 1, column: 1, message: `Unreadable file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
}

/** Reads and parses in one go (tests, tools); the check reads first to hash the bytes. */
export function loadRuns(contentDir: string, attachments: readonly string[]): LoadedRuns {
  const { files, problems } = readRunFiles(contentDir, attachments);
  const loaded = parseRunFiles(files);
  return { records: loaded.records, problems: [...problems, ...loaded.problems] };
}

/** The record files of `kind` in the vault, recursively, in path order; none when the folder does not exist. */
export async function recordFiles(contentDir: string, kind: RecordKind): Promise<RecordFile[]> {
  let entries;
  try {
    entries = await readdir(join(contentDir, recordFolders[kind]), { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: RecordFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(contentDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (recordKindOf(path) !== kind) continue;
    files.push({ path, size: (await stat(join(contentDir, path))).size });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where the streaming face hands what it reads: object records, and problems (a record that is not an object is one). */
export interface RecordSink {
  record: (record: ReadRecord<RecordObject>) => void;
  problem: (problem: LoadProblem) => void;
}

/**
 * The streaming face: reads the vault file `file` from disk, NDJSON line by line (only `range` of it, when given;
 * lines then count from the range's start), JSON and YAML whole with the in-memory face. Returns the lines read
 * (NDJSON; 0 otherwise).
 *
 * In: `readRecordFile('content', 'runs/2026.ndjson', sink)` over `{"id":"r1"}`, `not json`, `[1]`
 * Out: `sink.record({ kind: 'run', data: { id: 'r1' }, origin: { file: 'runs/2026.ndjson', line: 1, column: 1 } })`;
 *      `sink.problem` at lines 2 (unparsable) and 3 (not an object); returns 3
 */
export async function readRecordFile(contentDir: string, file: string, sink: RecordSink, range?: ByteRange): Promise<number> {
  const kind = recordKindOf(file);
  if (kind === undefined) return 0;
  const take = (data: unknown, origin: RecordOrigin) => {
    if (isRecordObject(data)) sink.record({ kind, data, origin });
    else sink.problem({ ...origin, message: recordProblem(kind, data)! });
  };
  const path = join(contentDir, file);
  if (isNdjson(file)) {
    let line = 0;
    for await (const text of readLines(path, range)) {
      const parsed = parseNdjsonLine(file, ++line, text);
      if (parsed === undefined) continue;
      if ('message' in parsed) sink.problem(parsed);
      else take(parsed.data, parsed.origin);
    }
    return line;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    sink.problem(unreadable(file, error));
    return 0;
  }
  const loaded = parseRunFiles([{ path: file, bytes }]);
  loaded.problems.forEach(sink.problem);
  for (const record of loaded.records) take(record.data, record.origin);
  return 0;
}

/** `readRecordFile` over `files`, one after the other. */
export async function readRecordFiles(contentDir: string, files: readonly string[], sink: RecordSink): Promise<void> {
  for (const file of files) await readRecordFile(contentDir, file, sink);
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
function parseDocumentText(
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
function parseNdjsonLine(file: string, line: number, text: string): { data: unknown; origin: RecordOrigin } | LoadProblem | undefined {
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
