/**
 * Obsidian comments, `%% hidden %%`, for both parsers. Obsidian hides everything from a `%%` to the next `%%` outside
 * code — across lines, blank lines and blocks — and to the end of the doc when the `%%` is never closed.
 *
 * Why one finder on the source text rather than a micromark extension (the reference parser had one): a comment is
 * not a Markdown construct. It cuts through paragraphs, list items and quotes, which a tokenizer that lives inside
 * one block cannot see, and whether a `%%` opens one depends only on what is code around it. So both parsers share
 * this module, and can no longer differ on it:
 *
 * 1. parse the text as it is; a file without `%%` stops here (one parse, as before);
 * 2. find the comments: a `%%` outside code, inline code, HTML, frontmatter and wikilinks (the zones, read off that
 *    tree) and not escaped (`\%%`) opens one; the next `%%` closes it, whatever lies between (nothing inside a comment
 *    is parsed);
 * 3. fill each comment with inert text of the same length on one line — `# ⸻⸻⸻` for a comment that stands on its
 *    own lines (an ATX heading: a block that interrupts a paragraph), `⸻⸻⸻` inside a line — and parse again. The
 *    comment's own line breaks go with it, so the text around it keeps its containers, and what it hid cannot
 *    change the blocks around it;
 * 4. a comment's body could have changed what is code after it (an unclosed fence or backtick inside it): find the
 *    comments again on the new tree, and repeat until the same comments come back (almost always at once; see
 *    `resolve` for the rare text that does not settle);
 * 5. put `obsidianComment` nodes where the filler is, one per piece (a heading, a part of a text node), recompute
 *    line and column from the offsets, and drop the filler from every other field (a URL, an alt text).
 *
 * The filler is a punctuation character that the file does not contain (`%` is punctuation too, so emphasis
 * around a comment reads as it did), which makes every trace of it findable. Nothing that a comment hid is kept
 * in the tree: a comment node has a position and no text, so no tool that reads text values can show it.
 *
 * Inside a wikilink a `%%` is the link's own business (Obsidian reads the link first): a comment in the alias is
 * cut from the alias (to the alias's end when unclosed); one in the target part hides the whole link, which is
 * then no link at all. Inside an HTML node a `%%` opens nothing (an HTML comment like `<!-- 50%% -->` must not hide
 * the page), but a `%%…%%` pair there is cut out of the HTML.
 *
 * In: `a %%b\n\nc%% d` → paragraph [text `a `, obsidianComment (1:3–3:4), text ` d`]
 */
import type { Root } from 'mdast';
import type { Node } from 'unist';
import { lineIndex } from './line-index.ts';
import type { ObsidianComment, WikiLink } from './remark-obsidian.ts';
import { walk } from './walk.ts';

interface CommentRange {
  /** Offset of the opening `%%`. */
  start: number;
  /** Offset after the comment: after its closing `%%`, at the end of the closing line (a block comment), or the text's end. */
  end: number;
  /** Starts a line (after container markers) and ends one: a block of its own, filled as a heading. */
  flow: boolean;
  /** Never closed: it runs to the end of the text. */
  unclosed: boolean;
  /** Runs to the end of the text because its comments and code could not be told apart (see `hideRest`). */
  unsettled?: boolean;
}

interface Fill extends CommentRange {
  /** Filled as a heading; false for a flow comment whose heading did not come out as one (inside a paragraph line). */
  block: boolean;
}

type AnyNode = Node & { children?: AnyNode[]; value?: string; [key: string]: unknown };
type Zone = readonly [number, number];

/** Parses before the rest of a doc whose comments tangle with its code is hidden rather than guessed (see `resolve`). */
const maxParses = 32;

const so = (node: Node): number => node.position?.start.offset ?? -1;
const eo = (node: Node): number => node.position?.end.offset ?? -1;

/**
 * The tree of `text` (without a byte order mark: positions count after it) with its comments as `obsidianComment`
 * nodes. `parse` turns text into mdast with wikilinks and callouts (the parser's own work); it is called once for a
 * text without comments, twice for most others.
 */
export function parseWithComments(text: string, parse: (text: string) => Root): Root {
  const raw = parse(text);
  if (!text.includes('%%')) return raw;
  const found = resolve(text, parse, raw);
  if (found) finish(found.tree, text, found.comments, found.filler);
  const tree = found?.tree ?? raw;
  hideInZones(tree);
  return tree;
}

