/**
 * One parsed doc → HTML with placeholders for all that depends on other files (see `types.ts`), plus what the
 * site needs beside it: headings with their sections' offsets, block ids, links with their context, embeds,
 * diagrams and an excerpt. The result depends only on the doc and the options, so it can be cached by content hash.
 *
 * In: `# Deploy\n\nSee [[rollback#Steps]].` → `<h1 id="deploy">Deploy</h1>\n<p>See <a data-ss-link="0">rollback > Steps</a>.</p>`,
 * links `[{ kind: 'wikilink', target: 'rollback', anchor: 'Steps', context: 'See rollback > Steps.' }]`
 */
import { randomBytes } from 'node:crypto';
import GithubSlugger from 'github-slugger';
import type { Element, Root as HastRoot } from 'hast';
import { toHtml, type Options as ToHtmlOptions } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import type { Code, Parents } from 'mdast';
import type { BundledLanguage } from 'shiki';
import type { BlockType } from '../blocks/block-type.ts';
import { blockTypeOf } from '../blocks/index.ts';
import type { ParsedDoc } from '../markdown/types.ts';
import { createHandlers, type HeadingRecord, type RenderContext } from './handlers/index.ts';
import { languageOf, loadLanguages } from './highlight.ts';
import { sanitizeTree } from './sanitize.ts';
import type { RenderedBlock, RenderedDoc, RenderedHeading, RenderOptions } from './types.ts';

/**
 * Offsets are marked with comments while rendering and cut out of the string afterwards: one serialisation gives
 * every heading's section. The key keeps raw HTML (under `allow`) from forging one.
 */
const markerPrefix = `ss:${randomBytes(8).toString('hex')}:`;
const markerOpen = `<!--${markerPrefix}`;

export async function renderDoc(doc: ParsedDoc, options: RenderOptions = { html: 'sanitize' }): Promise<RenderedDoc> {
  if (doc.unparsed || doc.tree.children.length === 0) return emptyDoc();
  // `check` already collected the code blocks: the grammars they need are loaded before the synchronous render, and
  // each block type's placeholders are numbered in document order, as the facts list the blocks.
  const langs = new Set<BundledLanguage>();
  let highlighted = false;
  const placeholders = new Map<Code, { type: BlockType; index: number }>();
  const counts = new Map<BlockType, number>();
  const mermaid: string[] = [];
  for (const { node } of doc.code) {
    const type = blockTypeOf(node);
    if (type?.placeholder) {
      const index = counts.get(type) ?? 0;
      counts.set(type, index + 1);
      placeholders.set(node, { type, index });
      if (type.name === 'mermaid') mermaid.push(node.value);
      continue;
    }
    highlighted = true;
    const known = languageOf(node.lang?.toLowerCase());
    if (known) langs.add(known);
  }
  if (highlighted) await loadLanguages(langs);
  return render(doc, options, placeholders, mermaid);
}

function render(doc: ParsedDoc, options: RenderOptions, placeholders: RenderContext['placeholders'], mermaid: string[]): RenderedDoc {
  const ctx: RenderContext = {
    text: doc.source.text,
    html: options.html,
    slugger: new GithubSlugger(),
    marker: (name) => ({ type: 'comment', value: markerPrefix + name }),
    links: [],
    embeds: [],
    placeholders,
    headings: [],
    headingParents: new Map(),
    blocks: [],
    excerpt: undefined,
    hasRaw: false,
    opaque: new Set(),
    containers: [],
    plain: new Map(),
    inLink: 0,
    replaced: new Map(),
    listItemIds: new Map(),
    last: undefined,
  };
  // mdast-util-to-hast gives the footnotes' heading this id: a heading of the same name gets `footnote-label-1`.
  ctx.slugger.slug('footnote-label');

  // mdast → hast
  const converted = toHast(doc.tree, { handlers: createHandlers(ctx) });
  let tree: HastRoot = converted.type === 'root' ? converted : { type: 'root', children: [converted] };
  markBodyEnd(tree, ctx.marker('end'));

  // hast → clean hast, only for docs that have raw HTML
  let final = (element: Element): Element | undefined => element;
  if (ctx.hasRaw && options.html === 'sanitize') {
    const sanitized = sanitizeTree(tree, ctx.opaque, (value) => value.startsWith(markerPrefix));
    tree = sanitized.tree;
    final = (element) => sanitized.final.get(element);
  }

  // hast → HTML
  const toHtmlOptions: ToHtmlOptions = { allowDangerousHtml: options.html === 'allow' };
  const { html, marks } = cutMarkers(toHtml(tree, toHtmlOptions));
  const blocks: RenderedBlock[] = [];
  // A list item gets its id after the items nested in it: document order is the blocks' source order.
  const byOffset = (element: Element): number => element.position?.start.offset ?? 0;
  for (const { id, element } of ctx.blocks.sort((a, b) => byOffset(a.element) - byOffset(b.element))) {
    const kept = final(element);
    if (kept) blocks.push({ id, html: cutMarkers(toHtml(kept, toHtmlOptions)).html });
  }
  return {
    html,
    headings: sections(ctx, html, marks),
    blocks,
    links: ctx.links,
    embeds: ctx.embeds,
    mermaid,
    excerpt: ctx.excerpt ?? '',
  };
}

