/**
 * Builds a vault into a site the way `npm run build` does, but into a folder of the caller's choosing, in a child
 * process (Astro keeps module state per process). Used by the browser tests and by `npm run lighthouse`.
 *
 * In: `await buildSite({ content: 'test/fixtures/site-vault', outDir: '/tmp/x', env: { SHIPSHAPE_FAIL_ON: 'never' } })`
 *   → resolves once /tmp/x holds the site; rejects with the build's output when it fails.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteEnv } from '../helpers/site-env.ts';

/** The repository root: the build runs there, so it picks up astro.config.mjs. */
export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');

export interface BuildOptions {
  /** Vault to build, relative to the repository root (SHIPSHAPE_CONTENT); the configured one when omitted. */
  content?: string;
  /** Absolute folder the site is written to (`astro build --outDir`). */
  outDir: string;
  /** More environment for the build, e.g. `SHIPSHAPE_FAIL_ON: 'never'`. */
  env?: Record<string, string>;
  /** Kill the build after this many milliseconds. */
  timeout?: number;
  /** Stream the build's output to this process's stderr as it comes, instead of only on failure. */
  verbose?: boolean;
}

export function buildSite({ content, outDir, env = {}, timeout = 120_000, verbose = false }: BuildOptions): Promise<void> {
  const astro = resolve(repoRoot, 'node_modules/astro/bin/astro.mjs');
  // process.execPath: the Node that runs us is the project's Node 22 (npm scripts put node_modules/.bin first).
  const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], {
    cwd: repoRoot,
    env: siteEnv({ ...(content ? { SHIPSHAPE_CONTENT: content } : {}), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout,
    killSignal: 'SIGKILL',
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (verbose) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (code === 0) done();
      else fail(new Error(`astro build ${signal ? `was killed (${signal}, timeout ${timeout} ms)` : `exited with ${code}`}:\n${output.slice(-4000)}`));
    });
  });
}
