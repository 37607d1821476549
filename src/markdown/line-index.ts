/**
 * Offset ↔ line/column for one text. Lines break at \n, \r\n and lone \r, as CommonMark and editors do,
 * so CRLF files report the same positions as LF files. A byte order mark is no column: editors hide it, so line 1
 * counts from the character after it (the mark itself is at 1:1, like that character).
 *
 * In: `lineIndex('a\r\nbc').point(4)` → Out: `{ line: 2, column: 2, offset: 4 }`
 */
import type { Point, Span } from '../diagnostics/diagnostic.ts';

export interface LineIndex {
  /** Offsets at which each line starts (index 0 = line 1). */
  readonly starts: readonly number[];
  point(offset: number): Point;
  span(start: number, end: number): Span;
  /** Offset of a 1-based line and column. */
  offset(line: number, column: number): number;
  /** The text of a 1-based line, without its line ending. */
  lineText(line: number): string;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const point = (offset: number): Point => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(1, clamped - starts[lo]! + 1 - (lo === 0 ? bom : 0)), offset: clamped };
  };
  return {
    starts,
    point,
    span: (start, end) => ({ start: point(start), end: point(end) }),
    offset: (line, column) => {
      const index = Math.max(0, Math.min(line - 1, starts.length - 1));
      return Math.min(starts[index]! + column - 1 + (index === 0 ? bom : 0), text.length);
    },
    lineText: (line) => {
      const start = starts[line - 1];
      if (start === undefined) return '';
      const next = starts[line] ?? text.length;
      return text.slice(start, next).replace(/\r?\n$|\r$/, '');
    },
  };
}
