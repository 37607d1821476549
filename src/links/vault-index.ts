/**
 * The cross-file index: every file the vault offers (docs and attachments) and how Obsidian finds a file from a
 * link. Built once from all files' facts, then asked once per link.
 *
 * Obsidian's resolution, observed with `metadataCache.getFirstLinkpathDest` (Obsidian 1.13):
 * 1. a relative path (`./x`, `../x`) is taken from the linking file's folder;
 * 2. an exact vault path wins (`[[Note]]` → `Note.md` at the root, `[[b/Note]]` → `b/Note.md`);
 * 3. otherwise, among files whose path ends with the link (`[[Note]]`, `[[b/Note]]`), case-insensitively and with
 *    `.md` optional, one in the linking file's own folder wins, else the shortest path string (then alphabetical);
 * 4. Shipshape then also accepts a doc's `aliases` (Obsidian suggests them while typing).
 * Names compare in Unicode's composed form (NFC): macOS saves `über` decomposed (NFD), most editors type it composed,
 * and either must find the other.
 * More than one candidate in step 3 makes the link ambiguous: it resolves, and `ambiguous-link` warns.
 *
 * In: `resolve('Rollback', 'strategy/deployment-strategy.md')` → `{ path: 'runbooks/rollback.md', via: 'name' }`
 * In: `resolve('Deployment Strategy', …)` → `{ suggestions: ['deployment-strategy'] }` (names match case-insensitively, not loosely)
 */
import { bestOf, closeness } from '../diagnostics/suggest.ts';
import type { DocFacts } from '../markdown/types.ts';
import { fileName, foldName, folderOf, normalizePath, stem, withoutMd } from '../vault/vault-path.ts';

export interface Resolution {
  /** The file the link reaches, if any. */
  path?: string;
  /** When several files matched: all of them, the chosen one first. */
  candidates?: string[];
  /** How it matched, for messages. */
  via?: 'path' | 'name' | 'alias';
  /** For missing targets: close names, best first (vault-relative link text to write instead). */
  suggestions?: string[];
}

export interface VaultIndex {
  /** Docs by vault path. */
  readonly docs: ReadonlyMap<string, DocFacts>;
  /** Every file path (docs and attachments). */
  readonly files: readonly string[];
  resolve(target: string, from: string, options?: { relativeFirst?: boolean }): Resolution;
  /** Files whose name is `name`'s apart from case, spaces, `-`, `_` and `.` (link repair's one-candidate test). */
  sameName(name: string): readonly string[];
}

const md = /\.md$/i;

/** Loose form of a name for "did you mean": case, separators and the extension do not matter. */
function looseName(name: string): string {
  return withoutMd(foldName(name)).replace(/[\s_\-.]+/g, ' ').trim();
}

/** Bucket keys for a name's first and last two characters. */
function ends(name: string): [string, string] {
  return [`^${name.slice(0, 2)}`, `${name.slice(-2)}$`];
}

