/**
 * Fenced code: a block of a type with a placeholder (`src/blocks`: mermaid, dashboard, checklist) renders as that
 * placeholder, numbered as `renderDoc` numbered it; any other is highlighted by Shiki (unknown languages as plain
 * text). Either way its content is opaque to the sanitizer.
 *
 * In: "```bash\nkubectl rollout undo\n```" → `<pre class="shiki …" data-language="bash"><code>…</code></pre>`
 */
import type { Element } from 'hast';
import type { Code } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import { highlight, languageOf } from '../highlight.ts';
import type { Feature } from './context.ts';

export const code: Feature = (ctx) => ({
  code(state: State, node: Code) {
    const placeholder = ctx.placeholders.get(node);
    let result: Element;
    if (placeholder) {
      result = placeholder.type.placeholder!(node, placeholder.index);
    } else {
      const lang = node.lang?.toLowerCase();
      result = highlight(node.value, languageOf(lang)) ?? (defaultHandlers.code(state, node) as Element);
      result.properties.dataLanguage = lang || 'text';
    }
    state.patch(node, result);
    ctx.opaque.add(result);
    ctx.last = { node, element: result };
    return result;
  },
});
