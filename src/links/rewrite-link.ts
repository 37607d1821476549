/**
 * Rewrites one link so that it reaches a new target, changing only what must change: the text that replaces exactly
 * the link's source span. `shipshape mv` and the link repair of `--fix` both write links through here.
 *
 * - Alias, display text, title and embed size stay as written; so do `!`, `<…>` and the `.md` extension's presence.
 * - The style stays: a short `[[name]]` stays short while it resolves to the target and to nothing else, else it
 *   becomes the shortest path suffix that does; a path stays a path (a leading `/` kept); a relative link
 *   (`./x`, `../x`, and Markdown links that resolved from the linking file's folder) is recomputed from the linking
 *   file's new place.
 * - A link whose path part still reaches the target unambiguously keeps its path part byte for byte (case, spacing),
 *   unless the change was a new case for a name it writes (`Runbook` → `runbook`): case-sensitive readers need it.
 * - Markdown link destinations stay percent-encoded when they were; a destination that must hold a space and has no
 *   angle brackets is encoded (`%20`), as CommonMark requires.
 * - An anchor given replaces the written one: for Markdown links in the GitHub slug form when the old one was a
 *   slug (`#old-heading` → `#new-heading`), else the heading text.
 *
 * `resolve` must answer as the vault will be once the change is made (for `mv`: the index with the moved paths).
 *
 * In: `rewriteLink({ kind: 'wikilink', raw: '[[deploy#Steps|how]]', from: 'a.md' }, { path: 'ops/deploy-v2.md' }, { resolve })`
 *     → `'[[deploy-v2#Steps|how]]'`
 * In: `rewriteLink({ kind: 'markdown', raw: '[x](../ops/deploy.md)', from: 'notes/a.md', resolved: 'ops/deploy.md' },
 *     { path: 'runbooks/deploy.md' }, { resolve })` → `'[x](../runbooks/deploy.md)'`
 */
import type { LinkKind } from '../markdown/types.ts';
import { foldName, folderOf, normalizePath, withoutMd } from '../vault/vault-path.ts';
import { normalizeHeading, slugify } from './anchors.ts';
import type { Resolution } from './vault-index.ts';

export interface LinkOccurrence {
  /** How the link is written; `frontmatter` is a frontmatter value naming a file (`"[[x]]"`, `x.png`). */
  kind: LinkKind | 'frontmatter';
  /** The link's source text, exactly its span (for `frontmatter`, the value's scalar source, quotes included). */
  raw: string;
  /** The linking file's vault path when the link was read. */
  from: string;
  /** The vault path the link reached when it was read, if it resolved (tells a relative link from a path link). */
  resolved?: string;
}

export interface LinkDestination {
  /** The vault path the link must reach. */
  path: string;
  /** The heading path (`A#B`, heading text as written) or block ref (`^id`) to write; undefined keeps the written one. */
  anchor?: string;
}

export interface RewriteOptions {
  /** Resolution in the vault as it will be (an index's `resolve`). */
  resolve: (target: string, from: string, options?: { relativeFirst?: boolean }) => Resolution;
  /** The linking file's vault path after the change (when the linking file moves too); default `link.from`. */
  from?: string;
}

/** The parts of a link's text: `before` + target + (`#` + anchor) + `after` === raw. */
interface Parts {
  before: string;
  target: string;
  anchor?: string;
  after: string;
  /** Markdown destination: percent-encoded, and in `<…>`. */
  encoded: boolean;
  angled: boolean;
  markdown: boolean;
}

const mdExtension = /\.md$/i;
const percent = /%[0-9a-f]{2}/i;

export function rewriteLink(link: LinkOccurrence, to: LinkDestination, options: RewriteOptions): string {
  const parts = splitLink(link);
  if (!parts) return link.raw;
  const from = options.from ?? link.from;
  const target = parts.target === '' && to.path === from ? '' : newTarget(link, parts, to.path, from, options);
  const anchor = to.anchor === undefined ? parts.anchor : writeAnchor(to.anchor, parts);
  return `${parts.before}${target}${anchor === undefined ? '' : `#${anchor}`}${parts.after}`;
}

