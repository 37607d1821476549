/**
 * Link repair (`--fix`): the one new target a broken link or anchor certainly meant, and why; undefined whenever
 * there is not exactly one (the did-you-mean suggestion stays a suggestion). The reasons, tried in this order:
 * - `renamed`: git history shows the file the link named was renamed or moved (renames followed), to a file that
 *   still exists; or a relative link broke because its own doc moved, and read from where the doc was it reaches a
 *   file that exists. Any file the link could have named that was deleted since, or left its path for two places,
 *   makes it uncertain.
 * - `case/spacing`: the only file whose name is the link's apart from case, spaces, `-`, `_` and `.`.
 * - `heading renamed`: the target's history renamed the heading the anchor names, and the new heading exists.
 * - `heading case/punctuation`: the only heading of the target that matches apart from case and punctuation.
 * The history is data read once from git (`vault/git-history.ts`) by the caller; without it (no git, or no `--fix`)
 * only the name and heading-spelling reasons apply.
 *
 * In: `[[Deployment Strategy]]`, the vault has `strategy/deployment-strategy.md` and no other such name
 * Out: `{ to: { path: 'strategy/deployment-strategy.md' }, reason: { kind: 'case/spacing' } }`
 */
import type { Fix } from '../diagnostics/diagnostic.ts';
import { gitHistory, headingMoves, type GitHistory, type HeadingMove, type Move } from '../vault/git-history.ts';
import { foldName, folderOf, normalizePath, stem, withoutMd } from '../vault/vault-path.ts';
import { findAnchor, normalizeHeading, slugify } from './anchors.ts';
import type { ResolvedLink } from './resolve-links.ts';
import { rewriteLink, type LinkDestination } from './rewrite-link.ts';
import type { VaultIndex } from './vault-index.ts';

/** Why a repair is certain; `commit` names the commit of a rename. */
interface RepairReason extends NonNullable<Fix['reason']> {
  kind: 'renamed' | 'case/spacing' | 'heading renamed' | 'heading case/punctuation';
}

interface LinkRepair {
  to: LinkDestination;
  reason: RepairReason;
}

/** What git knows about renames, for the `renamed` reasons. */
export interface LinkHistory {
  /** A path a file had → where it is now (`gitHistory().moves`). */
  moves: ReadonlyMap<string, Move>;
  /** Doc path → a former heading, normalised (`normalizeHeading`) → the heading it became (`headingMoves()`). */
  headings: ReadonlyMap<string, ReadonlyMap<string, HeadingMove>>;
}

function repairLink(index: VaultIndex, resolved: ResolvedLink, history?: LinkHistory): LinkRepair | undefined {
  const { link, resolution } = resolved;
  if (resolution.path === undefined) return repairTarget(index, resolved, history);
  if (!resolved.anchor || resolved.anchor.found || !link.anchor) return undefined;
  return repairHeading(index, resolution.path, link, history);
}

/** Markdown links may name a heading by its GitHub slug (`#verify-the-release`). */
const slugsAllowed = (link: ResolvedLink['link']) => link.kind === 'markdown' || link.kind === 'image';

/** A heading anchor that `path` lacks → the one heading of `path` it certainly means. */
function repairHeading(index: VaultIndex, path: string, link: ResolvedLink['link'], history: LinkHistory | undefined): LinkRepair | undefined {
  const doc = index.docs.get(path);
  const anchor = link.anchor;
  if (!doc || anchor === undefined || anchor.startsWith('^') || anchor.includes('#')) return undefined;
  const renames = history?.headings.get(path);
  const renamed =
    renames?.get(normalizeHeading(anchor)) ??
    (slugsAllowed(link) ? [...(renames ?? [])].find(([old]) => slugify(old) === anchor.toLowerCase())?.[1] : undefined);
  if (renamed?.text !== undefined && findAnchor(doc, renamed.text).found) {
    return { to: { path, anchor: renamed.text }, reason: { kind: 'heading renamed', commit: renamed.commit } };
  }
  const wanted = looseHeading(anchor);
  const texts = new Set(doc.headings.filter((heading) => looseHeading(heading.text) === wanted).map((heading) => heading.text));
  if (wanted === '' || texts.size !== 1) return undefined;
  return { to: { path, anchor: [...texts][0]! }, reason: { kind: 'heading case/punctuation' } };
}

