/**
 * Completion inside the query blocks: a ```base block (base-completion.ts) or a ```dataview block
 * (dql-completion.ts); a ```dataviewjs block is JavaScript, which only Obsidian runs: nothing is offered there.
 *
 * In: "```dataview\nLIST FROM \"run‸\n```" with a folder `runbooks` → `runbooks"`
 * In: "```base\nfilters: 'formula.‸'\nformulas:\n  ppu: price / 2\n```" → `ppu`
 */
import type { CompletionItem } from 'vscode-languageserver';
import { baseCompletion } from './base-completion.ts';
import type { CompletionRequest } from './completion-request.ts';
import { dqlCompletion } from './dql-completion.ts';
import { queryCursorAt, queryNames } from './query-cursor.ts';

/** The items inside a query block's lines; undefined outside them. */
export function queryCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  const found = queryCursorAt(request);
  if (!found) return undefined;
  if (found.js) return [];
  const cursor = { ...found, names: queryNames(request) };
  return cursor.kind === 'base' ? baseCompletion(cursor) : dqlCompletion(cursor);
}
