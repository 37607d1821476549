import { describe, expect, test } from 'vitest';
import { formatResult, formatNames, isFormatName, type FormatName, type FormatOptions } from '../../src/diagnostics/format.ts';
import { formatCodequality } from '../../src/diagnostics/format-codequality.ts';
import { formatGithub } from '../../src/diagnostics/format-github.ts';
import { formatJson } from '../../src/diagnostics/format-json.ts';
import { formatSarif } from '../../src/diagnostics/format-sarif.ts';
import { formatStylish } from '../../src/diagnostics/format-stylish.ts';
import { sample } from './sample.ts';

const options: FormatOptions = { color: false, pathPrefix: 'content/', version: '0.1.0', rules: [] };

describe('isFormatName', () => {
  test.each([
    ['stylish', true],
    ['json', true],
    ['github', true],
    ['sarif', true],
    ['codequality', true],
    ['Stylish', false],
    ['junit', false],
    ['', false],
    ['toString', false],
  ])('%j → %s', (name, expected) => {
    expect(isFormatName(name)).toBe(expected);
  });
});

describe('formatResult', () => {
  const cases: Array<[FormatName, string]> = [
    ['stylish', formatStylish(sample, options)],
    ['json', formatJson(sample)],
    ['github', formatGithub(sample, options)],
    ['sarif', formatSarif(sample, options)],
    ['codequality', formatCodequality(sample, options)],
  ];
  test('covers every format name', () => {
    expect(cases.map(([name]) => name)).toEqual([...formatNames]);
  });
  test.each(cases)('%s dispatches to its formatter', (name, expected) => {
    expect(formatResult(name, sample, options)).toBe(expected);
  });
});