function byShortestPath(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** What the index knows of names: built from the vault's file paths and aliases alone. */
interface Names {
  /** The paths and aliases it was built from, as one string: equal keys, equal names. */
  key: string;
  /** Lower-cased path (and path without `.md`) → path. */
  exact: Map<string, string>;
  /** Last path segment (lower-cased, `.md` dropped for docs) → paths. */
  byName: Map<string, string[]>;
  byAlias: Map<string, string[]>;
  /** Loose name → paths, for "did you mean". */
  loose: Map<string, string[]>;
  /**
   * Loose names by their first and by their last two characters: a misspelt name rarely gets both ends wrong, and
   * looking only there keeps "did you mean" cheap in a vault of thousands of names with thousands of broken links.
   */
  byEnds: Map<string, string[]>;
  /** What resolving found, by the folder linked from (and whether relative first), then the target: links repeat. */
  resolved: Map<string, Map<string, Resolution>>;
  suggestions: Map<string, string[]>;
}

/**
 * The last vault's names. A resolution depends on the vault's file paths and aliases alone (not on headings, links or
 * anything else a doc says), so an index built again after an edit that changed none of them — the language
 * server's and the dev server's edits, a site build after the check — reuses the names and finds links where the
 * last one found them, instead of resolving every link of the vault again.
 */
let lastNames: Names | undefined;

function namesOf(files: readonly string[], docs: readonly DocFacts[]): Names {
  const key = `${files.join('\0')}\0\0${docs.map((doc) => doc.aliases.join('\0')).join('\0\0')}`;
  if (lastNames?.key === key) return lastNames;
  const exact = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const byAlias = new Map<string, string[]>();
  for (const path of files) {
    const lower = foldName(path);
    exact.set(lower, path);
    if (md.test(path)) exact.set(withoutMd(lower), path);
    add(byName, stem(lower), path);
  }
  for (const doc of docs) for (const alias of doc.aliases) add(byAlias, foldName(alias), doc.path);
  const loose = new Map<string, string[]>();
  for (const [name, paths] of byName) for (const path of paths) add(loose, looseName(name), path);
  const byEnds = new Map<string, string[]>();
  for (const name of loose.keys()) for (const end of ends(name)) add(byEnds, end, name);
  lastNames = { key, exact, byName, byAlias, loose, byEnds, resolved: new Map(), suggestions: new Map() };
  return lastNames;
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildVaultIndex(docs: readonly DocFacts[], attachments: readonly string[]): VaultIndex {
  const docMap = new Map(docs.map((doc) => [doc.path, doc]));
  const files = [...docMap.keys(), ...attachments];
  const { exact, byName, byAlias, loose, byEnds, resolved, suggestions } = namesOf(files, docs);

  function pick(candidates: readonly string[], from: string): string[] {
    const folder = folderOf(from);
    const sorted = [...candidates].sort(byShortestPath);
    const local = sorted.findIndex((path) => folderOf(path) === folder);
    if (local > 0) sorted.unshift(...sorted.splice(local, 1));
    return sorted;
  }

  function suggest(target: string): string[] {
    const name = fileName(target);
    const key = looseName(name);
    let found = suggestions.get(key);
    if (found) return found;
    const same = loose.get(key);
    if (same) {
      found = same.map(linkText);
    } else {
      // Tighter than suggest()'s third of the longer name: a link names a file in several words whose shared ones
      // make up most of its letters, and a third lets another first word through (quality-standards → api-standards).
      const limit = Math.max(2, Math.floor(key.length / 4));
      const scored: Array<[number, string]> = [];
      const seen = new Set<string>();
      for (const end of ends(key)) {
        for (const candidate of byEnds.get(end) ?? []) {
          if (seen.has(candidate)) continue;
          seen.add(candidate);
          const d = closeness(key, candidate, limit);
          if (d !== undefined) for (const path of loose.get(candidate)!) scored.push([d, path]);
        }
      }
      found = bestOf(scored, byShortestPath).map(linkText);
    }
    suggestions.set(key, found);
    return found;
  }

  /** What to write in a link to reach `path`: its name when that is unique, else its path. */
  function linkText(path: string): string {
    const bare = stem(path);
    return (byName.get(foldName(bare))?.length ?? 0) > 1 ? withoutMd(path) : bare;
  }

  // Links repeat: the same target from the same folder resolves the same way. By folder, then target: a site
  // resolves every link of the vault at each build, and short keys hash faster than one long one.
  function resolve(target: string, from: string, options: { relativeFirst?: boolean } = {}): Resolution {
    if (target === '') return { path: from, via: 'path' };
    const folder = `${options.relativeFirst ? 1 : 0}${folderOf(from)}`;
    let inFolder = resolved.get(folder);
    if (!inFolder) resolved.set(folder, (inFolder = new Map()));
    let resolution = inFolder.get(target);
    if (!resolution) {
      resolution = resolveUncached(target, from, options);
      inFolder.set(target, resolution);
    }
    return resolution;
  }

  function resolveUncached(target: string, from: string, options: { relativeFirst?: boolean }): Resolution {
    const lower = foldName(target).replace(/\\/g, '/');
    const relative = lower.startsWith('./') || lower.startsWith('../');
    if (relative || options.relativeFirst) {
      const joined = normalizePath(`${folderOf(foldName(from))}/${lower}`);
      const hit = joined === undefined ? undefined : exact.get(joined);
      if (hit) return { path: hit, via: 'path' };
      if (relative) return { suggestions: suggest(target) };
    }
    const absolute = normalizePath(lower);
    if (absolute === undefined) return { suggestions: suggest(target) };
    const direct = exact.get(absolute);
    if (direct) return { path: direct, via: 'path' };
    const name = stem(absolute);
    const suffix = absolute.includes('/') ? `/${absolute}` : undefined;
    const matches = (byName.get(name) ?? []).filter((path) => {
      if (suffix === undefined) return true;
      const candidate = foldName(path);
      return candidate.endsWith(suffix) || withoutMd(candidate).endsWith(suffix);
    });
    if (matches.length > 0) {
      const ordered = pick(matches, from);
      return { path: ordered[0], via: 'name', ...(ordered.length > 1 ? { candidates: ordered } : {}) };
    }
    const aliased = byAlias.get(lower);
    if (aliased) {
      const ordered = pick(aliased, from);
      return { path: ordered[0], via: 'alias', ...(ordered.length > 1 ? { candidates: ordered } : {}) };
    }
    return { suggestions: suggest(target) };
  }

  return { docs: docMap, files, resolve, sameName: (name) => loose.get(looseName(fileName(name))) ?? [] };
}
