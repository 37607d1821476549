/** Shipshape's 1-based columns ↔ LSP's 0-based characters, and offsets ↔ positions, with CRLF, a lone CR, a BOM and astral characters. */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { offsetAt, positionAt, textPositions, toRange } from '../../src/lsp/positions.ts';

describe('positions', () => {
  it('turns a diagnostic into a 0-based range', () => {
    expect(toRange({ line: 3, column: 5, endLine: 3, endColumn: 9 })).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
  });

  const cases: Array<[string, number, { line: number; character: number }]> = [
    ['a\nbc', 3, { line: 1, character: 1 }],
    ['a\r\nbc', 4, { line: 1, character: 1 }],
    ['a\rbc', 3, { line: 1, character: 1 }],
    // UTF-16 code units: 😀 is two.
    ['😀x', 2, { line: 0, character: 2 }],
    ['', 0, { line: 0, character: 0 }],
  ];
  it.each(cases)('offset in %j → position and back', (text, offset, position) => {
    expect(positionAt(text, offset)).toEqual(position);
    expect(offsetAt(text, position)).toBe(offset);
  });

  it('agrees with the check on where a span is, BOM included (the check does not count it)', () => {
    const text = '\uFEFF# T\r\nSee [[x]]\n';
    const span = lineIndex(text).span(text.indexOf('[['), text.indexOf(']]') + 2);
    const positions = textPositions(text);
    expect(positions.rangeOf(span.start.offset, span.end.offset)).toEqual(toRange(span));
    expect(positions.offsetAt({ line: 1, character: 4 })).toBe(text.indexOf('[['));
  });

  it('clamps positions past a line end or the text to the line end or the text end', () => {
    expect(offsetAt('ab\r\ncd', { line: 0, character: 99 })).toBe(2);
    expect(offsetAt('ab\ncd', { line: 9, character: 0 })).toBe(5);
  });
});
