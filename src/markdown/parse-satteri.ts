/**
 * `parseDoc` backed by satteri (a native mdast parser, the one Astro 7 uses) instead of micromark: ~0.7 ms a doc
 * against ~9 ms, with the same tree, positions and facts.
 *
 * satteri already yields GFM + frontmatter (`yaml`) + positions (line/column/offset) in our mdast shapes. What it
 * lacks is ours: wikilinks come back as `link`/`image` nodes (we re-read them from the source by position), and
 * `%% comments %%` are unknown (a pre-pass finds them, fills them so the parser sees inert text/blocks with the same
 * offsets, and we put `obsidianComment` nodes back in).
 *
 * Comments are found on a first raw parse (to skip code, inline code, html, yaml); a second parse runs on the
 * filled text. Only when a file contains `%%` do we pay for two parses.
 */
import type { Root } from 'mdast';
import { markdownToMdast } from 'satteri';
import type { Node } from 'unist';
import { lineIndex, type LineIndex } from './line-index.ts';
import { parsedDoc } from './parsed-doc.ts';
import { calloutOf } from './remark-callouts.ts';
import { splitWikiLink, type ObsidianComment, type WikiLink } from './remark-obsidian.ts';
import type { ParsedDoc, SourceFile } from './types.ts';
import { walk } from './walk.ts';

const features = { gfm: true, frontmatter: true, wikilinks: true } as const;
const maxInline = 20_000;

type AnyNode = Node & { children?: AnyNode[]; value?: string; [k: string]: unknown };

interface Comment {
  start: number;
  end: number;
  flow: boolean;
  value: string;
}

function parseRaw(text: string): Root {
  return markdownToMdast(text, { features }) as unknown as Root;
}

// ---------------------------------------------------------------------------------------------- positions

const so = (n: Node) => n.position?.start.offset ?? -1;
const eo = (n: Node) => n.position?.end.offset ?? -1;

// ---------------------------------------------------------------------------------------------- comments

const prefixRe = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*$/;

/** Ranges where a `%%` does not open a comment: code, inline code, html, frontmatter. */
function literalRanges(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  walk(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') {
      ranges.push([so(node), eo(node)]);
      return 'skip';
    }
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Leaf blocks holding inline content: an inline comment must open and close in the same one. */
function inlineLeaves(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  walk(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      ranges.push([so(node), eo(node)]);
      return 'skip';
    }
  });
  return ranges;
}

function inRanges(ranges: Array<[number, number]>, at: number): boolean {
  for (const [s, e] of ranges) if (at >= s && at < e) return true;
  return false;
}

function leafOf(ranges: Array<[number, number]>, at: number): [number, number] | undefined {
  for (const r of ranges) if (at >= r[0] && at < r[1]) return r;
  return undefined;
}

/** Container prefix (`>` markers, list indent) to keep on a continuation line of a multi-line comment. */
function keepPrefix(line: string, quotes: number): number {
  let i = 0;
  let q = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') i++;
    else if (c === '>' && q < quotes) {
      q++;
      i++;
    } else break;
  }
  return i;
}

/** `\%%` is a literal `%` and a `%`, not a marker: an odd run of backslashes escapes the first `%`. */
function escaped(text: string, at: number): boolean {
  let slashes = 0;
  while (at - slashes - 1 >= 0 && text[at - slashes - 1] === '\\') slashes++;
  return slashes % 2 === 1;
}

function findComments(text: string, raw: Root): Comment[] {
  const literals = literalRanges(raw);
  const leaves = inlineLeaves(raw);
  const comments: Comment[] = [];
  let i = text.indexOf('%%');
  while (i !== -1) {
    if (inRanges(literals, i) || escaped(text, i)) {
      i = text.indexOf('%%', i + 1);
      continue;
    }
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const atLineStart = prefixRe.test(text.slice(lineStart, i));
    const close = text.indexOf('%%', i + 2);
    if (atLineStart) {
      // Flow comment unless it closes on its own line with text after it.
      let lineEnd = text.indexOf('\n', i);
      if (lineEnd === -1) lineEnd = text.length;
      const closeOnLine = close !== -1 && close < lineEnd;
      const restOfLine = closeOnLine ? text.slice(close + 2, lineEnd) : '';
      if (!closeOnLine || /^[ \t\r]*$/.test(restOfLine)) {
        const quotes = (text.slice(lineStart, i).match(/>/g) ?? []).length;
        let end: number;
        if (close === -1) {
          end = text.length;
        } else {
          let closeLineEnd = text.indexOf('\n', close);
          if (closeLineEnd === -1) closeLineEnd = text.length;
          end = closeLineEnd;
          if (text[end - 1] === '\r') end--;
        }
        // value: per line, the text after the container prefix and outside the markers; empty lines skipped.
        const parts: string[] = [];
        let pos = i + 2;
        let first = true;
        while (pos <= end) {
          let le = text.indexOf('\n', pos);
          if (le === -1 || le > end) le = end;
          let line = text.slice(pos, le).replace(/\r$/, '');
          if (!first) line = line.slice(keepPrefix(line, quotes));
          const c = close === -1 ? -1 : line.indexOf('%%');
          const isCloseLine = close !== -1 && close >= pos && close < le;
          if (isCloseLine && c !== -1) {
            const before = line.slice(0, c);
            const after = line.slice(c + 2).replace(/^[ \t]+/, '');
            if (before) parts.push(before);
            if (after && !first) parts.push(after);
          } else if (line) parts.push(line);
          first = false;
          pos = le + 1;
        }
        comments.push({ start: i, end, flow: true, value: parts.join('\n') });
        i = close === -1 ? -1 : text.indexOf('%%', end);
        continue;
      }
    }
    // Inline: closes inside the same paragraph / heading / cell, within the length bound.
    const leaf = leafOf(leaves, i);
    if (close !== -1 && leaf && close + 2 <= leaf[1] && close - i <= maxInline) {
      comments.push({ start: i, end: close + 2, flow: false, value: text.slice(i + 2, close) });
      i = text.indexOf('%%', close + 2);
      continue;
    }
    i = text.indexOf('%%', i + 2);
  }
  return comments;
}

