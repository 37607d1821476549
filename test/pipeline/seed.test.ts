/**
 * The seed document — the user's own `deployment-strategy.md`, copied byte for byte to `test/fixtures/seed/` — through
 * the whole pipeline with the default config. Every diagnostic is pinned with the text it points at, and each one
 * is a real defect of the page; a new one, a lost one or a moved one fails here.
 *
 * In: `checkVault` over `test/fixtures/seed/` → `encoding 10:4 ‹üìã›`, …, `templater-placeholder 263:16 ‹<% … %>›`
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { summarize, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { lineIndex } from '../../src/markdown/line-index.ts';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';

const repoRoot = join(import.meta.dirname, '../..');
const seedDir = join(repoRoot, 'test/fixtures/seed');
const seedPath = join(seedDir, 'deployment-strategy.md');

/** `📋` (F0 9F 93 8B) read as Mac OS Roman: the F0 byte became the Apple logo, U+F8FF. */
const garbled = (macRoman: string): string => `\uF8FF${macRoman}`;
const dateCommand = '<% tp.date.now("YYYY-MM-DD") %>';

/** Every diagnostic, in order, as `rule line:column` and the text of the file its span covers. */
const expected: Array<[place: string, text: string]> = [
  ['templater-placeholder 3:10', dateCommand], // created: never run through Templater
  ['templater-placeholder 4:10', dateCommand], // updated: likewise
  ['encoding 10:4', garbled('üìã')], // ## 📋 Overview
  ['encoding 13:4', garbled('üéØ')], // ## 🎯 Deployment Framework
  ['code-fence 22:1', '```text'], // closes nothing: the diagram runs on to the list item's ``` on line 38
  ['mermaid-syntax 24:5', 'Strategy Architecture'], // `### Strategy Architecture`, swallowed into the diagram
  ['encoding 46:4', garbled('üöÄ')], // ## 🚀 Deployment Planning
  ['code-block-syntax 68:6', '"deployment_plan"'], // the plan names no `strategy`, which the deployment-plan model requires
  ['encoding 82:4', garbled('üîÑ')], // ## 🔄 Deployment Process
  ['encoding 110:4', garbled('üì¶')], // ## 📦 Release Management
  ['encoding 138:4', garbled('üåê')], // ## 🌐 Environment Management
  ['encoding 166:4', garbled('üîç')], // ## 🔍 Deployment Validation
  ['encoding 194:4', garbled('üõ†')], // ## 🛠 Deployment Tools
  ['encoding 222:4', garbled('üìà')], // ## 📈 Deployment Monitoring
  ['encoding 250:4', garbled('üìù')], // ## 📝 Related Documentation
  ['broken-link 251:3', '[[infrastructure-architecture]]'], // the vault holds this one file only
  ['broken-link 252:3', '[[release-management]]'],
  ['broken-link 253:3', '[[environment-setup]]'],
  ['broken-link 254:3', '[[deployment-automation]]'],
  ['encoding 256:4', garbled('üîÑ')], // ## 🔄 Change Log
  ['placeholder-text 259:3', 'YYYY-MM-DD'], // the template's example change-log row
  ['placeholder-text 259:60', 'Name'],
  ['templater-placeholder 263:16', dateCommand], // *Last updated: …*
];

describe('the seed document through checkVault', () => {
  let check: CheckResult;
  let text: string;
  beforeAll(async () => {
    text = readFileSync(seedPath, 'utf8');
    const config = await loadConfig({ cwd: repoRoot, content: seedDir });
    check = await checkVault({ config, cacheDir: false, now: new Date('2026-11-27T00:00:00Z') });
  }, 60_000);

  test('the fixture is the user’s original, byte for byte', () => {
    const bytes = readFileSync(seedPath);
    expect(bytes.length).toBe(5678);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('71c6e49a007e585266630f38004f7458215299e50a0173575de975f03a76d05f');
  });

  test('the vault is that one file', () => {
    expect(check.files).toBe(1);
    expect(new Set(check.diagnostics.map((d) => d.file))).toStrictEqual(new Set(['deployment-strategy.md']));
  });

  test('every diagnostic, in order, at the text it is about', () => {
    const lines = lineIndex(text);
    const at = (d: Diagnostic) => text.slice(lines.offset(d.line, d.column), lines.offset(d.endLine, d.endColumn));
    expect(check.diagnostics.map((d) => [`${d.rule} ${d.line}:${d.column}`, at(d)])).toStrictEqual(expected);
  });

  test('severities: the placeholders of the change-log row warn, everything else fails the check', () => {
    expect(summarize(check.diagnostics)).toStrictEqual({ errors: 21, warnings: 2, infos: 0 });
    expect(check.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.rule)).toStrictEqual(['placeholder-text', 'placeholder-text']);
  });

  test('mojibake and the ```text closer carry a fix (Templater dates are filled in by the CLI, from git); the rest needs an author', () => {
    const fixable = check.diagnostics.filter((d) => d.fix !== undefined).map((d) => `${d.rule} ${d.line}:${d.column}`);
    expect(fixable).toStrictEqual(
      expected.map(([place]) => place).filter((place) => place.startsWith('encoding') || place.startsWith('code-fence')),
    );
    expect(check.diagnostics.find((d) => d.rule === 'encoding')!.fix!.edits).toStrictEqual([
      { start: expect.any(Number), end: expect.any(Number), text: '📋' },
    ]);
  });
});
