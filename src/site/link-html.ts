/**
 * Fills a rendered doc's placeholders (see `src/render/types.ts`) once the vault index is known: links become
 * links to pages, headings and blocks, or visibly unresolved text that says why; embeds become images, files or
 * the transcluded note, section or block; tags link to their pages; each fenced-block type fills its placeholders
 * (diagrams drawn at build time, dashboards, checklists: `src/blocks`). Links resolve exactly as `check` resolves them (the same `VaultIndex`), so site and check agree.
 *
 * Transclusion is bounded: a note that embeds itself, directly or in a loop, shows a notice instead of repeating,
 * and nesting stops at `maxEmbedDepth` with a link to the rest.
 *
 * A link to a doc or file that is not published (see `src/publish/scope.ts`) keeps its text and loses its link, with
 * no title that names the target; an embed of one shows a neutral "not published". Nothing of it is ever read:
 * `rendered` holds the published docs only.
 *
 * In: `fill('a.md')` where a.md's html is `<a data-ss-link="0">b</a>` and link 0 is `[[b#Intro]]`
 *   → `<a href="/b/#intro" class="internal">b</a>`
 */
import { escapeHtml, type BlockSite } from '../blocks/block-type.ts';
import { blockTypes } from '../blocks/index.ts';
import { findAnchor } from '../links/anchors.ts';
import type { Resolution, VaultIndex } from '../links/vault-index.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { RenderedDoc, RenderedEmbed, RenderedLink } from '../render/types.ts';
import { vaultPath } from '../vault/vault-path.ts';
import { fileUrl, pageUrl, type Slug } from './urls.ts';

export const maxEmbedDepth = 6;

export interface LinkTarget {
  /** The doc reached, when the link reaches a published doc. */
  path?: string;
  url?: string;
  /** Why the link does not work, for the unresolved text's title. */
  problem?: string;
  /** The target exists but is not published: nothing about it may show. */
  unpublished?: true;
}

export interface LinkContext {
  index: VaultIndex;
  /** The published docs' rendered HTML. */
  rendered: ReadonlyMap<string, RenderedDoc>;
  /** Published doc path → slug. */
  slugs: ReadonlyMap<string, Slug>;
  /** The published files that are not docs. */
  files: ReadonlySet<string>;
  base: string;
  tagUrl(tag: string): string;
  /** What the fenced-block types draw their placeholders with (diagrams, dashboards, checklists). */
  blocks: BlockSite;
}

const imageExtensions = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;
const templated = /<%|\{\{/;
const filledBlocks = new Map(blockTypes.flatMap((type) => (type.fill ? [[type.name, type] as const] : [])));
const placeholder = new RegExp(
  [
    /<a data-ss-link="(\d+)">([\s\S]*?)<\/a>/.source,
    /<ss-embed data-ss-embed="(\d+)"><\/ss-embed>/.source,
    /<a data-ss-tag="([^"]*)">/.source,
    // A block's placeholder: `<pre class="mermaid" data-ss-mermaid="0">…</pre>`, `<div class="dashboard-block" data-ss-dashboard="0">…</div>`.
    `<(?<element>pre|div) class="[^"]*" data-ss-(${[...filledBlocks.keys()].join('|')})="(\\d+)">([\\s\\S]*?)<\\/\\k<element>>`,
  ].join('|'),
  'g',
);


export interface LinkResolver {
  /** Where link N of a doc goes. */
  target(from: string, link: RenderedLink | RenderedEmbed): LinkTarget;
  /** The published doc a link reaches, anchor or not (what backlinks count). */
  reaches(from: string, link: RenderedLink | RenderedEmbed): string | undefined;
  /** The doc's HTML with every placeholder filled (kept until `forget`). */
  fill(path: string): string;
  /** Forgets what `fill` made: a doc's rendered HTML changed, and the docs that embed it show it. */
  forget(): void;
}

