/**
 * `shipshape build|dev|preview` through Astro's JavaScript API. A repository with its own astro.config (which adds
 * `shipshape()` to its integrations) is built as Astro would build it; one without gets Shipshape's integration and
 * nothing else: Astro's `src/` and `public/` are pointed at an empty folder, because a docs repository's `src/` is
 * its code and its `public/` is not something anybody asked to publish.
 *
 * In: `runAstro('build', { cwd: '/repo', outDir: '/repo/dist' })` → /repo/dist/index.html, …
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroInlineConfig } from 'astro';
import shipshape from './integration.ts';

export type AstroCommand = 'build' | 'dev' | 'preview';

export interface RunAstroOptions {
  /** The project: where the config, the vault and an astro.config are looked up. */
  cwd: string;
  /** Absolute folder the site is written to (build) or served from (preview). */
  outDir: string;
  /** Astro's debug log: every doc and file the build left out. */
  verbose?: boolean;
  /** dev and preview: the port and host to listen on; Astro's defaults otherwise. */
  port?: number;
  host?: string;
}

const astroConfigs = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts', 'astro.config.cjs', 'astro.config.cts'];

/** Resolves when the build is written, or once the dev or preview server listens (it then runs until stopped). */
export async function runAstro(command: AstroCommand, options: RunAstroOptions): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  const ownProject = astroConfigs.some((name) => existsSync(join(options.cwd, name)));
  // Astro is Shipshape's dependency there, not the repository's: its "run npx @astrojs/upgrade" advice is not theirs to follow.
  if (!ownProject) process.env.ASTRO_DISABLE_UPDATE_CHECK ??= 'true';
  const empty = join(options.cwd, 'node_modules/.cache/shipshape/astro-project');
  const inline: AstroInlineConfig = {
    root: options.cwd,
    outDir: options.outDir,
    ...(ownProject
      ? {}
      : {
          configFile: false,
          integrations: [shipshape()],
          srcDir: join(empty, 'src'),
          publicDir: join(empty, 'public'),
          cacheDir: join(options.cwd, 'node_modules/.cache/shipshape/astro'),
          devToolbar: { enabled: false },
          prefetch: false,
        }),
    ...(options.verbose ? { logLevel: 'debug' } : {}),
    ...(options.port !== undefined || options.host !== undefined
      ? { server: { ...(options.port === undefined ? {} : { port: options.port }), ...(options.host === undefined ? {} : { host: options.host }) } }
      : {}),
  };
  // Astro's debug log (the integration's list of what was left out among it) is switched on as `astro --verbose`
  // switches it on, by its logger's Node module, which Astro's exports do not name: loaded by its file's URL.
  if (options.verbose) {
    const logger = new URL('./core/logger/node.js', import.meta.resolve('astro'));
    ((await import(logger.href)) as { enableVerboseLogging: () => void }).enableVerboseLogging();
  }
  const { build, dev, preview } = await import('astro');
  if (command === 'dev') await dev(inline);
  else if (command === 'preview') await preview(inline);
  else if (ownProject) await build(inline);
  else {
    // Astro writes its generated types to .astro/ in the root, whatever the config: a repository that is no Astro
    // project gets no such folder from a build.
    const dotAstro = join(options.cwd, '.astro');
    const had = existsSync(dotAstro);
    try {
      await build(inline);
    } finally {
      if (!had) await rm(dotAstro, { recursive: true, force: true });
    }
  }
}
