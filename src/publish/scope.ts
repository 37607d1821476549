/**
 * What the site publishes, decided in one place: every doc but templates, `site.exclude` matches, `publish: false`
 * and `draft: true` (with `site.publish: "explicit"`, only `publish: true` docs); and of the other files only those
 * a published doc uses — embeds, links, and frontmatter fields its schema marks `"format": "vault-file"` — unless
 * `site.attachments` is `all`. Run data is published as dashboards, never as files. `check` reads the same scope
 * for `unpublished-link`; the site builds its pages, links and indexes from it alone.
 *
 * In: docs `a.md`, `private/b.md` (excluded by `private/**`), `c.md` (`draft: true`); `a.md` embeds `img/x.png`
 *   → `{ docs: {'a.md'}, leftOutDocs: {'private/b.md' → 'site.exclude', 'c.md' → 'draft'}, attachments: ['img/x.png'], leftOutFiles: {…} }`
 */
import picomatch from 'picomatch';
import type { LinkFact, DocFacts } from '../markdown/types.ts';
import type { VaultIndex } from '../links/vault-index.ts';
import { recordKindOf } from '../runs/load-runs.ts';
import { schemaRegistryFor } from '../schemas/registry.ts';
import type { ResolvedConfig, SiteConfig } from '../vault/config-types.ts';

/** Why a doc is not published, as the build's summary says it. */
export type LeftOutReason = 'template' | 'site.exclude' | 'publish: false' | 'draft' | 'not publish: true';

/** Why a file is not published. */
export type LeftOutFile = 'unused' | 'site.exclude';

export interface PublishScope {
  /** Paths of the published docs. */
  docs: ReadonlySet<string>;
  leftOutDocs: ReadonlyMap<string, LeftOutReason>;
  /** Paths of the published files that are not docs, sorted. */
  attachments: readonly string[];
  /** Files that are not published, but for run data (which the dashboards publish). */
  leftOutFiles: ReadonlyMap<string, LeftOutFile>;
}

// Frontmatter is typed by the schema (`publish`, `draft` are booleans); values written as words still count, and
// where they are unclear the doc stays out: a draft that reaches readers cannot be taken back.
const no = new Set<unknown>([false, 'false', 'no', 'off', 0]);
const yes = new Set<unknown>([true, 'true', 'yes', 'on', 1]);
const normalized = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export type ExcludedBy = (path: string) => boolean;

/** The `site.exclude` matcher. */
export function excludedBy(site: Pick<SiteConfig, 'exclude'>): ExcludedBy {
  return site.exclude.length > 0 ? picomatch(site.exclude, { dot: true }) : () => false;
}

/** Why a doc stays off the site, or undefined when it is published. */
export function leftOutReason(doc: DocFacts, site: Pick<SiteConfig, 'publish'>, excluded: ExcludedBy): LeftOutReason | undefined {
  if (doc.isTemplate) return 'template';
  if (excluded(doc.path)) return 'site.exclude';
  const publish = normalized(doc.frontmatter?.publish);
  if (no.has(publish)) return 'publish: false';
  if (yes.has(normalized(doc.frontmatter?.draft))) return 'draft';
  if (site.publish === 'explicit' && publish !== true) return 'not publish: true';
  return undefined;
}

/** Why a file that is not a doc stays off the site whoever uses it, or undefined when a use publishes it. */
export function fileLeftOutReason(path: string, excluded: ExcludedBy): 'site.exclude' | 'run data' | undefined {
  // A long run history as files would only weigh the site down.
  if (recordKindOf(path) !== undefined) return 'run data';
  return excluded(path) ? 'site.exclude' : undefined;
}

/** How a link of `from` is resolved: Markdown links and images are relative to their file first. */
export function linkTarget(index: VaultIndex, from: string, link: Pick<LinkFact, 'kind' | 'target'>): string | undefined {
  if (link.target === '') return undefined;
  return index.resolve(link.target, from, { relativeFirst: link.kind === 'markdown' || link.kind === 'image' }).path;
}

/** `[[img/cover.png|Cover]]`, `![[x.png]]`, `./img/x.png` → the target part. */
function fileFieldTarget(value: string): string {
  const wiki = /^!?\[\[([^\]|#]*)/.exec(value.trim());
  return (wiki ? wiki[1]! : value.trim()).trim();
}

type SchemaConfig = Pick<ResolvedConfig, 'docSchemas' | 'defaultDocSchema' | 'blockSchemas' | 'typeField'>;

/**
 * The files a doc names in the frontmatter fields its schema marks `"format": "vault-file"`, as links of its own
 * (resolved like Markdown links: relative to the doc first). `image: [[cover.png]]` → `[{ field: 'image', kind: 'markdown', target: 'cover.png' }]`
 */
export function fileFieldLinks(doc: DocFacts, config: SchemaConfig): Array<{ field: string; kind: 'markdown'; target: string }> {
  const type = doc.frontmatter?.[config.typeField];
  const schema = typeof type === 'string' && Object.hasOwn(config.docSchemas, type) ? config.docSchemas[type] : config.defaultDocSchema;
  if (schema === undefined || !doc.frontmatter) return [];
  return schemaRegistryFor(config)
    .fileFields(schema)
    .flatMap((field) =>
      [doc.frontmatter![field]].flat().flatMap((value) => (typeof value === 'string' && value.trim() ? [{ field, kind: 'markdown' as const, target: fileFieldTarget(value) }] : [])),
    );
}

/** The files that are not docs a doc links to, embeds or names in a file field: what it publishes, when it is published. */
export function filesUsedBy(index: VaultIndex, doc: DocFacts, config: SchemaConfig): string[] {
  const files: string[] = [];
  for (const link of [...doc.links, ...fileFieldLinks(doc, config)]) {
    const path = linkTarget(index, doc.path, link);
    if (path !== undefined && !index.docs.has(path)) files.push(path);
  }
  return files;
}

export function publishScope(
  index: VaultIndex,
  facts: readonly DocFacts[],
  files: readonly string[],
  config: SchemaConfig & Pick<ResolvedConfig, 'site'>,
): PublishScope {
  const excluded = excludedBy(config.site);
  const docs = new Set<string>();
  const leftOutDocs = new Map<string, LeftOutReason>();
  for (const doc of facts) {
    const reason = leftOutReason(doc, config.site, excluded);
    if (reason) leftOutDocs.set(doc.path, reason);
    else docs.add(doc.path);
  }

  const used = new Set<string>();
  if (config.site.attachments === 'referenced') {
    for (const doc of facts) {
      if (!docs.has(doc.path)) continue;
      for (const path of filesUsedBy(index, doc, config)) used.add(path);
    }
  }
  const attachments: string[] = [];
  const leftOutFiles = new Map<string, LeftOutFile>();
  for (const path of files) {
    const reason = fileLeftOutReason(path, excluded);
    if (reason === 'run data') continue;
    if (reason) leftOutFiles.set(path, reason);
    else if (config.site.attachments === 'all' || used.has(path)) attachments.push(path);
    else leftOutFiles.set(path, 'unused');
  }
  return { docs, leftOutDocs, attachments, leftOutFiles };
}
