/**
 * Running from the TypeScript sources (this repository, `node src/cli/bin.mjs`): hides Node's experimental-feature
 * warnings (type stripping, module hooks: used here on purpose; a user can do nothing about them), and strips the
 * types of Shipshape's own TypeScript through a load hook that caches the result by content hash.
 * Node strips types on every start (about 4 ms a file, 60 files); a check that reuses its result cache must start
 * fast, so stripped sources are kept under node_modules/.cache/shipshape/ts. start.mjs loads this only when no
 * compiled JavaScript sits beside it: the built package (lib/) never runs it.
 *
 * In: `import('./strip-types.mjs')`, then `import('./main.ts')` → main.ts and everything it imports, types stripped
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Node prints warnings through its own 'warning' listener: replace it with one that skips ExperimentalWarning
// (as --disable-warning=ExperimentalWarning would, which a bin cannot pass to Node).
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
        // A read-only checkout still runs, just without the cache.
      }
    }
    return { format: 'module', source: code, shortCircuit: true };
  },
});
