/**
 * Blockquotes and Obsidian callouts: `> [!type] Title` becomes a titled box, foldable (`<details>`) with `+`/`-`;
 * a block id after the title, or alone on the next line, names the callout. A plain quote stays a `<blockquote>`.
 *
 * In: `> [!warning]- Rollback\n> Drain first.` → `<details class="callout" data-callout="warning"><summary class="callout-title">Rollback</summary><div class="callout-content"><p>Drain first.</p></div></details>`
 */
import type { Element, ElementContent, Properties } from 'hast';
import type { Blockquote, Paragraph, PhrasingContent, Text } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import { blockIdOf, blockIdPattern } from '../../markdown/facts.ts';
import type { Callout } from '../../markdown/remark-callouts.ts';
import { addBlock, element, endMarker, standaloneBlockId, within, type Feature, type RenderContext } from './context.ts';

const calloutMarker = /^\[![^\]\s]+\][+-]?[ \t]*/;

export const callouts: Feature = (ctx) => ({
  blockquote(state: State, node: Blockquote) {
    const data = node.data?.callout;
    let result: Element;
    if (data) {
      result = callout(ctx, state, node, data);
    } else {
      result = defaultHandlers.blockquote(state, node);
      endMarker(ctx, node, result.children);
    }
    ctx.last = { node, element: result };
    return result;
  },
});

function callout(ctx: RenderContext, state: State, node: Blockquote, data: Callout): Element {
  const [first, ...others] = node.children;
  const split = first?.type === 'paragraph' ? splitCallout(first) : undefined;
  const content: Blockquote = { type: 'blockquote', children: [] };
  let id: string | undefined;
  let titleNodes: PhrasingContent[] = [];
  if (split && first?.type === 'paragraph') {
    titleNodes = split.title;
    const blockId = blockIdOf(first, ctx.text);
    const rest = split.rest.some((child) => child.type !== 'text' || child.value.trim() !== '');
    const restIsId = split.rest.length === 1 && split.rest[0]!.type === 'text' && standaloneBlockId.test(split.rest[0]!.value);
    if (blockId && (!rest || restIsId)) {
      // `> [!note] Title ^id`, or the id alone on the next line: it names the callout.
      id = blockId;
      const last = titleNodes[titleNodes.length - 1];
      if (!rest && last?.type === 'text') ctx.replaced.set(last, last.value.replace(blockIdPattern, ''));
    } else if (rest) {
      content.children.push({ type: 'paragraph', children: split.rest, ...(first.position ? { position: first.position } : {}) });
    }
  } else if (first) {
    content.children.push(first);
  }
  content.children.push(...others);

  const foldable = data.fold !== undefined;
  const title: ElementContent[] =
    data.title === '' || titleNodes.length === 0
      ? [{ type: 'text', value: data.type.charAt(0).toUpperCase() + data.type.slice(1) }]
      : (() => {
          const titleParagraph: Paragraph = { type: 'paragraph', children: titleNodes };
          return within(ctx, titleParagraph, () => state.all(titleParagraph));
        })();
  const rendered = state.all(content);
  const body = rendered.length > 0 ? state.wrap(rendered, true) : [];
  endMarker(ctx, content, body);
  const properties: Properties = { className: ['callout'], dataCallout: data.type };
  if (data.fold === 'open') properties.open = true;
  const result = element(foldable ? 'details' : 'div', properties, [element(foldable ? 'summary' : 'div', { className: ['callout-title'] }, title)]);
  // A title-only callout has no content box, as in Obsidian.
  if (body.length > 0) result.children.push(element('div', { className: ['callout-content'] }, body));
  if (id) addBlock(ctx, id, result);
  state.patch(node, result);
  return result;
}

/**
 * A callout's first paragraph, less its `[!type]` marker: the title is the rest of the first line, what follows
 * the first line break is content. Undefined when the paragraph does not start with the marker as plain text.
 */
function splitCallout(paragraph: Paragraph): { title: PhrasingContent[]; rest: PhrasingContent[] } | undefined {
  const [first, ...others] = paragraph.children;
  if (first?.type !== 'text') return undefined;
  const marker = calloutMarker.exec(first.value);
  if (!marker) return undefined;
  const title: PhrasingContent[] = [];
  const rest: PhrasingContent[] = [];
  let inTitle = true;
  const head: Text = { ...first, value: first.value.slice(marker[0].length) };
  for (const child of [head, ...others]) {
    if (!inTitle) {
      rest.push(child);
    } else if (child.type === 'break') {
      inTitle = false;
    } else if (child.type === 'text' && child.value.includes('\n')) {
      const newline = child.value.indexOf('\n');
      title.push({ type: 'text', value: child.value.slice(0, newline) });
      // Keeps the original position: a block id is read off the source at the end of the paragraph's last text.
      rest.push({ ...child, value: child.value.slice(newline + 1) });
      inTitle = false;
    } else {
      title.push(child);
    }
  }
  return { title, rest };
}
