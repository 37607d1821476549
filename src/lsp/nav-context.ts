/**
 * What the navigation features (completion, hover, definition, symbols, document links) share: the engine's state,
 * the open document parsed from its current text, the vault index, positions and file URIs.
 *
 * In: `openDoc('runbooks/rollback.md', '# Rollback\n[[dep')` → `{ path, text, lines, parsed }` (facts with spans, headings in the tree)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Heading } from 'mdast';
import type { Range } from 'vscode-languageserver';
import { readBlocks } from '../blocks/index.ts';
import { buildVaultIndex, type VaultIndex } from '../links/vault-index.ts';
import { blockIdPattern } from '../markdown/facts.ts';
import type { LineIndex } from '../markdown/line-index.ts';
import { parseDoc } from '../markdown/parse.ts';
import type { LinkFact, ParsedDoc } from '../markdown/types.ts';
import { walk } from '../markdown/walk.ts';
import type { VaultAnalysis } from '../pipeline/check-vault.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { foldName, stem, withoutMd } from '../vault/vault-path.ts';
import { textPositions, type TextPositions } from './positions.ts';
import { frontmatterLinks } from './property-links.ts';

export interface NavigationState {
  /** The engine's analysis, made with `facts: true` (every doc's facts are needed, cached or not). */
  analysis: VaultAnalysis;
  config: ResolvedConfig;
  /** The current text of a doc open in the editor (unsaved edits); other docs are read from disk. */
  openText?(path: string): string | undefined;
}

/** The document a request is about, parsed from the editor's text. */
export interface OpenDoc {
  path: string;
  text: string;
  /** The text's positions, through the same line index as the parse. */
  positions: TextPositions;
  lines: LineIndex;
  parsed: ParsedDoc;
  /** Its links: the parse's, and the wikilinks in its frontmatter values. */
  links: LinkFact[];
}

/** The vault index with what the features ask of it beyond resolution. */
export interface NavigationIndex extends VaultIndex {
  /** What a link writes to reach `path`, Obsidian's "shortest" format: the name when unique, else the path, `.md` dropped. */
  linkText(path: string): string;
}

const indexes = new WeakMap<VaultAnalysis, NavigationIndex>();

/** One index per analysis: the server replaces the analysis after an edit, and the index with it. */
export function indexOf(analysis: VaultAnalysis): NavigationIndex {
  let index = indexes.get(analysis);
  if (!index) {
    const base = buildVaultIndex(analysis.facts, analysis.attachments);
    const names = new Map<string, number>();
    for (const path of base.files) names.set(foldName(stem(path)), (names.get(foldName(stem(path))) ?? 0) + 1);
    index = { ...base, linkText: (path) => ((names.get(foldName(stem(path))) ?? 0) > 1 ? withoutMd(path) : stem(path)) };
    indexes.set(analysis, index);
  }
  return index;
}

/** The last document parsed: requests come in bursts on one text (completion, then hover, then document links). */
let last: OpenDoc | undefined;

export function openDoc(path: string, text: string): OpenDoc {
  if (last && last.path === path && last.text === text) return last;
  last = parsedText(path, text);
  return last;
}

/** A doc's text as the editor has it, else as it is on disk; undefined when it cannot be read. */
function docText(state: NavigationState, path: string): string | undefined {
  const open = state.openText?.(path);
  if (open !== undefined) return open;
  try {
    return readFileSync(join(state.config.contentDir, path), 'utf8');
  } catch {
    // Deleted or unreadable since the analysis: the feature answers without it.
    return undefined;
  }
}

/** The facts of another doc from its current text (the analysis's facts carry no heading positions). */
export function readDoc(state: NavigationState, path: string): OpenDoc | undefined {
  const text = docText(state, path);
  return text === undefined ? undefined : parsedText(path, text);
}

function parsedText(path: string, text: string): OpenDoc {
  const positions = textPositions(text);
  const lines = positions.index;
  // The blocks' facts too: completion inside a dashboard or checklist block reads them.
  const parsed = readBlocks(parseDoc({ path, text, bytes: new TextEncoder().encode(text), lines, isTemplate: false }));
  return { path, text, positions, lines, parsed, links: [...frontmatterLinks(parsed.frontmatter, lines), ...parsed.facts.links] };
}

/** The link whose source text holds `offset` (its brackets included). */
export function linkAt(doc: OpenDoc, offset: number): LinkFact | undefined {
  return doc.links.find((link) => link.span.start.offset <= offset && offset < link.span.end.offset);
}

/** The heading nodes, in the order of `facts.headings` (both come from one walk of the tree in document order). */
export function headingNodes(doc: ParsedDoc): Heading[] {
  const headings: Heading[] = [];
  walk(doc.tree, (node) => {
    if (node.type === 'heading') headings.push(node as Heading);
    // As the facts' walk does: nothing inside code or a comment is a heading.
    return node.type === 'code' || node.type === 'obsidianComment' ? 'skip' : undefined;
  });
  return headings;
}

/** The line that ends with block id `^id`, as a range over the id; undefined when no line does. */
export function blockIdRange(doc: OpenDoc, id: string): Range | undefined {
  const wanted = id.toLowerCase();
  for (let line = 1; line <= doc.lines.starts.length; line++) {
    const match = blockIdPattern.exec(doc.lines.lineText(line));
    if (match && match[1]!.toLowerCase() === wanted) {
      const column = match.index + match[0].indexOf('^') + 1;
      return { start: { line: line - 1, character: column - 1 }, end: { line: line - 1, character: column + match[1]!.length } };
    }
  }
  return undefined;
}
