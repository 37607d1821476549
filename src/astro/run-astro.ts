/**
 * `shipshape build|dev|preview` through Astro's JavaScript API, with Shipshape's own Astro project (this package's
 * astro.config.mjs and src/pages) and the user's working directory for the vault, the config and the output: so a
 * repository with no astro.config and no src/pages builds its vault.
 *
 * In: `runAstro('build', { cwd: '/repo', outDir: '/repo/dist' })` → /repo/dist/index.html, …
 */
import type { AstroInlineConfig } from 'astro';
import { toolRoot } from '../vault/config.ts';

export type AstroCommand = 'build' | 'dev' | 'preview';

export interface RunAstroOptions {
  /** Where the config and the vault are looked up (SHIPSHAPE_CWD for the integration). */
  cwd: string;
  /** Absolute folder the site is written to (build) or served from (preview). */
  outDir: string;
  /** Astro's debug log: every doc and file the build left out. */
  verbose?: boolean;
  /** dev and preview: the port and host to listen on; Astro's defaults otherwise. */
  port?: number;
  host?: string;
}

/** Resolves when the build is written, or once the dev or preview server listens (it then runs until stopped). */
export async function runAstro(command: AstroCommand, options: RunAstroOptions): Promise<void> {
  process.env.SHIPSHAPE_CWD = options.cwd;
  // Astro writes its prerender bundle under the working directory when the output is there, and imports it: its bare
  // imports (astro's own dependencies) must resolve from this package, not from a repository that may not hold them.
  process.chdir(toolRoot);
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  const inline: AstroInlineConfig = {
    // Astro finds astro.config.mjs in its root.
    root: toolRoot,
    outDir: options.outDir,
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
  if (command === 'build') await build(inline);
  else if (command === 'dev') await dev(inline);
  else await preview(inline);
}
