/**
 * Every command's startup, once, after bin.mjs has checked the Node version: hides Node's experimental-feature
 * warnings (type stripping, module hooks: Shipshape uses them on purpose; a user can do nothing about them), caches
 * Shipshape's own TypeScript, type-stripped, by content hash, and V8's compiled code, then runs the dispatcher
 * (main.ts).
 * Node strips types on every start (about 4 ms a file, 60 files); a check that reuses its result cache must
 * start fast, so stripped sources are kept under node_modules/.cache/shipshape/ts. Plain JS: it runs before any
 * TypeScript can be loaded.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { enableCompileCache, registerHooks, stripTypeScriptTypes } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Node prints warnings through its own 'warning' listener: replace it with one that skips ExperimentalWarning
// (as --disable-warning=ExperimentalWarning would, which an installed bin cannot pass to Node).
const [printWarning] = process.listeners('warning');
if (printWarning) {
  process.removeListener('warning', printWarning);
  process.on('warning', (warning) => {
    if (warning.name !== 'ExperimentalWarning') printWarning(warning);
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(root, 'node_modules/.cache/shipshape/ts');
const ownSource = `${pathToFileURL(join(root, 'src')).href}/`;

// V8's own cache of compiled modules (ours and the libraries'): loading them is most of a warm check's start.
enableCompileCache(join(root, 'node_modules/.cache/shipshape/v8'));

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith(ownSource) || !url.endsWith('.ts')) return nextLoad(url, context);
    const source = readFileSync(fileURLToPath(url), 'utf8');
    const file = join(cacheDir, `${createHash('sha1').update(url).update(source).digest('hex')}.js`);
    let code;
    try {
      code = readFileSync(file, 'utf8');
    } catch {
      code = stripTypeScriptTypes(source, { mode: 'strip', sourceUrl: url });
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(`${file}.${process.pid}`, code);
        renameSync(`${file}.${process.pid}`, file);
      } catch {
        // A read-only install still runs, just without the cache.
      }
    }
    return { format: 'module', source: code, shortCircuit: true };
  },
});

await import('./main.ts');
