/**
 * Raw HTML in the body, per the `html` mode: `escape` shows it as text (a paragraph of its own where it stood as a
 * block), `sanitize` and `allow` pass it on as `raw` nodes (`sanitize.ts` cleans them afterwards, only for docs that
 * have any).
 *
 * In: `<kbd>Ctrl</kbd>` with `escape` → the text `<kbd>Ctrl</kbd>`
 */
import type { ElementContent } from 'hast';
import type { Html, Parents } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { element, type Feature } from './context.ts';

const blockParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

export const html: Feature = (ctx) => ({
  html(_state: State, node: Html, parent: Parents | undefined) {
    if (ctx.html === 'escape') {
      const text: ElementContent = { type: 'text', value: node.value };
      return parent && blockParents.has(parent.type) ? element('p', {}, [text]) : text;
    }
    ctx.hasRaw = true;
    return { type: 'raw', value: node.value };
  },
});
