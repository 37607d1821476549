/**
 * Diagnostics against a baseline, pure: which problems are known (`unchanged`), which are `new`, which known ones are
 * gone (`fixed`), and the baselines that `--baseline-write` and `--baseline-prune` make of them.
 *
 * A problem is known when its file has an entry with its rule and fingerprint — the SHA-256 of the rule, the message
 * with line numbers blanked and the offending text (the span on its first line), as format-fingerprint.ts hashes for
 * SARIF and Code Quality but without the path, so a moved file keeps its entries (move-baseline.ts rewrites the
 * path) and without the line, so edits above or below keep them. Identical problems in one file are one entry with a
 * `count`: the first `count` of them, in the file's order, are known, any more are new.
 *
 * Only files in scope count (`check` with file arguments checks some files against the whole vault): an entry of a
 * file out of scope is neither matched nor fixed, and writing or pruning keeps it as it is.
 *
 * In: entries `[{ file: 'a.md', rule: 'broken-link', fingerprint: fp('[[x]]'), … }]`, diagnostics `[[[x]] at 9:1, [[y]] at 12:1]`
 * Out: `{ diagnostics: [[[x]] unchanged, [[y]] new], fixed: [], unchanged: 1, new: 1 }`
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { lineReader, snippet, withoutLineNumbers, type ReadSource } from '../diagnostics/format-fingerprint.ts';
import type { Scope } from '../vault/vault-path.ts';
import { compareEntries, countOf, entryKey, normalizeEntries, withCount, type BaselineEntry } from './baseline-file.ts';

/** A file's text by vault path, or undefined when it cannot be read (its problems are then fingerprinted by message alone). */
export type ReadText = ReadSource;

export interface BaselineMatch {
  /** The diagnostics given, in their order, each with its `baseline` state. */
  diagnostics: Diagnostic[];
  /** Known problems of files in scope that were not found, with how many of each are gone. */
  fixed: BaselineEntry[];
  unchanged: number;
  new: number;
}

/** What identifies a problem in a file: its message without line numbers, its offending text, their fingerprint. */
type Identity = Pick<BaselineEntry, 'message' | 'text' | 'fingerprint'>;

/** One identity per diagnostic, reading each file's lines once. */
function identify(diagnostics: readonly Diagnostic[], readText: ReadText): Identity[] {
  const linesOf = lineReader(readText);
  return diagnostics.map((d) => {
    const message = withoutLineNumbers(d.message);
    // An unreadable file has no offending text to hash.
    const text = snippet(linesOf(d.file)?.[d.line - 1] ?? '', d);
    return { message, text, fingerprint: fingerprintOf(d.rule, message, text) };
  });
}

/** 16 hex digits of the SHA-256 of the rule, the message (line numbers blanked) and the offending text. */
export function fingerprintOf(rule: string, message: string, text: string): string {
  return createHash('sha256').update(`${rule}\0${message}\0${text}`).digest('hex').slice(0, 16);
}

/** The entries that record `diagnostics` (those in scope) as known. */
export function entriesOf(diagnostics: readonly Diagnostic[], readText: ReadText, inScope: Scope = () => true): BaselineEntry[] {
  const selected = diagnostics.filter((d) => inScope(d.file));
  const identities = identify(selected, readText);
  return normalizeEntries(selected.map((d, i) => ({ file: d.file, rule: d.rule, ...identities[i]! })));
}

export function matchBaseline(entries: readonly BaselineEntry[], diagnostics: readonly Diagnostic[], readText: ReadText, inScope: Scope = () => true): BaselineMatch {
  // Only the entries of files in scope: a pre-commit check of one file looks at that file's few.
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of entries) {
    if (!inScope(entry.file)) continue;
    const key = entryKey(entry);
    const seen = remaining.get(key);
    remaining.set(key, { entry: seen?.entry ?? entry, left: (seen?.left ?? 0) + countOf(entry) });
  }
  const identities = identify(diagnostics, readText);
  let unchanged = 0;
  const matched = diagnostics.map((d, i): Diagnostic => {
    const known = remaining.get(entryKey({ file: d.file, rule: d.rule, fingerprint: identities[i]!.fingerprint }));
    if (known !== undefined && known.left > 0) {
      known.left--;
      unchanged++;
      return { ...d, baseline: 'unchanged' };
    }
    return { ...d, baseline: 'new' };
  });
  const fixed = [...remaining.values()].filter(({ left }) => left > 0).map(({ entry, left }) => withCount(entry, left));
  return { diagnostics: matched, fixed: fixed.sort(compareEntries), unchanged, new: matched.length - unchanged };
}

/** `--baseline-prune`: the baseline without what `match` found fixed; it never adds an entry. */
export function pruneEntries(entries: readonly BaselineEntry[], fixed: readonly BaselineEntry[]): BaselineEntry[] {
  const gone = new Map(fixed.map((entry) => [entryKey(entry), countOf(entry)]));
  return normalizeEntries(entries).flatMap((entry) => {
    const count = countOf(entry) - (gone.get(entryKey(entry)) ?? 0);
    return count > 0 ? [withCount(entry, count)] : [];
  });
}

/**
 * `--baseline-write`: today's problems in scope, plus the old entries of files out of scope (a baseline written from
 * a check of some files keeps what it knew of the others).
 */
export function rewriteEntries(old: readonly BaselineEntry[], diagnostics: readonly Diagnostic[], readText: ReadText, inScope: Scope = () => true): BaselineEntry[] {
  return normalizeEntries([...old.filter((entry) => !inScope(entry.file)), ...entriesOf(diagnostics, readText, inScope)]);
}

/** How many problems entries stand for. */
export function problemCount(entries: readonly BaselineEntry[]): number {
  return entries.reduce((sum, entry) => sum + countOf(entry), 0);
}