/** The path part to write. */
function newTarget(link: LinkOccurrence, parts: Parts, path: string, from: string, options: RewriteOptions): string {
  const written = parts.markdown && parts.encoded ? decode(parts.target) : parts.target;
  const relativeFirst = parts.markdown;
  const reaches = (text: string) => {
    const resolution = options.resolve(text, from, { relativeFirst });
    return resolution.path === path && (resolution.candidates?.length ?? 0) <= 1;
  };
  const style = styleOf(link, parts, written);
  // A link that still reaches the target keeps its text; a relative one only when it reaches it from its own folder.
  const stillReaches = style === 'relative' ? joinsTo(folderOf(from), written, path) : written !== '' && reaches(written);
  if (stillReaches && !recased(written, link.resolved, path)) return parts.target;
  const bare = mdExtension.test(written) || !mdExtension.test(path) ? path : withoutMd(path);
  let text: string;
  switch (style) {
    case 'relative': {
      const relative = relativePath(folderOf(from), bare);
      // A bare name that reaches nothing beside the linking file would be looked up by name across the vault (a
      // Markdown link falls back to that) and could reach another file: `./` keeps it to the path it names.
      const bareName = !relative.includes('/') && options.resolve(relative, from, { relativeFirst: true }).path !== path;
      text = (written.startsWith('./') || bareName) && !relative.startsWith('../') ? `./${relative}` : relative;
      break;
    }
    case 'absolute':
      text = `/${bare}`;
      break;
    case 'path':
      text = bare;
      break;
    case 'name': {
      const segments = bare.split('/');
      text = bare;
      for (let i = segments.length - 1; i >= 0; i--) {
        const suffix = segments.slice(i).join('/');
        if (reaches(suffix)) {
          text = suffix;
          break;
        }
      }
      break;
    }
  }
  return parts.markdown ? encodeDestination(text, parts) : text;
}

type Style = 'relative' | 'absolute' | 'path' | 'name';

function styleOf(link: LinkOccurrence, parts: Parts, written: string): Style {
  const target = written.replace(/\\/g, '/');
  if (target.startsWith('./') || target.startsWith('../')) return 'relative';
  if (target.startsWith('/')) return 'absolute';
  if (!parts.markdown) return target.includes('/') ? 'path' : 'name';
  // A Markdown link is read from the linking file's folder first: it is relative when that is how it resolved.
  const folder = folderOf(link.from);
  const joined = foldName(folder === '' ? target : `${folder}/${target}`);
  if (link.resolved === undefined) return 'relative';
  const resolved = foldName(link.resolved);
  if (joined === resolved || withoutMd(resolved) === joined) return 'relative';
  return target.includes('/') ? 'path' : 'name';
}

/**
 * Did a rename change only the case of a name the link writes (`Runbook.md` → `runbook.md`)? Then the link still
 * resolves, case-insensitively, but GitHub and case-sensitive file systems no longer follow it: it takes the new case.
 * Only names the rename changed count; a link written in another case than an unchanged name stays as written.
 */
function recased(written: string, before: string | undefined, path: string): boolean {
  if (before === undefined || before === path) return false;
  const segments = (text: string) => withoutMd(text).normalize('NFC').split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const [w, o, n] = [segments(written.replace(/\\/g, '/')), segments(before), segments(path)];
  for (let i = 1; i <= Math.min(w.length, o.length, n.length); i++) {
    const [ws, os, ns] = [w.at(-i)!, o.at(-i)!, n.at(-i)!];
    if (os !== ns && ws !== ns && ws.toLowerCase() === ns.toLowerCase()) return true;
  }
  return false;
}

/** Does `written`, read from `folder`, name `path` (case-insensitively, `.md` optional)? */
function joinsTo(folder: string, written: string, path: string): boolean {
  const joined = normalizePath(`${folder}/${written}`.replace(/\\/g, '/'));
  if (joined === undefined) return false;
  const [named, wanted] = [foldName(joined), foldName(path)];
  return named === wanted || named === withoutMd(wanted);
}

/** `folder` → `path` as a relative link: `relativePath('a/b', 'a/c/x.md')` → `'../c/x.md'`. */
export function relativePath(folder: string, path: string): string {
  const base = folder === '' ? [] : folder.split('/');
  const segments = path.split('/');
  let common = 0;
  while (common < base.length && common < segments.length - 1 && base[common] === segments[common]) common++;
  return [...base.slice(common).map(() => '..'), ...segments.slice(common)].join('/');
}

function writeAnchor(anchor: string, parts: Parts): string {
  if (anchor.startsWith('^')) return anchor;
  if (!parts.markdown) {
    // Obsidian reads these characters in a heading link as spaces: written as such, the link still matches.
    return anchor
      .split('#')
      .map((part) => part.replace(/[|^:%[\]\\]/g, ' ').replace(/\s+/g, ' ').trim())
      .join('#');
  }
  const old = parts.anchor === undefined ? undefined : decode(parts.anchor);
  const slugStyle = old !== undefined && !/\s/.test(old) && old === slugify(old) && normalizeHeading(old) === old.toLowerCase();
  if (slugStyle) return slugify(anchor.split('#').at(-1)!);
  return parts.encoded || /\s/.test(anchor) ? encodeDestination(anchor, { ...parts, encoded: true }) : anchor;
}

