/**
 * Content-hash cache of per-file results, so a check after editing one file re-parses one file. One folder of JSON
 * shards per (Shipshape source, config, vault) under `node_modules/.cache/shipshape/`; any change to Shipshape's own
 * code or to the config (schemas included) selects another folder, which is how stale results are never read.
 *
 * Two tiers, because a warm check must not read what it does not need: `results-N.json` holds each file's own
 * diagnostics and a hash of its facts; `facts-N.json` holds the facts, read only when the cross-file pass has to run
 * again. It does not when no file's facts changed (an edit to prose): then `vault.json`, the last cross-file
 * diagnostics, still holds. A third tier, `render-N.json`, holds each published file's rendered HTML; only site builds
 * read or write it.
 *
 * In: `cache.get('a.md', 'sha1…')` → `{ factsHash, diagnostics }` stored for exactly those bytes, or undefined
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { toolRoot } from '../vault/config.ts';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { RenderedDoc } from '../render/types.ts';
import type { FileResult } from './analyze-file.ts';

/** Where the check's result cache is, shared by the site, `mv` and `checklist`: `SHIPSHAPE_CACHE_DIR`, else `node_modules/.cache/shipshape` of the project. */
export function cacheDirOf(config: Pick<ResolvedConfig, 'root'>): string {
  return process.env.SHIPSHAPE_CACHE_DIR ?? join(config.root, 'node_modules/.cache/shipshape');
}

export interface CachedResult {
  /** Hash of the file's facts: equal hashes, equal input to the cross-file pass. */
  factsHash: string;
  diagnostics: Diagnostic[];
}

interface Entry extends CachedResult {
  hash: string;
}

interface RenderEntry {
  hash: string;
  rendered: RenderedDoc;
}

/** The cross-file pass's diagnostics, and the hash of all the input it read. */
export interface VaultResult {
  key: string;
  diagnostics: Diagnostic[];
}

export interface ResultCache {
  get(path: string, hash: string): CachedResult | undefined;
  set(path: string, hash: string, result: FileResult): CachedResult;
  /** The stored facts of a file `get` returned. */
  facts(path: string): Promise<DocFacts>;
  /** The stored rendering of exactly these bytes, if any. */
  rendered(path: string, hash: string): Promise<RenderedDoc | undefined>;
  /** The last cross-file result, if any. */
  vault: VaultResult | undefined;
  setVault(result: VaultResult): void;
  /** Writes what this run saw (entries of files that are gone are dropped), atomically. */
  save(): Promise<void>;
}

export function factsHash(facts: DocFacts): string {
  return createHash('sha1').update(JSON.stringify(facts)).digest('hex');
}

export function contentHash(bytes: Uint8Array, isTemplate: boolean): string {
  return createHash('sha1').update(bytes).update(isTemplate ? '\u0001' : '\u0000').digest('hex');
}

let toolHash: Promise<string> | undefined;

/** Source that cannot change a cached result: the CLI, the site model and the Astro layer read results, never make them. */
const readersOnly = /^(cli|site|astro|scripts)[/\\]/;

/** Shipshape's code: `src/` (TypeScript) in this repository, `lib/` (JavaScript) in the built package. */
const codeRoot = fileURLToPath(new URL('..', import.meta.url));

/** A hash of Shipshape's own code, built-in schemas and version: rules change, cached results go. */
function hashTool(): Promise<string> {
  toolHash ??= (async () => {
    const hash = createHash('sha1');
    const files = (await readdir(codeRoot, { recursive: true })).filter((f) => /\.[jt]s$/.test(f) && !readersOnly.test(f)).sort();
    for (const file of files) hash.update(file).update(await readFile(join(codeRoot, file)));
    // The built-in schemas that rules compile themselves (dashboard and checklist blocks), besides the configured ones.
    const schemas = join(toolRoot, 'schemas');
    for (const file of (await readdir(schemas)).filter((f) => f.endsWith('.json')).sort()) hash.update(file).update(await readFile(join(schemas, file)));
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

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    // No cache yet, or an unreadable one: start empty.
    return undefined;
  }
}

async function writeJson(file: string, data: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(data));
}

type Table<T> = Record<string, T>;

const table = <T>(data: Table<T> | undefined): Table<T> => Object.assign(Object.create(null) as Table<T>, data);

