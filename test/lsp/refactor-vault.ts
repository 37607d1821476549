/**
 * For the refactoring features' tests: a vault on disk (`content/` of a temp project, so a baseline beside the config
 * is outside it) analysed as the server analyses it, and a `WorkspaceEdit` applied to the disk as a client applies
 * it — edits in order, ranges against each file's text, renames — so a test asserts the files afterwards.
 *
 * In: `const v = await refactorVault({ 'a.md': '[[b]]', 'b.md': '# B' }); applyWorkspaceEdit(await rename(v.state, …))`
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, WorkspaceEdit } from 'vscode-languageserver';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';
import type { RefactorState } from '../../src/lsp/workspace-edits.ts';
import { tempVault } from '../helpers/temp-vault.ts';

export interface RefactorVault {
  root: string;
  contentDir: string;
  state: RefactorState;
  /** A vault file's text on disk. */
  read(path: string): string;
}

/** `files` are vault paths (under `content/`); `outside` are paths of the project (a baseline). */
export async function refactorVault(files: Record<string, string>, outside: Record<string, string> = {}, open: Record<string, string> = {}): Promise<RefactorVault> {
  const root = tempVault({ ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`content/${path}`, text])), ...outside });
  const config = await loadConfig({ cwd: root });
  const overlay = new Map(Object.entries(open));
  const analysis = await analyzeVault({ config, facts: true, cacheDir: false, overlay });
  return {
    root,
    contentDir: config.contentDir,
    state: { analysis, config, openText: (path) => overlay.get(path) },
    read: (path) => readFileSync(join(config.contentDir, path), 'utf8'),
  };
}

/** Applies an edit's document changes to the disk, in order, as VS Code does; refuses a rename onto an existing file. */
export function applyWorkspaceEdit(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'rename') throw new Error(`unexpected ${change.kind}`);
      const to = fileURLToPath(change.newUri);
      if (existsSync(to) && !change.options?.overwrite) throw new Error(`${to} exists`);
      // Into a folder that does not exist yet: VS Code makes it, as here.
      mkdirSync(dirname(to), { recursive: true });
      renameSync(fileURLToPath(change.oldUri), to);
      continue;
    }
    const file = fileURLToPath(change.textDocument.uri);
    const doc = TextDocument.create(change.textDocument.uri, 'markdown', 0, readFileSync(file, 'utf8'));
    writeFileSync(file, TextDocument.applyEdits(doc, change.edits.map((e) => {
      if (!('newText' in e)) throw new Error('a snippet edit: the refactoring features make none');
      return e;
    })));
  }
}

/** The LSP position of the first `marker` in `text` (0-based line and UTF-16 character), plus `shift` characters. */
export function positionOf(text: string, marker: string, shift = 0): Position {
  const offset = text.indexOf(marker);
  if (offset === -1) throw new Error(`${marker} not in text`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}
