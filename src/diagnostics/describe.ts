/**
 * A diagnostic as one line of prose, for formats that have a single message field (GitHub annotations, SARIF).
 *
 * In: `{ message: 'Unresolved wikilink [[a]]', hint: 'fix the link', suggestions: ['b'] }` → `Unresolved wikilink [[a]] — fix the link (did you mean b?)`
 */
import type { Diagnostic } from './diagnostic.ts';

export function describeDiagnostic(d: Pick<Diagnostic, 'message' | 'hint' | 'suggestions'>): string {
  const hint = d.hint === undefined ? '' : ` — ${d.hint}`;
  const suggestions = d.suggestions?.length ? ` (did you mean ${d.suggestions.join(', ')}?)` : '';
  return `${d.message}${hint}${suggestions}`;
}
