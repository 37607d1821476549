/**
 * The Pagefind search index, fed from the site model rather than from the built pages: Pagefind runs as its own
 * process, so indexing starts as soon as the model exists and runs beside Astro's page generation instead of after
 * it. Each doc is indexed as its title and rendered body (headings keep their ids, so results link to sections);
 * folder, tag and health pages are navigation, not content, and are left out.
 *
 * A rebuild whose docs did not change takes the previous build's index as it is (Pagefind cannot update an index,
 * only rebuild it): the index folder carries the hash of what it was built from.
 *
 * In: `const search = startSearchIndex(site, 'dist/pagefind')` … later `await search.write('.dist-staging/pagefind')`
 *   → `{ pages: 2980, reused: false }`
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteModel } from './build-site.ts';
import { escapeHtml } from '../blocks/block-type.ts';

export interface SearchIndex {
  /** Waits for indexing to finish and writes the index and Pagefind's UI into `dir`. */
  write(dir: string): Promise<{ pages: number; reused: boolean }>;
}

const keyFile = 'shipshape-search.json';

const fail = (what: string, errors: string[]) => {
  if (errors.length > 0) throw new Error(`Pagefind ${what}: ${errors.join('; ')}`);
};

function keyOf(site: SiteModel): string {
  // Pagefind's version too: another version writes another index.
  const hash = createHash('sha1').update(readFileSync(new URL('../package.json', import.meta.resolve('pagefind'))));
  for (const page of site.pages) hash.update(page.url).update('\0').update(page.title).update('\0').update(page.html).update('\0');
  return hash.digest('hex');
}

function previousKey(dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(dir, keyFile), 'utf8')) as { key?: string }).key;
  } catch {
    return undefined;
  }
}

/** `previous`: the index folder of the last build, reused when it was built from the same docs. */
export function startSearchIndex(site: SiteModel, previous?: string): SearchIndex {
  const key = keyOf(site);
  const done = async (dir: string, reused: boolean) => {
    await writeFile(join(dir, keyFile), JSON.stringify({ key }));
    return { pages: site.pages.length, reused };
  };
  if (previous && previousKey(previous) === key) {
    return {
      async write(dir) {
        // The previous output is replaced right after: moving its index costs nothing, copying is the fallback.
        await rename(previous, dir).catch(() => cp(previous, dir, { recursive: true }));
        return done(dir, true);
      },
    };
  }
  const indexing = (async () => {
    const pagefind = await import('pagefind');
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    fail('could not start', errors);
    if (!index) throw new Error('Pagefind could not start');
    await Promise.all(
      site.pages.map(async (page) => {
        const title = escapeHtml(page.title);
        const content = `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1>${page.html}</main></body></html>`;
        fail(`could not index ${page.path}`, (await index.addHTMLFile({ url: page.url, content })).errors);
      }),
    );
    return { pagefind, index };
  })();
  // Until `write` is awaited, a failure must not surface as an unhandled rejection in the middle of Astro's build.
  indexing.catch(() => {});
  return {
    async write(dir) {
      const { pagefind, index } = await indexing;
      try {
        fail('could not write the index', (await index.writeFiles({ outputPath: dir })).errors);
      } finally {
        await pagefind.close();
      }
      return done(dir, false);
    },
  };
}
