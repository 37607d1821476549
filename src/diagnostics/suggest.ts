/**
 * "Did you mean": the names closest to a mistyped one, for every message that offers some (keys and values a schema
 * knows, checklist evidence kinds, run references, model names, headings, block ids, link targets).
 * Close means a Levenshtein distance (fastest-levenshtein) of at most a third of the longer name, and at least 1:
 * a typo or two in a name, never another name. Link targets are held tighter (`src/links/vault-index.ts` says why) and
 * are looked up among the names that share an end with them, so that thousands of broken links stay cheap.
 *
 * In: `suggest('stauts', ['status', 'state', 'owner'])` → `['state', 'status']` (both two edits away: ties alphabetically)
 */
import { distance } from 'fastest-levenshtein';

/** How many names a "did you mean" offers at most. */
const most = 3;

/** The largest distance at which `candidate` is still a likely meaning of `word`: a third of the longer, at least 1. */
export function maxDistance(word: string, candidate: string): number {
  return Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3));
}

/**
 * The distance of two names when `candidate` is close to `word`, else undefined. Both as they are compared.
 * `limit` replaces `maxDistance` for a caller whose names need another (vault-index, which says why).
 */
export function closeness(word: string, candidate: string, limit = maxDistance(word, candidate)): number | undefined {
  // Cheap before the distance: the lengths alone differ by at least that many edits.
  if (Math.abs(word.length - candidate.length) > limit) return undefined;
  const d = distance(word, candidate);
  return d <= limit ? d : undefined;
}

export interface SuggestOptions {
  /** The form names are compared in (default: lower case); they are offered as given. */
  normalize?: (name: string) => string;
}

/**
 * Up to three candidates close to `word`, best first, ties alphabetically; `word` itself and repeats are not offered.
 * A candidate equal to `word` in the compared form (another case) is offered: it is what the user meant.
 */
export function suggest(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const normalize = options.normalize ?? ((name: string) => name.toLowerCase());
  const wanted = normalize(word);
  const scored: Array<[number, string]> = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const d = closeness(wanted, normalize(candidate));
    if (d !== undefined) scored.push([d, candidate]);
  }
  return bestOf(scored, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The best `most` of scored names, best first, ties by `tie`; for a caller with its own candidates (vault-index). */
export function bestOf<T>(scored: Array<[number, T]>, tie: (a: T, b: T) => number): T[] {
  return scored
    .sort((a, b) => a[0] - b[0] || tie(a[1], b[1]))
    .slice(0, most)
    .map(([, item]) => item);
}
