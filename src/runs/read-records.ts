/**
 * A minimal streaming reader of record files (runs, incidents) under a folder, for the metrics command: NDJSON line by
 * line, JSON and YAML whole (one object, an array of objects, or YAML documents). Records that are not objects, and
 * lines or files that do not parse, are skipped and reported to `onSkip`; nothing is validated (the validating loader
 * is `src/runs/load-*.ts`).
 *
 * In: `runs/2026.ndjson` with lines `{"id":"r1",…}`, `not json`, `[1]` → yields `{ id: 'r1', … }`; onSkip twice.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseAllDocuments } from 'yaml';
import type { Incident, Run } from './types.ts';

export type RecordObject = Record<string, unknown>;

export interface ReadRecordsOptions {
  /** Called for each skipped line (NDJSON), record or file; `line` is 1-based, 0 for a whole file. */
  onSkip?: (file: string, line: number, reason: string) => void;
}

const extensions = new Set(['.json', '.yaml', '.yml', '.ndjson', '.jsonl']);

function isObject(value: unknown): value is RecordObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Record files under `dir`, recursively, in name order; none when `dir` does not exist. */
async function recordFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && extensions.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every object record in the record files under `dir`. */
export async function* readRecords(dir: string, options: ReadRecordsOptions = {}): AsyncGenerator<RecordObject> {
  const skip = options.onSkip ?? (() => {});
  for (const file of await recordFiles(dir)) {
    const ext = extname(file).toLowerCase();
    if (ext === '.ndjson' || ext === '.jsonl') {
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      let number = 0;
      for await (const line of lines) {
        number++;
        if (line.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          skip(file, number, (error as Error).message);
          continue;
        }
        if (isObject(value)) yield value;
        else skip(file, number, 'not an object');
      }
      continue;
    }
    let values: unknown[];
    try {
      const text = await readFile(file, 'utf8');
      if (ext === '.json') values = [JSON.parse(text)];
      else {
        values = parseAllDocuments(text).map((document) => {
          if (document.errors.length > 0) throw document.errors[0]!;
          return document.toJS() as unknown;
        });
      }
    } catch (error) {
      skip(file, 0, (error as Error).message);
      continue;
    }
    for (const value of values.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))) {
      if (isObject(value)) yield value;
      else if (value !== null) skip(file, 0, 'not an object');
    }
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Enough of a run for metrics: id, service, environment, status, sha, strings. */
export function isRunRecord(record: RecordObject): record is RecordObject & Run {
  return isString(record.id) && isString(record.service) && isString(record.environment) && isString(record.status) && isString(record.sha);
}

/** Enough of an incident for metrics: id, service, openedAt, strings. */
export function isIncidentRecord(record: RecordObject): record is RecordObject & Incident {
  return isString(record.id) && isString(record.service) && isString(record.openedAt);
}
