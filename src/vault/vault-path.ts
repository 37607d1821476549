/**
 * Vault paths and the names in them. A vault path is relative to the vault's root, with `/` between segments
 * whatever the platform, no leading `/` and no empty, `.` or `..` segment; `''` is the root folder. A doc's stem is
 * its file name without `.md`: the name `[[links]]` use. A scope is the paths a check of some files and folders
 * covers (`check a.md runbooks/`): the pipeline, the link rules and the baseline read it the same way.
 *
 * In: `folderOf('runbooks/db/Failover.md')` → `'runbooks/db'`; `stem('runbooks/db/Failover.md')` → `'Failover'`
 * In: `scopeOf(['runbooks'])('runbooks/db/Failover.md')` → true
 */
import { isAbsolute, relative, sep } from 'node:path';

declare const brand: unique symbol;

/**
 * A path the vault's scan could have produced. Branded where a path and a URL slug meet (`src/site/urls.ts`), so
 * that one cannot be passed for the other; elsewhere paths are plain strings.
 */
export type VaultPath = string & { readonly [brand]: 'VaultPath' };

export function isVaultPath(path: string): path is VaultPath {
  return path === '' || path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** `path` as a `VaultPath`; throws when it is not one (absolute, `./a`, `a//b`, `a/`…). */
export function vaultPath(path: string): VaultPath {
  if (!isVaultPath(path)) throw new Error(`Not a vault path: "${path}"`);
  return path;
}

const md = /\.md$/i;

/** The folder holding `path`, `''` at the root. */
export function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/** The last segment of `path`. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The file name without `.md` (any case); other extensions stay, as links to attachments write them. */
export function stem(path: string): string {
  return withoutMd(fileName(path));
}

/** `path` without `.md` (any case): what a link to the doc by its path writes. */
export function withoutMd(path: string): string {
  return path.replace(md, '');
}

/** The form names and paths compare in, as Obsidian compares them: composed (NFC) and lower-cased. */
export function foldName(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Which vault paths a run reports on (`check a.md runbooks/`): a file given, or any file under a folder given. */
export type Scope = (path: string) => boolean;

/** The scope of `only` (files and folders, `''` the whole vault); undefined is the whole vault. */
export function scopeOf(only: readonly string[] | undefined): Scope {
  return (path) => only === undefined || only.some((p) => p === '' || path === p || path.startsWith(`${p}/`));
}

/** `a/./b/../c` → `a/c`; undefined when it climbs out of the vault. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * A file on disk → its vault path, or undefined when it is outside the vault: how `check`, `new` and `mv` take a path
 * argument. `''` is the vault's root; a name that merely starts with `..` (`..notes.md`) is inside.
 *
 * In: `vaultPathOf('/p/content', '/p/content/ops/deploy.md')` → `'ops/deploy.md'`; `vaultPathOf('/p/content', '/p/x.md')` → undefined
 */
export function vaultPathOf(root: string, absolute: string): string | undefined {
  const path = relative(root, absolute);
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}
