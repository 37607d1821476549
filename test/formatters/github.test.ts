import { describe, expect, test } from 'vitest';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { escapeData, escapeProperty, formatGithub } from '../../src/diagnostics/format-github.ts';
import { brokenLink, clean, headingJump, sample } from './sample.ts';

const only = (...diagnostics: CheckResult['diagnostics']): CheckResult => ({ ...sample, diagnostics });

const cases: Array<[name: string, result: CheckResult, pathPrefix: string, expected: string]> = [
  [
    'every severity, hint after a dash',
    sample,
    'content/',
    '::error file=content/notes/a.md,line=3,col=5,endLine=3,endColumn=14,title=broken-link::Unresolved wikilink [[Alpah]] — Create the note or fix the link (did you mean Alpha, Alphabet?)\n' +
      '::warning file=content/notes/a.md,line=12,col=1,endLine=12,endColumn=20,title=heading-increment::Heading level jumps from 1 to 3\n' +
      '::notice file=content/runs/2024-05-01 run.md,line=1,col=1,endLine=4,endColumn=4,title=missing-summary::Run has no summary\n',
  ],
  ['no problems: no output', clean, 'content/', ''],
  [
    'prefix without trailing slash',
    only(headingJump),
    'docs/content',
    '::warning file=docs/content/notes/a.md,line=12,col=1,endLine=12,endColumn=20,title=heading-increment::Heading level jumps from 1 to 3\n',
  ],
  [
    'empty prefix: the content dir is the repository root',
    only(headingJump),
    '',
    '::warning file=notes/a.md,line=12,col=1,endLine=12,endColumn=20,title=heading-increment::Heading level jumps from 1 to 3\n',
  ],
  [
    '% and line breaks in the message',
    only({ ...headingJump, message: '100% done\r\nnext line' }),
    '',
    '::warning file=notes/a.md,line=12,col=1,endLine=12,endColumn=20,title=heading-increment::100%25 done%0D%0Anext line\n',
  ],
  [
    ': and , in the file path, % in the hint',
    only({ ...brokenLink, file: 'a: b, c%.md' }),
    'content/',
    '::error file=content/a%3A b%2C c%25.md,line=3,col=5,endLine=3,endColumn=14,title=broken-link::Unresolved wikilink [[Alpah]] — Create the note or fix the link (did you mean Alpha, Alphabet?)\n',
  ],
  [
    ': and , in the message stay as they are',
    only({ ...headingJump, message: 'Expected: a, b' }),
    '',
    '::warning file=notes/a.md,line=12,col=1,endLine=12,endColumn=20,title=heading-increment::Expected: a, b\n',
  ],
];

describe('formatGithub', () => {
  test.each(cases)('%s', (_name, result, pathPrefix, expected) => {
    expect(formatGithub(result, { pathPrefix })).toBe(expected);
  });
});

describe('escaping', () => {
  test.each([
    ['plain', 'plain', 'plain'],
    ['%', '%25', '%25'],
    ['%0A', '%250A', '%250A'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
  ])('%j → data %j, property %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });
});
