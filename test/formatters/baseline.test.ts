/** What each formatter makes of a result matched against a baseline: known problems marked, or hidden with a count. */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { formatCodequality } from '../../src/diagnostics/format-codequality.ts';
import { formatGithub } from '../../src/diagnostics/format-github.ts';
import { formatJson } from '../../src/diagnostics/format-json.ts';
import { formatSarif } from '../../src/diagnostics/format-sarif.ts';
import { formatStylish } from '../../src/diagnostics/format-stylish.ts';
import { brokenLink, headingJump, missingSummary } from './sample.ts';

const matched: CheckResult = {
  files: 3021,
  diagnostics: [
    { ...brokenLink, baseline: 'unchanged' },
    { ...headingJump, baseline: 'new' },
    { ...missingSummary, baseline: 'unchanged' },
  ],
  contentDir: '/repo/content',
  baseline: { file: 'shipshape-baseline.json', unchanged: 13230, new: 1, fixed: 41 },
};

const allKnown: CheckResult = {
  ...matched,
  diagnostics: matched.diagnostics.map((d) => ({ ...d, baseline: 'unchanged' as const })),
  baseline: { file: 'shipshape-baseline.json', unchanged: 13231, new: 0, fixed: 1 },
};

describe('formatters with a baseline', () => {
  it('stylish lists the new problems only, then the counts', () => {
    expect(formatStylish(matched, { color: false })).toBe(
      [
        'notes/a.md',
        '  12:1  warning  Heading level jumps from 1 to 3  heading-increment',
        '',
        '✖ 1 warning in 1 file (3021 files checked)',
        '13,230 known problems (baseline), 1 new',
        '41 baseline entries are fixed — run --baseline-prune',
        '',
      ].join('\n'),
    );
    expect(formatStylish(allKnown, { color: false })).toBe(
      '✔ 3021 files checked, no new problems\n13,231 known problems (baseline), 0 new\n1 baseline entry is fixed — run --baseline-prune\n',
    );
  });

  it('json marks each diagnostic and adds the counts', () => {
    const out = JSON.parse(formatJson(matched)) as { diagnostics: Array<{ baseline: string }>; baseline: unknown; summary: unknown };
    expect(out.diagnostics.map((d) => d.baseline)).toEqual(['unchanged', 'new', 'unchanged']);
    expect(out.baseline).toEqual({ file: 'shipshape-baseline.json', unchanged: 13230, new: 1, fixed: 41 });
    expect(out.summary).toEqual({ errors: 1, warnings: 1, infos: 1 });
  });

  it('sarif sets baselineState', () => {
    const log = JSON.parse(formatSarif(matched, { version: '1.0.0', rules: [], pathPrefix: 'content/' })) as { runs: Array<{ results: Array<{ baselineState?: string }> }> };
    expect(log.runs[0]!.results.map((r) => r.baselineState)).toEqual(['unchanged', 'new', 'unchanged']);
  });

  it('github annotates the new problems, and one notice counts the known', () => {
    expect(formatGithub(matched, { pathPrefix: 'content/' })).toBe(
      '::warning file=content/notes/a.md,line=12,col=1,endLine=12,endColumn=20,title=heading-increment::Heading level jumps from 1 to 3\n' +
        '::notice title=shipshape baseline::13,230 known problems (baseline), 1 new; 41 baseline entries are fixed — run --baseline-prune\n',
    );
  });

  it('codequality lists every problem (GitLab compares branches itself)', () => {
    expect(JSON.parse(formatCodequality(matched, { pathPrefix: 'content/' }))).toHaveLength(3);
  });

  it('without a baseline nothing changes', () => {
    const plain: CheckResult = { files: 1, diagnostics: [brokenLink], contentDir: '/repo/content' };
    expect(formatJson(plain)).not.toContain('baseline');
    expect(formatSarif(plain, { version: '1', rules: [], pathPrefix: '' })).not.toContain('baselineState');
    expect(formatStylish(plain, { color: false })).not.toContain('baseline');
  });
});
