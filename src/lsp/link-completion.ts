/**
 * Completion of links: targets after `[[` and `![[` (by name, title, alias and path, written in the vault's Obsidian
 * link format), a display text after `[[doc|`, headings after `#` (every doc's after `[[##`), block ids after `#^`,
 * and Markdown link paths and their headings' slugs after `](`.
 *
 * In: `[[dep` → `deployment-strategy]]`; `[[##roll` → `rollback#Roll back]]`; `[x](../str` → `../strategy/deployment-strategy.md)`
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { normalizeHeading, slugify } from '../links/anchors.ts';
import { fileName, folderOf, foldName, withoutMd } from '../vault/vault-path.ts';
import { contains, maxItems, typedRange, type CompletionRequest } from './completion-request.ts';
import { blockIdRange, indexOf, readDoc, type NavigationState } from './nav-context.ts';

/** A file as a link target, its names folded once per analysis: completion runs on every keystroke. */
export interface Target {
  file: string;
  title?: string;
  aliases: readonly string[];
  /** The shortest link text, the path without `.md`, the title and the aliases, folded. */
  folded: { name: string; path: string; title: string; aliases: string[] };
}

const targetLists = new WeakMap<NavigationState['analysis'], Target[]>();

/** Obsidian's "New link format" (Settings → Files and links), which its own completion writes. */
type LinkFormat = 'shortest' | 'relative' | 'absolute';

const linkFormats = new WeakMap<NavigationState['analysis'], LinkFormat>();

/** The vault's `.obsidian/app.json` `newLinkFormat`, read once per analysis; Obsidian's default when absent or unreadable. */
function linkFormatOf(state: NavigationState): LinkFormat {
  let format = linkFormats.get(state.analysis);
  if (!format) {
    format = 'shortest';
    try {
      const app: unknown = JSON.parse(readFileSync(join(state.config.contentDir, '.obsidian', 'app.json'), 'utf8'));
      const value = typeof app === 'object' && app !== null ? (app as Record<string, unknown>).newLinkFormat : undefined;
      if (value === 'relative' || value === 'absolute') format = value;
    } catch {
      // No Obsidian settings (or broken ones, which Obsidian itself replaces): its default applies.
    }
    linkFormats.set(state.analysis, format);
  }
  return format;
}

export function completionTargets(state: NavigationState): Target[] {
  let targets = targetLists.get(state.analysis);
  if (!targets) {
    const index = indexOf(state.analysis);
    targets = index.files.map((file) => {
      const doc = index.docs.get(file);
      return {
        file,
        ...(doc ? { title: doc.title } : {}),
        aliases: doc?.aliases ?? [],
        folded: { name: foldName(index.linkText(file)), path: foldName(withoutMd(file)), title: foldName(doc?.title ?? ''), aliases: (doc?.aliases ?? []).map(foldName) },
      };
    });
    targetLists.set(state.analysis, targets);
  }
  return targets;
}

