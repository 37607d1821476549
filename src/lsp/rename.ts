/**
 * Rename in the editor, through the code of `shipshape mv` (`links/plan-move.ts`), with its refusals. What the cursor
 * is on decides what is renamed:
 * - a link (a wikilink in a frontmatter value too), before its `#`: the file it reaches. The new name is a file name
 *   (kept in the file's folder, `.md` added to a doc's) or, with a `/`, a vault path. The answer is a `WorkspaceEdit`
 *   whose `documentChanges` rewrite every link that must change (minimal ranges), move the file's baseline entries,
 *   and then rename the file.
 * - a link's `#anchor`, or a heading line: the heading, with every anchor that names it, vault-wide.
 * - a link's `#^id`, or a block id `^id` ending a paragraph: the block id, with every `#^id` that names it.
 * A heading is a heading, never the file (not even a level-1 one or the title): renaming a doc from inside it is the
 * editor's file rename (`renameFile` serves its `workspace/willRenameFiles`) or a link to it.
 *
 * In: cursor on `[[deploy]]` in `a.md`, new name `rollout`
 * Out: `{ documentChanges: [edit a.md: [[deploy]] → [[rollout]], …, { kind: 'rename', oldUri: …/deploy.md, newUri: …/rollout.md }] }`
 */
import type { Heading, Paragraph } from 'mdast';
import {
  LSPErrorCodes,
  ResponseError,
  type Position,
  type Range,
  type RenameFile,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { planBaselineMove } from '../baseline/move-baseline.ts';
import type { Edit } from '../diagnostics/diagnostic.ts';
import { findAnchor } from '../links/anchors.ts';
import { newHeadingText, planMove, refuseMove, StaleFileError, type FileMove, type HeadingRename, type MovePlan } from '../links/plan-move.ts';
import { rewriteLink } from '../links/rewrite-link.ts';
import { buildVaultIndex, type VaultIndex } from '../links/vault-index.ts';
import { blockIdPattern } from '../markdown/facts.ts';
import { parseDoc } from '../markdown/parse.ts';
import type { DocFacts, LinkFact, ParsedDoc } from '../markdown/types.ts';
import { walk } from '../markdown/walk.ts';
import { MoveRefusedError } from '../vault/move-files.ts';
import { fileName, folderOf, normalizePath, stem } from '../vault/vault-path.ts';
import { textPositions, type TextPositions } from './positions.ts';
import { headingNodes } from './nav-context.ts';
import { frontmatterLinks } from './property-links.ts';
import { documentEdit, fileUri, readVaultText, wholeFileEdit, type RefactorState } from './workspace-edits.ts';

/** What a rename at a position renames. */
export type RenameTarget =
  | { kind: 'file'; path: string; range: Range }
  | { kind: 'heading'; path: string; heading: number; range: Range }
  | { kind: 'block'; path: string; id: string; range: Range };

/** The vault as a request sees it: the analysis's facts, with the open document's from its current text. */
interface VaultContext {
  state: RefactorState;
  facts: DocFacts[];
  index: VaultIndex;
  /** A file's text: the request's document as given, an open one as the editor has it, else from disk. */
  read: (path: string) => string;
}

/** The request's document, parsed from its current text. */
interface Context extends VaultContext {
  path: string;
  text: string;
  positions: TextPositions;
  parsed: ParsedDoc;
}

function vaultContext(state: RefactorState, current?: ParsedDoc): VaultContext {
  const path = current?.source.path;
  const known = path !== undefined && state.analysis.facts.some((doc) => doc.path === path);
  const facts = !current ? state.analysis.facts : known ? state.analysis.facts.map((doc) => (doc.path === path ? current.facts : doc)) : [...state.analysis.facts, current.facts];
  const index = buildVaultIndex(facts, state.analysis.attachments);
  const read = (file: string) => (current && file === path ? current.source.text : readVaultText(state, file));
  return { state, facts, index, read };
}

function contextOf(state: RefactorState, path: string, text: string): Context {
  const positions = textPositions(text);
  const isTemplate = state.analysis.facts.find((doc) => doc.path === path)?.isTemplate ?? false;
  const parsed = parseDoc({ path, text, bytes: new TextEncoder().encode(text), lines: positions.index, isTemplate });
  return { ...vaultContext(state, parsed), path, text, positions, parsed };
}

/** A refusal the editor shows: the request was understood, and `shipshape mv` would refuse it too. */
const refuse = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

/** Links Templater or a placeholder writes at run time are no links yet (as `resolve-links.ts`). */
const templated = /<%|\{\{/;

const isMarkdown = (link: LinkFact) => link.kind === 'markdown' || link.kind === 'image';

/** Where the `#` of a link's anchor is in its text: after `](` or `]:` for a Markdown link, whose text may hold a `#`. */
function anchorOffset(link: LinkFact): number | undefined {
  if (link.anchor === undefined) return undefined;
  const from = isMarkdown(link) ? Math.max(link.raw.lastIndexOf(']('), link.raw.indexOf(']:'), 0) : 0;
  const hash = link.raw.indexOf('#', from);
  return hash === -1 ? undefined : link.span.start.offset + hash;
}

/** What the cursor is on, or undefined when it is on nothing renamable; a ResponseError when it is, but cannot be. */
function targetAt(ctx: Context, position: Position): RenameTarget | undefined {
  const offset = ctx.positions.offsetAt(position);
  // Wikilinks in frontmatter values are links too, as Obsidian shows them (and `mv` rewrites them).
  const links = [...frontmatterLinks(ctx.parsed.frontmatter, ctx.positions.index), ...ctx.parsed.facts.links];
  const link = links.find((l) => l.span.start.offset <= offset && offset <= l.span.end.offset);
  if (link) return linkTarget(ctx, link, offset);
  const headings = headingNodes(ctx.parsed);
  const heading = headings.findIndex((h) => h.position && h.position.start.line - 1 <= position.line && position.line <= h.position.end.line - 1);
  if (heading !== -1) {
    const range = headingTextRange(headings[heading]!);
    if (!range) throw refuse('An empty heading has no text to rename');
    return { kind: 'heading', path: ctx.path, heading, range: ctx.positions.rangeOf(range.start, range.end) };
  }
  const block = blockIdAt(ctx.parsed, ctx.text, offset);
  if (block) return { kind: 'block', path: ctx.path, id: block.id, range: ctx.positions.rangeOf(block.start, block.end) };
  return undefined;
}

function linkTarget(ctx: Context, link: LinkFact, offset: number): RenameTarget {
  if (templated.test(link.target)) throw refuse(`${link.raw} is filled in by a template: it names no file yet`);
  const range = ctx.positions.rangeOf(link.span.start.offset, link.span.end.offset);
  const resolution = ctx.index.resolve(link.target, ctx.path, { relativeFirst: isMarkdown(link) });
  const path = resolution.path;
  if (path === undefined) throw refuse(`${link.raw} reaches no file: there is nothing to rename`);
  const hash = anchorOffset(link);
  if (hash === undefined || offset <= hash) return { kind: 'file', path, range };
  const target = ctx.index.docs.get(path)!;
  const anchor = link.anchor!;
  if (anchor.startsWith('^')) {
    const id = target.blockIds.find((b) => b.toLowerCase() === anchor.slice(1).toLowerCase());
    if (id === undefined) throw refuse(`${path} has no block ^${anchor.slice(1)}`);
    return { kind: 'block', path, id, range };
  }
  // `[[doc#Part#Step]]` names heading Step under Part: the part under the cursor is the heading renamed.
  const part = (link.raw.slice(hash - link.span.start.offset + 1, offset - link.span.start.offset).match(/#/g) ?? []).length;
  const named = anchor.split('#').slice(0, part + 1).join('#');
  const found = findAnchor(target, named, { slugs: isMarkdown(link) });
  if (!found.found || found.heading === undefined) throw refuse(`${path} has no heading "${named}"`);
  return { kind: 'heading', path, heading: found.heading, range };
}

/** A heading's text, without its `#`s and closing sequence (as `plan-move.ts` rewrites it). */
function headingTextRange(heading: Heading): { start: number; end: number } | undefined {
  const children = heading.children.filter((c) => c.position);
  if (children.length === 0) return undefined;
  return { start: children[0]!.position!.start.offset!, end: children[children.length - 1]!.position!.end.offset! };
}

/** The block id (`^id`, ending a paragraph as `facts.ts` reads it) whose text holds `offset`, if any; start/end cover `^id`. */
function blockIdAt(parsed: ParsedDoc, text: string, offset?: number, wanted?: string): { id: string; start: number; end: number } | undefined {
  let found: { id: string; start: number; end: number } | undefined;
  walk(parsed.tree, (node) => {
    if (found) return 'skip';
    if (node.type !== 'paragraph') return undefined;
    const last = (node as Paragraph).children.at(-1);
    if (last?.type !== 'text' || !last.position) return undefined;
    const value = text.slice(last.position.start.offset, last.position.end.offset);
    const match = blockIdPattern.exec(value);
    if (!match) return undefined;
    const start = last.position.start.offset! + match.index + match[0].indexOf('^');
    const end = start + 1 + match[1]!.length;
    const hit = wanted === undefined ? offset !== undefined && start <= offset && offset <= end : match[1]!.toLowerCase() === wanted.toLowerCase();
    if (hit) found = { id: match[1]!, start, end };
    return undefined;
  });
  return found;
}

/** `textDocument/prepareRename`: the range and the current name, or null where the cursor is on nothing renamable. */
export function prepareRename(state: RefactorState, path: string, text: string, position: Position): { range: Range; placeholder: string } | null {
  const ctx = contextOf(state, path, text);
  const target = targetAt(ctx, position);
  if (!target) return null;
  return { range: target.range, placeholder: placeholderOf(ctx, target) };
}

function placeholderOf(ctx: Context, target: RenameTarget): string {
  switch (target.kind) {
    case 'file':
      return ctx.index.docs.has(target.path) ? stem(target.path) : fileName(target.path);
    case 'heading':
      return ctx.index.docs.get(target.path)!.headings[target.heading]!.text;
    case 'block':
      return target.id;
  }
}

/** `textDocument/rename`: the edit that renames what the cursor is on; a ResponseError where `shipshape mv` refuses. */
export async function rename(state: RefactorState, path: string, text: string, position: Position, newName: string): Promise<WorkspaceEdit> {
  const ctx = contextOf(state, path, text);
  const target = targetAt(ctx, position);
  if (!target) throw refuse('Nothing to rename here: put the cursor on a link, a heading or a block id (^id)');
  switch (target.kind) {
    case 'file':
      return moveEdit(ctx, target.path, newPathOf(target.path, newName, ctx.index.docs.has(target.path)));
    case 'heading':
      return headingEdit(ctx, target.path, target.heading, newName);
    case 'block':
      return blockEdit(ctx, target.path, target.id, newName);
  }
}

/**
 * `workspace/willRenameFiles`: the link rewrites for a file or folder the editor renames itself (its explorer), without
 * the rename, which the editor makes. Paths are vault paths; a path the vault does not know (ignored, or no file) has
 * no links to rewrite.
 */
export async function renameFile(state: RefactorState, from: string, to: string): Promise<WorkspaceEdit> {
  const ctx = vaultContext(state);
  if (!ctx.index.files.some((path) => path === from || path.startsWith(`${from}/`))) return { documentChanges: [] };
  const edit = await moveEdit(ctx, from, to);
  return { documentChanges: edit.documentChanges!.filter((change) => !('kind' in change)) };
}

/**
 * A new name → the vault path: a bare name stays in the file's folder, a name with `/` is a vault path, one ending in
 * `/` a folder the file moves into. A doc keeps `.md`, an attachment its extension when the new name has none
 * (`rollout-flow` for `flow.svg` → `rollout-flow.svg`): the editor offers a doc's name without it, an attachment's
 * with it.
 */
function newPathOf(from: string, newName: string, isDoc: boolean): string {
  let name = newName.trim().replace(/\\/g, '/');
  // `runbooks/`: into that folder, under its name, as `shipshape mv` reads a folder.
  if (name.endsWith('/')) name += fileName(from);
  const joined = name.includes('/') ? normalizePath(name) : normalizePath(`${folderOf(from)}/${name}`);
  if (joined === undefined || joined === '') throw refuse(`"${newName}" is not a path inside the vault`);
  if (isDoc) return /\.md$/i.test(joined) ? joined : `${joined}.md`;
  const extension = /\.[^./]+$/.exec(fileName(from))?.[0] ?? '';
  return fileName(joined).includes('.') ? joined : `${joined}${extension}`;
}

/** `shipshape mv from to` as an edit (a file, or a folder with everything in it): its refusals, its plan, its baseline move, then the rename. */
async function moveEdit(ctx: VaultContext, from: string, to: string): Promise<WorkspaceEdit> {
  const known = ctx.index.files;
  const under = (path: string) => path === from || path.startsWith(`${from}/`);
  const folder = !known.includes(from);
  const files: FileMove[] = folder ? known.filter(under).map((path) => ({ from: path, to: to + path.slice(from.length) })) : [{ from, to }];
  const move: FileMove = { from, to };
  const plan = planned(() => {
    refuseMove(known, move, files);
    return planMove({ facts: ctx.facts, attachments: ctx.state.analysis.attachments, config: ctx.state.config, read: ctx.read, moves: files, ...(folder ? { folder: move } : {}) });
  });
  const baseline = await planBaselineMove(ctx.state.config.baseline, [move], plan.rewrites);
  const rename: RenameFile = { kind: 'rename', oldUri: fileUri(ctx.state.config, from), newUri: fileUri(ctx.state.config, to), options: { overwrite: false, ignoreIfExists: false } };
  // Edits first, by the files' present URIs: the moved file's own links are rewritten before it moves.
  return { documentChanges: [...fileEdits(ctx, plan), ...(baseline ? [wholeFileEdit(baseline.path, baseline.text, new TextDecoder().decode(baseline.original))] : []), rename] };
}

/** `shipshape mv "doc.md#Old" "New"` as an edit. */
function headingEdit(ctx: VaultContext, path: string, heading: number, newName: string): WorkspaceEdit {
  const plan = planned(() => {
    const rename: HeadingRename = { path, heading, text: newHeadingText(ctx.index.docs.get(path)!, heading, newName) };
    return planMove({ facts: ctx.facts, attachments: ctx.state.analysis.attachments, config: ctx.state.config, read: ctx.read, moves: [], heading: rename });
  });
  return { documentChanges: fileEdits(ctx, plan) };
}

/** Obsidian's block ids: letters, digits and `-` (`facts.ts` reads no other). */
const blockIdText = /^[A-Za-z0-9-]+$/;

/** The block id and every link whose `#^id` names it (any case, as the check matches them), rewritten by `rewrite-link.ts`. */
function blockEdit(ctx: VaultContext, path: string, id: string, newName: string): WorkspaceEdit {
  const next = newName.trim().replace(/^#?\^/, '');
  if (!blockIdText.test(next)) throw refuse(`"${newName}" is no block id: letters, digits and - only`);
  const doc = ctx.index.docs.get(path)!;
  if (next === id) throw refuse(`^${id} is already its name`);
  const clash = doc.blockIds.find((b) => b.toLowerCase() === next.toLowerCase() && b.toLowerCase() !== id.toLowerCase());
  if (clash) throw refuse(`${path} already has a block ^${clash}: links to either would be ambiguous`);
  const edits = new Map<string, Edit[]>();
  const add = (file: string, edit: Edit) => edits.set(file, [...(edits.get(file) ?? []), edit]);
  const text = ctx.read(path);
  const own = parseDoc({ path, text, bytes: new TextEncoder().encode(text), lines: textPositions(text).index, isTemplate: doc.isTemplate });
  const definition = blockIdAt(own, text, undefined, id);
  if (!definition) throw refuse(`${path} changed since it was checked (block ^${id} not found)`);
  add(path, { start: definition.start, end: definition.end, text: `^${next}` });
  for (const from of ctx.facts) {
    for (const link of from.links) {
      if (!link.anchor?.startsWith('^') || link.anchor.slice(1).toLowerCase() !== id.toLowerCase() || templated.test(link.target)) continue;
      if (ctx.index.resolve(link.target, from.path, { relativeFirst: isMarkdown(link) }).path !== path) continue;
      const raw = ctx.read(from.path).slice(link.span.start.offset, link.span.end.offset);
      if (raw !== link.raw) throw refuse(`${from.path} changed since it was checked (expected ${link.raw} at offset ${link.span.start.offset})`);
      const rewritten = rewriteLink({ kind: link.kind, raw, from: from.path, resolved: path }, { path, anchor: `^${next}` }, { resolve: ctx.index.resolve });
      if (rewritten !== raw) add(from.path, { start: link.span.start.offset, end: link.span.end.offset, text: rewritten });
    }
  }
  const files = [...edits].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { documentChanges: files.map(([file, list]) => documentEdit(fileUri(ctx.state.config, file), ctx.read(file), list)) };
}

/** A plan, with `mv`'s refusals as the request's error (a file changed since the analysis: once it has caught up, it can be done). */
function planned(make: () => MovePlan): MovePlan {
  try {
    return make();
  } catch (error) {
    if (error instanceof StaleFileError) throw refuse(`${error.message}; try again once the check has caught up`);
    if (error instanceof MoveRefusedError) throw refuse(error.message);
    throw error;
  }
}

function fileEdits(ctx: VaultContext, plan: MovePlan): TextDocumentEdit[] {
  return plan.files.map((file) => documentEdit(fileUri(ctx.state.config, file.path), file.before, file.edits));
}
