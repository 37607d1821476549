/**
 * Content-hash cache of per-file results, so a check after editing one file re-parses one file. One JSON file per
 * (Shipshape source, config, vault) under `node_modules/.cache/shipshape/`; any change to Shipshape's own code or
 * to the config (schemas included) selects another file, which is how stale results are never read.
 *
 * In: `cache.get('a.md', 'sha1…')` → the FileResult stored for exactly those bytes, or undefined
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { toolRoot } from '../vault/config.ts';
import type { FileResult } from './analyze-file.ts';

interface Entry {
  hash: string;
  result: FileResult;
}

export interface ResultCache {
  get(path: string, hash: string): FileResult | undefined;
  set(path: string, hash: string, result: FileResult): void;
  /** Writes the entries seen this run (others are dropped), atomically. */
  save(): Promise<void>;
}

export function contentHash(bytes: Uint8Array, isTemplate: boolean): string {
  return createHash('sha1').update(bytes).update(isTemplate ? '\u0001' : '\u0000').digest('hex');
}

let toolHash: Promise<string> | undefined;

/** A hash of Shipshape's own source and version: rules change, cached results go. */
function hashTool(): Promise<string> {
  toolHash ??= (async () => {
    const hash = createHash('sha1');
    const src = join(toolRoot, 'src');
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
    for (const file of files) hash.update(file).update(await readFile(join(src, file)));
    hash.update(await readFile(join(toolRoot, 'package.json')));
    return hash.digest('hex').slice(0, 16);
  })();
  return toolHash;
}

export async function openCache(dir: string, config: ResolvedConfig): Promise<ResultCache> {
  const key = createHash('sha1')
    .update(await hashTool())
    .update(config.hash)
    .update(relative(dir, config.contentDir))
    .digest('hex')
    .slice(0, 20);
  const file = join(dir, `check-${key}.json`);
  let stored: Record<string, Entry> = Object.create(null);
  try {
    stored = Object.assign(Object.create(null), JSON.parse(await readFile(file, 'utf8')));
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  const next: Record<string, Entry> = Object.create(null);
  let dirty = false;
  return {
    get(path, hash) {
      const entry = stored[path];
      if (entry?.hash !== hash) return undefined;
      next[path] = entry;
      return entry.result;
    },
    set(path, hash, result) {
      next[path] = { hash, result };
      dirty = true;
    },
    async save() {
      if (!dirty && Object.keys(next).length === Object.keys(stored).length) return;
      await mkdir(dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(next));
      await rename(temp, file);
    },
  };
}
