import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { formatStylish } from '../../src/diagnostics/format-stylish.ts';
import { brokenLink, clean, headingJump, missingSummary, sample } from './sample.ts';

const cases: Array<[name: string, result: CheckResult, expected: string]> = [
  [
    'two files, every severity, hint and suggestions',
    sample,
    `notes/a.md
  3:5   error    Unresolved wikilink [[Alpah]]    broken-link
                 ↳ Create the note or fix the link
                 ↳ did you mean Alpha, Alphabet?
  12:1  warning  Heading level jumps from 1 to 3  heading-increment

runs/2024-05-01 run.md
  1:1  info  Run has no summary  missing-summary

✖ 1 error, 1 warning, 1 info in 2 files (120 files checked)
`,
  ],
  ['no problems', clean, '✔ 120 files checked, no problems\n'],
  ['one file checked', { ...clean, files: 1 }, '✔ 1 file checked, no problems\n'],
  [
    'warnings only',
    { ...sample, diagnostics: [headingJump, { ...headingJump, line: 14 }] },
    `notes/a.md
  12:1  warning  Heading level jumps from 1 to 3  heading-increment
  14:1  warning  Heading level jumps from 1 to 3  heading-increment

✖ 2 warnings in 1 file (120 files checked)
`,
  ],
  [
    'infos only',
    { ...sample, diagnostics: [missingSummary] },
    `runs/2024-05-01 run.md
  1:1  info  Run has no summary  missing-summary

ℹ 1 info in 1 file (120 files checked)
`,
  ],
  [
    'line breaks in a message do not break the table',
    { ...sample, diagnostics: [{ ...brokenLink, message: 'first\nsecond', hint: undefined, suggestions: undefined }] },
    `notes/a.md
  3:5  error  first second  broken-link

✖ 1 error in 1 file (120 files checked)
`,
  ],
];

describe('formatStylish', () => {
  test.each(cases)('%s, without colour', (_name, result, expected) => {
    const out = formatStylish(result, { color: false });
    expect(out).toBe(expected);
    expect(out).not.toContain('\x1b');
  });

  test.each(cases)('%s, with colour: same text once the styles are removed', (_name, result, expected) => {
    expect(stripVTControlCharacters(formatStylish(result, { color: true }))).toBe(expected);
  });

  test('file headers carry the path prefix, so a terminal can open them', () => {
    const headers = formatStylish(sample, { color: false, pathPrefix: 'content/' })
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith(' ') && !/^[✖✔ℹ]/.test(line));
    expect(headers.length).toBeGreaterThan(0);
    for (const header of headers) expect(header).toMatch(/^content\//);
  });

  test('colours severity, dims position and rule, underlines the file', () => {
    const out = formatStylish(sample, { color: true });
    const [header, row] = out.split('\n');
    expect(header).toBe('\x1b[4mnotes/a.md\x1b[24m');
    expect(row).toBe(
      '  \x1b[2m3:5 \x1b[22m  \x1b[31merror  \x1b[39m  Unresolved wikilink [[Alpah]]    \x1b[2mbroken-link\x1b[22m',
    );
    expect(out).toContain('\x1b[33mwarning\x1b[39m');
    expect(out).toContain('\x1b[34minfo\x1b[39m');
    expect(out).toContain('\x1b[31m\x1b[1m✖ 1 error, 1 warning, 1 info in 2 files\x1b[22m\x1b[39m (120 files checked)');
  });
});
