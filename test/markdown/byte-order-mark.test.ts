/**
 * A file saved with a byte order mark reports the positions an editor shows (the mark is no column) on every line,
 * and quotes the source it points at: both parsers count after the mark, the file's line index counts it.
 */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { checkFiles } from '../helpers/check-files.ts';

describe('positions after a byte order mark', () => {
  it.each<[string, string, string[]]>([
    ['a link on line 1', '\ufeffSee [[x]].\n', ['1:5-1:10 Unresolved wikilink [[x]]: no file `x` in the vault']],
    ['links on a later line', '\ufeff# T\n\nSee [[x]] and [[y]].\n', ['3:5-3:10 Unresolved wikilink [[x]]', '3:15-3:20 Unresolved wikilink [[y]]']],
    ['with CRLF', '\ufeff# T\r\n\r\n- [[x]]\r\n', ['3:3-3:8 Unresolved wikilink [[x]]']],
  ])('%s', async (_, text, expected) => {
    const found = (await checkFiles({ 'a.md': text })).filter((d) => d.rule === 'broken-link');
    expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`)).toHaveLength(expected.length);
    found.forEach((d, i) => expect(`${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`).toContain(expected[i]));
  });

  it('maps offsets and editor columns both ways', () => {
    const lines = lineIndex('\ufeffab\ncd');
    expect([0, 1, 2, 4].map((offset) => lines.point(offset))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 1, column: 1, offset: 1 },
      { line: 1, column: 2, offset: 2 },
      { line: 2, column: 1, offset: 4 },
    ]);
    expect([lines.offset(1, 1), lines.offset(1, 2), lines.offset(2, 2)]).toEqual([1, 2, 5]);
  });
});