/**
 * Same length, same line breaks: a flow comment becomes one ATX heading per line (a block that interrupts a
 * paragraph and is never lazy, as the comment is), an inline comment a run of `%` (punctuation, like the marker
 * micromark sees, so emphasis flanking does not change).
 */
function fill(text: string, comments: Comment[]): string {
  const out: string[] = [];
  let last = 0;
  for (const c of comments) {
    out.push(text.slice(last, c.start));
    const body = text.slice(c.start, c.end);
    const lines = body.split('\n');
    const quotes = c.flow ? (text.slice(text.lastIndexOf('\n', c.start - 1) + 1, c.start).match(/>/g) ?? []).length : 0;
    out.push(
      lines
        .map((line, n) => {
          const cr = line.endsWith('\r') ? '\r' : '';
          const bare = cr ? line.slice(0, -1) : line;
          const keep = n === 0 ? 0 : keepPrefix(bare, c.flow ? quotes : 0);
          const rest = bare.length - keep;
          if (rest === 0) return bare + cr;
          const filler = c.flow ? (rest === 1 ? '#' : '# ' + '#'.repeat(rest - 2)) : '%'.repeat(rest);
          return bare.slice(0, keep) + filler + cr;
        })
        .join('\n'),
    );
    last = c.end;
  }
  out.push(text.slice(last));
  return out.join('');
}

function insertComments(tree: Root, comments: Comment[], lines: LineIndex): void {
  const flow = comments.filter((c) => c.flow);
  const inline = comments.filter((c) => !c.flow);
  const node = (c: Comment): ObsidianComment =>
    ({ type: 'obsidianComment', value: c.value, position: { start: lines.point(c.start), end: lines.point(c.end) } }) as ObsidianComment;

  if (flow.length > 0) {
    const placed = new Set<Comment>();
    walk(tree, (n) => {
      const p = n as AnyNode;
      if (!p.children || !['root', 'blockquote', 'listItem', 'footnoteDefinition', 'list'].includes(p.type)) return;
      const kids: AnyNode[] = [];
      for (const child of p.children) {
        const c = child.type === 'heading' ? flow.find((f) => so(child) >= f.start && so(child) < f.end) : undefined;
        if (!c) {
          kids.push(child);
          continue;
        }
        if (!placed.has(c)) {
          placed.add(c);
          kids.push(node(c) as unknown as AnyNode);
        }
      }
      p.children = kids;
    });
  }

  if (inline.length > 0) {
    walk(tree, (n) => {
      const p = n as AnyNode;
      if (!p.children) return;
      if (!p.children.some((k) => k.type === 'text' && k.value?.includes('%%'))) return;
      const kids: AnyNode[] = [];
      for (const child of p.children) {
        if (child.type !== 'text') {
          kids.push(child);
          continue;
        }
        const s = so(child);
        const e = eo(child);
        const inside = inline.filter((c) => c.start >= s && c.end <= e);
        if (inside.length === 0) {
          kids.push(child);
          continue;
        }
        const value = child.value ?? '';
        const direct = value.length === e - s;
        let cursor = s;
        let vcursor = 0;
        for (const c of inside) {
          let vStart: number;
          if (direct) vStart = c.start - s;
          else {
            const filled = '%'.repeat(c.end - c.start);
            vStart = value.indexOf(filled.slice(0, Math.min(filled.length, 4)), vcursor);
            if (vStart === -1) vStart = vcursor;
          }
          const before = value.slice(vcursor, vStart);
          if (c.start > cursor && before)
            kids.push({ type: 'text', value: before, position: { start: lines.point(cursor), end: lines.point(c.start) } } as AnyNode);
          kids.push(node(c) as unknown as AnyNode);
          vcursor = direct ? c.end - s : vStart + (c.end - c.start);
          cursor = c.end;
        }
        const tail = value.slice(vcursor);
        if (cursor < e && tail)
          kids.push({ type: 'text', value: tail, position: { start: lines.point(cursor), end: lines.point(e) } } as AnyNode);
      }
      p.children = kids;
    });
  }
}

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

export function satteriTree(source: string): Root {
  // Both parsers count positions after a byte order mark, so the adapter reads the text without it too.
  const text = source.startsWith('\ufeff') ? source.slice(1) : source;
  const lines = lineIndex(text);
  let tree = parseRaw(text);
  if (text.includes('%%')) {
    const comments = findComments(text, tree);
    if (comments.length > 0) {
      tree = parseRaw(fill(text, comments));
      insertComments(tree, comments, lines);
    }
  }
  convertWikiLinks(tree, text, lines);
  walk(tree, (node) => {
    if (node.type !== 'blockquote') return;
    const callout = calloutOf(node as never, text);
    if (callout) node.data = { ...(node.data ?? {}), callout } as never;
  });
  return tree;
}

export function parseDocSatteri(source: SourceFile): ParsedDoc {
  return parsedDoc(source, ({ text }) => satteriTree(text));
}
