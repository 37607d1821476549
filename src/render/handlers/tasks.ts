/**
 * Lists and task lists: a list item whose own paragraph ends with a block id carries the id, and a task's checkbox
 * is named by the task's text (a form control without a name is unusable with a screen reader).
 *
 * In: `- [ ] Drain the node ^drain` → `<li class="task-list-item" id="^drain"><input type="checkbox" disabled aria-label="Drain the node ^drain"> Drain the node</li>`
 */
import type { Element } from 'hast';
import type { List, ListItem, Parents } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import { plainText, truncate } from '../plain-text.ts';
import { addBlock, endMarker, type Feature } from './context.ts';

export const tasks: Feature = (ctx) => ({
  list(state: State, node: List) {
    const result = defaultHandlers.list(state, node);
    ctx.last = { node, element: result };
    return result;
  },

  listItem(state: State, node: ListItem, parent: Parents | undefined) {
    const result = defaultHandlers.listItem(state, node, parent);
    if (typeof node.checked === 'boolean') labelCheckbox(result, node);
    const id = ctx.listItemIds.get(node);
    if (id) addBlock(ctx, id, result);
    endMarker(ctx, node, result.children);
    return result;
  },
});

function labelCheckbox(item: Element, node: ListItem): void {
  const holder = item.children[0]?.type === 'element' && item.children[0].tagName === 'p' ? item.children[0] : item;
  const box = holder.children.find((child): child is Element => child.type === 'element' && child.tagName === 'input');
  if (box) box.properties.ariaLabel = truncate(plainText(node).text, 120) || (node.checked ? 'done' : 'to do');
}
