/**
 * `parseDoc` backed by satteri (a native mdast parser, the one Astro 7 uses) instead of micromark: ~0.7 ms a doc
 * against ~9 ms, with the same tree, positions and facts.
 *
 * satteri already yields GFM + frontmatter (`yaml`) + positions (line/column/offset) in our mdast shapes. What it
 * lacks is ours: wikilinks come back as `link`/`image` nodes (we re-read them from the source by position), and
 * `%% comments %%`, which `obsidian-comments.ts` finds on the source for both parsers (a second parse, only for a
 * file that has a comment outside code).
 */
import type { Root } from 'mdast';
import { markdownToMdast } from 'satteri';
import type { Node } from 'unist';
import { lineIndex, type LineIndex } from './line-index.ts';
import { parsedDoc } from './parsed-doc.ts';
import { calloutOf } from './remark-callouts.ts';
import { splitWikiLink, type WikiLink } from './remark-obsidian.ts';
import type { ParsedDoc, SourceFile } from './types.ts';
import { walk } from './walk.ts';

const features = { gfm: true, frontmatter: true, wikilinks: true } as const;

type AnyNode = Node & { children?: AnyNode[]; value?: string; [k: string]: unknown };

const so = (n: Node) => n.position?.start.offset ?? -1;
const eo = (n: Node) => n.position?.end.offset ?? -1;

// ---------------------------------------------------------------------------------------------- wikilinks

function reparseInline(text: string, lines: LineIndex, s: number, e: number): AnyNode[] {
  const sub = markdownToMdast(text.slice(s, e), { features: { gfm: true, frontmatter: false, wikilinks: false } }) as unknown as AnyNode;
  const para = sub.children?.[0];
  const kids = para?.type === 'paragraph' ? (para.children ?? []) : [{ type: 'text', value: text.slice(s, e), position: { start: { offset: 0 }, end: { offset: e - s } } } as AnyNode];
  walk({ type: 'root', children: kids } as Node, (n) => {
    if (n.position) n.position = { start: lines.point((n.position.start.offset ?? 0) + s), end: lines.point((n.position.end.offset ?? 0) + s) };
  });
  return kids;
}

function mergeTexts(p: AnyNode): void {
  const out: AnyNode[] = [];
  for (const c of p.children ?? []) {
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && c.type === 'text' && prev.position && c.position) {
      prev.value = (prev.value ?? '') + (c.value ?? '');
      prev.position = { start: prev.position.start, end: c.position.end };
    } else out.push(c);
  }
  p.children = out;
}

function convertWikiLinks(tree: Root, text: string, lines: LineIndex): void {
  walk(tree, (n) => {
    const p = n as AnyNode;
    if (!p.children) return;
    for (let k = 0; k < p.children.length; k++) {
      const child = p.children[k]!;
      if (child.type !== 'link' && child.type !== 'image') continue;
      const s = so(child);
      const e = eo(child);
      const embed = text.startsWith('![[', s);
      if (!embed && !text.startsWith('[[', s)) continue;
      if (!text.startsWith(']]', e - 2)) continue;
      const value = text.slice(s + (embed ? 3 : 2), e - 2);
      if (/[\n\[\]]/.test(value) || value.length > 1001) {
        // Not a wikilink for us (Obsidian): parse the slice as ordinary inline text and splice it in.
        p.children.splice(k, 1, ...reparseInline(text, lines, s, e));
        mergeTexts(p);
        continue;
      }
      const link = { type: 'wikiLink', embed, value, ...splitWikiLink(value), position: child.position } as WikiLink;
      p.children[k] = link as unknown as AnyNode;
    }
  });
}

// ---------------------------------------------------------------------------------------------- entry

/** One parse of `text` as it is: satteri's tree with our wikilinks and callouts. */
function parseText(text: string): Root {
  const lines = lineIndex(text);
  const tree = markdownToMdast(text, { features }) as unknown as Root;
  convertWikiLinks(tree, text, lines);
  walk(tree, (node) => {
    if (node.type !== 'blockquote') return;
    const callout = calloutOf(node as never, text);
    if (callout) node.data = { ...(node.data ?? {}), callout } as never;
  });
  return tree;
}

export function parseDocSatteri(source: SourceFile): ParsedDoc {
  return parsedDoc(source, parseText);
}
