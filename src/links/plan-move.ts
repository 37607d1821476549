/**
 * What `shipshape mv` changes, computed before anything is written: the files that move, and the new text of every
 * file whose links must change so that each still reaches what it reached before. Pure: the vault's facts and a
 * reader of file texts in, texts out; `src/vault/move-files.ts` writes them, all or nothing.
 *
 * A link is rewritten when the vault after the move would resolve it elsewhere than to its old target's new place
 * (or ambiguously where it was not), when a heading it names is renamed, and, for Markdown links, when it or its
 * target moves (a relative link's base changed; Obsidian's name fallback is no reason to keep a path that GitHub
 * and editors no longer follow). The links are those the check resolves: wikilinks, embeds, Markdown links, images
 * and link reference definitions outside code and `%% comments %%`, and frontmatter values naming a file — the fields
 * a doc's schema marks `"format": "vault-file"`, and any value written as a `"[[wikilink]]"` (Obsidian's links in
 * properties). Broken links stay as they are, and so do links Templater fills in at run time.
 *
 * In: `planMove({ facts, attachments, config, read, moves: [{ from: 'ops/deploy.md', to: 'runbooks/deploy.md' }] })`
 *     → `{ moves, files: [{ path: 'notes/a.md', before: '[x](../ops/deploy.md)', after: '[x](../runbooks/deploy.md)', links: 1 }] }`
 */
import type { Heading } from 'mdast';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Edit } from '../diagnostics/diagnostic.ts';
import { readFrontmatter } from '../markdown/frontmatter.ts';
import { lineIndex } from '../markdown/line-index.ts';
import { parseDoc } from '../markdown/parse.ts';
import type { DocFacts } from '../markdown/types.ts';
import { walk } from '../markdown/walk.ts';
import { fileFieldLinks } from '../publish/scope.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { movedPath, MoveRefusedError, type PathMove } from '../vault/move-files.ts';
import { fileName, folderOf, foldName, normalizePath } from '../vault/vault-path.ts';
import { findAnchor, normalizeHeading } from './anchors.ts';
import { rewriteLink, type LinkDestination, type LinkOccurrence } from './rewrite-link.ts';
import { buildVaultIndex, type VaultIndex } from './vault-index.ts';

/** A file's vault path before and after: the move `src/vault/move-files.ts` makes. */
export type FileMove = PathMove;

export interface HeadingRename {
  /** The doc (vault path before any move). */
  path: string;
  /** Index in the doc's `headings` facts. */
  heading: number;
  /** The new heading text. */
  text: string;
}

export interface MoveRequest {
  facts: readonly DocFacts[];
  attachments: readonly string[];
  config: Pick<ResolvedConfig, 'docSchemas' | 'defaultDocSchema' | 'blockSchemas' | 'typeField'>;
  /** A file's decoded text by its vault path before the move. */
  read: (path: string) => string;
  moves: readonly FileMove[];
  /** When a folder moves: its move (`moves` lists its files); broken links into it keep pointing into it. */
  folder?: FileMove;
  heading?: HeadingRename;
}

export interface ChangedFile {
  /** Vault path before the move. */
  path: string;
  /** Vault path after it. */
  to: string;
  before: string;
  after: string;
  /** Links rewritten in it. */
  links: number;
  /** The replacements that make `after` of `before`, by offsets into `before`, in order: an editor applies these, not the whole text. */
  edits: Edit[];
}

export interface MovePlan {
  moves: readonly FileMove[];
  files: ChangedFile[];
  /** Every link rewritten, by the path of its file after the move: known problems on them stay known (the baseline). */
  rewrites: Array<{ file: string; from: string; to: string }>;
}

/** Raised when a file's text no longer matches the facts the plan was made from. */
export class StaleFileError extends Error {
  override name = 'StaleFileError';
}

interface Change {
  start: number;
  end: number;
  occurrence: LinkOccurrence;
  to: LinkDestination;
  /** The text the facts saw there (undefined: not checked). */
  expected?: string;
  /** A replacement fixed in advance (the heading line). */
  text?: string;
}

