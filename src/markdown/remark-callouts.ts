/**
 * remark plugin: Obsidian callouts. A blockquote whose first line is `[!type]` (optionally `+`/`-` for foldable,
 * then a title) gets `data.callout`; the marker stays in the tree so positions stay true.
 *
 * In: `> [!warning]- Before you start` → blockquote with `data.callout = { type: 'warning', fold: 'closed', title: 'Before you start' }`
 */
import type { Blockquote, Root } from 'mdast';
import { walk } from './walk.ts';

export interface Callout {
  /** Lower-cased type, e.g. `note`, `warning`, `tip`. */
  type: string;
  fold?: 'open' | 'closed';
  /** Title as written on the first line; empty when the type's default title applies. */
  title: string;
}

const marker = /^\[!([^\]\s]+)\]([+-]?)[ \t]*(.*)$/;

export function calloutOf(node: Blockquote, text: string): Callout | undefined {
  const first = node.children[0];
  if (first?.type !== 'paragraph' || !first.position) return undefined;
  const start = first.position.start.offset ?? 0;
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(start, lineEnd === -1 ? first.position.end.offset : Math.min(lineEnd, first.position.end.offset ?? lineEnd));
  const match = marker.exec(line.replace(/\r$/, ''));
  if (!match) return undefined;
  const fold = match[2] === '+' ? 'open' : match[2] === '-' ? 'closed' : undefined;
  return { type: match[1]!.toLowerCase(), ...(fold ? { fold } : {}), title: match[3]!.trim() };
}

export default function remarkCallouts() {
  return (tree: Root, file: { value: unknown }) => {
    const text = String(file.value);
    walk(tree, (node) => {
      if (node.type !== 'blockquote') return;
      const callout = calloutOf(node as Blockquote, text);
      if (callout) node.data = { ...node.data, callout };
    });
  };
}

declare module 'mdast' {
  interface BlockquoteData {
    callout?: Callout;
  }
}
