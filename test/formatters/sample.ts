/** A small CheckResult that every formatter test renders: two files, one of each severity, one hint, suggestions, a fix. */
import type { CheckResult, Diagnostic } from '../../src/diagnostics/diagnostic.ts';

export const brokenLink: Diagnostic = {
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
  fix: { description: 'Replace with [[Alpha]]', edits: [{ start: 40, end: 49, text: '[[Alpha]]' }] },
};

export const headingJump: Diagnostic = {
  rule: 'heading-increment',
  severity: 'warning',
  file: 'notes/a.md',
  line: 12,
  column: 1,
  endLine: 12,
  endColumn: 20,
  message: 'Heading level jumps from 1 to 3',
};

export const missingSummary: Diagnostic = {
  rule: 'missing-summary',
  severity: 'info',
  file: 'runs/2024-05-01 run.md',
  line: 1,
  column: 1,
  endLine: 4,
  endColumn: 4,
  message: 'Run has no summary',
};

export const sample: CheckResult = {
  files: 120,
  diagnostics: [brokenLink, headingJump, missingSummary],
  contentDir: '/repo/content',
};

export const clean: CheckResult = { files: 120, diagnostics: [], contentDir: '/repo/content' };
