#!/usr/bin/env node
/**
 * The command's entry: caches Shipshape's own TypeScript, type-stripped, by content hash, and V8's compiled code,
 * then runs main.ts.
 * Node strips types on every start (about 4 ms a file, 60 files); a check that reuses its result cache must
 * start fast, so stripped sources are kept under node_modules/.cache/shipshape/ts. Plain JS: it runs before any
 * TypeScript can be loaded.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { enableCompileCache, registerHooks, stripTypeScriptTypes } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
