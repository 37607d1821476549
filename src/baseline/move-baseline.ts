/**
 * Carries baseline entries along when docs move, so a moved file's known problems stay known: `shipshape mv` and
 * the editor's rename call `planBaselineMove`, to write the baseline in the same all-or-nothing batch as the docs;
 * `moveBaselineEntries` writes it alone. Fingerprints hash no path (match-baseline.ts): `file` changes, and a
 * message that names a moved file.
 *
 *   moveBaselineEntries(baselinePath: string, moves: ReadonlyArray<{ from: string; to: string }>, rewrites?: ReadonlyArray<Rewrite>): Promise<number>
 *   planBaselineMove(baselinePath: string, moves: ReadonlyArray<{ from: string; to: string }>, rewrites?: ReadonlyArray<Rewrite>): Promise<{ path: string; text: string; moved: number; original: Uint8Array } | undefined>
 *
 * Paths are vault paths; a move of a folder moves every entry under it; moves apply at once (`a → b`, `b → a`
 * swaps), the first move that matches an entry wins. `rewrites` are the links the move rewrote (`[[old#x]]` →
 * `[[new#x]]` in `c.md`): a known problem on such a link stays known under its new text. No baseline file, or no
 * entry changed: nothing is written.
 *
 * In: `moveEntries([{ file: 'ops/a.md', … }], [{ from: 'ops', to: 'runbooks' }])` → `[{ file: 'runbooks/a.md', … }]`
 */
import { normalizeEntries, readBaseline, readBaselineFile, serializeBaseline, writeBaseline, type BaselineEntry } from './baseline-file.ts';
import { movedPath, type PathMove } from '../vault/move-files.ts';
import { fingerprintOf } from './match-baseline.ts';

/** A link the move rewrote. */
export interface Rewrite {
  /** Vault path of the file that holds it, after the moves. */
  file: string;
  /** The link's text before (`[[old#Intro]]`) and after (`[[new#Intro]]`). */
  from: string;
  to: string;
}

/**
 * The entries with their files moved, sorted; `moved` counts the entries that changed. A message that names a moved
 * path (`Unresolved heading #x in ops/a.md`, an ambiguous link's candidates) names the new one, and its fingerprint
 * is computed again: the rule will say exactly that after the move.
 */
export function moveEntries(entries: readonly BaselineEntry[], moves: readonly PathMove[], rewrites: readonly Rewrite[] = []): { entries: BaselineEntry[]; moved: number } {
  let moved = 0;
  // By file: a folder's move rewrites thousands of links, and a baseline holds thousands of entries.
  const rewritesIn = Map.groupBy(rewrites, (r) => r.file);
  const movePaths = pathMover(moves);
  const next = entries.map((entry) => {
    const file = movedPath(entry.file, moves) ?? entry.file;
    let message = movePaths(entry.message);
    let text = entry.text;
    // The problem's text is the link (or holds it): the rule quotes the link, so its message changes alike.
    const rewrite = rewritesIn.get(file)?.find((r) => r.from !== '' && text.includes(r.from));
    if (rewrite) {
      text = text.replaceAll(rewrite.from, rewrite.to);
      message = message.replaceAll(rewrite.from, rewrite.to);
    }
    if (file === entry.file && message === entry.message && text === entry.text) return entry;
    moved++;
    const same = message === entry.message && text === entry.text;
    return { ...entry, file, message, text, fingerprint: same ? entry.fingerprint : fingerprintOf(entry.rule, message, text) };
  });
  return { entries: normalizeEntries(next), moved };
}

/** Characters around a path quoted in a message: start or end, space, quote, backtick, bracket, comma, colon. */
const around = '[\\s\'"`()\\[\\],;:]';

/**
 * `in ops/a.md` → `in runbooks/a.md` for a move of `ops` to `runbooks`, all moves at once. Only whole paths of files
 * (a name with an extension): a link's target quoted in a message (`no file \`ops\``) is what the author wrote, which
 * a move does not change.
 */
export function movePathsIn(message: string, moves: readonly PathMove[]): string {
  return pathMover(moves)(message);
}

/** `movePathsIn` for many messages: the pattern of the moved paths compiled once. */
function pathMover(moves: readonly PathMove[]): (message: string) => string {
  if (moves.length === 0) return (message) => message;
  const sources = moves.map(({ from }) => from.replace(/\/+$/, ''));
  const alternatives = sources.map((source) => source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const path = new RegExp(`(^|${around})(${alternatives})((?:/(?:(?!${around}).)*)?)(?=$|${around})`, 'g');
  return (message) =>
    message.replace(path, (whole: string, before: string, source: string, rest: string) => {
      if (!/\.\w+$/.test(`${source}${rest}`)) return whole;
      return `${before}${moves[sources.indexOf(source)]!.to.replace(/\/+$/, '')}${rest}`;
    });
}

/**
 * The baseline's new text after `moves`, for a caller that writes it with other files; undefined when nothing moves.
 * `original` is the bytes the text was made from: the caller's write refuses when the file no longer holds them.
 */
export async function planBaselineMove(
  baselinePath: string,
  moves: readonly PathMove[],
  rewrites: readonly Rewrite[] = [],
): Promise<{ path: string; text: string; moved: number; original: Uint8Array } | undefined> {
  const read = await readBaselineFile(baselinePath);
  if (read === undefined) return undefined;
  const result = moveEntries(read.entries, moves, rewrites);
  if (result.moved === 0) return undefined;
  return { path: baselinePath, text: serializeBaseline(result.entries), moved: result.moved, original: read.bytes };
}

/** Rewrites the baseline at `baselinePath` (atomically) for `moves`; returns how many entries moved. */
export async function moveBaselineEntries(baselinePath: string, moves: readonly PathMove[], rewrites: readonly Rewrite[] = []): Promise<number> {
  const entries = await readBaseline(baselinePath);
  if (entries === undefined) return 0;
  const result = moveEntries(entries, moves, rewrites);
  if (result.moved > 0) await writeBaseline(baselinePath, result.entries);
  return result.moved;
}
