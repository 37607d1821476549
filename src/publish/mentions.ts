/**
 * Whether a text names any of a set of names (paths, titles, aliases), ignoring case, as whole words: a message on
 * the docs health page that names a doc that is not published must not be shown as it is. Names are bucketed by
 * their first three characters, so a text costs one lookup per character however many names there are (a vault
 * published with `site.publish: "explicit"` may leave thousands of docs out).
 *
 * In: `mentionsAny(['private/db-passwords', 'DB passwords'])('Unresolved heading #Root in private/db-passwords.md')` → true
 * In: same, `'See the passwords page'` → false
 */
import { foldName } from '../vault/vault-path.ts';

const wordChar = /[\p{L}\p{N}]/u;

export function mentionsAny(names: Iterable<string>): (text: string | undefined) => boolean {
  const buckets = new Map<string, string[]>();
  for (const raw of names) {
    const name = foldName(raw.trim());
    if (name === '') continue;
    const key = name.slice(0, 3);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(name);
    else buckets.set(key, [name]);
  }
  const short = [...buckets.keys()].filter((key) => key.length < 3);
  const bounded = (text: string, at: number, name: string): boolean => {
    const before = text[at - 1];
    const after = text[at + name.length];
    return (
      (before === undefined || !wordChar.test(before) || !wordChar.test(name[0]!)) &&
      (after === undefined || !wordChar.test(after) || !wordChar.test(name[name.length - 1]!))
    );
  };
  return (text) => {
    if (!text || buckets.size === 0) return false;
    const lower = foldName(text);
    const found = (at: number, key: string) => buckets.get(key)?.some((name) => lower.startsWith(name, at) && bounded(lower, at, name)) === true;
    for (let at = 0; at < lower.length; at++) {
      if (found(at, lower.slice(at, at + 3)) || short.some((key) => found(at, key))) return true;
    }
    return false;
  };
}
