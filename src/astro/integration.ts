/**
 * The Astro integration (`import shipshape from 'shipshape/astro'`): the one place Astro meets the engine. It runs
 * the check pipeline before Astro builds or serves anything, prints the diagnostics as `check` does, fails the build
 * at the configured threshold, injects Shipshape's pages beside the project's own and hands them the site model
 * (`routes.ts`), and after the build adds what Astro does not make: the published attachments, mermaid's browser
 * bundle, the Pagefind index, sitemap.xml — then swaps the new output in for the old. It says what it published and
 * left out (the list with `--verbose`, and always in `left-out.txt` in the cache).
 *
 * Its options are the config file's keys, validated by the same schema (`shipshape({ content: 'docs', site: {…} })`);
 * without options it reads `shipshape.config.json` from the project's root, as the commands do. The pages get the
 * model from the virtual module `virtual:shipshape/site`, backed by the very object the check produced, not by
 * Astro's content layer: `routes.ts` says why, with the figures.
 *
 * The build writes to a temporary folder beside `dist/` and renames it into place only when everything
 * succeeded, so a failed build leaves the previous site intact.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isRunnableDevEnvironment } from 'vite';
import { newProblems, summarize, type CheckResult } from '../diagnostics/diagnostic.ts';
import { formatStylish } from '../diagnostics/format-stylish.ts';
import { cacheDirOf } from '../pipeline/cache.ts';
import { fails, loadSite } from '../site/load-site.ts';
import { openLiveSite, type LiveSite } from '../site/live-site.ts';
import { publishSummary } from '../site/publish-summary.ts';
import { startSearchIndex, type SearchIndex } from '../site/search-index.ts';
import { sitemapXml } from '../site/sitemap.ts';
import type { SiteModel } from '../site/build-site.ts';
import type { ShipshapeConfiguration } from '../schemas/generated/config.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { loadConfig } from '../vault/config.ts';
import { watchVault } from './dev-server.ts';
import { ownsPage, routesOf, siteDataFile, virtualModules } from './routes.ts';
import { setSite } from './site-data.ts';
import { mermaidPath } from '../site/urls.ts';

/** The integration's options: the keys of `shipshape.config.json` (schemas/config.schema.json). */
export type ShipshapeOptions = ShipshapeConfiguration;