/** Shards of one tier, each read from disk the first time it is asked for. */
function lazyShards<T>(folder: string, tier: string) {
  const loaded = new Map<number, Promise<Table<T>>>();
  const load = (shard: number) => {
    let entries = loaded.get(shard);
    if (!entries) {
      entries = readJson<Table<T>>(join(folder, `${tier}-${shard}.json`)).then(table);
      loaded.set(shard, entries);
    }
    return entries;
  };
  return { load, loaded };
}

export async function openCache(dir: string, config: ResolvedConfig): Promise<ResultCache> {
  const key = createHash('sha1')
    .update(await hashTool())
    .update(config.hash)
    .update(relative(dir, config.contentDir))
    .digest('hex')
    .slice(0, 20);
  const folder = join(dir, `check-${key}`);
  const results = await Promise.all(
    Array.from({ length: shardCount }, async (_, i) => table(await readJson<Table<Entry>>(join(folder, `results-${i}.json`)))),
  );
  let vault = await readJson<VaultResult>(join(folder, 'vault.json'));
  const { load: loadFacts } = lazyShards<DocFacts>(folder, 'facts');
  const { load: loadRendered, loaded: renderShards } = lazyShards<RenderEntry>(folder, 'render');
  const nextRendered = results.map(() => table<RenderEntry>(undefined));
  const renderDirty = new Set<number>();
  const next = results.map(() => table<Entry>(undefined));
  const freshFacts = results.map(() => table<DocFacts>(undefined));
  const dirty = new Set<number>();
  let vaultDirty = false;

  return {
    get(path, hash) {
      const shard = shardOf(path);
      const entry = results[shard]![path];
      if (entry?.hash !== hash) return undefined;
      next[shard]![path] = entry;
      return entry;
    },
    set(path, hash, result) {
      const shard = shardOf(path);
      const entry = { hash, factsHash: factsHash(result.facts), diagnostics: result.diagnostics };
      next[shard]![path] = entry;
      freshFacts[shard]![path] = result.facts;
      dirty.add(shard);
      if (result.rendered) {
        nextRendered[shard]![path] = { hash, rendered: result.rendered };
        renderDirty.add(shard);
      }
      return entry;
    },
    async rendered(path, hash) {
      const shard = shardOf(path);
      const entry = (await loadRendered(shard))[path];
      if (entry?.hash !== hash) return undefined;
      nextRendered[shard]![path] = entry;
      return entry.rendered;
    },
    async facts(path) {
      const shard = shardOf(path);
      const facts = freshFacts[shard]![path] ?? (await loadFacts(shard))[path];
      if (!facts) throw new Error(`Cache has no facts for ${path}`);
      return facts;
    },
    get vault() {
      return vault;
    },
    setVault(result) {
      vault = result;
      vaultDirty = true;
    },
    async save() {
      // A shard whose files all hit is unchanged, unless files left it.
      next.forEach((entries, i) => {
        if (Object.keys(entries).length !== Object.keys(results[i]!).length) dirty.add(i);
      });
      // A render shard is rewritten when one of its files was rendered again, or when a file it holds was checked
      // in this run without being rendered (it changed: the stored HTML is stale).
      for (const shard of renderShards.keys()) {
        if (Object.keys(nextRendered[shard]!).length !== Object.keys(await loadRendered(shard)).length) renderDirty.add(shard);
      }
      if (dirty.size === 0 && !vaultDirty && renderDirty.size === 0) return;
      await mkdir(folder, { recursive: true });
      await Promise.all([...renderDirty].map((i) => writeJson(join(folder, `render-${i}.json`), nextRendered[i])));
      await Promise.all(
        [...dirty].map(async (i) => {
          const facts = table<DocFacts>(undefined);
          const stored = await loadFacts(i);
          for (const path of Object.keys(next[i]!)) {
            const known = freshFacts[i]![path] ?? stored[path];
            if (known) facts[path] = known;
          }
          await writeJson(join(folder, `facts-${i}.json`), facts);
          await writeJson(join(folder, `results-${i}.json`), next[i]);
        }),
      );
      if (vaultDirty && vault) await writeJson(join(folder, 'vault.json'), vault);
    },
  };
}
