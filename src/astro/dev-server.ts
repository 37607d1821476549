/**
 * `npm run dev` for authors: the vault is watched (it may live outside the project), every save brings the live site
 * up to date (`site/live-site.ts`: the saved doc analysed alone, on the language server's engine) and reloads the
 * browser, whose page then shows its doc's current diagnostics. The pages' modules are not reloaded: Astro is told
 * that content changed, which drops the static paths it keeps, as its own content layer does. The published
 * attachments (and no other file of the vault) and mermaid's bundle are served from where they are, as the build
 * copies them.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';
import type { SiteModel } from '../site/build-site.ts';
import type { LiveSite, LiveUpdate, VaultChange } from '../site/live-site.ts';
import { mermaidPath } from '../site/urls.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';

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

/** Obsidian's own state, rewritten as the author clicks around: no change to the vault. */
const obsidianState = /^\.obsidian\/(workspace[^/]*\.json|cache)$/;
/** Saves coalesce this long (an editor's save can be several events: write, rename). */
const debounceMs = 20;
/** Longer than chokidar's window for a file's repeated change events, which it drops. */
const recheckMs = 60;
/** Once saves pause this long, the whole cross-file pass runs, as the language server's does. */
const settleMs = 1000;

/** How the pages get a new model. */
type Publish = (site: SiteModel) => Promise<void>;

export function watchVault(server: ViteDevServer, config: ResolvedConfig, logger: Logger, live: LiveSite, publish: Publish): void {
  const { contentDir, site } = config;
  const mermaidDir = dirname(fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.esm.min.mjs')));
  server.middlewares.use((request, response, next) => {
    const url = decodeURIComponent((request.url ?? '').split('?')[0]!);
    if (!url.startsWith(site.base)) return next();
    const rest = url.slice(site.base.length);
    const mermaid = rest.startsWith(mermaidPath);
    const file = mermaid
      ? join(mermaidDir, normalize(rest.slice(mermaidPath.length)))
      : live.site.attachments.find((attachment) => attachment.output === rest.normalize('NFC'))?.file;
    if (!file || (mermaid && !file.startsWith(mermaidDir + sep)) || !existsSync(file) || !statSync(file).isFile()) return next();
    response.setHeader('Content-Type', types[file.slice(file.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  });

  const shown = async (update: LiveUpdate | undefined, started: number) => {
    if (!update) return;
    await publish(update.site);
    // Astro keeps each route's static paths until content changes: tell it, as its content layer does.
    server.environments.ssr.hot.send('astro:content-changed', {});
    server.ws.send({ type: 'full-reload' });
    const errors = update.result.diagnostics.filter((d) => d.severity === 'error').length;
    const what = { pages: 'pages updated', links: 'pages and links updated', site: 'site rebuilt', vault: 'vault reloaded' }[update.scope];
    logger.info(`${what} in ${Math.round(performance.now() - started)} ms: ${update.site.pages.length} docs, ${update.result.diagnostics.length} diagnostics (${errors} errors)`);
  };

  server.watcher.add(contentDir);
  const pending = new Map<string, VaultChange['kind']>();
  let timer: NodeJS.Timeout | undefined;
  let settleTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = (step: () => Promise<LiveUpdate | undefined>) => {
    running = running.then(async () => {
      const started = performance.now();
      try {
        await shown(await step(), started);
      } catch (error) {
        logger.error(`vault reload failed: ${(error as Error).stack ?? String(error)}`);
      }
    });
  };
  const note = (path: string, kind: VaultChange['kind']) => {
    pending.set(path, pending.has(path) && kind === 'change' ? pending.get(path)! : kind);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const stamp = (path: string) => {
    try {
      const stats = statSync(join(contentDir, path));
      return `${stats.mtimeMs}:${stats.size}`;
    } catch {
      return 'gone';
    }
  };
  const flush = () => {
    const changes = [...pending].map(([path, kind]) => ({ path, kind }));
    pending.clear();
    const stamps = new Map(changes.map((change) => [change.path, stamp(change.path)]));
    run(() => live.update(changes));
    // Chokidar drops a file's second change within 50 ms of the first (a save, then a format-on-save): once that
    // window is over, a file that changed since it was read is read again.
    setTimeout(() => {
      for (const [path, seen] of stamps) if (stamp(path) !== seen) note(path, 'change');
    }, recheckMs);
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => run(() => live.settle()), settleMs);
  };
  server.watcher.on('all', (event, file) => {
    if (!file.startsWith(contentDir + sep)) return;
    const path = file.slice(contentDir.length + 1).split(sep).join('/');
    if (obsidianState.test(path)) return;
    // A folder added or removed is the files in it: the vault is scanned again.
    note(path, event === 'change' ? 'change' : event === 'unlink' || event === 'unlinkDir' ? 'unlink' : 'add');
  });
}
