import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { fingerprints, offendingText, repositoryPath, withoutLineNumbers } from '../../src/diagnostics/format-fingerprint.ts';
import { brokenLink, headingJump } from './sample.ts';

const one = (d: Diagnostic, prefix = 'content/'): string => fingerprints([d], prefix)[0]!;

describe('fingerprints', () => {
  const quoting = (line: number): Diagnostic => ({ ...brokenLink, message: `Unresolved wikilink [[Alpah]] (opened at line ${line})` });
  test.each<[name: string, original: Diagnostic, changed: Diagnostic, prefix: string]>([
    ['lines added above', brokenLink, { ...brokenLink, line: 30, endLine: 30 }, 'content/'],
    ['the column moved', brokenLink, { ...brokenLink, column: 1, endColumn: 10 }, 'content/'],
    ['the severity changed', brokenLink, { ...brokenLink, severity: 'warning' }, 'content/'],
    ['a hint or suggestions changed', brokenLink, { ...brokenLink, hint: 'other', suggestions: [] }, 'content/'],
    ['a line number quoted in the message moved', quoting(2), quoting(9), 'content/'],
    ['the same prefix spelled ./content', brokenLink, brokenLink, './content'],
  ])('stable when %s', (_name, original, changed, prefix) => {
    expect(one(changed, prefix)).toBe(one(original));
  });

  test.each<[name: string, changed: Diagnostic, prefix: string]>([
    ['another rule', { ...brokenLink, rule: 'embed' }, 'content/'],
    ['another file', { ...brokenLink, file: 'notes/b.md' }, 'content/'],
    ['another content dir', brokenLink, 'docs/'],
    ['another offending text', { ...brokenLink, message: 'Unresolved wikilink [[Beta]]' }, 'content/'],
  ])('changes for %s', (_name, changed, prefix) => {
    expect(one(changed, prefix)).not.toBe(one(brokenLink));
  });

  test('identical problems in one file are told apart by rank, and the rank ignores other problems', () => {
    const twice = fingerprints([brokenLink, headingJump, { ...brokenLink, line: 40, endLine: 40 }], '');
    expect(new Set(twice).size).toBe(3);
    expect(fingerprints([brokenLink, { ...brokenLink, line: 40, endLine: 40 }], '')).toEqual([twice[0], twice[2]]);
  });

  test('64 hex digits (SHA-256)', () => {
    expect(one(brokenLink)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('with the offending text (the CLI reads the files)', () => {
  // brokenLink is at 3:5–3:14: `[[Alpah]]` on the third line.
  const before = 'title: A\n\nSee [[Alpah]] now.\n';
  const read = (text: string) => (file: string) => (file === brokenLink.file ? text : undefined);
  const at = (line: number): Diagnostic => ({ ...brokenLink, line, endLine: line });

  test.each<[name: string, text: string, d: Diagnostic, same: boolean]>([
    ['lines added above, same text', '\n\n\n' + before, at(6), true],
    ['the rest of the line edited', before.replace('now.', 'later, maybe.'), brokenLink, true],
    ['the offending text itself changed', before.replace('[[Alpah]]', '[[Alpha]'), brokenLink, false],
  ])('%s → same fingerprint: %s', (_name, text, d, same) => {
    const a = fingerprints([brokenLink], 'content/', read(before))[0];
    const b = fingerprints([d], 'content/', read(text))[0];
    expect(a === b).toBe(same);
  });

  test('a BOM is no column: a problem on the first line hashes the same text as without one', () => {
    const first: Diagnostic = { ...brokenLink, line: 1, endLine: 1 };
    const line = 'See [[Alpah]] now.\n';
    expect(fingerprints([first], 'content/', read(`\uFEFF${line}`))).toEqual(fingerprints([first], 'content/', read(line)));
  });

  test('a file that cannot be read: the message alone, as without a reader', () => {
    expect(fingerprints([brokenLink], 'content/', () => undefined)).toEqual(fingerprints([brokenLink], 'content/'));
  });

  test('two identical messages told apart by their text, whatever their order', () => {
    const text = 'x\ny\n# One\n# Two\n';
    const one: Diagnostic = { ...headingJump, line: 3, endLine: 3, column: 1, endColumn: 6 };
    const two: Diagnostic = { ...one, line: 4, endLine: 4 };
    const read = () => text;
    const [a, b] = fingerprints([one, two], '', read);
    expect(fingerprints([two, one], '', read)).toEqual([b, a]);
  });
});

describe('helpers', () => {
  test.each([
    ['See [[Alpah]] now.', 1, 5, 1, 14, '[[Alpah]]'],
    ['a\r\n  two   words  \r\nc', 2, 1, 2, 15, 'two words'],
    ['title: x\nnext: y', 1, 8, 2, 3, 'x'],
    ['short', 4, 1, 4, 2, ''],
  ])('offendingText(%j, %i:%i–%i:%i) → %j', (text, line, column, endLine, endColumn, expected) => {
    expect(offendingText(text, { line, column, endLine, endColumn })).toBe(expected);
  });

  test.each([
    ['content/', 'a.md', 'content/a.md'],
    ['content', 'a.md', 'content/a.md'],
    ['./docs/kb/', 'x/a.md', 'docs/kb/x/a.md'],
    ['.', 'a.md', 'a.md'],
    ['', 'a.md', 'a.md'],
    ['docs\\kb', 'a.md', 'docs/kb/a.md'],
  ])('repositoryPath(%j, %j) → %j', (prefix, file, expected) => {
    expect(repositoryPath(prefix, file)).toBe(expected);
  });

  test.each([
    ['this code block (opened at line 1) runs on to line 10', 'this code block (opened at line #) runs on to line #'],
    ['hidden: lines 3–12', 'hidden: lines #'],
    ['Heading level jumps from 1 to 3', 'Heading level jumps from 1 to 3'],
    ['  two\n lines ', 'two lines'],
  ])('withoutLineNumbers(%j) → %j', (message, expected) => {
    expect(withoutLineNumbers(message)).toBe(expected);
  });
});
