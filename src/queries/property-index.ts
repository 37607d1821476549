/**
 * The vault a query runs over, built from what the site build already holds: the check's facts of every doc, the
 * attachment paths, the publish scope and the git dates. No second scan, no second resolver: links resolve with the
 * check's `VaultIndex` (over the whole vault, as `check` and the site resolve them), and then only what is published
 * counts, so an excluded doc has no row and a link to it resolves to nothing: no result can name it.
 * `vaultNames` is the check's side: the names queries may use, without git dates or a publish scope.
 *
 * In: facts of `a.md` (`owner: "[[sre]]"`, body `See [[b]]`) and `b.md`, attachment `img/x.png`, everything published
 * Out: rows `a.md` (`note.owner` → link to `sre.md` if it exists, `file.links` [sre, b]), `b.md` (`file.backlinks` [a]),
 *      `img/x.png` (empty `note`)
 */
import { buildVaultIndex, type VaultIndex } from '../links/vault-index.ts';
import type { DocFacts, LinkFact } from '../markdown/types.ts';
import { linkTarget } from '../publish/scope.ts';
import { fileName, folderOf, withoutMd } from '../vault/vault-path.ts';
import { parseQueryDate, typedFields } from './typed-value.ts';
import type { FileProperties, QueryDate, QueryDoc, QueryLink, QueryVault, Value, VaultNames } from './types.ts';

export interface QueryVaultInput {
  /** Every doc's facts, published or not (`VaultAnalysis.facts`): links resolve against the whole vault, as in `check`. */
  readonly facts: readonly DocFacts[];
  /** Every file that is not a doc, published or not (`VaultAnalysis.attachments`). */
  readonly attachments: readonly string[];
  /** Whether a doc or attachment is on the site (`PublishScope.docs` and `.attachments`): only these are rows. */
  published(path: string): boolean;
  /** The index of `facts` and `attachments` when the caller has built it already (the site has). */
  readonly index?: VaultIndex;
  /** Created and updated days (`YYYY-MM-DD`) by path, from git (`GitDates.dates`): `file.ctime`, `file.mtime`. */
  readonly dates?: ReadonlyMap<string, { readonly created: string; readonly updated: string }>;
  /** A file's size in bytes (`file.size`): the facts carry none; 0 without it. */
  size?(path: string): number | undefined;
}

