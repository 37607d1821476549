/**
 * The site as data: every page the Astro layer renders, computed once from the check's own analysis (facts,
 * diagnostics and the HTML rendered from the same parse). Astro pages only lay this out; nothing here parses
 * Markdown again or resolves a link differently from `check`.
 *
 * Only what `publishScope` publishes goes in: a doc left out has no page, and leaves no trace in any other
 * (titles, excerpts, backlinks, graph, folders, tags, search, dashboards, checklists, health).
 *
 * In: `buildSite(analysis, config, { dates })` → `{ pages: [{ slug: 'strategy/deployment-strategy', backlinks: [...], … }], tags, folders, health, … }`
 */
import { join } from 'node:path';
import type { BaselinePoint } from '../baseline/baseline-history.ts';
import { byFile, type CheckResult, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { buildVaultIndex } from '../links/vault-index.ts';
import { docNames } from '../markdown/doc-names.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { VaultAnalysis } from '../pipeline/check-vault.ts';
import { mentionsAny } from '../publish/mentions.ts';
import { filesUsedBy, publishScope, type LeftOutFile, type LeftOutReason, type PublishScope } from '../publish/scope.ts';
import type { RenderedDoc } from '../render/types.ts';
import { recordKindOf } from '../runs/load-runs.ts';
import type { ResolvedConfig, SiteConfig } from '../vault/config-types.ts';
import { fileName, folderOf, vaultPath, withoutMd, type VaultPath } from '../vault/vault-path.ts';
import type { GitDates } from './git-dates.ts';
import { healthOf, type Health } from './health.ts';
import type { DiagramHtml } from '../blocks/mermaid.ts';
import { linkResolver } from './link-html.ts';
import { siteChecklists, type SiteChecklists } from './site-checklists.ts';
import { siteDashboards, type SiteDashboards, type SiteDashboardsOptions } from './site-dashboards.ts';
import { siteQueries } from './site-queries.ts';
import { isBaseFile } from '../queries/base-files.ts';
import { assignSlugs, fileUrl, pageUrl, publishedFilePath, slugOf, type Slug } from './urls.ts';

export interface PageLink {
  url: string;
  title: string;
}

export interface Backlink extends PageLink {
  /** The sentences around the links, as plain text. */
  contexts: string[];
}

export interface DocPage extends PageLink {
  path: string;
  slug: Slug;
  description: string;
  tags: PageLink[];
  type?: string;
  owner?: string;
  status?: string;
  /** `YYYY-MM-DD`, from the frontmatter, else from git history. */
  created?: string;
  updated?: string;
  folder: string;
  breadcrumbs: PageLink[];
  toc: Array<{ id: string; depth: number; text: string }>;
  html: string;
  backlinks: Backlink[];
  outgoing: PageLink[];
  prev?: PageLink;
  next?: PageLink;
  /** The doc's diagnostics, in a dev server's model only: a built page never shows them, whatever its environment says. */
  diagnostics?: Diagnostic[];
  hasMermaid: boolean;
  editUrl?: string;
}

export interface FolderPage extends PageLink {
  path: string;
  slug: Slug;
  breadcrumbs: PageLink[];
  folders: Array<PageLink & { docs: number }>;
  docs: Array<PageLink & { description: string }>;
}

export interface TagPage extends PageLink {
  name: string;
  slug: Slug;
  docs: Array<PageLink & { description: string }>;
}

export interface Attachment {
  path: VaultPath;
  /** Where it lands, relative to the output folder. */
  output: string;
  url: string;
  /** Absolute path on disk. */
  file: string;
}

export interface SiteModel {
  config: SiteConfig;
  pages: DocPage[];
  folders: FolderPage[];
  tags: TagPage[];
  attachments: Attachment[];
  health: Health;
  recent: Array<PageLink & { updated: string }>;
  /** Every published doc and the links between them, for the graph page. */
  graph: { nodes: Array<PageLink & { folder: string }>; edges: Array<[number, number]> };
  /** Things the reader of the build log should know (a shallow clone's dates…). */
  warnings: string[];
  /** The deployment dashboards, when the vault has run data. */
  dashboards?: PublishedDashboards;
  /** The deployment checklists, when the vault defines any. */
  checklists?: PublishedChecklists;
  /** What the build left out, for its log (never for a page). */
  leftOut: { docs: ReadonlyMap<string, LeftOutReason>; files: ReadonlyMap<string, LeftOutFile> };
}

export interface PublishedChecklists extends SiteChecklists {
  /** Checklist id → the doc that defines it. */
  definedIn: Map<string, PageLink & { line: number }>;
}

export interface PublishedDashboards extends SiteDashboards {
  /** Service name → the docs about it: its own doc, the docs that link to that, and the docs whose `service(s)` names it. */
  serviceDocs: Map<string, PageLink[]>;
  /** Environment name → its doc. */
  environmentDocs: Map<string, PageLink>;
}

export interface BuildSiteOptions {
  dates?: GitDates;
  diagrams?: ReadonlyMap<string, DiagramHtml>;
  /** For the dev server: each page carries its doc's diagnostics. */
  dev?: boolean;
  /** Draw the deployment dashboards and ```dashboard blocks from the analysis' run data. */
  dashboards?: Omit<SiteDashboardsOptions, 'base'>;
  /** The baseline's size at each commit that changed it, newest first, for the health page. */
  baselineHistory?: BaselinePoint[];
}

const stringField = (data: Record<string, unknown> | undefined, ...keys: string[]): string | undefined => {
  for (const key of keys) {
    const value = data?.[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
};

const dateField = (data: Record<string, unknown> | undefined, ...keys: string[]): string | undefined => {
  const value = stringField(data, ...keys);
  return value && /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : undefined;
};

// One collator for every comparison: `localeCompare` with options builds one per call, seconds on a large vault.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byTitle = (a: PageLink, b: PageLink) => collator.compare(a.title, b.title) || (a.url < b.url ? -1 : 1);

/** The page header shows the title: a body that opens with the same `# Title` would show it twice. */
function withoutTitle(html: string, rendered: RenderedDoc, title: string): string {
  const first = rendered.headings[0];
  if (first?.depth !== 1 || first.start !== 0 || first.text.trim() !== title.trim()) return html;
  const end = html.indexOf('</h1>');
  return end === -1 ? html : html.slice(end + '</h1>'.length).trimStart();
}

export function buildSite(analysis: VaultAnalysis, resolved: ResolvedConfig, options: BuildSiteOptions = {}): SiteModel {
  return siteBuild(analysis, resolved, options).site;
}

/** A built site, and how to bring it up to date after edits that changed no doc's facts (the dev server's saves). */
export interface SiteBuild {
  site: SiteModel;
  /**
   * The site of `next`, an analysis of the same vault where only the docs `paths` changed, and not their facts (what
   * other docs see of them: links, headings, titles, tags): their pages, the descriptions that list them, every
   * page that embeds them, and the health page. The model is updated in place and returned.
   */
  refresh(next: VaultAnalysis, paths: ReadonlySet<string>): SiteModel;
  /**
   * As `refresh`, for docs whose own links changed and nothing else of their facts (a link typed): their outgoing
   * links, the backlinks of the pages they link to (or did), the graph. Undefined when the change reaches further (it
   * makes a file published or not): then the site is built again.
   */
  relink(next: VaultAnalysis, paths: ReadonlySet<string>): SiteModel | undefined;
}

export function siteBuild(analysis: VaultAnalysis, resolved: ResolvedConfig, options: BuildSiteOptions = {}): SiteBuild {
  const config = resolved.site;
  const { base } = config;
  // Links resolve against the whole vault, as `check` resolves them; only what the scope publishes is shown.
  const index = buildVaultIndex(analysis.facts, analysis.attachments);
  const scope = publishScope(index, analysis.facts, analysis.attachments, resolved);
  const published = analysis.facts.filter((doc) => scope.docs.has(doc.path) && analysis.rendered.has(doc.path));
  const rendered = new Map(published.map((doc) => [doc.path, analysis.rendered.get(doc.path)!]));
  // A published `.base` file is a page of its own (its views, run), not a file to download.
  const basePaths = scope.attachments.filter(isBaseFile);
  const slugs = assignSlugs([...published.map((doc) => doc.path), ...basePaths]);

  const tagKey = (tag: string) => tag.toLowerCase();
  // Tags repeat on every page: each slug is made once.
  const tagSlugs = new Map<string, Slug>();
  const tagSlug = (tag: string) => {
    const key = tagKey(tag);
    let slug = tagSlugs.get(key);
    if (slug === undefined) tagSlugs.set(key, (slug = slugOf(`tags/${key}`)));
    return slug;
  };
  const tagUrl = (tag: string) => pageUrl(base, tagSlug(tag));
  const dashboards = options.dashboards ? siteDashboards(analysis.facts, analysis.runs, { ...options.dashboards, base }) : undefined;
  const checklists = dashboards
    ? siteChecklists(published, dashboards.model, dashboards.runs, dashboards.incidents, { base, tierOf: dashboards.tierOf, runUrl: dashboards.links.run })
    : undefined;
  const files = new Set(scope.attachments);
  const queriesOf = (from: VaultAnalysis) => siteQueries({
    facts: from.facts,
    attachments: analysis.attachments,
    index,
    published: (path) => (scope.docs.has(path) && rendered.has(path)) || files.has(path),
    ...(options.dates ? { dates: options.dates.dates } : {}),
    contentDir: analysis.result.contentDir,
    baseFiles: analysis.baseFiles,
    now: resolved.queries.asOf === 'now' ? new Date() : new Date(resolved.queries.asOf),
    maxRows: resolved.queries.maxRows,
    href: (path) => (slugs.docs.has(path) ? pageUrl(base, slugs.docs.get(path)!) : files.has(path) ? fileUrl(base, vaultPath(path)) : undefined),
    title: (path) => index.docs.get(path)?.title ?? fileName(path),
  });
  // Made again when a doc changes in the dev server: a query reads every doc's frontmatter, links and tasks.
  let queries = queriesOf(analysis);
  const resolver = linkResolver({
    index,
    rendered,
    slugs: slugs.docs,
    files,
    base,
    tagUrl,
    blocks: {
      ...(options.diagrams ? { diagram: (path: string, n: number) => options.diagrams!.get(rendered.get(path)!.mermaid[n]!) } : {}),
      ...(dashboards ? { dashboard: dashboards.block } : {}),
      ...(checklists ? { checklist: checklists.block } : {}),
      base: (query, from, view) => queries.base(query, from, view),
      baseFile: (path, from, view) => queries.baseFile(path, from, view),
      dataview: (query, from) => queries.dataview(query, from),
    },
  });

  const folderTitle = (folder: string) => fileName(folder) || config.title;
  const folderLink = (folder: string): PageLink => ({ url: pageUrl(base, slugs.folders.get(folder)!), title: folderTitle(folder) });
  const breadcrumbs = (folder: string): PageLink[] => {
    const parts = folder ? folder.split('/') : [];
    return [folderLink(''), ...parts.map((_, i) => folderLink(parts.slice(0, i + 1).join('/')))];
  };

  let diagnosticsByFile = byFile(analysis.result.diagnostics);

  const pages: DocPage[] = published.map((doc) => pageOf(doc));
  const byPath = new Map(pages.map((page) => [page.path, page]));

  function pageOf(doc: DocFacts): DocPage {
    const html = rendered.get(doc.path)!;
    const data = doc.frontmatter;
    const git = options.dates?.dates.get(doc.path);
    const slug = slugs.docs.get(doc.path)!;
    const folder = folderOf(doc.path);
    const tags = new Map<string, PageLink>();
    for (const tag of doc.tags) {
      const name = tag.replace(/^#/, '');
      if (name && !tags.has(tagKey(name))) tags.set(tagKey(name), { url: tagUrl(name), title: name });
    }
    const created = dateField(data, 'created', 'date') ?? git?.created;
    const updated = dateField(data, 'updated', 'last_updated', 'modified') ?? git?.updated;
    const type = stringField(data, 'type');
    const owner = stringField(data, 'owner');
    const status = stringField(data, 'status');
    return {
      path: doc.path,
      slug,
      url: pageUrl(base, slug),
      title: doc.title,
      description: stringField(data, 'description') ?? html.excerpt,
      tags: [...tags.values()],
      ...(type ? { type } : {}),
      ...(owner ? { owner } : {}),
      ...(status ? { status } : {}),
      ...(created ? { created } : {}),
      ...(updated ? { updated } : {}),
      folder,
      breadcrumbs: breadcrumbs(folder),
      toc: html.headings.map(({ id, depth, text }) => ({ id, depth, text })),
      // On demand: the dev server fills only the pages it serves; the resolver keeps what it filled.
      get html() {
        return withoutTitle(resolver.fill(doc.path), rendered.get(doc.path)!, doc.title);
      },
      backlinks: [],
      outgoing: [],
      ...(options.dev ? { diagnostics: diagnosticsByFile.get(doc.path) ?? [] } : {}),
      hasMermaid: html.mermaid.some((source) => !options.diagrams?.has(source)),
      ...(config.editUrl ? { editUrl: config.editUrl + doc.path.split('/').map(encodeURIComponent).join('/') } : {}),
    };
  }

  // Backlinks and outgoing links, from the same resolution the links in the HTML used.
  const backlinks = new Map<string, Map<string, Backlink>>();
  /** Each page's outgoing pages, in the order its links first name them: the graph's edges. */
  const outgoingPaths = new Map<string, string[]>();
  /** A page's links to other published pages: target path → the sentences around them (at most 3). */
  const linksOf = (page: DocPage): Map<string, string[]> => {
    const html = rendered.get(page.path)!;
    const targets = new Map<string, string[]>();
    for (const link of [...html.links, ...html.embeds]) {
      const to = resolver.reaches(page.path, link);
      if (!to || to === page.path || !byPath.has(to)) continue;
      let contexts = targets.get(to);
      if (!contexts) targets.set(to, (contexts = []));
      const context = 'context' in link ? link.context : '';
      if (context && contexts.length < 3 && !contexts.includes(context)) contexts.push(context);
    }
    return targets;
  };
  const link = (page: DocPage) => {
    const targets = linksOf(page);
    outgoingPaths.set(page.path, [...targets.keys()]);
    page.outgoing = [...targets.keys()].map((to) => ({ url: byPath.get(to)!.url, title: byPath.get(to)!.title }));
    for (const [to, contexts] of targets) {
      let sources = backlinks.get(to);
      if (!sources) backlinks.set(to, (sources = new Map()));
      sources.set(page.path, { url: page.url, title: page.title, contexts });
    }
    return targets;
  };
  for (const page of pages) link(page);
  const sortBacklinks = (page: DocPage) => {
    page.backlinks = [...(backlinks.get(page.path)?.values() ?? [])].sort(byTitle);
  };
  for (const page of pages) sortBacklinks(page);

  for (const path of basePaths) {
    const slug = slugs.docs.get(path)!;
    const folder = folderOf(path);
    const page: DocPage = {
      path,
      slug,
      url: pageUrl(base, slug),
      title: fileName(path),
      description: 'An Obsidian base: its views over the published docs.',
      tags: [],
      folder,
      breadcrumbs: breadcrumbs(folder),
      toc: [],
      get html() {
        return queries.baseFile(path, undefined) ?? '<p>This base could not be read: <code>shipshape check</code> says why.</p>';
      },
      backlinks: [],
      outgoing: [],
      hasMermaid: false,
    };
    pages.push(page);
    byPath.set(path, page);
  }

  // Folders: each lists its docs and sub-folders; docs get previous/next within their folder.
  const folderDocs = new Map<string, DocPage[]>();
  for (const folder of slugs.folders.keys()) folderDocs.set(folder, []);
  for (const page of pages) folderDocs.get(page.folder)!.push(page);
  // Docs in each folder and all its sub-folders, counted once per doc and ancestor.
  const docsUnder = new Map<string, number>();
  for (const page of pages) {
    for (let folder = page.folder; folder !== ''; folder = folderOf(folder)) docsUnder.set(folder, (docsUnder.get(folder) ?? 0) + 1);
  }
  const folders: FolderPage[] = [];
  for (const [folder, docs] of folderDocs) {
    docs.sort(byTitle);
    docs.forEach((page, i) => {
      if (i > 0) page.prev = { url: docs[i - 1]!.url, title: docs[i - 1]!.title };
      if (i < docs.length - 1) page.next = { url: docs[i + 1]!.url, title: docs[i + 1]!.title };
    });
    const children = [...slugs.folders.keys()].filter((f) => f !== '' && f !== folder && folderOf(f) === folder);
    folders.push({
      path: folder,
      slug: slugs.folders.get(folder)!,
      ...folderLink(folder),
      breadcrumbs: breadcrumbs(folder).slice(0, -1),
      folders: children.map((f) => ({ ...folderLink(f), docs: docsUnder.get(f) ?? 0 })).sort(byTitle),
      docs: docs.map((p) => ({ url: p.url, title: p.title, description: p.description })),
    });
  }

  const tagDocs = new Map<string, TagPage>();
  for (const page of pages) {
    for (const tag of page.tags) {
      const key = tagKey(tag.title);
      let entry = tagDocs.get(key);
      if (!entry) tagDocs.set(key, (entry = { name: tag.title, slug: tagSlug(tag.title), url: tag.url, title: `#${tag.title}`, docs: [] }));
      entry.docs.push({ url: page.url, title: page.title, description: page.description });
    }
  }
  const tags = [...tagDocs.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const tag of tags) tag.docs.sort(byTitle);

  const nodeIndex = new Map(pages.map((page, i) => [page.path, i]));
  const edgesOf = () => pages.flatMap((page) => (outgoingPaths.get(page.path) ?? []).map((to): [number, number] => [nodeIndex.get(page.path)!, nodeIndex.get(to)!]));
  const warnings: string[] = [];
  if (options.dates?.shallow) {
    warnings.push('The repository is a shallow clone: created/updated dates from git history are wrong for docs without them in the frontmatter (fetch the full history, e.g. fetch-depth: 0).');
  }
  const site: SiteModel = {
    config,
    pages,
    folders,
    tags,
    attachments: scope.attachments.filter((path) => !isBaseFile(path)).map(vaultPath).map((path) => ({
      path,
      output: publishedFilePath(path),
      url: fileUrl(base, path),
      file: join(analysis.result.contentDir, path),
    })),
    health: healthOf(publishedDiagnostics(analysis, scope, published.length), (file) => byPath.get(file), options.baselineHistory),
    recent: pages
      .filter((page) => page.updated)
      .sort((a, b) => (a.updated! > b.updated! ? -1 : a.updated! < b.updated! ? 1 : byTitle(a, b)))
      .slice(0, 10)
      .map((page) => ({ url: page.url, title: page.title, updated: page.updated! })),
    graph: {
      nodes: pages.map((page) => ({ url: page.url, title: page.title, folder: page.folder })),
      edges: edgesOf(),
    },
    warnings,
    leftOut: { docs: scope.leftOutDocs, files: scope.leftOutFiles },
    ...(dashboards && dashboards.model.runCount + dashboards.model.incidentCount > 0
      ? { dashboards: { ...dashboards, ...docsAbout(dashboards, published, byPath) } }
      : {}),
    ...(checklists && checklists.checklists.length > 0
      ? {
          checklists: {
            ...checklists,
            definedIn: new Map(
              checklists.checklists.flatMap(({ checklist }) => {
                const page = byPath.get(checklist.source.path);
                return page ? [[checklist.id, { url: page.url, title: page.title, line: checklist.source.line }] as const] : [];
              }),
            ),
          },
        }
      : {}),
  };

  function refresh(next: VaultAnalysis, paths: ReadonlySet<string>): SiteModel {
    const changed = published.filter((doc) => paths.has(doc.path)).map((doc) => next.facts.find((f) => f.path === doc.path)!);
    for (const doc of changed) {
      rendered.set(doc.path, next.rendered.get(doc.path)!);
      published[published.findIndex((old) => old.path === doc.path)] = doc;
    }
    queries = queriesOf(next);
    resolver.forget();
    diagnosticsByFile = byFile(next.result.diagnostics);
    for (const doc of changed) {
      const old = byPath.get(doc.path)!;
      const page: DocPage = { ...pageOf(doc), backlinks: old.backlinks, outgoing: old.outgoing };
      if (old.prev) page.prev = old.prev;
      if (old.next) page.next = old.next;
      pages[pages.indexOf(old)] = page;
      byPath.set(doc.path, page);
    }
    const description = new Map(changed.map((doc) => [byPath.get(doc.path)!.url, byPath.get(doc.path)!.description]));
    for (const list of [...folders.map((f) => f.docs), ...tags.map((t) => t.docs)]) {
      for (const entry of list) entry.description = description.get(entry.url) ?? entry.description;
    }
    site.health = healthOf(publishedDiagnostics(next, scope, published.length), (file) => byPath.get(file), options.baselineHistory);
    return site;
  }

  function relink(next: VaultAnalysis, paths: ReadonlySet<string>): SiteModel | undefined {
    const factsOf = new Map(next.facts.map((doc) => [doc.path, doc]));
    // A link to a file not used before (or no more) changes what the site publishes: that is a new build.
    if (resolved.site.attachments === 'referenced') {
      for (const doc of published) {
        if (!paths.has(doc.path)) continue;
        const after = factsOf.get(doc.path);
        if (!after || filesUsedBy(index, doc, resolved).join('\0') !== filesUsedBy(index, after, resolved).join('\0')) return undefined;
      }
    }
    const before = new Map([...paths].map((path) => [path, outgoingPaths.get(path) ?? []]));
    refresh(next, paths);
    const touched = new Set<string>();
    for (const [path, targets] of before) {
      const page = byPath.get(path);
      if (!page || !published.some((doc) => doc.path === path)) continue;
      for (const to of targets) {
        backlinks.get(to)?.delete(path);
        touched.add(to);
      }
      for (const to of link(page).keys()) touched.add(to);
    }
    for (const to of touched) sortBacklinks(byPath.get(to)!);
    site.graph.edges = edgesOf();
    return site;
  }

  return { site, refresh, relink };
}

/**
 * The diagnostics the health page may show: those of published docs, published files and run data, none of
 * `unpublished-link` (whose every message names a doc left out), and any other that names a doc left out or a file
 * `site.exclude` matches (a "did you mean", a heading of it) said without the name, and any found inside a comment
 * (a Templater command, mojibake) said without quoting what the comment hides.
 */
function publishedDiagnostics(analysis: VaultAnalysis, scope: PublishScope, docs: number): CheckResult {
  // Templates are no secret, and their names are common words: naming one is no leak.
  const hidden = analysis.facts.filter((doc) => {
    const why = scope.leftOutDocs.get(doc.path);
    return why !== undefined && why !== 'template';
  });
  const excludedFiles = [...scope.leftOutFiles].filter(([, why]) => why === 'site.exclude').map(([path]) => path);
  const names = [
    ...hidden.flatMap((doc) => [doc.path, withoutMd(doc.path), ...docNames(doc)]),
    ...excludedFiles.flatMap((path) => [path, fileName(path)]),
  ];
  const mentions = mentionsAny(names);
  const files = new Set(scope.attachments);
  const shown = (file: string) => scope.docs.has(file) || files.has(file) || recordKindOf(file) !== undefined;
  const comments = new Map(analysis.facts.flatMap((doc) => (doc.comments ? [[doc.path, doc.comments] as const] : [])));
  const inComment = (d: Diagnostic) =>
    comments.get(d.file)?.some(({ start, end }) => before(start, d) && !before(end, d));
  const diagnostics = analysis.result.diagnostics
    .filter((d) => shown(d.file) && d.rule !== 'unpublished-link')
    .map((d): Diagnostic => {
      const hidden = inComment(d) ? 'inside a comment' : mentions(d.message) || mentions(d.hint) || d.suggestions?.some(mentions) ? 'about a doc that is not published' : undefined;
      if (!hidden) return d;
      const { hint: _hint, suggestions: _suggestions, fix: _fix, ...rest } = d;
      return { ...rest, message: `${d.rule} problem ${hidden}` };
    });
  return { ...analysis.result, files: docs, diagnostics };
}

/** Whether a point comes at or before a diagnostic's start. */
const before = (point: { line: number; column: number }, d: Diagnostic) => point.line < d.line || (point.line === d.line && point.column <= d.column);

/** Lower-cased title, aliases and file name of a doc. */
function namesOf(doc: DocFacts): string[] {
  return docNames(doc).map((name) => name.toLowerCase());
}

/** The docs about each service and environment of the dashboards, as `PublishedDashboards` keeps them. */
function docsAbout(
  dashboards: SiteDashboards,
  published: readonly DocFacts[],
  byPath: ReadonlyMap<string, DocPage>,
): Pick<PublishedDashboards, 'serviceDocs' | 'environmentDocs'> {
  const link = (page: DocPage): PageLink => ({ url: page.url, title: page.title });
  const ofType = (type: string) => published.filter((doc) => doc.type?.toLowerCase() === type);
  const serviceDocs = new Map<string, PageLink[]>();
  for (const { name } of dashboards.services) {
    const key = name.toLowerCase();
    const found = new Map<string, PageLink>();
    for (const doc of ofType('service').filter((d) => namesOf(d).includes(key))) {
      const page = byPath.get(doc.path)!;
      found.set(page.url, link(page));
      for (const backlink of page.backlinks) found.set(backlink.url, { url: backlink.url, title: backlink.title });
    }
    for (const doc of published) {
      const named = [doc.frontmatter?.service, doc.frontmatter?.services].flat().filter((v): v is string => typeof v === 'string');
      if (named.some((n) => n.toLowerCase() === key)) found.set(byPath.get(doc.path)!.url, link(byPath.get(doc.path)!));
    }
    serviceDocs.set(name, [...found.values()]);
  }
  const environmentDocs = new Map<string, PageLink>();
  for (const { name } of dashboards.environments) {
    const doc = ofType('environment').find((d) => namesOf(d).includes(name.toLowerCase()));
    if (doc) environmentDocs.set(name, link(byPath.get(doc.path)!));
  }
  return { serviceDocs, environmentDocs };
}
