/**
 * Where each doc is published. A doc's URL is its vault path without `.md`, each segment made safe for URLs and
 * file systems: lower case, white space as `-`, and the characters that mean something in a URL or break a file
 * name (`# ? % & / \ : * " < > |` and the like) dropped. Unicode letters stay (browsers show them, servers decode
 * them). Two docs whose paths become the same slug, or a doc whose slug is taken by a page of the site's own
 * (tags, health, graph…), get `-2`, `-3`… in path order, so URLs are stable as long as the vault is.
 *
 * In: `assignSlugs(['Runbooks/Roll back #2?.md', 'runbooks/roll-back-2.md']).docs`
 *   → Map { 'Runbooks/Roll back #2?.md' => 'runbooks/roll-back-2', 'runbooks/roll-back-2.md' => 'runbooks-2/roll-back-2' }
 */

import { folderOf, stem, type VaultPath } from '../vault/vault-path.ts';

declare const brand: unique symbol;

/**
 * Where a page is published under the base path: segments made by `slugSegment`, joined by `/`, no leading or
 * trailing `/`; `''` is the home page. Made only here (`assignSlugs`, `slugOf`) and branded, so that a vault path,
 * which looks the same (`runbooks/Rollback.md`), cannot be given where a slug is meant.
 */
export type Slug = string & { readonly [brand]: 'Slug' };

/** Where mermaid's browser bundle is published, under the base path: the build copies it there, the dev server serves it, the page script loads it. */
export const mermaidPath = '_shipshape/mermaid/';

/** First segments the site's own pages use. */
export const reservedRoots = new Set(['tags', 'health', 'graph', 'folders', 'pagefind', '_astro', '404', 'sitemap.xml', 'site-data', 'deployments', 'checklists']);

export function slugSegment(segment: string): string {
  const slug = segment
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^\p{L}\p{N}\p{M}.-]/gu, '')
    .replace(/\.+$/, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return slug || 'untitled';
}

/** The slug of one of the site's own pages, each segment made safe. In: `slugOf('tags/On Call')` → `'tags/on-call'` */
export function slugOf(path: string): Slug {
  return (path && path.split('/').map(slugSegment).join('/')) as Slug;
}

export interface Slugs {
  /** Doc path → slug. */
  docs: Map<string, Slug>;
  /** Folder path ('' for the root) → slug of its index page ('' for the root: the home page). */
  folders: Map<string, Slug>;
}

/** Slugs for every doc and folder, unique among themselves and against the site's own pages. */
export function assignSlugs(paths: readonly string[]): Slugs {
  const taken = new Set<string>(['']);
  const unique = (base: string) => {
    let slug = reservedRoots.has(base.split('/')[0]!) ? `${base}-2` : base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug as Slug;
  };
  const sorted = [...paths].sort();
  const folders = new Map<string, Slug>([['', '' as Slug]]);
  for (const path of sorted) {
    const parts = path.split('/').slice(0, -1);
    parts.forEach((_, i) => {
      const folder = parts.slice(0, i + 1).join('/');
      if (!folders.has(folder)) {
        // A folder's slug extends its parent's, so a renamed parent carries its children along.
        const parent = folders.get(parts.slice(0, i).join('/'))!;
        folders.set(folder, unique(parent ? `${parent}/${slugSegment(parts[i]!)}` : slugSegment(parts[i]!)));
      }
    });
  }
  const docs = new Map<string, Slug>();
  for (const path of sorted) {
    const folder = folders.get(folderOf(path))!;
    const name = slugSegment(stem(path));
    docs.set(path, unique(folder ? `${folder}/${name}` : name));
  }
  return { docs, folders };
}

/** `base` is `/` or `/kb/`; slugs have no leading or trailing slash; every page URL ends with `/`. */
export function pageUrl(base: string, slug: Slug): string {
  return slug ? `${base}${slug}/` : base;
}

/**
 * An attachment is published at its vault path under the base, in Unicode's composed form (NFC: macOS writes names
 * decomposed, and a URL must not depend on the machine that saved the file), each segment percent-encoded.
 */
export function fileUrl(base: string, path: VaultPath): string {
  return base + publishedFilePath(path).split('/').map(encodeURIComponent).join('/');
}

/** Where an attachment lands in the output, relative to it. */
export function publishedFilePath(path: VaultPath): string {
  return path.normalize('NFC');
}
