/**
 * The navigation features' test bench: a vault from a table of files, analysed as the server analyses it, and a
 * document with the cursor marked by `‸` (a `|` is Obsidian syntax).
 *
 * In: `await navVault({ 'a.md': '# A\n' })` → `{ state, dir }`; `cursor('[[de‸')` → `{ text: '[[de', position: { line: 0, character: 4 } }`
 */
import { rmSync } from 'node:fs';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import type { NavigationState } from '../../src/lsp/nav-context.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { tempVault } from '../helpers/temp-vault.ts';

/** The vaults made so far, for `afterAll(removeNavVaults)`. */
const made: string[] = [];

export function removeNavVaults(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function navVault(files: Record<string, string>): Promise<{ state: NavigationState; dir: string }> {
  const dir = tempVault(Object.fromEntries(Object.entries(files).map(([path, text]) => [path.startsWith('/') ? path.slice(1) : `content/${path}`, text])));
  made.push(dir);
  const config = await loadConfig({ cwd: dir, env: {} });
  const analysis = await analyzeVault({ config, cacheDir: false, facts: true, workers: 0 });
  return { state: { analysis, config }, dir };
}

/** The text without its `‸`, and the LSP position where the `‸` was. */
export function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const at = marked.indexOf('‸');
  if (at === -1) throw new Error(`No cursor in ${JSON.stringify(marked)}`);
  const before = marked.slice(0, at).split('\n');
  return { text: marked.slice(0, at) + marked.slice(at + 1), position: { line: before.length - 1, character: before.at(-1)!.length } };
}