/** The body ends before the footnotes, which mdast-util-to-hast appends last (a line break, then the section). */
function markBodyEnd(tree: HastRoot, marker: HastRoot['children'][number]): void {
  const last = tree.children[tree.children.length - 1];
  const isFooter = last?.type === 'element' && last.tagName === 'section' && last.properties.dataFootnotes !== undefined;
  if (isFooter) tree.children.splice(tree.children.length - 2, 0, marker);
  else tree.children.push(marker);
}

function cutMarkers(marked: string): { html: string; marks: Map<string, number> } {
  const marks = new Map<string, number>();
  let html = '';
  let from = 0;
  for (let at = marked.indexOf(markerOpen); at !== -1; at = marked.indexOf(markerOpen, from)) {
    const close = marked.indexOf('-->', at);
    html += marked.slice(from, at);
    marks.set(marked.slice(at + markerOpen.length, close), html.length);
    from = close + 3;
  }
  return { html: from === 0 ? marked : html + marked.slice(from), marks };
}

/**
 * Each heading's section: from the heading to the next heading of the same or a higher level under the same
 * parent, or to the end of that parent (the body, a quote, a list item). In the order `check` lists headings.
 */
function sections(ctx: RenderContext, html: string, marks: ReadonlyMap<string, number>): RenderedHeading[] {
  const { headings } = ctx;
  const starts = headings.map((heading, key) => {
    const inside = marks.get(`h${key}`);
    // A heading lost with the raw HTML around it (`<script>`) has an empty section at the end.
    return inside === undefined ? html.length : html.lastIndexOf(`<h${heading.depth}`, inside);
  });
  const ends: number[] = [];
  const open = new Map<Parents | undefined, number[]>();
  headings.forEach((heading, key) => {
    let stack = open.get(heading.parent);
    if (!stack) open.set(heading.parent, (stack = []));
    while (stack.length > 0 && headings[stack[stack.length - 1]!]!.depth >= heading.depth) ends[stack.pop()!] = starts[key]!;
    stack.push(key);
  });
  for (const stack of open.values()) {
    for (const key of stack) ends[key] = parentEnd(ctx, headings[key]!, key, marks) ?? html.length;
  }
  return headings
    .map((heading, key) => ({ heading, key }))
    .sort((a, b) => (a.heading.node.position?.start.offset ?? 0) - (b.heading.node.position?.start.offset ?? 0))
    .map(({ heading, key }) => ({
      id: heading.id,
      depth: heading.depth,
      text: heading.text,
      start: starts[key]!,
      end: Math.max(starts[key]!, ends[key]!),
    }));
}

function parentEnd(ctx: RenderContext, heading: HeadingRecord, key: number, marks: ReadonlyMap<string, number>): number | undefined {
  if (!heading.parent || heading.parent.type === 'root') return marks.get('end');
  const parentKey = ctx.headingParents.get(heading.parent);
  return parentKey === undefined ? marks.get(`a${key}`) : marks.get(`e${parentKey}`);
}

function emptyDoc(): RenderedDoc {
  return { html: '', headings: [], blocks: [], links: [], embeds: [], mermaid: [], excerpt: '' };
}
