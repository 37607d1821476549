/**
 * A query's text with where each of its lines starts in the file: a ```` ```base ```` or ```` ```dataview ```` block
 * (its lines may carry a list item's indentation or a quote's `>`), an inline query, or a whole `.base` file. Kept in
 * the doc's facts, so the cross-file pass places a problem found at an offset of the text without the file's tree.
 *
 * In: `placeInFile({ text: 'LIST\nWHER x', starts: [{ line: 5, column: 3, offset: 40 }, { line: 6, column: 3, offset: 47 }] }, 5, 9)`
 * Out: `{ start: { line: 6, column: 3, offset: 47 }, end: { line: 6, column: 7, offset: 51 } }`
 */
import type { Point, Span } from '../diagnostics/diagnostic.ts';

export interface QueryText {
  readonly text: string;
  /** The file point of each line's first character in `text`. */
  readonly starts: readonly Point[];
}

/** The lines of a text that starts at the file's beginning (a `.base` file). */
export function wholeFileText(text: string): QueryText {
  const starts: Point[] = [{ line: 1, column: 1, offset: 0 }];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push({ line: starts.length + 1, column: 1, offset: match.index + match[0].length });
  return { text, starts };
}

/** The file point of an offset of the text. */
function pointInFile(query: QueryText, offset: number): Point {
  const clamped = Math.max(0, Math.min(offset, query.text.length));
  let line = 0;
  let lineStart = 0;
  for (const match of query.text.matchAll(/\r\n|\r|\n/g)) {
    const next = match.index + match[0].length;
    if (next > clamped) break;
    line++;
    lineStart = next;
  }
  const start = query.starts[Math.min(line, query.starts.length - 1)]!;
  const column = clamped - lineStart;
  return { line: start.line, column: start.column + column, offset: start.offset + column };
}

/** The file span of offsets `start`–`end` of the text; an empty one is widened to one character where there is one. */
export function placeInFile(query: QueryText, start: number, end: number): Span {
  const to = end > start ? end : Math.min(start + 1, query.text.length);
  return { start: pointInFile(query, start), end: pointInFile(query, Math.max(to, start)) };
}
