/**
 * Imported runs → `<service>.ndjson` files, one record a line, idempotently: a record whose id is already in the
 * file with the same content is left alone; one whose id is there with *different* content (edited by hand, or
 * changed at the source) keeps the existing line and is reported as a conflict, unless `replace` is set. Writes
 * are atomic (temp file + rename). `mergeRuns` is the pure part; `writeRuns` reads and writes the files.
 *
 * In: `mergeRuns('{"id":"gha-1-1",…}\n', [sameRun, newRun])` → `{ added: 1, unchanged: 1, conflicts: [], text: …two lines… }`
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../vault/atomic-write.ts';
import type { Run } from '../types.ts';
import { ImportError } from './common.ts';

export interface Conflict {
  id: string;
  /** 1-based line of the existing record. */
  line: number;
}

export interface MergeResult {
  text: string;
  added: number;
  unchanged: number;
  /** Existing records that differ from the import: kept, or replaced when `replace` is set. */
  conflicts: Conflict[];
  replaced: boolean;
}

/** JSON with keys sorted at every level: two records are the same when this is. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function mergeRuns(existing: string, runs: readonly Run[], options: { replace?: boolean } = {}): MergeResult {
  const lines = existing === '' ? [] : existing.replace(/\n$/, '').split('\n');
  const byId = new Map<string, number>();
  lines.forEach((line, index) => {
    try {
      const record: unknown = JSON.parse(line);
      if (typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string') {
        const id = (record as { id: string }).id;
        if (!byId.has(id)) byId.set(id, index);
      }
    } catch {
      // Not ours to judge: the check reports broken lines; the import keeps them as they are.
    }
  });
  let added = 0;
  let unchanged = 0;
  const conflicts: Conflict[] = [];
  for (const run of runs) {
    const index = byId.get(run.id);
    if (index === undefined) {
      byId.set(run.id, lines.length);
      lines.push(JSON.stringify(run));
      added++;
    } else if (canonical(JSON.parse(lines[index]!)) === canonical(run)) {
      unchanged++;
    } else {
      conflicts.push({ id: run.id, line: index + 1 });
      if (options.replace) lines[index] = JSON.stringify(run);
    }
  }
  return { text: lines.length === 0 ? '' : `${lines.join('\n')}\n`, added, unchanged, conflicts, replaced: options.replace === true };
}

export interface FileResult extends MergeResult {
  /** Absolute path of the NDJSON file. */
  file: string;
}

const serviceName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Groups runs by service and merges each group into `<dir>/<service>.ndjson`; a file is written only when it changes. */
export async function writeRuns(dir: string, runs: readonly Run[], options: { replace?: boolean } = {}): Promise<FileResult[]> {
  const groups = new Map<string, Run[]>();
  for (const run of runs) {
    if (!serviceName.test(run.service)) throw new ImportError(`Service "${run.service}" cannot name a file: pass --service`);
    groups.set(run.service, [...(groups.get(run.service) ?? []), run]);
  }
  await mkdir(dir, { recursive: true });
  const results: FileResult[] = [];
  for (const [service, group] of groups) {
    const file = join(dir, `${service}.ndjson`);
    const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const merged = mergeRuns(existing, group, options);
    if (merged.text !== existing) await writeFileAtomic(file, merged.text);
    results.push({ ...merged, file });
  }
  return results;
}