/**
 * Refuses (MoveRefusedError) a move `shipshape mv` would not make: onto a path another file has (in another case too,
 * since links compare names case-insensitively), to a name no link can write, to where it is, or a folder into
 * itself. `files`: the file that moves, or each file of the folder that moves; `known`: every file of the vault.
 */
export function refuseMove(known: readonly string[], move: FileMove, files: readonly FileMove[]): void {
  const under = (path: string) => path === move.from || path.startsWith(`${move.from}/`);
  // A set, not a scan of the new names per file: moving a folder of 1,000 docs in a 3,000-doc vault took 180 ms.
  const taken = new Set(files.map((f) => foldName(f.to)));
  const clash = known.find((path) => !under(path) && taken.has(foldName(path)));
  if (clash) {
    const exact = files.some((f) => f.to.normalize('NFC') === clash.normalize('NFC'));
    throw new MoveRefusedError(`${clash} already exists${exact ? '' : ' (the name differs only in case, and links compare names case-insensitively)'}`);
  }
  // Obsidian's own rule for names: a link cannot name a file with these characters (`#` starts a heading, `|` an alias).
  const unlinkable = files.map((f) => fileName(f.to)).find((name) => /[#|^[\]]/.test(name));
  if (unlinkable) throw new MoveRefusedError(`"${unlinkable}": a link cannot name a file with # | ^ [ or ] in its name`);
  if (move.from === move.to) throw new MoveRefusedError(`${move.from} is already there`);
  if (move.to.startsWith(`${move.from}/`)) throw new MoveRefusedError(`${move.from} cannot move into itself (${move.to})`);
}

/**
 * A heading's new text as `shipshape mv "doc.md#Old" "## New"` takes it (leading `#`s dropped), or MoveRefusedError:
 * no text, more than a line, or the text of another heading of the doc (links to either would be ambiguous).
 */
export function newHeadingText(doc: DocFacts, heading: number, written: string): string {
  const text = written.replace(/^#+\s*/, '').trim();
  if (text === '' || /[\r\n]/.test(text)) throw new MoveRefusedError(`"${written}" is no heading text`);
  const clash = doc.headings.findIndex((h, i) => i !== heading && normalizeHeading(h.text) === normalizeHeading(text));
  if (clash !== -1) throw new MoveRefusedError(`${doc.path} already has a heading "${doc.headings[clash]!.text}": links to either would be ambiguous`);
  return text;
}

/** Links Templater or a placeholder writes at run time cannot be resolved before (as `resolve-links.ts`). */
const templated = /<%|\{\{/;

export function planMove(request: MoveRequest): MovePlan {
  const { facts, moves, heading } = request;
  const moved = new Map(moves.map((m) => [m.from, m.to]));
  const newPath = (path: string) => moved.get(path) ?? path;
  const before = buildVaultIndex(facts, request.attachments);
  const renamedFacts = facts.map((doc) => {
    const headings = heading && doc.path === heading.path ? doc.headings.map((h, i) => (i === heading.heading ? { ...h, text: heading.text } : h)) : doc.headings;
    return { ...doc, path: newPath(doc.path), headings };
  });
  const after = buildVaultIndex(renamedFacts, request.attachments.map(newPath));

  const changes = new Map<string, Change[]>();
  const add = (path: string, change: Change) => {
    const list = changes.get(path);
    if (list) list.push(change);
    else changes.set(path, [change]);
  };
  const texts = new Map<string, string>();
  const read = (path: string) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = request.read(path);
      texts.set(path, text);
    }
    return text;
  };

  const destination = (from: string, target: string, anchor: string | undefined, markdown: boolean, relativeFirst: boolean): LinkDestination | 'keep' | undefined => {
    const was = before.resolve(target, from, { relativeFirst });
    if (was.path === undefined) return undefined;
    const path = newPath(was.path);
    const renamed = heading && was.path === heading.path && anchor !== undefined ? renamedAnchor(before, was.path, anchor, heading, markdown) : undefined;
    const now = after.resolve(target, newPath(from), { relativeFirst });
    const same = now.path === path && (now.candidates === undefined || was.candidates !== undefined);
    // A link to a moved file, or a Markdown link from one, goes through rewriteLink, which keeps it when it still
    // reaches, unless its base changed or it writes a name in the case the rename changed. A wikilink from a moved
    // doc that reaches the same (unmoved) file is kept as it is, ambiguous or not, as the check sees it.
    const targetMoved = path !== was.path;
    const baseMoved = newPath(from) !== from;
    if (same && renamed === undefined && !targetMoved && (!baseMoved || !markdown)) return 'keep';
    return { path, ...(renamed === undefined ? {} : { anchor: renamed }) };
  };

  /**
   * A broken relative Markdown link in a moved doc keeps naming the path it named (`../AGENTS.md` from `docs/dev/`
   * stays `docs/AGENTS.md`): left as written, its new base could make it reach some other file.
   */
  const rebasedBroken = (from: string, target: string): LinkDestination | undefined => {
    if (newPath(from) === from || target === '' || target.startsWith('/')) return undefined;
    const intended = normalizePath(`${folderOf(from)}/${target.replace(/\\/g, '/')}`);
    if (intended === undefined) return undefined;
    return { path: (request.folder && movedPath(intended, [request.folder])) ?? intended };
  };

  // With no file moving (a heading rename), only a link naming a heading can change: the rest resolve as they did.
  const anchoredOnly = moves.length === 0;
  for (const doc of facts) {
    for (const link of doc.links) {
      if (templated.test(link.target) || (anchoredOnly && link.anchor === undefined)) continue;
      const markdown = link.kind === 'markdown' || link.kind === 'image';
      const to = destination(doc.path, link.target, link.anchor, markdown, markdown) ?? (markdown ? rebasedBroken(doc.path, link.target) : undefined);
      if (to === undefined || to === 'keep') continue;
      const resolved = before.resolve(link.target, doc.path, { relativeFirst: markdown }).path;
      add(doc.path, {
        start: link.span.start.offset,
        end: link.span.end.offset,
        occurrence: { kind: link.kind, raw: '', from: doc.path, ...(resolved === undefined ? {} : { resolved }) },
        to,
        ...(link.raw.includes('%%') ? {} : { expected: link.raw }),
      });
    }
    for (const change of frontmatterChanges(doc, request.config, read, destination, before, anchoredOnly)) add(doc.path, change);
  }
  if (heading) add(heading.path, headingChange(heading, read(heading.path)));

  const files: ChangedFile[] = [];
  const rewrites: MovePlan['rewrites'] = [];
  for (const [path, list] of changes) {
    const text = read(path);
    let out = '';
    let at = 0;
    let links = 0;
    const edits: Edit[] = [];
    for (const change of list.sort((a, b) => a.start - b.start)) {
      if (change.start < at) continue;
      const raw = text.slice(change.start, change.end);
      if (change.expected !== undefined && raw !== change.expected) {
        throw new StaleFileError(`${path} changed since it was checked (expected ${change.expected} at offset ${change.start})`);
      }
      const replacement = change.text ?? rewriteLink({ ...change.occurrence, raw }, change.to, { resolve: after.resolve, from: newPath(path) });
      if (replacement === raw) continue;
      out += text.slice(at, change.start) + replacement;
      edits.push({ start: change.start, end: change.end, text: replacement });
      at = change.end;
      if (change.text === undefined) {
        links++;
        rewrites.push({ file: newPath(path), from: raw, to: replacement });
      }
    }
    if (at === 0) continue;
    out += text.slice(at);
    files.push({ path, to: newPath(path), before: text, after: out, links, edits });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { moves, files, rewrites };
}

/**
 * The anchor with the renamed heading's part replaced, or undefined when the anchor does not name it.
 * `Deploy#Old` naming heading 3 → `Deploy#New`.
 */
function renamedAnchor(index: VaultIndex, path: string, anchor: string, rename: HeadingRename, markdown: boolean): string | undefined {
  if (anchor.startsWith('^')) return undefined;
  const doc = index.docs.get(path);
  if (!doc) return undefined;
  const parts = anchor.split('#');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.trim() === '') continue;
    const found = findAnchor(doc, parts.slice(0, i + 1).join('#'), { slugs: markdown });
    if (found.found && found.heading === rename.heading) {
      parts[i] = rename.text;
      changed = true;
    }
  }
  return changed ? parts.join('#') : undefined;
}

/** The heading line's text, its `#`s and closing sequence kept. */
function headingChange(rename: HeadingRename, text: string): Change {
  const parsed = parseDoc({ path: rename.path, bytes: new TextEncoder().encode(text), text, lines: lineIndex(text), isTemplate: false });
  let seen = -1;
  let node: Heading | undefined;
  walk(parsed.tree, (n) => {
    if (node) return 'skip';
    if (n.type === 'heading' && ++seen === rename.heading) node = n as Heading;
    return undefined;
  });
  const children = node?.children.filter((c) => c.position) ?? [];
  if (!node || children.length === 0) throw new StaleFileError(`${rename.path} changed since it was checked (heading ${rename.heading + 1} not found)`);
  const start = children[0]!.position!.start.offset!;
  const end = children[children.length - 1]!.position!.end.offset!;
  return { start, end, occurrence: { kind: 'wikilink', raw: '', from: rename.path }, to: { path: rename.path }, text: rename.text };
}

type Destination = (from: string, target: string, anchor: string | undefined, markdown: boolean, relativeFirst: boolean) => LinkDestination | 'keep' | undefined;

/** A frontmatter value written as a wikilink: `[[target#anchor|alias]]`. */
const wikiValue = /^!?\[\[([^\]|#]*)(?:#([^\]|]*))?(?:\|[^\]]*)?\]\]$/;

/** Frontmatter values naming a file, where the move changes what they must say. */
function frontmatterChanges(
  doc: DocFacts,
  config: MoveRequest['config'],
  read: (path: string) => string,
  destination: Destination,
  index: VaultIndex,
  anchoredOnly: boolean,
): Change[] {
  const data = doc.frontmatter;
  if (!data) return [];
  const json = JSON.stringify(data);
  const mentionsWiki = json.includes('[[');
  // No file moving: only a `"[[doc#heading]]"` value can change, and a file field names no heading.
  if (anchoredOnly && !(mentionsWiki && json.includes('#'))) return [];
  const fileFields = new Set(fileFieldLinks(doc, config).map((link) => link.field));
  if (fileFields.size === 0 && !mentionsWiki) return [];
  const text = read(doc.path);
  const frontmatter = readFrontmatter(text, lineIndex(text)).frontmatter;
  const contents = frontmatter?.document?.contents;
  if (!frontmatter || !isMap(contents)) return [];
  const changes: Change[] = [];
  const visit = (node: YamlNode | null | undefined, fileField: boolean) => {
    if (isSeq(node)) for (const item of node.items) visit(item as YamlNode, fileField);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const value = node.value.trim();
    const wiki = wikiValue.exec(value);
    if (!wiki && !fileField) return;
    const target = (wiki ? wiki[1]! : value).trim();
    if (target === '' || templated.test(target)) return;
    // The check reads file fields as Markdown links do (relative first); property wikilinks as wikilinks.
    const to = destination(doc.path, target, wiki?.[2], false, fileField);
    if (to === undefined || to === 'keep') return;
    const start = frontmatter.yamlOffset + node.range[0];
    const end = frontmatter.yamlOffset + node.range[1];
    const resolved = index.resolve(target, doc.path, { relativeFirst: fileField }).path;
    changes.push({ start, end, occurrence: { kind: 'frontmatter', raw: '', from: doc.path, ...(resolved ? { resolved } : {}) }, to });
  };
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined) visit(pair.value as YamlNode, fileFields.has(key));
  }
  return changes;
}
