/**
 * Links and embeds: wikilinks and Markdown links to vault files become numbered placeholders (`data-ss-link`) with
 * the sentence around them, embeds and vault images become `<ss-embed>` placeholders, web links get
 * `rel="noopener"`, unsafe URLs lose their `href`. The site fills the placeholders once the vault index is known.
 *
 * In: `See [[deploy#Steps]]` → `See <a data-ss-link="0">deploy > Steps</a>`, link `{ target: 'deploy', anchor: 'Steps', context: 'See deploy > Steps' }`
 */
import type { Element, ElementContent, Properties } from 'hast';
import type { Image, ImageReference, Link, LinkReference, Paragraph } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import type { WikiLink } from '../../markdown/remark-obsidian.ts';
import { classifyUrl, sizeAndAlt, wikiLinkText } from '../link-target.ts';
import type { RenderedEmbed } from '../types.ts';
import { anchorOf, contextOf, element, type Feature, type RenderContext } from './context.ts';

/** A placeholder for `![[…]]` or a vault image; undefined for an image that stays an `<img>`. */
export function embed(ctx: RenderContext, node: WikiLink | Image, block: boolean): Element | undefined {
  let entry: RenderedEmbed;
  if (node.type === 'wikiLink') {
    entry = { kind: 'wikilink', target: node.target, ...anchorOf(node.anchor), ...sizeAndAlt(node.alias), block };
  } else {
    const target = classifyUrl(node.url, 'image');
    if (target.kind !== 'vault') return undefined;
    entry = { kind: 'image', target: target.target, ...anchorOf(target.anchor), ...sizeAndAlt(node.alt), block };
  }
  const index = ctx.embeds.push(entry) - 1;
  return element('ss-embed', { dataSsEmbed: index });
}

/** The one embed (or image) a paragraph holds besides white space, if that is all it holds. */
export function loneEmbed(paragraph: Paragraph, state: State): WikiLink | Image | undefined {
  let found: WikiLink | Image | undefined;
  for (const child of paragraph.children) {
    if ((child.type === 'text' && child.value.trim() === '') || child.type === 'obsidianComment') continue;
    if (found) return undefined;
    if ((child.type === 'wikiLink' && child.embed) || child.type === 'image') found = child;
    else if (child.type === 'imageReference') {
      const definition = state.definitionById.get(String(child.identifier).toUpperCase());
      if (!definition) return undefined;
      found = { type: 'image', url: definition.url, alt: child.alt ?? null };
    } else return undefined;
  }
  return found;
}

export const links: Feature = (ctx) => {
  const linkTo = (state: State, node: Link | LinkReference, url: string, title: string | null | undefined): Element => {
    const target = classifyUrl(url, 'link');
    ctx.inLink++;
    try {
      if (target.kind === 'vault') {
        const context = contextOf(ctx, node);
        const index = ctx.links.push({ kind: 'markdown', target: target.target, ...anchorOf(target.anchor), context }) - 1;
        const properties: Properties = { dataSsLink: index };
        if (title) properties.title = title;
        const result = element('a', properties, state.all(node));
        state.patch(node, result);
        return result;
      }
      const result = node.type === 'link' ? defaultHandlers.link(state, node) : (defaultHandlers.linkReference(state, node) as Element);
      if (target.kind === 'external') {
        result.properties.rel = ['noopener'];
        result.properties.className = ['external'];
      } else if (target.kind === 'unsafe') {
        delete result.properties.href;
      }
      return result;
    } finally {
      ctx.inLink--;
    }
  };

  const image = (state: State, node: Image | ImageReference, url: string): ElementContent => {
    const placeholder = embed(ctx, { type: 'image', url, alt: node.alt ?? null }, false);
    if (placeholder) return placeholder;
    if (classifyUrl(url, 'image').kind === 'unsafe') return { type: 'text', value: node.alt ?? '' };
    const result = node.type === 'image' ? defaultHandlers.image(state, node) : (defaultHandlers.imageReference(state, node) as Element);
    result.properties.loading = 'lazy';
    return result;
  };

  return {
    wikiLink(state: State, node: WikiLink) {
      if (node.embed) return embed(ctx, node, false);
      const label = wikiLinkText(node);
      if (ctx.inLink > 0) return { type: 'text', value: label };
      const index = ctx.links.push({ kind: 'wikilink', target: node.target, ...anchorOf(node.anchor), context: contextOf(ctx, node) }) - 1;
      const result = element('a', { dataSsLink: index }, [{ type: 'text', value: label }]);
      state.patch(node, result);
      return result;
    },

    link: (state: State, node: Link) => linkTo(state, node, node.url, node.title),

    linkReference(state: State, node: LinkReference) {
      const definition = state.definitionById.get(String(node.identifier).toUpperCase());
      return definition ? linkTo(state, node, definition.url, definition.title) : defaultHandlers.linkReference(state, node);
    },

    image: (state: State, node: Image) => image(state, node, node.url),

    imageReference(state: State, node: ImageReference) {
      const definition = state.definitionById.get(String(node.identifier).toUpperCase());
      return definition ? image(state, node, definition.url) : defaultHandlers.imageReference(state, node);
    },
  };
};
