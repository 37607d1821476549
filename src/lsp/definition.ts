/**
 * Go to definition and find references. On a link: its target (the file, the heading or the block it names). Find
 * references on a link lists the links to what it names; on a heading, the links to that heading; on a line ending
 * with a block id, the links to that block; anywhere else, the doc's backlinks.
 *
 * In: `definition(state, 'a.md', 'See [[b#Steps]]', { line: 0, character: 7 })` → `{ uri: 'file:///…/b.md', range: <the "## Steps" line> }`
 * In: `references(state, 'b.md', text, <on "## Steps">, { includeDeclaration: false })` → the `[[b#Steps]]` links, where they are
 */
import type { Location, Position } from 'vscode-languageserver';
import { headingNodes, linkAt, openDoc, type NavigationState, type OpenDoc } from './nav-context.ts';
import { linksTo, locate, targetOf, type LinkTarget } from './link-targets.ts';
import { fileUri } from './workspace-edits.ts';

export function definition(state: NavigationState, path: string, text: string, position: Position): Location | null {
  const doc = openDoc(path, text);
  const link = linkAt(doc, doc.positions.offsetAt(position));
  const target = link && targetOf(state, path, link, doc);
  if (!target) return null;
  const located = locate(state, target, doc);
  return { uri: fileUri(state.config, located.path), range: located.range };
}

export function references(state: NavigationState, path: string, text: string, position: Position, context: { includeDeclaration: boolean }): Location[] {
  const doc = openDoc(path, text);
  const target = subjectAt(state, doc, position);
  if (!target) return [];
  const locations = linksTo(state, target, doc).map((reference) => ({ uri: fileUri(state.config, reference.from), range: reference.range }));
  if (!context.includeDeclaration) return locations;
  const declaration = locate(state, target, doc);
  return [{ uri: fileUri(state.config, declaration.path), range: declaration.range }, ...locations];
}

/** What the references are asked of: the link's target, the heading or block on the line, else the doc. */
function subjectAt(state: NavigationState, doc: OpenDoc, position: Position): LinkTarget | undefined {
  const offset = doc.positions.offsetAt(position);
  const link = linkAt(doc, offset);
  if (link) return targetOf(state, doc.path, link, doc);
  const line = position.line + 1;
  const heading = headingNodes(doc.parsed).findIndex((node) => node.position?.start.line === line);
  if (heading !== -1) return { path: doc.path, heading };
  const block = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/.exec(doc.lines.lineText(line))?.[1];
  if (block !== undefined && doc.parsed.facts.blockIds.some((id) => id.toLowerCase() === block.toLowerCase())) return { path: doc.path, block };
  return { path: doc.path };
}