// ---------------------------------------------------------------------------------------------- finding

/** Where a `%%` opens nothing: code, inline code, HTML, frontmatter, wikilinks. Sorted, not nested. */
function zonesOf(tree: Root): Zone[] {
  const zones: Zone[] = [];
  walk(tree, (node) => {
    const t = node.type;
    if (t === 'code' || t === 'inlineCode' || t === 'html' || t === 'yaml' || t === 'wikiLink') {
      zones.push([so(node), eo(node)]);
      return 'skip';
    }
  });
  return zones.sort((a, b) => a[0] - b[0]);
}

/** `\%%` is an escaped `%` and a `%`: an odd run of backslashes escapes the first `%`. */
function escaped(text: string, at: number): boolean {
  let slashes = 0;
  while (at - slashes - 1 >= 0 && text.charCodeAt(at - slashes - 1) === 92) slashes++;
  return slashes % 2 === 1;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Container markers and indentation only: `> `, `- `, `1. `, spaces. */
const containerPrefix = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*[ \t]*$/;
const prefixChar = /[ \t>\-*+.)0-9]/;

/** Nothing but container markers between the line's start and `at`. */
function startsLine(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && prefixChar.test(text[i - 1]!)) i--;
  if (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') return false;
  return containerPrefix.test(text.slice(i, at));
}

/**
 * Every comment of `text`, in order, given the zones where `%%` is literal. A zone that starts inside a comment
 * found before is no zone: the comment hid what opened it (a fence, a backtick), so it cannot hide a `%%` after the
 * comment either. Linear in the text.
 */
function findComments(text: string, zones: readonly Zone[]): CommentRange[] {
  const comments: CommentRange[] = [];
  let z = 0;
  let hiddenTo = 0;
  let i = text.indexOf('%%');
  while (i !== -1) {
    while (z < zones.length && (zones[z]![1] <= i || zones[z]![0] < hiddenTo)) z++;
    const zone = zones[z];
    if (zone && zone[0] <= i) {
      i = text.indexOf('%%', zone[1]);
      continue;
    }
    if (escaped(text, i)) {
      i = text.indexOf('%%', i + 1);
      continue;
    }
    let close = text.indexOf('%%', i + 2);
    while (close !== -1 && escaped(text, close)) close = text.indexOf('%%', close + 1);
    const atLineStart = startsLine(text, i);
    if (close === -1) {
      comments.push({ start: i, end: text.length, flow: atLineStart, unclosed: true });
      break;
    }
    const openingLineEnd = lineEnd(text, i);
    // A comment that starts a line is a block unless text follows its `%%` on that same line; closing on a later
    // line, it hides the rest of that line too, as Obsidian does.
    const flow = atLineStart && (close >= openingLineEnd || /^[ \t]*$/.test(text.slice(close + 2, openingLineEnd)));
    const end = flow ? lineEnd(text, close) : close + 2;
    comments.push({ start: i, end, flow, unclosed: false });
    hiddenTo = end;
    i = text.indexOf('%%', end);
  }
  return comments;
}

const sameComments = (a: readonly CommentRange[], b: readonly CommentRange[]): boolean =>
  a.length === b.length && a.every((c, k) => c.start === b[k]!.start && c.end === b[k]!.end && c.flow === b[k]!.flow);

// ---------------------------------------------------------------------------------------------- filling

/** A punctuation character the text does not hold (Supplemental Punctuation, U+2E00–U+2E4F). */
function fillerFor(text: string): string {
  for (let code = 0x2e3b; code >= 0x2e00; code--) {
    const c = String.fromCharCode(code);
    if (!text.includes(c)) return c;
  }
  return '\u2e3b'; // A text holding all 60 is not a document; splitting then falls back to dropping the filler.
}

/** Same length, one line: line breaks inside a comment are filled too, so it cannot end or open a block. */
function fill(text: string, comments: readonly Fill[], filler: string): string {
  const out: string[] = [];
  let last = 0;
  for (const c of comments) {
    out.push(text.slice(last, c.start));
    const n = c.end - c.start;
    out.push(c.block ? `# ${filler.repeat(n - 2)}` : filler.repeat(n));
    last = c.end;
  }
  out.push(text.slice(last));
  return out.join('');
}

