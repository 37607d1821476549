/**
 * The one place where Shipshape's positions meet LSP's. Shipshape counts 1-based lines and columns in UTF-16 code
 * units (src/markdown/line-index.ts: lines break at \n, \r\n and a lone \r, and a byte order mark is no column);
 * LSP counts 0-based lines and characters in UTF-16 code units (its default `positionEncoding`, the only one this
 * server offers). So a column is a character plus one, and offsets (a fix's edits) go through the same line index
 * the check used, which keeps CRLF files and a BOM placed as the check places them.
 *
 * In: `toRange({ line: 3, column: 5, endLine: 3, endColumn: 9 })` → `{ start: { line: 2, character: 4 }, end: { line: 2, character: 8 } }`
 * In: `offsetAt('a\r\nbc', { line: 1, character: 1 })` → 4; `positionAt('a\r\nbc', 4)` → `{ line: 1, character: 1 }`
 */
import type { Position, Range } from 'vscode-languageserver';
import type { Diagnostic, Point, Span } from '../diagnostics/diagnostic.ts';
import { lineIndex, type LineIndex } from '../markdown/line-index.ts';

/** A 1-based Shipshape point (line, column) → an LSP position. */
function toPosition(point: Pick<Point, 'line' | 'column'>): Position {
  return { line: Math.max(0, point.line - 1), character: Math.max(0, point.column - 1) };
}

/** A diagnostic's place, or a span, → an LSP range. */
export function toRange(place: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> | Span): Range {
  if ('start' in place) return { start: toPosition(place.start), end: toPosition(place.end) };
  return { start: toPosition(place), end: toPosition({ line: place.endLine, column: place.endColumn }) };
}

/**
 * Converts between offsets into one text and LSP positions, with that text's line index built once (a code action
 * turning many edits into TextEdits asks many times).
 */
export interface TextPositions {
  readonly index: LineIndex;
  positionAt(offset: number): Position;
  /** Clamped to the text: a position past a line's end is that line's end, past the last line the text's end. */
  offsetAt(position: Position): number;
  rangeOf(start: number, end: number): Range;
}

export function textPositions(text: string): TextPositions {
  const index = lineIndex(text);
  const positionAt = (offset: number) => toPosition(index.point(offset));
  return {
    index,
    positionAt,
    offsetAt: (position) => {
      if (position.line >= index.starts.length) return text.length;
      const line = Math.max(0, position.line);
      const lineEnd = line + 1 < index.starts.length ? index.starts[line + 1]! - lineBreakLength(text, index.starts[line + 1]!) : text.length;
      return Math.min(index.offset(line + 1, Math.max(0, position.character) + 1), lineEnd);
    },
    rangeOf: (start, end) => ({ start: positionAt(start), end: positionAt(end) }),
  };
}

/** The length of the line break that ends just before `next` (the start of the following line). */
function lineBreakLength(text: string, next: number): number {
  return text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? 2 : 1;
}

export const positionAt = (text: string, offset: number): Position => textPositions(text).positionAt(offset);
export const offsetAt = (text: string, position: Position): number => textPositions(text).offsetAt(position);
