/**
 * Resolves every link of the vault once; the link rules (`broken-link`, `broken-anchor`, `ambiguous-link`) and
 * the site's backlinks all read this one result.
 *
 * In: facts of `a.md` linking `[[b#Intro]]` → `[{ from: 'a.md', link, target: 'b.md', anchor: { found: true } }]`
 * With `from`, only the links of those docs (a check of the staged files resolves theirs, not the vault's).
 */
import type { LinkFact } from '../markdown/types.ts';
import type { Scope } from '../vault/vault-path.ts';
import { findAnchor, type AnchorResult } from './anchors.ts';
import type { Resolution, VaultIndex } from './vault-index.ts';

export interface ResolvedLink {
  from: string;
  link: LinkFact;
  resolution: Resolution;
  /** Present when the link has an anchor and its target is a doc. */
  anchor?: AnchorResult;
}

/** One resolution per index and scope: the link rules of one pass share both. */
const cache = new WeakMap<VaultIndex, { from: Scope | undefined; resolved: ResolvedLink[] }>();

/** Links that Templater or a placeholder writes at run time cannot be resolved before. */
const templated = /<%|\{\{/;

export function resolveLinks(index: VaultIndex, from?: Scope): ResolvedLink[] {
  const cached = cache.get(index);
  if (cached && cached.from === from) return cached.resolved;
  const resolved: ResolvedLink[] = [];
  for (const doc of index.docs.values()) {
    if (from && !from(doc.path)) continue;
    for (const link of doc.links) {
      if (!templated.test(link.target)) resolved.push(resolveLink(index, doc.path, link));
    }
  }
  cache.set(index, { from, resolved });
  return resolved;
}

/** One link of the doc at `from`, as `resolveLinks` resolves it (the editor's quick fixes ask about one link). */
export function resolveLink(index: VaultIndex, from: string, link: LinkFact): ResolvedLink {
  const markdownLink = link.kind === 'markdown' || link.kind === 'image';
  const resolution = index.resolve(link.target, from, { relativeFirst: markdownLink });
  const target = resolution.path === undefined ? undefined : index.docs.get(resolution.path);
  const anchor = link.anchor && target ? findAnchor(target, link.anchor, { slugs: markdownLink }) : undefined;
  return { from, link, resolution, ...(anchor ? { anchor } : {}) };
}
