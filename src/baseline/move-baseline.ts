/**
 * Carries baseline entries along when docs move: `shipshape mv` calls `moveBaselineEntries` (or, to write the
 * baseline in the same all-or-nothing batch as the docs, `planBaselineMove`) so a moved file's known problems stay
 * known. Fingerprints hash no path (match-baseline.ts): only `file` changes.
 *
 *   moveBaselineEntries(baselinePath: string, moves: ReadonlyArray<{ from: string; to: string }>): Promise<number>
 *   planBaselineMove(baselinePath: string, moves: ReadonlyArray<{ from: string; to: string }>): Promise<{ path: string; text: string; moved: number } | undefined>
 *
 * Paths are vault paths; a move of a folder moves every entry under it; moves apply at once (`a → b`, `b → a`
 * swaps), the first move that matches an entry wins. No baseline file, or no entry moved: nothing is written.
 *
 * In: `moveEntries([{ file: 'ops/a.md', … }], [{ from: 'ops', to: 'runbooks' }])` → `[{ file: 'runbooks/a.md', … }]`
 */
import { normalizeEntries, readBaseline, serializeBaseline, writeBaseline, type BaselineEntry } from './baseline-file.ts';

export interface Move {
  /** Vault path of a file or folder before the move. */
  from: string;
  /** Its vault path after. */
  to: string;
}

/** Where `file` is after `moves`, or undefined when none of them moves it. */
export function movedPath(file: string, moves: readonly Move[]): string | undefined {
  for (const { from, to } of moves) {
    const source = from.replace(/\/+$/, '');
    if (file === source) return to.replace(/\/+$/, '');
    if (file.startsWith(`${source}/`)) return `${to.replace(/\/+$/, '')}${file.slice(source.length)}`;
  }
  return undefined;
}

/** The entries with their files moved, sorted; `moved` counts the entries whose file changed. */
export function moveEntries(entries: readonly BaselineEntry[], moves: readonly Move[]): { entries: BaselineEntry[]; moved: number } {
  let moved = 0;
  const next = entries.map((entry) => {
    const file = movedPath(entry.file, moves);
    if (file === undefined || file === entry.file) return entry;
    moved++;
    return { ...entry, file };
  });
  return { entries: normalizeEntries(next), moved };
}

/** The baseline's new text after `moves`, for a caller that writes it with other files; undefined when nothing moves. */
export async function planBaselineMove(baselinePath: string, moves: readonly Move[]): Promise<{ path: string; text: string; moved: number } | undefined> {
  const entries = await readBaseline(baselinePath);
  if (entries === undefined) return undefined;
  const result = moveEntries(entries, moves);
  if (result.moved === 0) return undefined;
  return { path: baselinePath, text: serializeBaseline(result.entries), moved: result.moved };
}

/** Rewrites the baseline at `baselinePath` (atomically) for `moves`; returns how many entries moved. */
export async function moveBaselineEntries(baselinePath: string, moves: readonly Move[]): Promise<number> {
  const entries = await readBaseline(baselinePath);
  if (entries === undefined) return 0;
  const result = moveEntries(entries, moves);
  if (result.moved > 0) await writeBaseline(baselinePath, result.entries);
  return result.moved;
}
