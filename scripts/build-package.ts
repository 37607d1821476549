/**
 * Builds what the npm package runs: `src/` → `lib/`, compiled JavaScript with type declarations (tsc with
 * tsconfig.build.json), and every other file under `src/` (Astro routes, components and layouts, CSS, the plain-JS
 * entry points) copied to the same relative path. In the repository everything runs from `src/` as TypeScript; an
 * installed package runs `lib/`, where no file may name a `.ts` module: tsc rewrites its imports, and this script
 * rewrites the relative `.ts` specifiers it cannot see (in `.astro` frontmatter and `<script>` blocks, `.mjs` files,
 * and `new URL('./worker.ts', import.meta.url)` in the compiled code). Run by `npm run build:package` and `prepack`;
 * any tsc error fails it.
 *
 * In: `node scripts/build-package.ts` → lib/index.js, lib/index.d.ts, lib/cli/bin.mjs, lib/components/Doc.astro, …
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');
const lib = join(root, 'lib');

/** A relative module specifier to a TypeScript file, quoted: `'../site/build-site.ts'` (not a `.d.ts`). */
const relativeTs = /(['"])(\.{1,2}\/[^'"\n]*?)(?<!\.d)\.ts\1/g;

/** Files whose text can name modules; everything else (images, CSS, JSON) is copied byte for byte. */
const code = /\.(astro|mjs|cjs|js)$/;

/** `'./main.ts'` → `'./main.js'`, for every relative `.ts` specifier in the text. */
function rewriteSpecifiers(text: string): string {
  return text.replace(relativeTs, (_, quote: string, path: string) => `${quote}${path}.js${quote}`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

rmSync(lib, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write(`build-package: tsc failed (exit ${compiled.status ?? compiled.signal}); lib/ is incomplete.\n`);
  process.exit(1);
}

// What tsc emitted: only `new URL('./x.ts', import.meta.url)` is left to rewrite, which tsc leaves as a string.
for (const file of files(lib).filter((path) => path.endsWith('.js'))) {
  const path = join(lib, file);
  const text = readFileSync(path, 'utf8');
  const rewritten = rewriteSpecifiers(text);
  if (rewritten !== text) writeFileSync(path, rewritten);
}

/** Files for running the TypeScript sources only: the package has compiled JavaScript instead (src/cli/start.mjs). */
const sourcesOnly = new Set(['cli/strip-types.mjs']);

const others = files(src).filter((path) => !path.endsWith('.ts') && !sourcesOnly.has(path));
for (const file of others) {
  const to = join(lib, file);
  mkdirSync(dirname(to), { recursive: true });
  if (code.test(file)) writeFileSync(to, rewriteSpecifiers(readFileSync(join(src, file), 'utf8')));
  else copyFileSync(join(src, file), to);
}

process.stdout.write(`build-package: lib/ written (${files(lib).length} files, ${others.length} copied from src/)\n`);
