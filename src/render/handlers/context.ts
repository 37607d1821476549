/**
 * What the handlers of one render share: the `RenderContext` each leaves its findings in (links, embeds, headings,
 * blocks…, so the tree is walked once), and the helpers several features use (elements, link contexts, block ids,
 * section ends).
 *
 * In: `within(ctx, paragraph, () => state.all(paragraph))` → the paragraph's children, rendered with the paragraph
 * as the context of the links in it.
 */
import type { Comment, Element, ElementContent, Properties } from 'hast';
import type { Code, Heading, Parents } from 'mdast';
import type GithubSlugger from 'github-slugger';
import type { Handlers } from 'mdast-util-to-hast';
import type { Node } from 'unist';
import type { BlockType } from '../../blocks/block-type.ts';
import { contextAround, plainText, type PlainText } from '../plain-text.ts';
import type { HtmlMode, RenderedEmbed, RenderedLink } from '../types.ts';

/** A feature's handlers (links, callouts, code…), made for one render. */
export type Feature = (ctx: RenderContext) => Handlers;

export interface HeadingRecord {
  node: Heading;
  /** The mdast parent: a section ends at the next heading of the same or a higher level under the same parent. */
  parent: Parents | undefined;
  id: string;
  depth: number;
  text: string;
}

export interface RenderContext {
  /** The file text: node positions index into it. */
  text: string;
  html: HtmlMode;
  slugger: GithubSlugger;
  /** A comment that marks an offset in the HTML; `renderDoc` reads and removes them. */
  marker: (name: string) => Comment;
  links: RenderedLink[];
  embeds: RenderedEmbed[];
  /** The fenced blocks that render as their type's placeholder, with their number. */
  placeholders: ReadonlyMap<Code, { type: BlockType; index: number }>;
  /** In render order. Heading N is marked `hN` (first thing inside it); its section ends at the next heading or at its parent's end, `e…` (or `aN` after the heading itself). */
  headings: HeadingRecord[];
  /** Containers (other than the root) that hold headings, with the number of their end marker. */
  headingParents: Map<Node, number>;
  blocks: Array<{ id: string; element: Element }>;
  excerpt: string | undefined;
  /** Raw HTML went into the tree as `raw` nodes. */
  hasRaw: boolean;
  /** Elements whose content must not be re-parsed or sanitized (code). */
  opaque: Set<Element>;
  /** Innermost last: the paragraph, heading, table cell or callout title being rendered. A link's context is its text. */
  containers: Node[];
  plain: Map<Node, PlainText>;
  /** Inside a Markdown link's text: no tags, no nested links. */
  inLink: number;
  /** Text nodes rendered with another value (a trailing block id removed). */
  replaced: Map<Node, string>;
  /** List items whose own paragraph ends with a block id: the id goes on the `li`. */
  listItemIds: Map<Node, string>;
  /** The block element rendered last, for a block id written on its own line after it. */
  last: { node: Node; element: Element } | undefined;
}

/** `^id` alone on its line: it names the block before it. */
export const standaloneBlockId = /^\s*\^[A-Za-z0-9-]+\s*$/;

export const element = (tagName: string, properties: Properties, children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

export function plainOf(ctx: RenderContext, node: Node): PlainText {
  let plain = ctx.plain.get(node);
  if (!plain) {
    plain = plainText(node, ctx.replaced);
    ctx.plain.set(node, plain);
  }
  return plain;
}

/** The text around a link in its container, for backlinks. */
export function contextOf(ctx: RenderContext, link: Node): string {
  const container = ctx.containers[ctx.containers.length - 1];
  if (!container) return '';
  const plain = plainOf(ctx, container);
  return contextAround(plain, plain.links.get(link) ?? 0);
}

/** Renders with `container` as the context of the links inside. */
export function within<T>(ctx: RenderContext, container: Node, render: () => T): T {
  ctx.containers.push(container);
  try {
    return render();
  } finally {
    ctx.containers.pop();
  }
}

export function addBlock(ctx: RenderContext, id: string, target: Element): void {
  target.properties.id = `^${id}`;
  ctx.blocks.push({ id, element: target });
}

/** The end of a container that holds headings: their sections stop there. */
export function endMarker(ctx: RenderContext, node: Node, children: ElementContent[]): void {
  const key = ctx.headingParents.get(node);
  if (key !== undefined) children.push(ctx.marker(`e${key}`));
}

export function anchorOf(anchor: string | undefined): { anchor?: string } {
  return anchor === undefined ? {} : { anchor };
}
