/**
 * Shipshape's edits (offsets into a file's text) as LSP's: a `TextDocumentEdit` per file, by the URI of the file on
 * disk, with ranges counted in the very text the edits were computed on (`positions.ts`). Rename and the code actions
 * both answer with these; the client applies them, so nothing here writes.
 *
 * In: `documentEdit(uri, 'See [[a]].', [{ start: 4, end: 9, text: '[[b]]' }])`
 * Out: `{ textDocument: { uri, version: null }, edits: [{ range: 0:4–0:9, newText: '[[b]]' }] }`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError, type TextDocumentEdit } from 'vscode-languageserver';
import type { Edit } from '../diagnostics/diagnostic.ts';
import type { VaultAnalysis } from '../pipeline/check-vault.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { decodeForRewrite } from '../vault/decode.ts';
import { textPositions } from './positions.ts';

/** What the refactoring features read: the engine's state (an analysis made with `facts: true`) and the open texts. */
export interface RefactorState {
  analysis: VaultAnalysis;
  config: ResolvedConfig;
  /** The current text of a doc open in the editor (unsaved edits); other files are read from disk. */
  openText?(path: string): string | undefined;
}

/** The `file:` URI of a file of the vault. */
export function fileUri(config: Pick<ResolvedConfig, 'contentDir'>, path: string): string {
  return pathToFileURL(join(config.contentDir, ...path.split('/'))).href;
}

/**
 * A file's text as the editor has it, else as it is on disk. Invalid UTF-8 is refused as `shipshape mv` refuses it:
 * an edit computed on replacement characters would change other bytes when the client writes the file.
 */
export function readVaultText(state: RefactorState, path: string): string {
  const open = state.openText?.(path);
  if (open !== undefined) return open;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(state.config.contentDir, ...path.split('/')));
  } catch (error) {
    throw new ResponseError(LSPErrorCodes.RequestFailed, `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const text = decodeForRewrite(bytes);
  if (text === undefined) throw new ResponseError(LSPErrorCodes.RequestFailed, `${path} is not valid UTF-8: rewriting it would change other bytes`);
  return text;
}

/** Edits by offsets into `text` → one unversioned `TextDocumentEdit` (the client applies it to the text it has). */
export function documentEdit(uri: string, text: string, edits: readonly Edit[]): TextDocumentEdit {
  const positions = textPositions(text);
  return {
    textDocument: { uri, version: null },
    edits: [...edits].sort((a, b) => a.start - b.start).map((edit) => ({ range: positions.rangeOf(edit.start, edit.end), newText: edit.text })),
  };
}

/**
 * The one replacement that turns `before` into `after`: the text between their common start and common end. A file
 * rewritten whole (the baseline, which is serialized sorted) then changes in the editor only where it differs.
 */
function minimalEdit(before: string, after: string): Edit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never between the two halves of a surrogate pair: a range there names no character.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A file outside the vault (the baseline) rewritten whole → the edit of only what changes in it; `before` is the text
 * `after` was made from (default: the file as it is now).
 */
export function wholeFileEdit(absolute: string, after: string, before = readFileSync(absolute, 'utf8')): TextDocumentEdit {
  return documentEdit(pathToFileURL(absolute).href, before, [minimalEdit(before, after)]);
}
