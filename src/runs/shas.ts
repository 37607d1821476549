/**
 * When two commit references name the same commit, as git reads them: equal ignoring case, or one an abbreviation
 * (7 characters or more) of the other. Incidents, checklists and run pages name commits this way.
 *
 * In: `sameSha('3F9C2A1', '3f9c2a1b7d4e…')` → `true`; `sameSha('3f9c2a', '3f9c2a1b7d4e…')` → `false`
 */
export function sameSha(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  return Math.min(x.length, y.length) >= 7 && (x.startsWith(y) || y.startsWith(x));
}
