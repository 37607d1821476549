/**
 * mdast → hast handlers for one render: Obsidian syntax (wikilinks, embeds, tags, block ids, callouts), links and
 * images sorted into vault / page / external, Shiki code, and raw HTML per mode. Each handler leaves what it found
 * in the `RenderContext` (links, embeds, headings, blocks…) so the tree is walked once. The mdast tree is shared
 * with `check` and is never changed: where a node must render differently, a new node stands in for it.
 *
 * In: paragraph `See [[deploy]] #ops ^intro` → `<p id="^intro">See <a data-ss-link="0">deploy</a> <a data-ss-tag="ops">#ops</a></p>`
 */
import type { Comment, Element, ElementContent, Properties } from 'hast';
import type {
  Blockquote,
  Code,
  Heading,
  Html,
  Image,
  ImageReference,
  Link,
  LinkReference,
  List,
  ListItem,
  Paragraph,
  Parents,
  PhrasingContent,
  Table,
  TableRow,
  Text,
} from 'mdast';
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast';
import type GithubSlugger from 'github-slugger';
import type { Node } from 'unist';
import type { BlockType } from '../blocks/block-type.ts';
import { blockIdOf, blockIdPattern, tagPattern } from '../markdown/facts.ts';
import type { Callout } from '../markdown/remark-callouts.ts';
import type { WikiLink } from '../markdown/remark-obsidian.ts';
import { highlight, languageOf } from './highlight.ts';
import { classifyUrl, sizeAndAlt, wikiLinkText } from './link-target.ts';
import { contextAround, plainText, truncate, type PlainText } from './plain-text.ts';
import type { HtmlMode, RenderedEmbed, RenderedLink } from './types.ts';

export interface HeadingRecord {
  node: Heading;
  /** The mdast parent: a section ends at the next heading of the same or a higher level under the same parent. */
  parent: Parents | undefined;
  id: string;
  depth: number;
  text: string;
}

export interface RenderContext {
  /** The file text: node positions index into it. */
  text: string;
  html: HtmlMode;
  slugger: GithubSlugger;
  /** A comment that marks an offset in the HTML; `renderDoc` reads and removes them. */
  marker: (name: string) => Comment;
  links: RenderedLink[];
  embeds: RenderedEmbed[];
  /** The fenced blocks that render as their type's placeholder, with their number. */
  placeholders: ReadonlyMap<Code, { type: BlockType; index: number }>;
  /** In render order. Heading N is marked `hN` (first thing inside it); its section ends at the next heading or at its parent's end, `e…` (or `aN` after the heading itself). */
  headings: HeadingRecord[];
  /** Containers (other than the root) that hold headings, with the number of their end marker. */
  headingParents: Map<Node, number>;
  blocks: Array<{ id: string; element: Element }>;
  excerpt: string | undefined;
  /** Raw HTML went into the tree as `raw` nodes. */
  hasRaw: boolean;
  /** Elements whose content must not be re-parsed or sanitized (code). */
  opaque: Set<Element>;
  /** Innermost last: the paragraph, heading, table cell or callout title being rendered. A link's context is its text. */
  containers: Node[];
  plain: Map<Node, PlainText>;
  /** Inside a Markdown link's text: no tags, no nested links. */
  inLink: number;
  /** Text nodes rendered with another value (a trailing block id removed). */
  replaced: Map<Node, string>;
  /** List items whose own paragraph ends with a block id: the id goes on the `li`. */
  listItemIds: Map<Node, string>;
  /** The block element rendered last, for a block id written on its own line after it. */
  last: { node: Node; element: Element } | undefined;
}

const blockParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);
const standaloneBlockId = /^\s*\^[A-Za-z0-9-]+\s*$/;
const calloutMarker = /^\[![^\]\s]+\][+-]?[ \t]*/;