export function wikilinkCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  const match = /(!?)\[\[([^[\]|]*)$/.exec(request.before);
  if (!match) return displayTextCompletion(request);
  const typed = match[2]!;
  // `]]` closes the link unless the author's editor (or the text) already has it.
  const close = /^[^[\]]*\]\]/.test(request.after) ? '' : ']]';
  if (typed.startsWith('##')) return vaultHeadingCompletion(request, typed, close);
  const hash = typed.indexOf('#');
  // `[[doc#A#B` names heading B under A: the part after the last `#` is the one being written.
  if (hash !== -1) return anchorCompletion(request, typed.slice(0, hash), typed.slice(typed.lastIndexOf('#') + 1), 'wikilink', close);
  const index = indexOf(request.state.analysis);
  const range = typedRange(request, typed.length);
  const byPath = typed.includes('/');
  const format = byPath ? 'absolute' : linkFormatOf(request.state);
  const folder = folderOf(request.doc.path);
  const written = (file: string) =>
    format === 'absolute' ? withoutMd(file) : format === 'relative' ? withoutMd(posix.relative(folder, file)) : index.linkText(file);
  const wanted = foldName(typed);
  // Scored first, items made only for the best: a vault of thousands of files offers thousands of matches.
  const scored: Array<{ score: number; label: string; target: Target; alias?: string }> = [];
  for (const target of completionTargets(request.state)) {
    const name = byPath ? target.folded.path : target.folded.name;
    const score = name.startsWith(wanted) ? 0 : name.includes(wanted) || target.folded.path.includes(wanted) ? 1 : target.folded.title.includes(wanted) ? 2 : undefined;
    if (score !== undefined) scored.push({ score, label: written(target.file), target });
    // An alias links as Obsidian writes it when one is picked: the name, shown as the alias.
    target.folded.aliases.forEach((alias, i) => {
      if (alias.includes(wanted)) scored.push({ score: alias.startsWith(wanted) ? 0 : 2, label: target.aliases[i]!, target, alias: target.aliases[i]! });
    });
  }
  scored.sort((a, b) => a.score - b.score || a.label.length - b.label.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return scored.slice(0, maxItems + 1).map(({ score, label, target, alias }, i) => {
    const name = written(target.file);
    return {
      label,
      kind: alias !== undefined ? CompletionItemKind.Reference : target.title !== undefined ? CompletionItemKind.File : CompletionItemKind.Reference,
      detail: alias !== undefined ? `alias of ${target.file}` : target.file,
      ...(alias === undefined && target.title !== undefined && target.title !== name ? { documentation: target.title } : {}),
      // The editor filters by what was typed: a match on the title must survive its filter too.
      filterText: alias ?? (score === 2 && target.title !== undefined ? `${typed} ${target.title}` : `${name} ${target.title ?? ''}`.trim()),
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: alias !== undefined ? `${name}|${alias}${close}` : `${name}${close}` },
    };
  });
}

/**
 * A heading as a wikilink names it: the characters a link cannot hold (`# | ^ : % [ ]` and `\`) as spaces, as
 * Obsidian writes them; anchors match them so (`src/links/anchors.ts`).
 */
