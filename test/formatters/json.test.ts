import { describe, expect, test } from 'vitest';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { formatJson } from '../../src/diagnostics/format-json.ts';
import { clean, sample } from './sample.ts';

const cases: Array<[name: string, result: CheckResult, expected: unknown]> = [
  [
    'every severity; hint and suggestions only where present; no fix',
    sample,
    {
      version: 1,
      files: 120,
      diagnostics: [
        {
          rule: 'broken-link',
          severity: 'error',
          file: 'notes/a.md',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 14,
          message: 'Unresolved wikilink [[Alpah]]',
          hint: 'Create the note or fix the link',
          suggestions: ['Alpha', 'Alphabet'],
        },
        {
          rule: 'heading-increment',
          severity: 'warning',
          file: 'notes/a.md',
          line: 12,
          column: 1,
          endLine: 12,
          endColumn: 20,
          message: 'Heading level jumps from 1 to 3',
        },
        {
          rule: 'missing-summary',
          severity: 'info',
          file: 'runs/2024-05-01 run.md',
          line: 1,
          column: 1,
          endLine: 4,
          endColumn: 4,
          message: 'Run has no summary',
        },
      ],
      summary: { errors: 1, warnings: 1, infos: 1 },
    },
  ],
  ['no problems', clean, { version: 1, files: 120, diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0 } }],
];

describe('formatJson', () => {
  test.each(cases)('%s', (_name, result, expected) => {
    const out = formatJson(result);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd()).not.toContain('\n');
    const parsed: unknown = JSON.parse(out);
    expect(parsed).toStrictEqual(expected);
    // toStrictEqual ignores key order; the contract does not.
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(expected));
  });

  test('keeps the order it is given', () => {
    const reversed = { ...sample, diagnostics: [...sample.diagnostics].reverse() };
    const parsed = JSON.parse(formatJson(reversed)) as { diagnostics: Array<{ rule: string }> };
    expect(parsed.diagnostics.map((d) => d.rule)).toEqual(['missing-summary', 'heading-increment', 'broken-link']);
  });
});
