/**
 * Plain text of inline Markdown as a reader sees it: wikilinks by their display text, embeds, images, comments and
 * raw HTML dropped. Used for heading ids, link contexts (backlinks) and the excerpt.
 *
 * In: paragraph `See [[deploy#Steps|the steps]] **now** ^intro` (block id stripped) → `See the steps now`
 */
import type { Node, Parent } from 'unist';
import type { WikiLink } from '../markdown/remark-obsidian.ts';
import { wikiLinkText } from './link-target.ts';

export interface PlainText {
  /** Whitespace collapsed and trimmed. */
  text: string;
  /** Where each link (`wikiLink`, `link`, `linkReference`) starts in the text before collapsing. */
  links: Map<Node, number>;
  /** The text before collapsing, which `links` index into. */
  raw: string;
}

const linkTypes = new Set(['wikiLink', 'link', 'linkReference']);
const literalTypes = new Set(['text', 'inlineCode', 'inlineMath']);

/**
 * `replaced` gives text nodes whose value the renderer changed (a trailing block id removed). The walk is
 * iterative: inline nesting is bounded only by line length.
 */
export function plainText(node: Node, replaced?: ReadonlyMap<Node, string>): PlainText {
  let raw = '';
  const links = new Map<Node, number>();
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (linkTypes.has(current.type)) links.set(current, raw.length);
    if (literalTypes.has(current.type)) {
      raw += replaced?.get(current) ?? (current as Node & { value: string }).value;
    } else if (current.type === 'wikiLink') {
      if (!(current as WikiLink).embed) raw += wikiLinkText(current as WikiLink);
    } else if (current.type === 'break') {
      raw += ' ';
    } else {
      const children = (current as Partial<Parent>).children;
      if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return { text: collapse(raw), links, raw };
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word boundary with `…`. */
export function truncate(text: string, max = 200): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(' ', max - 1);
  if (cut < max * 0.6) cut = max - 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** The text around the link at `rawOffset` (an offset in `plain.raw`): all of it when short, else a window of about `max` characters. */
export function contextAround(plain: PlainText, rawOffset: number, max = 200): string {
  const { text } = plain;
  if (text.length <= max) return text;
  const at = plain.raw.slice(0, rawOffset).replace(/\s+/g, ' ').trimStart().length;
  const size = max - 2;
  let start = Math.max(0, Math.min(at - Math.floor(size * 0.4), text.length - size));
  let end = start + size;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
