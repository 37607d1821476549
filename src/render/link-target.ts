/**
 * Where a link or image points, as the renderer sees it, and what a wikilink shows. Vault-relative URLs become
 * placeholders the site resolves; same-page and site-absolute URLs stay as written; only well-known schemes keep
 * their URL (no `javascript:` from Markdown, whatever the HTML mode).
 *
 * In: `classifyUrl('../ops/deploy%20plan.md#Steps')` → `{ kind: 'vault', target: '../ops/deploy plan.md', anchor: 'Steps' }`
 */
import { splitUrl } from '../markdown/facts.ts';
import type { WikiLink } from '../markdown/remark-obsidian.ts';

export type UrlTarget =
  /** A file in the vault: a placeholder link or an embed. */
  | { kind: 'vault'; target: string; anchor?: string }
  /** `#id`, `/path`, `?query`, or empty: kept as written. */
  | { kind: 'page' }
  /** A URL with a safe scheme (or `//host`): kept, marked external. */
  | { kind: 'external' }
  /** Any other scheme (`javascript:`, `data:`, `file:`…): the URL is dropped. */
  | { kind: 'unsafe' };

const scheme = /^([a-z][a-z0-9+.-]*):/i;
const linkSchemes = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'sftp', 'ssh', 'irc', 'ircs', 'xmpp', 'obsidian']);
const imageSchemes = new Set(['http', 'https']);
const dataImage = /^data:image\/(?:png|gif|jpe?g|webp|avif|svg\+xml)[;,]/i;

export function classifyUrl(url: string, use: 'link' | 'image'): UrlTarget {
  const match = scheme.exec(url);
  if (match) {
    const name = match[1]!.toLowerCase();
    if (use === 'link' ? linkSchemes.has(name) : imageSchemes.has(name) || dataImage.test(url)) return { kind: 'external' };
    return { kind: 'unsafe' };
  }
  if (url.startsWith('//')) return { kind: 'external' };
  if (url === '' || url.startsWith('#') || url.startsWith('/') || url.startsWith('?')) return { kind: 'page' };
  const [target, anchor] = splitUrl(url);
  return anchor === undefined ? { kind: 'vault', target } : { kind: 'vault', target, anchor };
}

/** What Obsidian shows for a wikilink without an alias: `note#A#B` → `note > A > B`, `#Steps` → `Steps`. */
export function wikiLinkText(link: WikiLink): string {
  if (link.alias) return link.alias;
  const parts = link.anchor === undefined ? [] : link.anchor.split('#').map((part) => part.trim()).filter(Boolean);
  if (link.target) parts.unshift(link.target);
  return parts.length > 0 ? parts.join(' > ') : link.value;
}

const sizePattern = /^(\d{1,5})(?:x(\d{1,5}))?$/;

/**
 * An embed's alias or a Markdown image's alt, read as Obsidian reads it: a trailing `|300` or `|300x200` is a size,
 * the rest is alt text. `300x200` → width 300, height 200; `diagram|300` → alt 'diagram', width 300.
 */
export function sizeAndAlt(text: string | null | undefined): { width?: number; height?: number; alt?: string } {
  if (!text) return {};
  const pipe = text.lastIndexOf('|');
  const size = sizePattern.exec(text.slice(pipe + 1).trim());
  if (!size) return { alt: text };
  const alt = pipe === -1 ? '' : text.slice(0, pipe).trim();
  return {
    width: Number(size[1]),
    ...(size[2] === undefined ? {} : { height: Number(size[2]) }),
    ...(alt ? { alt } : {}),
  };
}
