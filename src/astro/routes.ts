/**
 * What the integration adds to the user's Astro project: Shipshape's pages, injected at their patterns (so they
 * coexist with the project's own `src/pages`), and the virtual modules the pages import — the site model and the
 * replaceable components.
 *
 * Why a virtual module backed by a shared module instance, not Astro's content layer: a collection must be declared
 * in the user's `content.config` (an integration cannot add one), and the content layer serializes every entry into
 * its data store and then into the bundle. The model of a 3,000-doc vault is 58 MB as JSON (0.4 s to write, 0.2 s
 * to read, before the bundler parses it too) and holds functions (the dashboards' link builders) that no store
 * keeps; sharing the instance costs nothing and the pages read the model the check produced, not a copy of it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import type { SiteModel } from '../site/build-site.ts';
import type { SiteConfig } from '../vault/config-types.ts';

/** This folder's module named `name`, in the extension this module has: `.ts` in the repo, `.js` in the package. */
const sibling = (name: string) => fileURLToPath(new URL(`${name}${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url));
const own = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export const siteDataFile = sibling('site-data');

export interface Route {
  pattern: string;
  entrypoint: string;
}

const pageExtensions = ['.astro', '.md', '.mdx', '.html', '.js', '.ts'];

/**
 * Whether the project's own pages (`src/pages` of the user's Astro project) define a static URL: its page is used
 * then, not Shipshape's, where Astro would warn of the collision and render only one of them anyway.
 *
 * In: `ownsPage('/repo/src/pages', '/')` with /repo/src/pages/index.astro → true
 */
export function ownsPage(pagesDir: string, pattern: string): boolean {
  const path = pattern === '/' ? 'index' : pattern.slice(1);
  return pageExtensions.some((extension) => existsSync(join(pagesDir, `${path}${extension}`)) || existsSync(join(pagesDir, path, `index${extension}`)));
}

/** The pages of a site: the optional sections only when the vault has them (`site` is undefined for `astro sync`). */
export function routesOf(site: Pick<SiteModel, 'dashboards' | 'checklists'> | undefined): Route[] {
  const route = (pattern: string, file: string): Route => ({ pattern, entrypoint: own(`routes/${file}.astro`) });
  return [
    route('/', 'home'),
    route('/[...slug]', 'doc'),
    route('/tags', 'tags'),
    route('/tags/[...tag]', 'tag'),
    route('/graph', 'graph'),
    route('/health', 'health'),
    route('/404', '404'),
    ...(site?.dashboards
      ? [
          route('/deployments', 'deployments'),
          route('/deployments/services/[service]', 'service'),
          route('/deployments/environments/[environment]', 'environment'),
          route('/deployments/runs/[run]', 'run'),
        ]
      : []),
    ...(site?.checklists ? [route('/checklists', 'checklists'), route('/checklists/[checklist]', 'checklist')] : []),
  ];
}

const defaultComponents: Required<SiteConfig['components']> = {
  Header: own('components/Header.astro'),
  Footer: own('components/Footer.astro'),
  DocPage: own('components/Doc.astro'),
};

/**
 * `virtual:shipshape/site`, `virtual:shipshape/components/<Name>` (the user's component when `site.components`
 * names one, Shipshape's otherwise) and `virtual:shipshape/css` (the user's `site.css`).
 */
export function virtualModules(command: 'build' | 'dev' | 'preview' | 'sync', { components, css }: SiteConfig): Plugin {
  return {
    name: 'shipshape:virtual-modules',
    enforce: 'pre',
    resolveId(id) {
      if (id === 'virtual:shipshape/css') return '\0virtual:shipshape/css';
      // In a build, Node loads the module the integration set, from its file: Astro prerenders in this process.
      if (id === 'virtual:shipshape/site') return command === 'build' ? { id: pathToFileURL(siteDataFile).href, external: true } : siteDataFile;
      if (!id.startsWith('virtual:shipshape/components/')) return undefined;
      const name = id.slice('virtual:shipshape/components/'.length) as keyof typeof defaultComponents;
      return components[name] ?? defaultComponents[name];
    },
    load(id) {
      if (id === '\0virtual:shipshape/css') return css.map((file) => `import ${JSON.stringify(file)};`).join('\n');
      return undefined;
    },
  };
}
