/**
 * Reads a parsed file's facts off its tree: what it offers to other files (title, aliases, headings, block ids,
 * tags) and what it points at (links, embeds). Facts are small, JSON-safe, and all the cross-file pass needs.
 *
 * In: `# Deploy\nSee [[rollback#Steps]] #ops ^intro` → headings ['Deploy'], links [{kind: 'wikilink', target: 'rollback', anchor: 'Steps'}], tags ['ops'], blockIds ['intro']
 */
import type { Code, Definition, Heading, Image, Link, ListItem, Root, Text } from 'mdast';
import type { Node, Parent } from 'unist';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.ts';
import { stem } from '../vault/vault-path.ts';
import type { WikiLink } from './remark-obsidian.ts';
import type { CodeBlock, DocFacts, Frontmatter, HeadingFact, LinkFact, SourceFile, TaskFact } from './types.ts';
import { walk } from './walk.ts';

/** Obsidian tags: letters, digits, `_`, `-`, `/`, with at least one non-digit. */
export const tagPattern = /(^|[\s(,;])#([\p{L}\p{N}_\-/]*[\p{L}_\-/][\p{L}\p{N}_\-/]*)/gu;
/** A block id closes a paragraph or list item: ` ^id` at its very end. */
export const blockIdPattern = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;
const externalUrl = /^[a-z][a-z0-9+.-]*:/i;
/** Containers whose text is not prose: no tags or block ids there. */
const opaque = new Set(['code', 'inlineCode', 'html', 'link', 'linkReference', 'wikiLink', 'obsidianComment', 'yaml', 'math', 'inlineMath']);

/** Facts, and the code blocks met on the way (one walk serves both). */
export function collectFacts(tree: Root, source: SourceFile, frontmatter: Frontmatter | undefined): { facts: DocFacts; code: CodeBlock[] } {
  const { text, lines } = source;
  const spanOf = (node: Node): Span => lines.span(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const headings: HeadingFact[] = [];
  const links: LinkFact[] = [];
  const tags: string[] = [];
  const blockIds: string[] = [];
  const code: CodeBlock[] = [];
  const comments: Span[] = [];
  const tasks: TaskFact[] = [];

  walk(tree, (node, ancestors) => {
    switch (node.type) {
      case 'listItem': {
        const item = node as ListItem;
        const first = item.children[0];
        if (typeof item.checked === 'boolean' && item.position) {
          const task = first?.position ? text.slice(first.position.start.offset, first.position.end.offset).trim() : '';
          tasks.push({ text: task, completed: item.checked, line: item.position.start.line });
        }
        return undefined;
      }
      case 'heading': {
        const heading = node as Heading;
        headings.push({ text: headingText(heading, text), depth: heading.depth });
        return undefined;
      }
      case 'wikiLink': {
        const link = node as WikiLink;
        links.push(linkFact(link.embed ? 'embed' : 'wikilink', link.target, link.anchor, node, text, spanOf(node)));
        return 'skip';
      }
      case 'link':
      case 'image':
      case 'definition': {
        const url = (node as Link | Image | Definition).url;
        if (!externalUrl.test(url) && !url.startsWith('//')) {
          const [path, anchor] = splitUrl(url);
          links.push(linkFact(node.type === 'image' ? 'image' : 'markdown', path, anchor, node, text, spanOf(node)));
        }
        return node.type === 'link' ? 'skip' : undefined;
      }
      case 'text': {
        if (ancestors.some((a) => opaque.has(a.type))) return undefined;
        collectTags(node as Text, text, tags);
        return undefined;
      }
      case 'code':
        code.push({ node: node as Code, ancestors: [...ancestors] });
        return 'skip';
      case 'obsidianComment':
        comments.push(spanOf(node));
        return 'skip';
      case 'paragraph': {
        const id = blockIdOf(node as Parent, text);
        if (id) blockIds.push(id);
        return undefined;
      }
      default:
        return opaque.has(node.type) ? 'skip' : undefined;
    }
  });

  const data = frontmatter?.data;
  const title =
    (typeof data?.title === 'string' && data.title.trim()) ||
    headings.find((h) => h.depth === 1)?.text ||
    stem(source.path);
  const document = frontmatter?.document;
  const facts: DocFacts = {
    path: source.path,
    isTemplate: source.isTemplate,
    title,
    ...(typeof data?.type === 'string' ? { type: data.type } : {}),
    aliases: stringList(data?.aliases ?? data?.alias),
    tags: [...frontmatterTags(data), ...tags],
    headings,
    blockIds,
    links,
    ...(data ? { frontmatter: data } : {}),
    ...(document && frontmatter ? { frontmatterSpans: topLevelSpans(document, frontmatter, lines) } : {}),
  };
  if (comments.length > 0) facts.comments = comments;
  if (tasks.length > 0) facts.tasks = tasks;
  // The fenced-block types read their facts from `code` (src/blocks, `readBlocks`).
  return { facts, code };
}

function linkFact(kind: LinkFact['kind'], target: string, anchor: string | undefined, node: Node, text: string, span: Span): LinkFact {
  const raw = maskComments(text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0));
  return { kind, target, ...(anchor === undefined ? {} : { anchor }), raw, span };
}

/**
 * A link's source as messages quote it (the docs health page publishes them): what a comment in it hid stays
 * hidden. `[[note|steps %%draft%%]]` → `[[note|steps %%…%%]]`
 */
function maskComments(raw: string): string {
  if (!raw.includes('%%')) return raw;
  // A wikilink's own comments end with its text at the latest (`[[a|b %%c]]`): the brackets stay.
  const wiki = /^(!?\[\[)([\s\S]*)(\]\])$/.exec(raw);
  const mask = (text: string) => text.replace(/%%[\s\S]*?(?:%%|$)/g, '%%…%%');
  return wiki ? wiki[1]! + mask(wiki[2]!) + wiki[3]! : mask(raw);
}

/** `a%20b.md#Some%20Heading` → ['a b.md', 'Some Heading']; a query string is not part of the path. */
export function splitUrl(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  const path = (hash === -1 ? url : url.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash === -1 ? undefined : url.slice(hash + 1);
  return [safeDecode(path), anchor === undefined ? undefined : safeDecode(anchor)];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The heading as written (Obsidian links to the raw text), without the `#`s, the closing sequence and comments. */
function headingText(heading: Heading, text: string): string {
  let written = '';
  for (const child of heading.children) {
    if (child.type !== 'obsidianComment' && child.position) written += text.slice(child.position.start.offset, child.position.end.offset);
  }
  return written.replace(/\s+/g, ' ').trim();
}

function collectTags(node: Text, text: string, tags: string[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const slice = text.slice(start, end);
  if (!slice.includes('#')) return;
  for (const match of slice.matchAll(tagPattern)) tags.push(match[2]!);
}

export function blockIdOf(paragraph: Parent, text: string): string | undefined {
  const last = paragraph.children[paragraph.children.length - 1];
  if (last?.type !== 'text' || !last.position) return undefined;
  const value = text.slice(last.position.start.offset, last.position.end.offset);
  return blockIdPattern.exec(value)?.[1];
}

/** A frontmatter list as Obsidian reads it: a YAML list, or one string of comma-separated items. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}

/** `tags: [a, b]`, `tags: a, b` or `tags: a b`, with or without `#`. */
function frontmatterTags(data: Record<string, unknown> | undefined): string[] {
  const value = data?.tags ?? data?.tag;
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items
    .filter((item) => typeof item === 'string' || typeof item === 'number')
    .flatMap((item) => String(item).split(/[,\s]+/))
    .filter(Boolean)
    .map((name) => name.replace(/^#/, ''));
}

function topLevelSpans(document: Document.Parsed, frontmatter: Frontmatter, lines: SourceFile['lines']): Record<string, Span> {
  const spans: Record<string, Span> = Object.create(null);
  if (!isMap(document.contents)) return spans;
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const range = (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value.range : undefined) ?? (isScalar(pair.key) ? pair.key.range : undefined);
    if (key === undefined || !range) continue;
    spans[key] = lines.span(frontmatter.yamlOffset + range[0], frontmatter.yamlOffset + range[1]);
  }
  return spans;
}