function headingStarts(tree: Root): Set<number> {
  const starts = new Set<number>();
  walk(tree, (node) => {
    if (node.type === 'heading') starts.add(so(node));
    else if (node.type === 'paragraph' || node.type === 'code' || node.type === 'html' || node.type === 'table') return 'skip';
  });
  return starts;
}

/**
 * Find, fill, parse, until the comments found on the filled tree are the ones filled. Undefined when the text has
 * no comment outside code.
 *
 * Whether a `%%` opens a comment depends on the code before it, and that code can depend on the comments before
 * it (a fence or a backtick inside a comment opens nothing). The first tree guesses from the raw parse, which is
 * right wherever comments hold no unbalanced code; each parse of the filled text corrects the guess after the
 * first comment it got wrong. Real documents settle in one round; a text whose comments and backticks keep
 * pairing across each other stops after `maxParses` and hides its unsettled rest (`hideRest`).
 */
function resolve(text: string, parse: (text: string) => Root, raw: Root): { tree: Root; comments: Fill[]; filler: string } | undefined {
  const filler = fillerFor(text);
  // Flow comments whose heading did not come out as a heading (`2. %%` in a paragraph): filled inline from then on.
  const inline = new Set<number>();
  const asFills = (found: readonly CommentRange[]): Fill[] => found.map((c) => ({ ...c, block: c.flow && !inline.has(c.start) }));
  let comments = asFills(findComments(text, zonesOf(raw)));
  for (let parses = 1; comments.length > 0; parses++) {
    if (parses === maxParses) return hideRest(text, parse, filler, comments);
    const tree = parse(fill(text, comments, filler));
    const found = findComments(text, zonesOf(tree));
    const headings = headingStarts(tree);
    const lost = comments.filter((c) => c.block && !headings.has(c.start));
    if (lost.length === 0 && sameComments(found, comments)) return { tree, comments, filler };
    for (const c of lost) inline.add(c.start);
    comments = asFills(found);
  }
  return undefined;
}

/**
 * A text whose comments and code tangle beyond `maxParses` rounds (each `%%` pairing a backtick across the next one):
 * the comments that settled stay, and the rest of the doc is hidden from the first unsettled `%%` on, rather than
 * guessed. The `unclosed-comment` rule says so.
 */
function hideRest(text: string, parse: (text: string) => Root, filler: string, comments: readonly Fill[]): { tree: Root; comments: Fill[]; filler: string } {
  const tree0 = parse(fill(text, comments, filler));
  const found = findComments(text, zonesOf(tree0));
  let k = 0;
  while (k < found.length && k < comments.length && found[k]!.start === comments[k]!.start && found[k]!.end === comments[k]!.end) k++;
  const from = Math.min(found[k]?.start ?? text.length, comments[k]?.start ?? text.length);
  // Inline fills only: no heading has to come out where it is expected, as nothing is parsed again.
  const settled = comments.slice(0, k).map((c) => ({ ...c, block: false }));
  const rest: Fill = { start: from, end: text.length, flow: false, unclosed: true, unsettled: true, block: false };
  const hidden = from < text.length ? [...settled, rest] : settled;
  return { tree: parse(fill(text, hidden, filler)), comments: hidden, filler };
}

// ---------------------------------------------------------------------------------------------- comment nodes

