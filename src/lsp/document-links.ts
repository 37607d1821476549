/**
 * Document links: every link of the document that resolves, with the URI of its target file. A link to a heading
 * or a block adds the line as a `#L` fragment, which VS Code follows to the line; an unresolved link is no
 * document link (`broken-link` reports it).
 *
 * In: `See [[rollback#Steps]]` → `[{ range: <the link>, target: 'file:///…/runbooks/rollback.md#L12', tooltip: 'runbooks/rollback.md#Steps' }]`
 */
import type { DocumentLink } from 'vscode-languageserver';
import { openDoc, type NavigationState } from './nav-context.ts';
import { locate, targetOf } from './link-targets.ts';
import { toRange } from './positions.ts';
import { fileUri } from './workspace-edits.ts';

export function documentLinks(state: NavigationState, path: string, text: string): DocumentLink[] {
  const doc = openDoc(path, text);
  const links: DocumentLink[] = [];
  for (const link of doc.links) {
    const target = targetOf(state, path, link, doc);
    if (!target) continue;
    let uri = fileUri(state.config, target.path);
    if (target.heading !== undefined || target.block !== undefined) uri += `#L${locate(state, target, doc).range.start.line + 1}`;
    links.push({ range: toRange(link.span), target: uri, tooltip: link.anchor ? `${target.path}#${link.anchor}` : target.path });
  }
  return links;
}
