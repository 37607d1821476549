/**
 * The site half of `npm run bench` (scripts/bench.ts runs and reports it): the bare Astro project our build is
 * compared with, the caches a cold build must not find, and what the bench reads from a built site.
 *
 * In:  writeBaseline('<repo>/.bench/bench-x/baseline', '/tmp/shipshape-bench-y/vault')
 * Out: a three-file Astro project that publishes every `.md` of the vault with Astro's own content layer and
 *      Markdown pipeline — what "the same files as a plain Astro site" costs, the yardstick for our build.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Astro's CLI entry: `node <this> build` is what `npx astro build` runs, and lets the bench preload its RSS probe. */
export const astroEntry = (repoRoot: string): string => path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');

/** Astro's own telemetry would add a network call to every timed build. */
export const astroEnv = { ASTRO_TELEMETRY_DISABLED: '1' } as const;

/**
 * The baseline: glob loader over the vault, one catch-all route, a trivial layout, default config. Written under
 * the repo (not in os.tmpdir) because `astro` and `astro/loaders` must resolve from the repo's node_modules.
 */
export function writeBaseline(dir: string, vault: string): void {
  const files: Record<string, string> = {
    'astro.config.mjs': 'export default {};\n',
    'src/content.config.ts': [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      '',
      `export const collections = { docs: defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(vault)} }) }) };`,
      '',
    ].join('\n'),
    'src/pages/[...slug].astro': [
      '---',
      "import { getCollection, render } from 'astro:content';",
      '',
      'export async function getStaticPaths() {',
      "  const docs = await getCollection('docs');",
      '  return docs.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));',
      '}',
      'const { entry } = Astro.props;',
      'const { Content } = await render(entry);',
      '---',
      '<html><head><title>{entry.id}</title></head><body><Content /></body></html>',
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** Why the baseline cannot build from `dir`, if `astro` there would not be the repo's own (a wrong figure, not an error). */
export function baselineResolution(dir: string, repoRoot: string): string | undefined {
  const expected = path.join(repoRoot, 'node_modules/astro/package.json');
  try {
    const found = createRequire(path.join(dir, 'astro.config.mjs')).resolve('astro/package.json');
    return found === expected ? undefined : `astro resolves to ${found} from ${dir}, not ${expected}`;
  } catch (error) {
    return `astro does not resolve from ${dir}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A cold baseline build: no content-layer data store (either place Astro keeps it), no Vite cache, no output. */
export function clearBaselineCaches(dir: string): void {
  for (const cache of ['.astro', 'node_modules/.astro', 'node_modules/.vite', 'dist']) rmSync(path.join(dir, cache), { recursive: true, force: true });
}

/** Every file under `dir`, relative, `/`-separated, sorted (so picks from it are deterministic). */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export interface DistStats {
  /** HTML files written: docs, and for our site also folders, tags, graph, health, 404. */
  pages: number;
  /** Every file, search index and scripts included. */
  bytes: number;
}

export function distStats(dist: string): DistStats {
  const files = listFiles(dist);
  return {
    pages: files.filter((f) => f.endsWith('.html')).length,
    bytes: files.reduce((sum, f) => sum + statSync(path.join(dist, f)).size, 0),
  };
}

/** A page's weight minus its own content: everything but the inner HTML of its `<div class="doc-body">`. */
export interface PageChrome {
  /** Path in the dist, e.g. `runbooks/restart-api/index.html`. */
  page: string;
  bytes: number;
}

export interface WeighedPages {
  /** Pages in the dist that have a doc body. */
  docPages: number;
  chrome: PageChrome[];
}

/**
 * The chrome of `count` doc pages spread evenly over the sorted list of pages that have a doc body, so the same
 * vault picks the same pages. parse5 (the parser behind hast-util-raw, one of our dependencies) finds the element's
 * exact end tag; counting `<div` by regex would trip over nested callouts and `<` in attribute values.
 */
export function docPageChrome(dist: string, count: number): WeighedPages {
  const docs = listFiles(dist)
    .filter((f) => f.endsWith('.html'))
    .map((page) => ({ page, html: readFileSync(path.join(dist, page), 'utf8') }))
    .filter(({ html }) => html.includes('class="doc-body"'));
  const step = Math.max(1, docs.length / count);
  const picked = Array.from({ length: Math.min(count, docs.length) }, (_, i) => docs[Math.floor(i * step)]).filter((d) => d !== undefined);
  const chrome = picked.map(({ page, html }) => {
    const where = findDocBody(parse(html, { sourceCodeLocationInfo: true }))?.sourceCodeLocation;
    if (where?.startTag === undefined || where.endTag === undefined) throw new Error(`${page}: no well-formed <div class="doc-body">`);
    const inner = Buffer.byteLength(html.slice(where.startTag.endOffset, where.endTag.startOffset));
    return { page, bytes: Buffer.byteLength(html) - inner };
  });
  return { docPages: docs.length, chrome };
}

function findDocBody(node: Node): Element | undefined {
  if ('tagName' in node && node.tagName === 'div' && node.attrs.some((a) => a.name === 'class' && a.value.split(/\s+/).includes('doc-body'))) return node;
  const children = 'content' in node ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
  for (const child of children) {
    const found = findDocBody(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
