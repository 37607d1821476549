/**
 * Prose the formatters share: a diagnostic as one line, for formats that have a single message field (GitHub
 * annotations, SARIF), and a baseline's counts (stylish prints them as lines, GitHub as one notice).
 *
 * In: `{ message: 'Unresolved wikilink [[a]]', hint: 'fix the link', suggestions: ['b'] }` → `Unresolved wikilink [[a]] — fix the link (did you mean b?)`
 * In: `{ unchanged: 13230, new: 2, fixed: 41 }` → `{ known: '13,230 known problems (baseline), 2 new', fixed: '41 baseline entries are fixed — run --baseline-prune' }`
 */
import type { BaselineSummary, Diagnostic } from './diagnostic.ts';

export function describeDiagnostic(d: Pick<Diagnostic, 'message' | 'hint' | 'suggestions'>): string {
  const hint = d.hint === undefined ? '' : ` — ${d.hint}`;
  const suggestions = d.suggestions?.length ? ` (did you mean ${d.suggestions.join(', ')}?)` : '';
  return `${d.message}${hint}${suggestions}`;
}

/** A baseline's counts run to thousands: separated, the same on every machine whatever its locale. */
export const count = new Intl.NumberFormat('en-US');

/** `13,230 known problems`, `1 file`: a count as the baseline's messages write it. */
export function counted(n: number, word: string): string {
  return `${count.format(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** How many problems the baseline knows and how many are new; and the fixed ones to prune, when there are any. */
export function describeBaseline(baseline: Pick<BaselineSummary, 'unchanged' | 'new' | 'fixed'>): { known: string; fixed?: string } {
  const known = `${counted(baseline.unchanged, 'known problem')} (baseline), ${count.format(baseline.new)} new`;
  if (baseline.fixed === 0) return { known };
  const fixed = baseline.fixed === 1 ? '1 baseline entry is' : `${count.format(baseline.fixed)} baseline entries are`;
  return { known, fixed: `${fixed} fixed — run --baseline-prune` };
}
