/**
 * Where a link leads, down to the heading or block it names, and every link that leads to a doc, a heading or a
 * block: what go to definition, find references, hover and document links share. Links resolve as the check
 * resolves them (`src/links/vault-index.ts`, anchors by `src/links/anchors.ts`): a Markdown link from its folder
 * first, and with a heading's GitHub slug too.
 *
 * In: `[[deployment-strategy#Canary]]` → `{ path: 'strategy/deployment-strategy.md', range: <the "## Canary" line> }`
 * In: `linksTo(state, { path: 'b.md', heading: 0 })` → every `[[b#First heading]]` in the vault, with its doc
 */
import type { Range } from 'vscode-languageserver';
import { findAnchor } from '../links/anchors.ts';
import type { LinkFact } from '../markdown/types.ts';
import { blockIdRange, headingNodes, indexOf, readDoc, type NavigationState, type OpenDoc } from './nav-context.ts';
import { toRange } from './positions.ts';
import { factsPropertyLinks } from './property-links.ts';

/** A doc, or a heading or block in it. */
export interface LinkTarget {
  path: string;
  /** Index of the heading in the doc's headings. */
  heading?: number;
  /** A block id, without `^`. */
  block?: string;
}

export interface ResolvedTarget extends LinkTarget {
  /** The target doc parsed from its current text (undefined for an attachment, or a file gone since). */
  doc?: OpenDoc;
  /** Where the target is in that doc: the heading, the block id, else the start of the file. */
  range: Range;
}

/** Templater and placeholders write these links at run time: they lead nowhere yet. */
const templated = /<%|\{\{/;

const isMarkdownLink = (link: LinkFact) => link.kind === 'markdown' || link.kind === 'image';

/** What `link`, written in the doc at `from`, names; undefined when it resolves to no file or to no such anchor. */
export function targetOf(state: NavigationState, from: string, link: LinkFact, current?: OpenDoc): LinkTarget | undefined {
  if (templated.test(link.target)) return undefined;
  const path = indexOf(state.analysis).resolve(link.target, from, { relativeFirst: isMarkdownLink(link) }).path;
  if (path === undefined) return undefined;
  if (!link.anchor) return { path };
  const facts = current?.path === path ? current.parsed.facts : indexOf(state.analysis).docs.get(path);
  if (!facts) return { path };
  if (link.anchor.startsWith('^')) {
    const id = link.anchor.slice(1).toLowerCase();
    const block = facts.blockIds.find((blockId) => blockId.toLowerCase() === id);
    return block === undefined ? undefined : { path, block };
  }
  const anchor = findAnchor(facts, link.anchor, { slugs: isMarkdownLink(link) });
  if (!anchor.found) return undefined;
  return anchor.heading === undefined ? { path } : { path, heading: anchor.heading };
}

const fileStart: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The target with its place in its doc's current text. */
export function locate(state: NavigationState, target: LinkTarget, current?: OpenDoc): ResolvedTarget {
  const doc = current?.path === target.path ? current : indexOf(state.analysis).docs.has(target.path) ? readDoc(state, target.path) : undefined;
  let range = fileStart;
  if (doc && target.heading !== undefined) {
    const node = headingNodes(doc.parsed)[target.heading];
    if (node?.position) range = doc.positions.rangeOf(node.position.start.offset!, node.position.end.offset!);
  } else if (doc && target.block !== undefined) {
    range = blockIdRange(doc, target.block) ?? fileStart;
  }
  return { ...target, ...(doc ? { doc } : {}), range };
}

export interface Reference {
  /** The linking doc. */
  from: string;
  link: LinkFact;
  range: Range;
}

/** Every doc's links by the file they reach, built once per analysis: find references is asked of any doc. */
const linksByTarget = new WeakMap<NavigationState['analysis'], Map<string, Array<{ from: string; link: LinkFact }>>>();

export function backlinks(state: NavigationState): Map<string, Array<{ from: string; link: LinkFact }>> {
  let map = linksByTarget.get(state.analysis);
  if (!map) {
    map = new Map();
    const index = indexOf(state.analysis);
    for (const facts of state.analysis.facts) {
      for (const link of [...facts.links, ...factsPropertyLinks(facts)]) {
        if (templated.test(link.target)) continue;
        const path = index.resolve(link.target, facts.path, { relativeFirst: isMarkdownLink(link) }).path;
        if (path === undefined) continue;
        const list = map.get(path);
        if (list) list.push({ from: facts.path, link });
        else map.set(path, [{ from: facts.path, link }]);
      }
    }
    linksByTarget.set(state.analysis, map);
  }
  return map;
}

/**
 * Every link in the vault to `target` (a doc: any link to it, with or without an anchor; a heading or a block: the
 * links naming it). The open document's links are read from its current text, the others' from the analysis.
 */
export function linksTo(state: NavigationState, target: LinkTarget, current?: OpenDoc): Reference[] {
  const references: Reference[] = [];
  const consider = (from: string, link: LinkFact) => {
    const to = targetOf(state, from, link, current);
    if (!to || to.path !== target.path) return;
    if (target.heading !== undefined && to.heading !== target.heading) return;
    if (target.block !== undefined && to.block?.toLowerCase() !== target.block.toLowerCase()) return;
    references.push({ from, link, range: toRange(link.span) });
  };
  for (const { from, link } of backlinks(state).get(target.path) ?? []) if (from !== current?.path) consider(from, link);
  if (current) for (const link of current.links) consider(current.path, link);
  return references.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