export default function shipshape(options?: ShipshapeOptions): AstroIntegration {
  let config: ResolvedConfig;
  let site: SiteModel;
  let live: LiveSite | undefined;
  let outDir: string;
  let stagingDir: string;
  let search: SearchIndex | undefined;
  /** Where the config and vault were looked up: what the log's paths are relative to. */
  let cwd: string;
  return {
    name: 'shipshape',
    hooks: {
      async 'astro:config:setup'({ command, config: astro, updateConfig, injectRoute, logger }) {
        cwd = fileURLToPath(astro.root);
        // Options left unset take the project's own base and site URL: Shipshape's pages live in the user's site.
        const inline = options && {
          ...options,
          site: { base: astro.base, ...(astro.site ? { url: astro.site.replace(/\/+$/, '') } : {}), ...options.site },
        };
        config = await loadConfig({ cwd, ...(inline ? { inline: { config: inline, label: 'shipshape() options in astro.config' } } : {}) });
        outDir = fileURLToPath(astro.outDir);
        stagingDir = join(dirname(outDir), `.${relative(dirname(outDir), outDir) || 'dist'}-staging`);
        updateConfig({
          base: config.site.base,
          trailingSlash: 'always',
          // Pages are rendered from memory and written to disk: a few at a time keeps the CPU busy while files are written.
          build: { format: 'directory', concurrency: 4 },
          // Build output and bench scratch folders are not sources: watching them floods the dev server.
          vite: {
            plugins: [virtualModules(command, config.site)],
            server: { watch: { ignored: ['**/dist/**', '**/.*-staging/**', '**/.bench/**'] } },
            // Scripts as files, not inlined: every page would repeat them, where a file is fetched once and cached.
            build: { assetsInlineLimit: 0 },
          },
          ...(config.site.url ? { site: config.site.url } : {}),
          ...(command === 'build' ? { outDir: pathToFileURL(`${stagingDir}/`) } : {}),
        });
        if (command === 'preview') return;
        const pagesDir = join(fileURLToPath(astro.srcDir), 'pages');
        const inject = (model: SiteModel | undefined) => {
          for (const route of routesOf(model)) {
            if (!route.pattern.includes('[') && ownsPage(pagesDir, route.pattern)) logger.info(`${route.pattern}: the project's own page`);
            else injectRoute(route);
          }
        };
        if (command === 'sync') {
          inject(undefined);
          return;
        }

        const started = performance.now();
        // The dev server keeps the analysis alive between saves; a build loads the vault once.
        if (command === 'dev') live = await openLiveSite(config);
        const loaded = live ?? (await loadSite(config, { drawDiagrams: command === 'build', log: (message) => logger.info(message) }));
        const { result } = loaded;
        const failed = fails(result, config.site.failOn);
        site = loaded.site;
        setSite(site);
        inject(site);
        report(result, cwd);
        for (const warning of site.warnings) logger.warn(warning);
        logger.info(`${site.pages.length} docs ready in ${((performance.now() - started) / 1000).toFixed(2)} s`);
        if (failed && command === 'build') {
          const { errors, warnings } = summarize(newProblems(result));
          throw new Error(
            `The vault has ${errors} ${result.baseline ? 'new ' : ''}error(s) and ${warnings} warning(s); build stopped (failOn: ${config.site.failOn}). ` +
              'Fix them (shipshape check), or set SHIPSHAPE_FAIL_ON=never to publish anyway.',
          );
        }
        if (command === 'build') {
          const { line, list } = publishSummary(site);
          const listFile = join(cacheDirOf(config), 'left-out.txt');
          await mkdir(dirname(listFile), { recursive: true });
          await writeFile(listFile, list);
          logger.info(`${line}${list ? ` (list: ${relative(cwd, listFile)})` : ''}`);
          for (const row of list.split('\n').filter(Boolean)) logger.debug(`left out ${row}`);
          await rm(stagingDir, { recursive: true, force: true });
          search = startSearchIndex(site, join(outDir, 'pagefind'));
        }
      },
      async 'astro:server:setup'({ server, logger }) {
        // The dev server runs the pages in its module runner, whose instance of the site module is not this one.
        const runner = server.environments.ssr;
        if (!isRunnableDevEnvironment(runner)) throw new Error('Shipshape needs Astro\'s dev server to run pages in this process');
        const publish = async (model: SiteModel) => {
          site = model;
          ((await runner.runner.import(siteDataFile)) as { setSite: typeof setSite }).setSite(model);
        };
        await publish(site);
        watchVault(server, config, logger, live!, publish);
      },
      async 'astro:build:done'({ dir, logger }) {
        const built = fileURLToPath(dir);
        await Promise.all(
          site.attachments.map(async (attachment) => {
            const to = join(built, ...attachment.output.split('/'));
            await mkdir(dirname(to), { recursive: true });
            await cp(attachment.file, to);
          }),
        );
        if (site.pages.some((page) => page.hasMermaid)) await copyMermaid(join(built, mermaidPath));
        await writeFile(join(built, 'sitemap.xml'), sitemapXml(site));
        const { pages: indexed, reused } = await search!.write(join(built, 'pagefind'));
        logger.info(`Search index: ${indexed} docs${reused ? ' (unchanged, reused)' : ''}`);
        await swap(built, outDir);
        logger.info(`Site written to ${relative(cwd, outDir) || '.'}${sep}`);
      },
    },
  };
}

function report(result: CheckResult, root: string) {
  if (result.diagnostics.length === 0) return;
  const prefix = relative(root, result.contentDir).split(sep).join('/');
  process.stderr.write(formatStylish(result, { color: process.stderr.isTTY === true && !process.env.NO_COLOR, pathPrefix: prefix ? `${prefix}/` : '' }));
}

/** Mermaid's own ESM browser build and its lazily loaded chunks, served as files: bundling it would cost every build seconds. */
async function copyMermaid(to: string) {
  const dist = dirname(fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.esm.min.mjs')));
  await mkdir(to, { recursive: true });
  await cp(join(dist, 'mermaid.esm.min.mjs'), join(to, 'mermaid.esm.min.mjs'));
  await cp(join(dist, 'chunks', 'mermaid.esm.min'), join(to, 'chunks', 'mermaid.esm.min'), { recursive: true });
}

/**
 * The new build replaces the old in two renames. The old one is deleted by a detached `rm`: thousands of folders take
 * seconds to remove, and nothing waits for them.
 */
async function swap(built: string, outDir: string) {
  const old = `${resolve(built)}-old-${process.pid}-${Date.now()}`;
  if (existsSync(outDir)) await rename(outDir, old);
  await rename(built, outDir);
  if (!existsSync(old)) return;
  const remover = spawn('rm', ['-rf', old], { detached: true, stdio: 'ignore' });
  remover.on('error', () => void rm(old, { recursive: true, force: true }));
  remover.unref();
}