function wikiHeading(text: string): string {
  return text.replace(/[#|^:%[\]\\]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** After `[[doc|`: the doc's title and aliases, the texts a link to it is usually shown as. */
function displayTextCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  const match = /!?\[\[([^[\]|#]*)(?:#[^[\]|]*)?\|([^[\]|]*)$/.exec(request.before);
  if (!match) return undefined;
  const { state, doc } = request;
  const target = match[1]!.trim();
  const path = target === '' ? doc.path : indexOf(state.analysis).resolve(target, doc.path).path;
  const facts = path === doc.path ? doc.parsed.facts : path === undefined ? undefined : indexOf(state.analysis).docs.get(path);
  if (!facts) return [];
  const typed = match[2]!;
  const range = typedRange(request, typed.length);
  const close = /^[^[\]]*\]\]/.test(request.after) ? '' : ']]';
  return [...new Set([facts.title, ...facts.aliases])]
    .filter((text) => typed === '' || contains(text, typed))
    .map((text, i) => ({
      label: text,
      kind: CompletionItemKind.Text,
      detail: i === 0 ? 'title' : 'alias',
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: `${text}${close}` },
    }));
}

/** Every doc's headings, normalised once per analysis, for `[[##`. */
const headingLists = new WeakMap<NavigationState['analysis'], Array<{ path: string; text: string; depth: number; normalized: string }>>();

/**
 * `[[##roll`: headings of every doc, as Obsidian offers them; the pick writes the doc and the heading
 * (`[[rollback#Roll back the canary]]`).
 */
function vaultHeadingCompletion(request: CompletionRequest, typed: string, close: string): CompletionItem[] {
  const { state } = request;
  let headings = headingLists.get(state.analysis);
  if (!headings) {
    headings = state.analysis.facts.flatMap((doc) => doc.headings.map((h) => ({ path: doc.path, text: h.text, depth: h.depth, normalized: normalizeHeading(h.text) })));
    headingLists.set(state.analysis, headings);
  }
  const wanted = normalizeHeading(typed.slice(2));
  const index = indexOf(state.analysis);
  const range = typedRange(request, typed.length);
  const found = headings.filter((h) => h.normalized.includes(wanted));
  found.sort((a, b) => Number(!a.normalized.startsWith(wanted)) - Number(!b.normalized.startsWith(wanted)) || a.text.length - b.text.length);
  return found.slice(0, maxItems + 1).map((heading, i) => {
    const name = heading.path === request.doc.path ? '' : index.linkText(heading.path);
    return {
      label: heading.text,
      kind: CompletionItemKind.Reference,
      detail: `${'#'.repeat(heading.depth)} in ${heading.path}`,
      // The editor filters on what was typed, `##` included.
      filterText: `##${heading.text}`,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: `${name}#${wikiHeading(heading.text)}${close}` },
    };
  });
}

/** Headings (or, after `^`, block ids) of the doc a link names; `target` '' is the document itself. */
function anchorCompletion(request: CompletionRequest, target: string, typed: string, kind: 'wikilink' | 'markdown', close: string): CompletionItem[] {
  const { state, doc } = request;
  const path = target === '' ? doc.path : indexOf(state.analysis).resolve(kind === 'markdown' ? decode(target) : target, doc.path, { relativeFirst: kind === 'markdown' }).path;
  const facts = path === doc.path ? doc.parsed.facts : path === undefined ? undefined : indexOf(state.analysis).docs.get(path);
  if (!facts || path === undefined) return [];
  if (typed.startsWith('^') && kind === 'wikilink') {
    const range = typedRange(request, typed.length - 1);
    const source = path === doc.path ? doc : readDoc(state, path);
    return facts.blockIds.map((id) => {
      const at = source && blockIdRange(source, id);
      return {
        label: id,
        kind: CompletionItemKind.Reference,
        ...(at ? { detail: source!.lines.lineText(at.start.line + 1).trim() } : {}),
        textEdit: { range, newText: `${id}${close}` },
      };
    });
  }
  const range = typedRange(request, typed.length);
  const wanted = normalizeHeading(typed);
  return facts.headings
    .filter((heading) => wanted === '' || normalizeHeading(heading.text).includes(wanted))
    .map((heading, i) => {
      // Markdown links name a heading by its slug, as GitHub and the site do; wikilinks by its text.
      const written = kind === 'markdown' ? slugify(heading.text) : wikiHeading(heading.text);
      return {
        label: heading.text,
        kind: CompletionItemKind.Reference,
        detail: `${'#'.repeat(heading.depth)} ${heading.text}`,
        filterText: written,
        sortText: String(i).padStart(5, '0'),
        textEdit: { range, newText: `${written}${close}` },
      };
    });
}

function decode(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/**
 * A path as a Markdown link destination: what would end it or change its meaning (a space, parentheses, `#`, `%`,
 * angle brackets) percent-encoded, the rest as it is, as Obsidian writes `My%20note.md`.
 */
function encodeLinkPath(path: string): string {
  return path.replace(/[\s()#%<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function markdownLinkCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  const match = /\]\(([^()\s]*)$/.exec(request.before);
  if (!match) return undefined;
  const typed = match[1]!;
  const close = /^[^()]*\)/.test(request.after) ? '' : ')';
  const hash = typed.indexOf('#');
  if (hash !== -1) return anchorCompletion(request, typed.slice(0, hash), typed.slice(hash + 1), 'markdown', close);
  const { state, doc } = request;
  const folder = folderOf(doc.path);
  const range = typedRange(request, typed.length);
  const wanted = foldName(decode(typed));
  // What was typed is a path relative to the doc (`../run`), or part of a file's vault path or name.
  const bare = wanted.replace(/^(?:\.{1,2}\/)+/, '');
  const scored: Array<{ score: number; relative: string; target: Target }> = [];
  for (const target of completionTargets(state)) {
    if (target.file === doc.path) continue;
    const path = foldName(target.file);
    if (bare !== '' && !path.includes(bare)) continue;
    const relative = posix.relative(folder, target.file);
    const score = foldName(relative).startsWith(wanted) ? 0 : foldName(fileName(target.file)).startsWith(bare) ? 1 : 2;
    scored.push({ score, relative, target });
  }
  scored.sort((a, b) => a.score - b.score || a.relative.length - b.relative.length || (a.relative < b.relative ? -1 : 1));
  return scored.slice(0, maxItems + 1).map(({ relative, target }, i) => {
    const written = encodeLinkPath(relative);
    return {
      label: relative,
      kind: target.title === undefined ? CompletionItemKind.Reference : CompletionItemKind.File,
      detail: target.file,
      ...(target.title !== undefined ? { documentation: target.title } : {}),
      filterText: written,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range, newText: `${written}${close}` },
    };
  });
}