/** A destination as the original was written: encoded when it was, or when it must be (a space and no `<…>`). */
function encodeDestination(text: string, parts: Pick<Parts, 'encoded' | 'angled'>): string {
  if (parts.angled && !parts.encoded) return text;
  if (!parts.encoded && !/[\s()<>]/.test(text)) return text;
  return text
    .split('/')
    .map((segment) => segment.replace(/[%\s()<>#?[\]^|"`]/g, (c) => encodeURIComponent(c)))
    .join('/');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a link's source into what is kept and what is rewritten; undefined for text that is not a link. */
function splitLink(link: LinkOccurrence): Parts | undefined {
  if (link.kind === 'wikilink' || link.kind === 'embed') return splitWiki(link.raw, 0, link.raw.length);
  if (link.kind === 'frontmatter') return splitFrontmatter(link.raw);
  return splitMarkdown(link.raw);
}

/** `![[target#anchor|alias]]` within `raw[start, end)`. */
function splitWiki(raw: string, start: number, end: number): Parts | undefined {
  const open = raw.indexOf('[[', start);
  const close = raw.lastIndexOf(']]', end);
  if (open === -1 || close < open) return undefined;
  const inner = raw.slice(open + 2, close);
  const pipe = inner.search(/\\?\|/);
  const link = pipe === -1 ? inner : inner.slice(0, pipe);
  const hash = link.indexOf('#');
  const pathPart = hash === -1 ? link : link.slice(0, hash);
  const target = pathPart.trim();
  const lead = pathPart.length - pathPart.trimStart().length;
  return {
    before: raw.slice(0, open + 2 + lead),
    target,
    ...(hash === -1 ? {} : { anchor: link.slice(hash + 1) }),
    after: (hash === -1 ? pathPart.slice(lead + target.length) : '') + inner.slice(link.length) + raw.slice(close),
    encoded: false,
    angled: false,
    markdown: false,
  };
}

/** A frontmatter value: a quoted or bare `[[wikilink]]`, or a path (read like a Markdown destination). */
function splitFrontmatter(raw: string): Parts | undefined {
  if (raw.includes('[[')) {
    const parts = splitWiki(raw, 0, raw.length);
    return parts && { ...parts, markdown: false };
  }
  const quote = /^["']/.exec(raw)?.[0] ?? '';
  const body = raw.slice(quote.length, raw.length - (quote && raw.endsWith(quote) ? 1 : 0));
  const target = body.trim();
  const lead = body.length - body.trimStart().length;
  return {
    before: raw.slice(0, quote.length + lead),
    target,
    after: raw.slice(quote.length + lead + target.length),
    // Read as a plain path (relative first), never decoded: a frontmatter value is not a URL.
    encoded: false,
    angled: true,
    markdown: true,
  };
}

/** `[text](dest "title")`, `![alt](<dest>)`, `[id]: dest "title"`. */
function splitMarkdown(raw: string): Parts | undefined {
  let start: number;
  const definition = /^\s*\[(?:[^\]\\]|\\.)*\]:\s*/.exec(raw);
  if (definition) start = definition[0].length;
  else {
    const open = destinationStart(raw);
    if (open === -1) return undefined;
    start = open;
    while (start < raw.length && /[ \t\n]/.test(raw[start]!)) start++;
  }
  const angled = raw[start] === '<';
  let end: number;
  if (angled) {
    end = raw.indexOf('>', start);
    if (end === -1) return undefined;
    start += 1;
  } else {
    let depth = 0;
    end = start;
    for (; end < raw.length; end++) {
      const c = raw[end]!;
      if (c === '\\') end++;
      else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (/\s/.test(c)) break;
    }
  }
  const destination = raw.slice(start, end);
  const query = destination.indexOf('?');
  // A query string sits between path and anchor: such a link keeps both as written.
  const hash = query === -1 ? destination.indexOf('#') : -1;
  const pathEnd = query !== -1 ? query : hash !== -1 ? hash : destination.length;
  return {
    before: raw.slice(0, start),
    target: destination.slice(0, pathEnd),
    ...(hash === -1 ? {} : { anchor: destination.slice(hash + 1) }),
    after: (hash === -1 ? destination.slice(pathEnd) : '') + raw.slice(end),
    encoded: percent.test(destination),
    angled,
    markdown: true,
  };
}

/** The offset after `](` that closes the link text, nested brackets and escapes counted. */
function destinationStart(raw: string): number {
  const first = raw.indexOf('[');
  if (first === -1) return -1;
  let depth = 0;
  for (let i = first; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return raw[i + 1] === '(' ? i + 2 : -1;
    }
  }
  return -1;
}
