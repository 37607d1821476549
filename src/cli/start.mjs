/**
 * Every command's startup, once, after bin.mjs has checked the Node version: turns on V8's cache of compiled code,
 * then runs the dispatcher (main.ts). Plain JS: it runs before any TypeScript can be loaded.
 *
 * Two ways to run, one file: from the TypeScript sources (this repository) Node must strip types first, so
 * strip-types.mjs registers a hook; the built package (lib/, what npm installs) has compiled JavaScript beside this
 * file and loads neither the hook nor any other experimental API, so it prints no experimental warning. Asking
 * whether main.js is here decides it without a flag or an environment variable; the package build
 * (scripts/build-package.ts) rewrites the `.ts` import below to `.js`.
 *
 * In: `node src/cli/bin.mjs check` → hook, then main.ts; `node lib/cli/bin.mjs check` → main.js, no hook
 */
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

// V8's own cache of compiled modules (ours and the libraries'): loading them is most of a warm check's start.
enableCompileCache(fileURLToPath(new URL('../../node_modules/.cache/shipshape/v8', import.meta.url)));

if (!existsSync(new URL('./main.js', import.meta.url))) await import('./strip-types.mjs');

await import('./main.ts');
