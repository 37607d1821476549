/**
 * Streams a vault's run or incident records from disk, for metrics: NDJSON line by line, JSON and YAML files whole,
 * with the loader's parsers (`load-runs.ts`), so both read the same formats the same way. Each record comes with
 * its origin; a line or file that does not parse, and a record that is not an object, are problems with positions.
 * Nothing is validated (the check's `run-schema` does that).
 *
 * In: `runs/2026.ndjson` with lines `{"id":"r1",…}`, `not json`, `[1]`
 * Out: yields `{ kind: 'run', data: { id: 'r1', … }, origin: { file: 'runs/2026.ndjson', line: 1, column: 1 } }`;
 *      problems at `runs/2026.ndjson:2` (unparsable) and `:3` (not an object)
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseDocumentText, parseNdjsonLine, recordFolders, recordKindOf, type LoadProblem, type RecordKind } from './load-runs.ts';
import { readLines } from './read-lines.ts';
import type { RecordOrigin } from './types.ts';

export type RecordObject = Record<string, unknown>;

export interface StreamedRecord {
  kind: RecordKind;
  data: RecordObject;
  origin: RecordOrigin;
}

export interface RecordFile {
  /** Vault-relative path, forward slashes: `runs/2026.ndjson`. */
  path: string;
  size: number;
}

const ndjson = /\.(?:ndjson|jsonl)$/i;

/** Whether a vault path is NDJSON (read line by line), not JSON or YAML (read whole). */
export function isNdjson(path: string): boolean {
  return ndjson.test(path);
}

export function isRecordObject(value: unknown): value is RecordObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problem of a parsed value that is not an object. */
export function notAnObject(origin: RecordOrigin, value: unknown): LoadProblem {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return { ...origin, message: `Unexpected ${type}, expected an object` };
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

/** The object records of `files` (vault paths), in file order, then record order; everything else to `onProblem`. */
export async function* streamRecords(contentDir: string, files: readonly string[], onProblem: (problem: LoadProblem) => void): AsyncGenerator<StreamedRecord> {
  for (const file of files) {
    const kind = recordKindOf(file);
    if (kind === undefined) continue;
    const path = join(contentDir, file);
    if (isNdjson(file)) {
      let line = 0;
      for await (const text of readLines(path)) {
        const parsed = parseNdjsonLine(file, ++line, text);
        if (parsed === undefined) continue;
        if ('message' in parsed) onProblem(parsed);
        else if (isRecordObject(parsed.data)) yield { kind, data: parsed.data, origin: parsed.origin };
        else onProblem(notAnObject(parsed.origin, parsed.data));
      }
      continue;
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      onProblem({ file, line: 1, column: 1, message: `Unreadable file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const parsed = parseDocumentText(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, /\.json$/i.test(file));
    if ('message' in parsed) {
      onProblem(parsed);
      continue;
    }
    for (const record of parsed.records) {
      if (isRecordObject(record.data)) yield { kind, data: record.data, origin: record.origin };
      else onProblem(notAnObject(record.origin, record.data));
    }
  }
}