export function buildQueryVault(input: QueryVaultInput): QueryVault {
  const { facts, attachments, published } = input;
  const index = input.index ?? buildVaultIndex(facts, attachments);
  const shown = (path: string | undefined) => (path !== undefined && published(path) ? path : undefined);
  const resolve = (target: string, from: string) => shown(index.resolve(target, from).path);

  const docs = facts.filter((doc) => published(doc.path));
  const notes = new Map(docs.map((doc) => [doc.path, typedFields(doc.frontmatter ?? {}, (target) => resolve(target, doc.path))]));
  const outgoing = new Map(docs.map((doc) => [doc.path, linksOf(doc, notes.get(doc.path)!, (link) => shown(linkTarget(index, doc.path, link)))]));

  // One backlink per linking file, in path order: the facts come sorted.
  const backlinks = new Map<string, QueryLink[]>();
  for (const doc of docs) {
    const { links, embeds } = outgoing.get(doc.path)!;
    const targets = new Set([...links, ...embeds].flatMap((link) => (link.path === undefined || link.path === doc.path ? [] : [link.path])));
    const backlink: QueryLink = { kind: 'link', target: withoutMd(doc.path), path: doc.path, display: doc.title };
    for (const target of targets) {
      const list = backlinks.get(target);
      if (list) list.push(backlink);
      else backlinks.set(target, [backlink]);
    }
  }

  const file = (path: string, extra: Pick<FileProperties, 'tags' | 'aliases' | 'links' | 'embeds' | 'tasks'>): FileProperties => {
    const name = fileName(path);
    const dot = name.lastIndexOf('.');
    const dates = input.dates?.get(path);
    return {
      name,
      basename: dot > 0 ? name.slice(0, dot) : name,
      path,
      folder: folderOf(path),
      ext: dot > 0 ? name.slice(dot + 1) : '',
      size: input.size?.(path) ?? 0,
      ctime: day(dates?.created),
      mtime: day(dates?.updated),
      backlinks: backlinks.get(path) ?? [],
      ...extra,
    };
  };
  const rows: QueryDoc[] = [
    ...docs.map((doc) => ({
      path: doc.path,
      title: doc.title,
      note: notes.get(doc.path)!,
      file: file(doc.path, {
        tags: [...new Set(doc.tags)],
        aliases: doc.aliases,
        ...outgoing.get(doc.path)!,
        tasks: (doc.tasks ?? []).map(({ text, completed, line }) => ({ text, completed, status: completed ? 'x' : ' ', line })),
      }),
    })),
    ...attachments
      .filter(published)
      .map((path) => ({ path, title: fileName(path), note: {}, file: file(path, { tags: [], aliases: [], links: [], embeds: [], tasks: [] }) })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { docs: rows, byPath: new Map(rows.map((row) => [row.path, row])), resolve };
}

/** A git day as a date; null without one. */
function day(text: string | undefined): QueryDate | null {
  return (text === undefined ? undefined : parseQueryDate(text)) ?? null;
}

/** The doc's links and embeds: the frontmatter's first (it comes first in the file), then the body's in order. */
function linksOf(doc: DocFacts, note: Readonly<Record<string, Value>>, target: (link: LinkFact) => string | undefined): Pick<FileProperties, 'links' | 'embeds'> {
  const links: QueryLink[] = [];
  const embeds: QueryLink[] = [];
  collectLinks(Object.values(note), links);
  for (const link of doc.links) {
    // `[[#Heading]]` is a place in the doc itself, not a link to a file.
    if (link.target === '') continue;
    const path = target(link);
    const display = displayOf(link);
    const value: QueryLink = { kind: 'link', target: link.target, ...(path === undefined ? {} : { path }), ...(display ? { display } : {}) };
    (link.kind === 'embed' || link.kind === 'image' ? embeds : links).push(value);
  }
  return { links, embeds };
}

function collectLinks(values: readonly Value[], into: QueryLink[]): void {
  for (const value of values) {
    if (Array.isArray(value)) collectLinks(value, into);
    else if (value !== null && typeof value === 'object' && 'kind' in value) {
      if (value.kind === 'link') into.push(value);
      else if (value.kind === 'object') collectLinks(Object.values(value.fields), into);
    }
  }
}

/** `[[a|shown]]` → `shown`, `[shown](a.md)` → `shown`; undefined when the link shows its target. */
function displayOf(link: LinkFact): string | undefined {
  const wiki = link.kind === 'wikilink' || link.kind === 'embed';
  // A wikilink's first `|` starts its text (`[[a|b|c]]` shows `b|c`).
  const bar = wiki ? link.raw.indexOf('|') : -1;
  const text = (wiki ? (bar === -1 ? undefined : link.raw.slice(bar + 1).replace(/\]\]$/, '')) : /^!?\[([^\]]*)\]/.exec(link.raw)?.[1])?.trim();
  // `![[diagram.png|300]]`, `|300x200`: an embed's size, not its text.
  return text && !(link.kind === 'embed' && /^\d+(x\d+)?$/.test(text)) ? text : undefined;
}

/**
 * The names that exist anywhere in the vault, published or not, for the checks: every frontmatter key, every folder
 * of a doc or attachment with its parents, every tag lower-cased with its parents (`ops/db` → `ops`, `ops/db`).
 */
export function vaultNames(facts: readonly DocFacts[], attachments: readonly string[] = []): VaultNames {
  const properties = new Set<string>();
  const folders = new Set<string>();
  const tags = new Set<string>();
  const withParents = (path: string, into: Set<string>) => {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) into.add(parts.slice(0, i).join('/'));
  };
  for (const doc of facts) {
    for (const key of Object.keys(doc.frontmatter ?? {})) properties.add(key);
    for (const tag of doc.tags) withParents(tag.replace(/^#/, '').toLowerCase(), tags);
  }
  for (const path of [...facts.map((doc) => doc.path), ...attachments]) withParents(folderOf(path), folders);
  return { properties, folders, tags };
}
