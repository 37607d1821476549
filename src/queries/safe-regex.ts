/**
 * Regular expressions from the vault's queries (Dataview's `regexmatch`, Bases' `/…/.matches()`, `replace`), run at
 * build time: one that can backtrack exponentially, a huge pattern or a huge input would hang the build, so they are
 * refused (the query gets null, the check says why) rather than run.
 *
 * In: `safeRegex('(a+)+$')` → undefined; `safeRegex('^ops-')` → /^ops-/
 */

/** Inputs longer than this are not matched. */
export const maxRegexInput = 10_000;
const maxPattern = 1_000;

/**
 * Whether `pattern` has a quantified group that itself holds a quantifier (`(a+)+`, `(\w*)*`, `(x{2,})+`): the shape
 * that backtracks exponentially. A heuristic, on the safe side: it refuses some patterns that would be fine.
 */
export function isCatastrophicRegex(pattern: string): boolean {
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if ('*+{'.includes(c) && groups.length) groups[groups.length - 1] = true;
    else if (c === ')') {
      const inner = groups.pop() ?? false;
      const next = pattern[i + 1];
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(pattern.slice(i + 1)) && !/^\{\d+\}/.test(pattern.slice(i + 1)));
      if (inner && repeated) return true;
      if (groups.length && inner) groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** A compiled regex when the pattern is valid and safe, else undefined. */
export function safeRegex(pattern: string, flags = ''): RegExp | undefined {
  if (pattern.length > maxPattern || isCatastrophicRegex(pattern)) return undefined;
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}
