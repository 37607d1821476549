/**
 * Content-hash cache of per-file results, so a check after editing one file re-parses one file. One folder of JSON
 * shards per (Shipshape source, config, vault) under `node_modules/.cache/shipshape/`; any change to Shipshape's own code or
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

/** Results are spread over shards by path, so a run that re-analyses a few files rewrites a few shards. */
const shardCount = 16;

function shardOf(path: string): number {
  let hash = 0;
  for (let i = 0; i < path.length; i++) hash = (hash * 31 + path.charCodeAt(i)) | 0;
  return (hash >>> 0) % shardCount;
}

export async function openCache(dir: string, config: ResolvedConfig): Promise<ResultCache> {
  const key = createHash('sha1')
    .update(await hashTool())
    .update(config.hash)
    .update(relative(dir, config.contentDir))
    .digest('hex')
    .slice(0, 20);
  const folder = join(dir, `check-${key}`);
  const shards = await Promise.all(
    Array.from({ length: shardCount }, async (_, i): Promise<Record<string, Entry>> => {
      try {
        return Object.assign(Object.create(null), JSON.parse(await readFile(join(folder, `${i}.json`), 'utf8')));
      } catch {
        // No cache yet, or an unreadable one: start empty.
        return Object.create(null);
      }
    }),
  );
  const next = shards.map((): Record<string, Entry> => Object.create(null));
  const dirty = new Set<number>();
  return {
    get(path, hash) {
      const shard = shardOf(path);
      const entry = shards[shard]![path];
      if (entry?.hash !== hash) return undefined;
      next[shard]![path] = entry;
      return entry.result;
    },
    set(path, hash, result) {
      const shard = shardOf(path);
      next[shard]![path] = { hash, result };
      dirty.add(shard);
    },
    async save() {
      // A shard whose files all hit is unchanged, unless files left it.
      next.forEach((entries, i) => {
        if (Object.keys(entries).length !== Object.keys(shards[i]!).length) dirty.add(i);
      });
      if (dirty.size === 0) return;
      await mkdir(folder, { recursive: true });

      await Promise.all(
        [...dirty].map(async (i) => {
          const file = join(folder, `${i}.json`);
          const temp = `${file}.${process.pid}.tmp`;
          await writeFile(temp, JSON.stringify(next[i]));
          await rename(temp, file);
        }),
      );
    },
  };
}