/** A heading with case, punctuation and spacing gone: `Step 1 — Deploy!` → `step1deploy`. */
function looseHeading(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function repairTarget(index: VaultIndex, resolved: ResolvedLink, history: LinkHistory | undefined): LinkRepair | undefined {
  const { link, from } = resolved;
  if (link.target === '') return undefined;
  if (history) {
    const moved = movedTargets(index, resolved, history);
    if (moved.size > 1 || moved.has(undefined)) return undefined;
    const [only] = moved;
    if (only) return withAnchor(index, link, { to: { path: only[0] }, reason: { kind: 'renamed', commit: only[1] } }, history);
  }
  const target = foldName(link.target).replace(/\\/g, '/');
  // A path link keeps its folders: only a file in the folder it names is the same file. A relative link names one
  // folder, read from the linking doc's; a link that climbs out of the vault names no file in it.
  const relative = target.startsWith('./') || target.startsWith('../');
  const folder = target.includes('/') ? normalizePath(relative ? `${folderOf(foldName(from))}/${folderOf(target)}` : folderOf(target)) : undefined;
  if (target.includes('/') && folder === undefined) return undefined;
  const inFolder = (path: string) => folder === undefined || foldName(folderOf(path)) === folder || (!relative && foldName(folderOf(path)).endsWith(`/${folder}`));
  const named = index.sameName(target).filter(inFolder);
  if (named.length !== 1) return undefined;
  return withAnchor(index, link, { to: { path: named[0]! }, reason: { kind: 'case/spacing' } }, history);
}

/** A repaired target keeps the link's anchor, or the heading it certainly means there (renamed with the file). */
function withAnchor(index: VaultIndex, link: ResolvedLink['link'], repair: LinkRepair, history: LinkHistory | undefined): LinkRepair {
  const doc = index.docs.get(repair.to.path);
  if (!link.anchor || !doc || findAnchor(doc, link.anchor, { slugs: slugsAllowed(link) }).found) return repair;
  const heading = repairHeading(index, repair.to.path, link, history);
  return heading ? { ...repair, to: heading.to } : repair;
}

/** The moves of a history by former path (folded, `.md` dropped) and by former name, built once per history. */
interface MoveIndex {
  byPath: Map<string, string[]>;
  byName: Map<string, string[]>;
  /** A doc's path today → the paths it had, with the move from each. */
  formerPaths: Map<string, Array<[string, Move]>>;
}

const moveIndexes = new WeakMap<LinkHistory, MoveIndex>();

function moveIndex(history: LinkHistory): MoveIndex {
  let built = moveIndexes.get(history);
  if (built) return built;
  built = { byPath: new Map(), byName: new Map(), formerPaths: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (const [old, move] of history.moves) {
    add(built.byPath, withoutMd(foldName(old)), old);
    add(built.byName, stem(foldName(old)), old);
    if (move.path !== undefined) add(built.formerPaths, move.path, [old, move]);
  }
  moveIndexes.set(history, built);
  return built;
}

/**
 * Every file today that the link could have meant when it was written, with the commit that broke it; `undefined`
 * stands for a file that is gone (deleted, or no longer certain), which makes the whole answer uncertain.
 * Keyed by path so that the same file reached two ways counts once.
 */
function movedTargets(index: VaultIndex, { link, from }: ResolvedLink, history: LinkHistory): Set<readonly [string, string] | undefined> {
  const moves = moveIndex(history);
  const exists = (path: string) => index.resolve(path, '').path === path;
  const found = new Map<string, readonly [string, string]>();
  let lost = false;
  /** Files that left before this age (0: the newest commit) cannot be what the link meant. */
  const take = (old: string, leftBefore = Infinity) => {
    const move = history.moves.get(old)!;
    if (move.age >= leftBefore) return;
    if (move.path === undefined || !exists(move.path)) lost = true;
    else if (!found.has(move.path)) found.set(move.path, [move.path, move.commit]);
  };
  const target = foldName(link.target).replace(/\\/g, '/');
  const relative = target.startsWith('./') || target.startsWith('../');
  const markdown = link.kind === 'markdown' || link.kind === 'image';
  if (relative || markdown) {
    // Read from the doc's folder, and from every folder the doc was in before a move. From its folder today, only
    // files that left it after the doc arrived: one that had left already was never what the link named there.
    const former = moves.formerPaths.get(from) ?? [];
    const arrived = Math.min(...former.map(([, move]) => move.age));
    const folders: Array<[string, string | undefined]> = [[folderOf(from), undefined]];
    for (const [old, move] of former) folders.push([folderOf(old), move.commit]);
    for (const [folder, commit] of folders) {
      const joined = normalizePath(`${foldName(folder)}/${target}`);
      if (joined === undefined) continue;
      for (const old of moves.byPath.get(withoutMd(joined)) ?? []) take(old, commit === undefined ? arrived : Infinity);
      // The doc moved and the file it linked to did not: the same file, reached from the doc's old folder.
      const still = commit === undefined ? undefined : index.resolve(joined, '');
      if (commit !== undefined && still?.path !== undefined && foldName(withoutMd(still.path)) === withoutMd(joined) && !found.has(still.path)) {
        found.set(still.path, [still.path, commit]);
      }
    }
  }
  if (!relative) {
    const absolute = normalizePath(target);
    if (absolute !== undefined && absolute !== '') {
      const bare = withoutMd(absolute);
      for (const old of moves.byName.get(stem(absolute)) ?? []) {
        const path = withoutMd(foldName(old));
        if (path === bare || path.endsWith(`/${bare}`)) take(old);
      }
    }
  }
  const out = new Set<readonly [string, string] | undefined>(found.values());
  if (lost) out.add(undefined);
  return out;
}

/** The fix `--fix` applies for a repairable link: its span rewritten (`rewrite-link.ts`), with the reason. */
export function linkRepairFix(index: VaultIndex, resolved: ResolvedLink, history?: LinkHistory): Fix | undefined {
  const repair = repairLink(index, resolved, history);
  if (!repair) return undefined;
  const { link, from, resolution } = resolved;
  const occurrence = { kind: link.kind, raw: link.raw, from, ...(resolution.path === undefined ? {} : { resolved: resolution.path }) };
  const text = rewriteLink(occurrence, repair.to, { resolve: index.resolve });
  if (text === link.raw) return undefined;
  return {
    description: `${link.raw} → ${text}`,
    edits: [{ start: link.span.start.offset, end: link.span.end.offset, text }],
    reason: repair.reason,
  };
}

/**
 * The history link repair reads: one `git log` for renames (`history`, when the caller reads it for other uses too),
 * one for renamed headings; empty outside git.
 */
export async function readLinkHistory(dir: string, history: Promise<GitHistory> = gitHistory(dir)): Promise<LinkHistory> {
  const { moves } = await history;
  return { moves, headings: await headingMoves(dir, moves, normalizeHeading) };
}
