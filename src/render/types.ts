/**
 * What rendering one doc yields: HTML from the same mdast that `check` reads, with every cross-file reference left
 * as a placeholder, so the result depends only on the file's bytes (and the render options) and can be cached by
 * content hash. The site model (`src/site`) fills the placeholders once the vault index is known.
 *
 * Placeholders in `html`:
 * - `<a data-ss-link="N">…</a>`: internal link N of `links`; becomes a link or visibly unresolved text.
 * - `<ss-embed data-ss-embed="N"></ss-embed>`: embed N of `embeds` (note, section, block or attachment).
 * - `<a data-ss-tag="ops/deploy">#ops/deploy</a>`: a tag; becomes a link to its tag page.
 * - a fenced block of a type with a placeholder (`src/blocks`): `<pre class="mermaid" data-ss-mermaid="N">source</pre>`,
 *   `<div class="dashboard-block" data-ss-dashboard="N"><pre><code>source</code></pre></div>`…: block N of that type in
 *   document order, whose facts the site draws it from.
 */

/** How raw HTML in the Markdown body is treated. Frontmatter values are always escaped. */
export type HtmlMode = 'sanitize' | 'escape' | 'allow';

export interface RenderOptions {
  html: HtmlMode;
}

export interface RenderedLink {
  kind: 'wikilink' | 'markdown';
  /** Path part as written ('' for a same-doc link such as `[[#Steps]]`), URL-decoded for Markdown links. */
  target: string;
  /** Heading path (`A#B`) or block ref (`^id`), without the leading `#`. */
  anchor?: string;
  /** The sentence (or list item, table cell) around the link, as plain text, for backlinks. At most ~200 chars. */
  context: string;
}

export interface RenderedEmbed {
  /** `![[…]]` or a Markdown image `![alt](path)` pointing into the vault. */
  kind: 'wikilink' | 'image';
  target: string;
  anchor?: string;
  /** `![[img.png|300]]` → 300; `|300x200` → 300 and 200. */
  width?: number;
  height?: number;
  /** Alt text (Markdown image alt, or a wikilink alias that is not a size). */
  alt?: string;
  /** True when the embed stands alone in its paragraph, so it may become a block (a transcluded note). */
  block: boolean;
}

export interface RenderedHeading {
  /** Element id: GitHub-style slug of the text, de-duplicated in document order (`steps`, `steps-1`). */
  id: string;
  depth: number;
  /** Plain text of the heading. */
  text: string;
  /** Offsets in `html`: the heading element's start, and where its section ends (next heading of the same or a higher level, or the end). */
  start: number;
  end: number;
}

export interface RenderedBlock {
  /** Block id as written after `^`, e.g. `rollback-window`. */
  id: string;
  /** The block's own HTML (the paragraph, list item or other block that carries the id), with placeholders. */
  html: string;
}

export interface RenderedDoc {
  html: string;
  headings: RenderedHeading[];
  blocks: RenderedBlock[];
  links: RenderedLink[];
  embeds: RenderedEmbed[];
  /** Mermaid sources in document order (the site draws them at build time, when it can). */
  mermaid: string[];
  /** The first paragraph's plain text, at most ~200 chars: a description when the frontmatter has none. */
  excerpt: string;
}
