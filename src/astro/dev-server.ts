/**
 * `npm run dev` for authors: the vault is watched (it may live outside the project), every save re-runs the check
 * pipeline (cached: one changed file is re-parsed) and reloads the browser, whose page then shows its doc's
 * current diagnostics. The published attachments (and no other file of the vault) and mermaid's bundle are served
 * from where they are, as the build copies them.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';
import { loadSite } from '../site/load-site.ts';
import { mermaidPath } from '../site/urls.ts';
import { routesOf } from './routes.ts';
import type { SiteModel } from '../site/build-site.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { rereadPropertyTypes } from '../vault/config.ts';

const types: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.mjs': 'text/javascript',
};

interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** The model the pages see now, and how to give them a new one. */
interface SiteHandle {
  site(): SiteModel;
  publish(site: SiteModel): Promise<void>;
}

export function watchVault(server: ViteDevServer, config: ResolvedConfig, logger: Logger, handle: SiteHandle): void {
  const { contentDir, site } = config;
  const mermaidDir = dirname(fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.esm.min.mjs')));
  server.middlewares.use((request, response, next) => {
    const url = decodeURIComponent((request.url ?? '').split('?')[0]!);
    if (!url.startsWith(site.base)) return next();
    const rest = url.slice(site.base.length);
    const mermaid = rest.startsWith(mermaidPath);
    const file = mermaid
      ? join(mermaidDir, normalize(rest.slice(mermaidPath.length)))
      : handle.site().attachments.find((attachment) => attachment.output === rest.normalize('NFC'))?.file;
    if (!file || (mermaid && !file.startsWith(mermaidDir + sep)) || !existsSync(file) || !statSync(file).isFile()) return next();
    response.setHeader('Content-Type', types[file.slice(file.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  });

  server.watcher.add(contentDir);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const reload = () => {
    running = running.then(async () => {
      try {
        // Obsidian rewrites .obsidian/types.json when an author changes a property's type: the check follows.
        const { site: model, result } = await loadSite(rereadPropertyTypes(config), { dev: true });
        await handle.publish(model);
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        logger.info(`vault reloaded: ${model.pages.length} docs, ${result.diagnostics.length} diagnostics (${errors} errors)`);
        // Astro keeps each route's static paths until a source file changes: tell it the routes did.
        for (const route of routesOf(model)) {
          for (const module of server.moduleGraph.getModulesByFile(route.entrypoint) ?? []) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      } catch (error) {
        logger.error(`vault reload failed: ${(error as Error).stack ?? String(error)}`);
      }
    });
  };
  server.watcher.on('all', (_event, path) => {
    if (!path.startsWith(contentDir + sep)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, 100);
  });
}
