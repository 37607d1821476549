/**
 * A guard in front of the parser. micromark is super-linear on two shapes no real document has: deep container
 * nesting (10,000 nested quotes overflow the stack; 400 nested list levels take seconds) and very long lines of
 * inline markup (a 500 KB line of emphasis and links takes a minute). Such a file is reported instead of parsed.
 *
 * In: `'>'.repeat(10_000) + ' x'` → `{ line: 1, reason: 'nesting', size: 10000 }`
 */

/** Container levels we accept: far beyond real documents, well below where parsing time explodes. */
export const maxNestingDepth = 50;
/** Characters on one line we accept: a long table row is a few thousand. */
export const maxLineLength = 20_000;

export interface Unparseable {
  line: number;
  reason: 'nesting' | 'line-length';
  /** Nesting depth, or line length in characters. */
  size: number;
}

/**
 * The first line nested deeper than `maxNestingDepth` (`>` and list markers count one level, four columns of
 * indent one) or longer than `maxLineLength`.
 */
export function findUnparseable(text: string): Unparseable | undefined {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    let depth = 0;
    let indent = 0;
    scan: while (i < n) {
      const c = text.charCodeAt(i);
      switch (c) {
        case 32:
          indent++;
          i++;
          break;
        case 9:
          indent += 4;
          i++;
          break;
        case 62: // > and its optional space
          depth++;
          i += text.charCodeAt(i + 1) === 32 ? 2 : 1;
          break;
        case 42: // *
        case 43: // +
        case 45: {
          // -
          const next = text.charCodeAt(i + 1);
          if (next !== 32 && next !== 9) break scan;
          depth++;
          i += 2;
          break;
        }
        default: {
          if (c < 48 || c > 57) break scan;
          let j = i;
          while (j < n && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
          const marker = text.charCodeAt(j);
          const space = text.charCodeAt(j + 1);
          if ((marker !== 46 && marker !== 41) || (space !== 32 && space !== 9)) break scan;
          depth++;
          i = j + 2;
        }
      }
    }
    const total = depth + Math.floor(indent / 4);
    if (total > maxNestingDepth) return { line, reason: 'nesting', size: total };
    const newline = text.indexOf('\n', i);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd - lineStart > maxLineLength) return { line, reason: 'line-length', size: lineEnd - lineStart };
    if (newline === -1) break;
    i = newline + 1;
    line++;
  }
  return undefined;
}