export function createHandlers(ctx: RenderContext): Handlers {
  // ---- helpers -------------------------------------------------------------------------------------------------

  const element = (tagName: string, properties: Properties, children: ElementContent[] = []): Element => ({
    type: 'element',
    tagName,
    properties,
    children,
  });

  const plainOf = (node: Node): PlainText => {
    let plain = ctx.plain.get(node);
    if (!plain) {
      plain = plainText(node, ctx.replaced);
      ctx.plain.set(node, plain);
    }
    return plain;
  };

  const contextOf = (link: Node): string => {
    const container = ctx.containers[ctx.containers.length - 1];
    if (!container) return '';
    const plain = plainOf(container);
    return contextAround(plain, plain.links.get(link) ?? 0);
  };

  const within = <T>(container: Node, render: () => T): T => {
    ctx.containers.push(container);
    try {
      return render();
    } finally {
      ctx.containers.pop();
    }
  };

  const addBlock = (id: string, target: Element): void => {
    target.properties.id = `^${id}`;
    ctx.blocks.push({ id, element: target });
  };

  /** The end of a container that holds headings: their sections stop there. */
  const endMarker = (node: Node, children: ElementContent[]): void => {
    const key = ctx.headingParents.get(node);
    if (key !== undefined) children.push(ctx.marker(`e${key}`));
  };

  /** A placeholder for `![[…]]` or a vault image; undefined for an image that stays an `<img>`. */
  const embed = (node: WikiLink | Image, block: boolean): Element | undefined => {
    let entry: RenderedEmbed;
    if (node.type === 'wikiLink') {
      entry = { kind: 'wikilink', target: node.target, ...anchorOf(node.anchor), ...sizeAndAlt(node.alias), block };
    } else {
      const target = classifyUrl(node.url, 'image');
      if (target.kind !== 'vault') return undefined;
      entry = { kind: 'image', target: target.target, ...anchorOf(target.anchor), ...sizeAndAlt(node.alt), block };
    }
    const index = ctx.embeds.push(entry) - 1;
    return element('ss-embed', { dataSsEmbed: index });
  };

  /** The one embed (or image) a paragraph holds besides white space, if that is all it holds. */
  const loneEmbed = (paragraph: Paragraph, state: State): WikiLink | Image | undefined => {
    let found: WikiLink | Image | undefined;
    for (const child of paragraph.children) {
      if ((child.type === 'text' && child.value.trim() === '') || child.type === 'obsidianComment') continue;
      if (found) return undefined;
      if ((child.type === 'wikiLink' && child.embed) || child.type === 'image') found = child;
      else if (child.type === 'imageReference') {
        const definition = state.definitionById.get(String(child.identifier).toUpperCase());
        if (!definition) return undefined;
        found = { type: 'image', url: definition.url, alt: child.alt ?? null };
      } else return undefined;
    }
    return found;
  };

  const linkTo = (state: State, node: Link | LinkReference, url: string, title: string | null | undefined): Element => {
    const target = classifyUrl(url, 'link');
    ctx.inLink++;
    try {
      if (target.kind === 'vault') {
        const context = contextOf(node);
        const index = ctx.links.push({ kind: 'markdown', target: target.target, ...anchorOf(target.anchor), context }) - 1;
        const properties: Properties = { dataSsLink: index };
        if (title) properties.title = title;
        const result = element('a', properties, state.all(node));
        state.patch(node, result);
        return result;
      }
      const result = node.type === 'link' ? defaultHandlers.link(state, node) : (defaultHandlers.linkReference(state, node) as Element);
      if (target.kind === 'external') {
        result.properties.rel = ['noopener'];
        result.properties.className = ['external'];
      } else if (target.kind === 'unsafe') {
        delete result.properties.href;
      }
      return result;
    } finally {
      ctx.inLink--;
    }
  };

  const image = (state: State, node: Image | ImageReference, url: string): ElementContent => {
    const placeholder = embed({ type: 'image', url, alt: node.alt ?? null }, false);
    if (placeholder) return placeholder;
    if (classifyUrl(url, 'image').kind === 'unsafe') return { type: 'text', value: node.alt ?? '' };
    const result = node.type === 'image' ? defaultHandlers.image(state, node) : (defaultHandlers.imageReference(state, node) as Element);
    result.properties.loading = 'lazy';
    return result;
  };

  const textNode = (state: State, node: Text, value: string): ElementContent =>
    defaultHandlers.text(state, value === node.value ? node : { ...node, value });

  const callout = (state: State, node: Blockquote, data: Callout): Element => {
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
            return within(titleParagraph, () => state.all(titleParagraph));
          })();
    const rendered = state.all(content);
    const body = rendered.length > 0 ? state.wrap(rendered, true) : [];
    endMarker(content, body);
    const properties: Properties = { className: ['callout'], dataCallout: data.type };
    if (data.fold === 'open') properties.open = true;
    const result = element(foldable ? 'details' : 'div', properties, [element(foldable ? 'summary' : 'div', { className: ['callout-title'] }, title)]);
    // A title-only callout has no content box, as in Obsidian.
    if (body.length > 0) result.children.push(element('div', { className: ['callout-content'] }, body));
    if (id) addBlock(id, result);
    state.patch(node, result);
    return result;
  };

  // ---- handlers ------------------------------------------------------------------------------------------------

  return {
    yaml: () => undefined,
    obsidianComment: () => undefined,

    heading(state: State, node: Heading, parent: Parents | undefined) {
      const text = plainOf(node).text;
      const children = within(node, () => state.all(node));
      const id = ctx.slugger.slug(text);
      const result = element(`h${node.depth}`, { id }, children);
      state.patch(node, result);
      const key = ctx.headings.push({ node, parent, id, depth: node.depth, text }) - 1;
      // Inside the element, so that the marker adds no white space between blocks.
      result.children.unshift(ctx.marker(`h${key}`));
      const out: ElementContent[] = [result];
      if (parent && parent.type !== 'root') {
        if (parent.type === 'blockquote' || parent.type === 'listItem') {
          if (!ctx.headingParents.has(parent)) ctx.headingParents.set(parent, ctx.headingParents.size);
        } else {
          // In a footnote: the section is the heading alone.
          out.push(ctx.marker(`a${key}`));
        }
      }
      return out;
    },

    paragraph(state: State, node: Paragraph, parent: Parents | undefined) {
      // `%%a%% %%b%%`: nothing to show, so no empty `<p>`.
      if (node.children.every((child) => child.type === 'obsidianComment' || (child.type === 'text' && child.value.trim() === ''))) return undefined;
      const id = blockIdOf(node, ctx.text);
      const last = node.children[node.children.length - 1];
      if (id && node.children.length === 1 && last?.type === 'text' && standaloneBlockId.test(last.value)) {
        // `^id` on its own line after a list, table, quote…: it names that block.
        const index = parent ? (parent.children as readonly Node[]).indexOf(node) : -1;
        const previous = index > 0 ? parent!.children[index - 1] : undefined;
        if (previous && ctx.last?.node === previous && ctx.last.element.properties.id === undefined) {
          addBlock(id, ctx.last.element);
          return undefined;
        }
      }
      if (id && last?.type === 'text') ctx.replaced.set(last, last.value.replace(blockIdPattern, ''));

      const lone = id ? undefined : loneEmbed(node, state);
      const placeholder = lone && embed(lone, true);
      if (placeholder) return placeholder;

      const result = element('p', {}, within(node, () => state.all(node)));
      state.patch(node, result);
      if (id) {
        if (parent?.type === 'listItem' && parent.children[0] === node) ctx.listItemIds.set(parent, id);
        else addBlock(id, result);
      }
      if (ctx.excerpt === undefined && parent?.type !== 'footnoteDefinition') {
        const text = plainOf(node).text;
        if (text) ctx.excerpt = truncate(text);
      }
      ctx.last = { node, element: result };
      return result;
    },

    text(state: State, node: Text) {
      const value = ctx.replaced.get(node) ?? node.value;
      if (ctx.inLink > 0 || !value.includes('#')) return textNode(state, node, value);
      const out: ElementContent[] = [];
      let from = 0;
      for (const match of value.matchAll(tagPattern)) {
        const start = match.index + match[1]!.length;
        const tag = match[2]!;
        if (start > from) out.push(textNode(state, node, value.slice(from, start)));
        out.push(element('a', { dataSsTag: tag }, [{ type: 'text', value: `#${tag}` }]));
        from = start + 1 + tag.length;
      }
      if (out.length === 0) return textNode(state, node, value);
      if (from < value.length) out.push(textNode(state, node, value.slice(from)));
      return out;
    },

    wikiLink(state: State, node: WikiLink) {
      if (node.embed) return embed(node, false);
      const label = wikiLinkText(node);
      if (ctx.inLink > 0) return { type: 'text', value: label };
      const index = ctx.links.push({ kind: 'wikilink', target: node.target, ...anchorOf(node.anchor), context: contextOf(node) }) - 1;
      const result = element('a', { dataSsLink: index }, [{ type: 'text', value: label }]);
      state.patch(node, result);
      return result;
    },

    link: (state: State, node: Link) => linkTo(state, node, node.url, node.title),

    linkReference(state: State, node: LinkReference) {
      const definition = state.definitionById.get(String(node.identifier).toUpperCase());
      return definition ? linkTo(state, node, definition.url, definition.title) : defaultHandlers.linkReference(state, node);
    },

    image: (state: State, node: Image) => image(state, node, node.url),

    imageReference(state: State, node: ImageReference) {
      const definition = state.definitionById.get(String(node.identifier).toUpperCase());
      return definition ? image(state, node, definition.url) : defaultHandlers.imageReference(state, node);
    },

    blockquote(state: State, node: Blockquote) {
      const data = node.data?.callout;
      let result: Element;
      if (data) {
        result = callout(state, node, data);
      } else {
        result = defaultHandlers.blockquote(state, node);
        endMarker(node, result.children);
      }
      ctx.last = { node, element: result };
      return result;
    },

    list(state: State, node: List) {
      const result = defaultHandlers.list(state, node);
      ctx.last = { node, element: result };
      return result;
    },

    listItem(state: State, node: ListItem, parent: Parents | undefined) {
      const result = defaultHandlers.listItem(state, node, parent);
      if (typeof node.checked === 'boolean') labelCheckbox(result, node);
      const id = ctx.listItemIds.get(node);
      if (id) addBlock(id, result);
      endMarker(node, result.children);
      return result;
    },

    table(state: State, node: Table) {
      const result = defaultHandlers.table(state, node);
      ctx.last = { node, element: result };
      return result;
    },

    // As mdast-util-to-hast's, but each cell is a link context.
    tableRow(state: State, node: TableRow, parent: Parents | undefined) {
      const tagName = parent?.children[0] === node ? 'th' : 'td';
      const align = parent?.type === 'table' ? parent.align : undefined;
      const length = align ? align.length : node.children.length;
      const cells: ElementContent[] = [];
      for (let i = 0; i < length; i++) {
        const cell = node.children[i];
        const properties: Properties = {};
        const alignValue = align?.[i];
        if (alignValue) properties.align = alignValue;
        const result = element(tagName, properties);
        if (cell) {
          result.children = within(cell, () => state.all(cell));
          state.patch(cell, result);
        }
        cells.push(result);
      }
      const result = element('tr', {}, state.wrap(cells, true));
      state.patch(node, result);
      return result;
    },

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

    html(_state: State, node: Html, parent: Parents | undefined) {
      if (ctx.html === 'escape') {
        const text: ElementContent = { type: 'text', value: node.value };
        return parent && blockParents.has(parent.type) ? element('p', {}, [text]) : text;
      }
      ctx.hasRaw = true;
      return { type: 'raw', value: node.value };
    },
  };
}

function anchorOf(anchor: string | undefined): { anchor?: string } {
  return anchor === undefined ? {} : { anchor };
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

/** A task's checkbox is named by the task's own text: a form control without a name is unusable with a screen reader. */
function labelCheckbox(item: Element, node: ListItem): void {
  const holder = item.children[0]?.type === 'element' && item.children[0].tagName === 'p' ? item.children[0] : item;
  const box = holder.children.find((child): child is Element => child.type === 'element' && child.tagName === 'input');
  if (box) box.properties.ariaLabel = truncate(plainText(node).text, 120) || (node.checked ? 'done' : 'to do');
}
