/**
 * What a completion request is about, for the completion modules: the document, the cursor's offset and its line
 * around it, and the range an item replaces.
 *
 * In: `completionRequest(state, 'a.md', 'see [[dep', { line: 0, character: 9 })` → `{ offset: 9, before: 'see [[dep', after: '' }`
 */
import type { Position, Range } from 'vscode-languageserver';
import { foldName } from '../vault/vault-path.ts';
import { openDoc, type NavigationState, type OpenDoc } from './nav-context.ts';

/** More than this many items and the list is cut, marked incomplete: the editor asks again as the author types. */
export const maxItems = 200;

export interface CompletionRequest {
  state: NavigationState;
  doc: OpenDoc;
  offset: number;
  /** The line up to the cursor, and after it. */
  before: string;
  after: string;
}

export function completionRequest(state: NavigationState, path: string, text: string, position: Position): CompletionRequest {
  const doc = openDoc(path, text);
  const offset = doc.positions.offsetAt(position);
  const line = doc.lines.point(offset).line;
  const lineText = doc.lines.lineText(line);
  const column = offset - doc.lines.starts[line - 1]!;
  return { state, doc, offset, before: lineText.slice(0, column), after: lineText.slice(column) };
}

/** The range of the `length` characters before the cursor, which an item replaces. */
export function typedRange(request: CompletionRequest, length: number): Range {
  return { start: request.doc.positions.positionAt(request.offset - length), end: request.doc.positions.positionAt(request.offset) };
}

/** Whether `haystack` holds `needle`, case and composition aside. */
export const contains = (haystack: string, needle: string): boolean => foldName(haystack).includes(foldName(needle));