export function linkResolver(context: LinkContext): LinkResolver {
  const { index, rendered, slugs, base } = context;
  const filled = new Map<string, string>();

  function resolution(from: string, link: RenderedLink | RenderedEmbed): Resolution {
    return index.resolve(link.target, from, { relativeFirst: link.kind === 'markdown' || link.kind === 'image' });
  }

  /** The element id a heading or block anchor points at in the target's page, if it exists. */
  function fragment(path: string, anchor: string, markdown: boolean): string | undefined {
    const doc = index.docs.get(path);
    const html = rendered.get(path);
    if (!doc || !html) return undefined;
    if (anchor.startsWith('^')) {
      const id = anchor.slice(1).toLowerCase();
      const block = html.blocks.find((b) => b.id.toLowerCase() === id);
      return block && `^${block.id}`;
    }
    return headingOf(doc, html, anchor, markdown)?.id;
  }

  function target(from: string, link: RenderedLink | RenderedEmbed): LinkTarget {
    if (templated.test(link.target)) return { problem: 'Filled in by a template at run time: not a link yet' };
    if (link.target === '') {
      const id = link.anchor ? fragment(from, link.anchor, link.kind === 'markdown') : undefined;
      return id ? { path: from, url: `#${encodeURIComponent(id)}` } : { problem: `No heading or block “${link.anchor ?? ''}” in this doc` };
    }
    const found = resolution(from, link);
    if (found.path === undefined) return { problem: `No doc or file named “${link.target}” in this vault` };
    const doc = index.docs.get(found.path);
    // A file with a page of its own (a `.base`) is linked to its page.
    if (!doc && slugs.has(found.path)) return { path: found.path, url: pageUrl(base, slugs.get(found.path)!) };
    if (!doc) return context.files.has(found.path) ? { url: fileUrl(base, vaultPath(found.path)) } : { unpublished: true };
    const slug = slugs.get(found.path);
    if (slug === undefined) return { unpublished: true };
    const url = pageUrl(base, slug);
    if (!link.anchor) return { path: found.path, url };
    const id = fragment(found.path, link.anchor, link.kind === 'markdown');
    return id
      ? { path: found.path, url: `${url}#${encodeURIComponent(id)}` }
      : { path: found.path, url, problem: `“${doc.title}” has no heading or block “${link.anchor}”` };
  }

  function linkHtml(from: string, link: RenderedLink, text: string): string {
    const to = target(from, link);
    if (to.unpublished) return `<span class="unpublished">${text}</span>`;
    if (!to.url) return `<span class="unresolved" title="${escapeHtml(to.problem!)}">${text}</span>`;
    const attributes = to.problem ? ` class="internal broken-anchor" title="${escapeHtml(to.problem)}"` : ' class="internal"';
    return `<a href="${escapeHtml(to.url)}"${attributes}>${text}</a>`;
  }

  function embedHtml(from: string, embed: RenderedEmbed, stack: readonly string[]): string {
    const to = target(from, embed);
    if (to.unpublished) return embed.block ? '<div class="embed embed-unpublished"><p>Not published.</p></div>' : '<span class="embed-unpublished">not published</span>';
    const label = escapeHtml(embed.alt ?? (embed.anchor ? `${embed.target}#${embed.anchor}` : embed.target));
    if (!to.url) return `<span class="unresolved" title="${escapeHtml(to.problem!)}">${label}</span>`;
    if (!to.path) {
      if (!imageExtensions.test(embed.target) && !imageExtensions.test(to.url)) {
        return `<a href="${escapeHtml(to.url)}" class="attachment">${label}</a>`;
      }
      const size = `${embed.width ? ` width="${embed.width}"` : ''}${embed.height ? ` height="${embed.height}"` : ''}`;
      const img = `<img src="${escapeHtml(to.url)}" alt="${escapeHtml(embed.alt ?? '')}"${size} loading="lazy" decoding="async">`;
      return embed.block ? `<figure class="embed-image">${img}</figure>` : img;
    }
    if (!index.docs.has(to.path)) {
      const views = embed.block ? context.blocks.baseFile?.(to.path, from, embed.anchor) : undefined;
      return views === undefined ? `<a href="${escapeHtml(to.url)}" class="internal">${label}</a>` : `<div class="embed embed-base">${views}</div>`;
    }
    const title = escapeHtml(index.docs.get(to.path)!.title);
    if (!embed.block) return `<a href="${escapeHtml(to.url)}" class="internal">${label}</a>`;
    const head = `<div class="embed-title"><a href="${escapeHtml(to.url)}" class="internal">${title}${embed.anchor ? ` › ${escapeHtml(embed.anchor)}` : ''}</a></div>`;
    if (stack.includes(to.path)) {
      return `<div class="embed embed-stopped">${head}<p>This note embeds itself here; it is not repeated.</p></div>`;
    }
    if (stack.length > maxEmbedDepth) {
      return `<div class="embed embed-stopped">${head}<p>Embeds nest more than ${maxEmbedDepth} deep here; open the note to read on.</p></div>`;
    }
    const part = excerpt(to.path, embed.anchor, embed.kind === 'image');
    if (part === undefined) return `<div class="embed embed-stopped">${head}<p>${escapeHtml(to.problem ?? 'Nothing to embed.')}</p></div>`;
    // The host page has its own headings and ids: embedded ids would collide with them.
    const body = fillHtml(to.path, part, [...stack, to.path]).replace(/ id="[^"]*"/g, '');
    return `<div class="embed">${head}<div class="embed-content">${body}</div></div>`;
  }

  /** The part of a doc's HTML an embed shows: all of it, a heading's section, or one block. */
  function excerpt(path: string, anchor: string | undefined, markdown: boolean): string | undefined {
    const html = rendered.get(path)!;
    if (!anchor) return html.html;
    if (anchor.startsWith('^')) {
      const id = anchor.slice(1).toLowerCase();
      return html.blocks.find((block) => block.id.toLowerCase() === id)?.html;
    }
    const heading = headingOf(index.docs.get(path)!, html, anchor, markdown);
    return heading && html.html.slice(heading.start, heading.end);
  }

  function fillHtml(path: string, html: string, stack: readonly string[]): string {
    const doc = rendered.get(path)!;
    return html.replace(placeholder, (match, link, text, embed, tag, _tagName, block, number, inner) => {
      if (link !== undefined) return linkHtml(path, doc.links[Number(link)]!, text);
      if (embed !== undefined) return embedHtml(path, doc.embeds[Number(embed)]!, stack);
      if (tag !== undefined) return `<a href="${escapeHtml(context.tagUrl(tag))}" class="tag">`;
      return filledBlocks.get(block)!.fill!(Number(number), inner, index.docs.get(path)!, context.blocks) ?? match;
    });
  }

  return {
    target,
    reaches(from, link) {
      if (link.target === '' || templated.test(link.target)) return undefined;
      const path = resolution(from, link).path;
      return path !== undefined && slugs.has(path) && index.docs.has(path) ? path : undefined;
    },
    fill(path) {
      let html = filled.get(path);
      if (html === undefined) {
        html = fillHtml(path, rendered.get(path)!.html, [path]);
        filled.set(path, html);
      }
      return html;
    },
    forget() {
      filled.clear();
    },
  };
}

/**
 * The rendered heading an anchor names. `findAnchor` matches on the facts' headings; the rendered list has the
 * same headings in the same order, so the n-th heading with that text is the one.
 */
function headingOf(doc: DocFacts, html: RenderedDoc, anchor: string, markdown: boolean) {
  const found = findAnchor(doc, anchor, { slugs: markdown });
  if (found.heading === undefined) return undefined;
  const text = doc.headings[found.heading]!.text;
  const nth = doc.headings.slice(0, found.heading).filter((h) => h.text === text).length;
  return html.headings.filter((h) => h.text === text)[nth] ?? html.headings[found.heading];
}
