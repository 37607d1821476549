/**
 * Bundles the extension with esbuild into one CommonJS file, dist/extension.js, so the .vsix needs no node_modules
 * (`vsce package --no-dependencies`): only `vscode`, which VS Code provides, stays an import.
 *
 * In: `node build.mts` (run by `vsce package` as `vscode:prepublish`) → dist/extension.js
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const here = import.meta.dirname;

export function bundleOptions(outfile = join(here, 'dist', 'extension.js')): BuildOptions {
  return {
    entryPoints: [join(here, 'src', 'extension.mts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // VS Code 1.91 (engines.vscode) runs extensions on Electron's Node 20.
    target: 'node20',
    external: ['vscode'],
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build(bundleOptions());
