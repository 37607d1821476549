/**
 * mdast → hast handlers for one render, one module per feature: prose (headings, paragraphs, block ids, tags),
 * links and embeds, callouts, task lists, tables, code (and the fenced-block placeholders), raw HTML. Each handler
 * leaves what it found in the `RenderContext` (links, embeds, headings, blocks…) so the tree is walked once. The
 * mdast tree is shared with `check` and is never changed: where a node must render differently, a new node stands
 * in for it. A new feature is one module and one line here; no two features handle the same node type.
 *
 * In: paragraph `See [[deploy]] #ops ^intro` → `<p id="^intro">See <a data-ss-link="0">deploy</a> <a data-ss-tag="ops">#ops</a></p>`
 */
import type { Handlers } from 'mdast-util-to-hast';
import { callouts } from './callouts.ts';
import { code } from './code.ts';
import type { Feature, RenderContext } from './context.ts';
import { html } from './html.ts';
import { links } from './links.ts';
import { prose } from './prose.ts';
import { tables } from './tables.ts';
import { tasks } from './tasks.ts';

export type { HeadingRecord, RenderContext } from './context.ts';

const features: readonly Feature[] = [prose, links, callouts, tasks, tables, code, html];

export function createHandlers(ctx: RenderContext): Handlers {
  return Object.assign({}, ...features.map((feature) => feature(ctx))) as Handlers;
}
