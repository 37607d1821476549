/**
 * Headings, paragraphs and text, with Obsidian's additions: heading ids (GitHub slugs) and the markers that give
 * each heading its section, block ids (`^id` at a paragraph's end, or alone after a list, table or quote), tags
 * (`#ops/deploy` → a tag placeholder), an embed alone in its paragraph as a block, the excerpt; frontmatter and
 * `%% comments %%` render as nothing.
 *
 * In: paragraph `See #ops ^intro` → `<p id="^intro">See <a data-ss-tag="ops">#ops</a></p>`
 */
import type { ElementContent } from 'hast';
import type { Heading, Paragraph, Parents, Text } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import type { Node } from 'unist';
import { blockIdOf, blockIdPattern, tagPattern } from '../../markdown/facts.ts';
import { truncate } from '../plain-text.ts';
import { addBlock, element, plainOf, standaloneBlockId, within, type Feature } from './context.ts';
import { embed, loneEmbed } from './links.ts';

const textNode = (state: State, node: Text, value: string): ElementContent =>
  defaultHandlers.text(state, value === node.value ? node : { ...node, value });

export const prose: Feature = (ctx) => ({
  yaml: () => undefined,
  obsidianComment: () => undefined,

  heading(state: State, node: Heading, parent: Parents | undefined) {
    const text = plainOf(ctx, node).text;
    const children = within(ctx, node, () => state.all(node));
    const id = ctx.slugger.slug(text);
    const result = element(`h${node.depth}`, { id }, children);
    state.patch(node, result);
    const key = ctx.headings.push({ node, parent, id, depth: node.depth, text }) - 1;
    // Inside the element, so that the marker adds no white space between blocks.
    result.children.unshift(ctx.marker(`h${key}`));
    const out: ElementContent[] = [result];
    if (parent && parent.type !== 'root') {
      if (parent.type === 'blockquote' || parent.type === 'listItem') {
        if (!ctx.headingParents.has(parent)) ctx.headingParents.set(parent, ctx.headingParents.size);
      } else {
        // In a footnote: the section is the heading alone.
        out.push(ctx.marker(`a${key}`));
      }
    }
    return out;
  },

  paragraph(state: State, node: Paragraph, parent: Parents | undefined) {
    // `%%a%% %%b%%`: nothing to show, so no empty `<p>`.
    if (node.children.every((child) => child.type === 'obsidianComment' || (child.type === 'text' && child.value.trim() === ''))) return undefined;
    const id = blockIdOf(node, ctx.text);
    const last = node.children[node.children.length - 1];
    if (id && node.children.length === 1 && last?.type === 'text' && standaloneBlockId.test(last.value)) {
      // `^id` on its own line after a list, table, quote…: it names that block.
      const index = parent ? (parent.children as readonly Node[]).indexOf(node) : -1;
      const previous = index > 0 ? parent!.children[index - 1] : undefined;
      if (previous && ctx.last?.node === previous && ctx.last.element.properties.id === undefined) {
        addBlock(ctx, id, ctx.last.element);
        return undefined;
      }
    }
    if (id && last?.type === 'text') ctx.replaced.set(last, last.value.replace(blockIdPattern, ''));

    const lone = id ? undefined : loneEmbed(node, state);
    const placeholder = lone && embed(ctx, lone, true);
    if (placeholder) return placeholder;

    const result = element('p', {}, within(ctx, node, () => state.all(node)));
    state.patch(node, result);
    if (id) {
      if (parent?.type === 'listItem' && parent.children[0] === node) ctx.listItemIds.set(parent, id);
      else addBlock(ctx, id, result);
    }
    if (ctx.excerpt === undefined && parent?.type !== 'footnoteDefinition') {
      const text = plainOf(ctx, node).text;
      if (text) ctx.excerpt = truncate(text);
    }
    ctx.last = { node, element: result };
    return result;
  },

  text(state: State, node: Text) {
    const value = ctx.replaced.get(node) ?? node.value;
    if (ctx.inLink > 0 || !value.includes('#')) return textNode(state, node, value);
    const out: ElementContent[] = [];
    let from = 0;
    for (const match of value.matchAll(tagPattern)) {
      const start = match.index + match[1]!.length;
      const tag = match[2]!;
      if (start > from) out.push(textNode(state, node, value.slice(from, start)));
      out.push(element('a', { dataSsTag: tag }, [{ type: 'text', value: `#${tag}` }]));
      from = start + 1 + tag.length;
    }
    if (out.length === 0) return textNode(state, node, value);
    if (from < value.length) out.push(textNode(state, node, value.slice(from)));
    return out;
  },
});
