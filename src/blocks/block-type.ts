/**
 * The shape of a fenced-block type (```` ```mermaid ````, ```` ```dashboard ````, ```` ```checklist ````, model blocks):
 * everything Shipshape does with one kind of block, declared in one module and listed once in `index.ts`, which the
 * parse (facts), the rules, the renderer and the site iterate.
 *
 * In: `{ name: 'dashboard', matches: (lang) => lang === 'dashboard', read, rule, placeholder, fill }`
 */
import type { Element } from 'hast';
import type { Code } from 'mdast';
import type { DocFacts, ParsedDoc } from '../markdown/types.ts';
import type { Rule } from '../rules/rule.ts';

/**
 * What the site offers blocks to fill their placeholders with. Each block type that needs something adds its field
 * where it is written (`declare module './block-type.ts' { interface BlockSite { … } }`).
 */
export interface BlockSite {}

export interface BlockType {
  /** The block's name, lower-case letters: its placeholder's attribute (`data-ss-<name>="N"`), which the site finds. */
  name: string;
  /** Whether a fenced block is of this type: its language (lower case) and the rest of its info string. */
  matches(lang: string | undefined, meta: string | null | undefined): boolean;
  /** Reads the facts of the doc's blocks of this type (in document order), once, right after the parse (`readBlocks`). */
  read?(doc: ParsedDoc, blocks: readonly Code[]): void;
  /** The rule that reports what is wrong with these blocks. */
  rule?: Rule;
  /**
   * The HTML element that stands for block `index` (its rank among the doc's blocks of this type), for the site to
   * fill: a `<pre>` or `<div>` with a class, carrying `data-ss-<name>="index"`. Without it, the block is highlighted as code.
   */
  placeholder?(node: Code, index: number): Element;
  /**
   * The site's HTML for placeholder `index` of a doc (`inner`: the placeholder's HTML content); undefined leaves
   * the placeholder as it is.
   */
  fill?(index: number, inner: string, facts: DocFacts, site: BlockSite): string | undefined;
}

/** `<div class="x-block" data-ss-x="N"><pre><code>source</code></pre></div>`: the source shows until the site draws it. */
export function sourcePlaceholder(name: string, node: Code, index: number): Element {
  const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: node.value }] };
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: [`${name}-block`], [`dataSs${name.charAt(0).toUpperCase()}${name.slice(1)}`]: index },
    children: [{ type: 'element', tagName: 'pre', properties: {}, children: [code] }],
  };
}

/** Text as HTML text or attribute value, for `fill`, which returns HTML. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
