/**
 * Completion at the cursor, from the document's current text and the vault's facts: link targets after `[[`, `![[`
 * and `](`, headings after `#` (every doc's after `[[##`), block ids after `#^`, a display text after `|` (the
 * title, an alias), tags after `#`, frontmatter keys and values from the doc type's JSON Schema, and the keys,
 * values, services, environments and check ids of ```dashboard and ```checklist blocks; inside ```base and
 * ```dataview blocks the query's keys and keywords, the vault's properties, folders and tags, and the functions. A
 * link inserts what Obsidian's default "shortest" link format writes: the name when it is unique in the vault, else
 * the path, `.md` dropped — or the vault's own choice in Obsidian (`newLinkFormat`: relative, absolute).
 *
 * In: `[[dep` in a vault with strategy/deployment-strategy.md → `[{ label: 'deployment-strategy', textEdit: 'deployment-strategy]]' }]`
 * In: `severity: ` in a runbook's frontmatter → sev1 … sev4, each with the schema's description of `severity`
 */
import type { CompletionList, Position } from 'vscode-languageserver';
import { completionRequest, maxItems } from './completion-request.ts';
import { markdownLinkCompletion, wikilinkCompletion } from './link-completion.ts';
import type { NavigationState } from './nav-context.ts';
import { queryCompletion } from './query-completion.ts';
import { tagCompletion } from './tag-completion.ts';
import { blockCompletion, frontmatterCompletion } from './yaml-completion.ts';

export function completion(state: NavigationState, path: string, text: string, position: Position): CompletionList {
  const request = completionRequest(state, path, text, position);
  // Code is not prose: inside a fenced block only the block's own keys and values are offered. A link is a link in
  // the frontmatter too (`related: "[[dep`).
  const items =
    queryCompletion(request) ??
    blockCompletion(request) ??
    wikilinkCompletion(request) ??
    markdownLinkCompletion(request) ??
    frontmatterCompletion(request) ??
    tagCompletion(request) ??
    [];
  return { isIncomplete: items.length > maxItems, items: items.slice(0, maxItems) };
}