function finish(tree: Root, text: string, comments: readonly Fill[], filler: string): void {
  const lines = lineIndex(text);
  const node = (c: Fill, start: number, end: number): AnyNode => {
    const comment: ObsidianComment = { type: 'obsidianComment', position: { start: lines.point(start), end: lines.point(end) } };
    if (c.unclosed && start === c.start) comment[c.unsettled ? 'unsettled' : 'unclosed'] = true;
    return comment as unknown as AnyNode;
  };
  const blocks = new Map(comments.filter((c) => c.block).map((c) => [c.start, c]));
  // Comments are sorted and do not overlap: the first that ends after `s`, by bisection.
  const overlapping = (s: number, e: number): Fill[] => {
    let lo = 0;
    let hi = comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comments[mid]!.end <= s) lo = mid + 1;
      else hi = mid;
    }
    const found: Fill[] = [];
    for (let k = lo; k < comments.length && comments[k]!.start < e; k++) found.push(comments[k]!);
    return found;
  };

  const split = (child: AnyNode): AnyNode[] => {
    const s = so(child);
    const e = eo(child);
    const value = child.value ?? '';
    const out: AnyNode[] = [];
    let cursor = 0;
    let from = s;
    for (const c of overlapping(s, e)) {
      const a = Math.max(s, c.start);
      const b = Math.min(e, c.end);
      const at = value.indexOf(filler, cursor);
      if (at === -1 || value.slice(at, at + b - a) !== filler.repeat(b - a)) return dropFiller(child, filler);
      if (at > cursor) out.push({ type: 'text', value: value.slice(cursor, at), position: { start: lines.point(from), end: lines.point(a) } });
      out.push(node(c, a, b));
      cursor = at + b - a;
      from = b;
    }
    if (value.includes(filler, cursor)) return dropFiller(child, filler);
    if (cursor < value.length) out.push({ type: 'text', value: value.slice(cursor), position: { start: lines.point(from), end: lines.point(e) } });
    return out;
  };

  walk(tree, (n) => {
    const current = n as AnyNode;
    if (current.position) current.position = { start: lines.point(so(current)), end: lines.point(eo(current)) };
    stripFiller(current, filler);
    if (!current.children) return;
    const kids: AnyNode[] = [];
    for (const child of current.children) {
      const block = child.type === 'heading' ? blocks.get(so(child)) : undefined;
      if (block) kids.push(node(block, block.start, block.end));
      else if (child.type === 'text' && child.value?.includes(filler)) kids.push(...split(child));
      else kids.push(child);
    }
    current.children = kids;
  });

  // A paragraph that held nothing but comments is a comment itself: no empty `<p>`.
  walk(tree, (n) => {
    const current = n as AnyNode;
    if (!current.children?.some((k) => k.type === 'paragraph')) return;
    current.children = current.children.flatMap((k) =>
      k.type === 'paragraph' && k.children!.length > 0 && k.children!.every((g) => g.type === 'obsidianComment') ? k.children! : [k],
    );
  });
}

/** The filler out of every string of a node other than text (which is split): a URL, an alt, a title, a label. */
function stripFiller(node: AnyNode, filler: string): void {
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key !== 'type' && typeof value === 'string' && value.includes(filler)) node[key] = value.replaceAll(filler, '');
  }
  const callout = (node.data as { callout?: { title: string } } | undefined)?.callout;
  if (callout?.title.includes(filler)) callout.title = callout.title.replaceAll(filler, '').trim();
}

/** Never reached by text the parsers produce; kept so that a surprise shows less, never more. */
function dropFiller(child: AnyNode, filler: string): AnyNode[] {
  const value = (child.value ?? '').replaceAll(filler, '');
  return value ? [{ ...child, value }] : [];
}

// ---------------------------------------------------------------------------------------------- zones

/** `%%…%%` cut from an alias, and an unclosed `%%` to its end. */
function withoutComments(value: string): string {
  return value.replace(/%%[\s\S]*?(?:%%|$)/g, '');
}

/** Wikilinks and HTML that hold `%%`: see the module comment. */
function hideInZones(tree: Root): void {
  walk(tree, (n) => {
    const parent = n as AnyNode;
    if (!parent.children) return;
    for (let k = 0; k < parent.children.length; k++) {
      const child = parent.children[k]!;
      if (child.type === 'html' && child.value?.includes('%%')) {
        child.value = child.value.replace(/%%[\s\S]*?%%/g, '');
      } else if (child.type === 'wikiLink' && (child as unknown as WikiLink).value.includes('%%')) {
        const link = child as unknown as WikiLink;
        const pipe = link.value.search(/\\?\|/);
        if (pipe === -1 || link.value.indexOf('%%') < pipe) {
          parent.children[k] = { type: 'obsidianComment', ...(child.position ? { position: child.position } : {}) } as AnyNode;
        } else {
          const cut = pipe + (link.value[pipe] === '\\' ? 2 : 1);
          const alias = withoutComments(link.value.slice(cut));
          link.value = link.value.slice(0, cut) + alias;
          link.alias = alias.trim();
        }
      }
    }
  });
}
