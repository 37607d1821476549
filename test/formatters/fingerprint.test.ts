import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { fingerprints, repositoryPath, withoutLineNumbers } from '../../src/diagnostics/format-fingerprint.ts';
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

describe('helpers', () => {
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
