/**
 * The code-fence fix on a copy of the seed doc (`test/fixtures/seed/deployment-strategy.md`), whose diagram is
 * closed with ```` ```text ```` and swallows the next section. (Every diagnostic of that doc is pinned in
 * test/pipeline/seed.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/diagnostics/diagnostic.ts';
import { codeFence } from '../../src/rules/code-fence.ts';
import { mermaidSyntax } from '../../src/rules/mermaid-syntax.ts';
import { runFileRule } from '../helpers/run-rule.ts';

const seed = readFileSync(new URL('../fixtures/seed/deployment-strategy.md', import.meta.url), 'utf8');

const applyFixes = (text: string, reports: readonly Report[]): string =>
  reports
    .flatMap((r) => r.fix?.edits ?? [])
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('the seed doc', () => {
  it('the code-fence fix closes the diagram, which then parses', async () => {
    const fixed = applyFixes(seed, await runFileRule(codeFence, seed));
    expect(fixed.split('\n')[21]).toBe('```');
    expect(await runFileRule(codeFence, fixed)).toEqual([]);
    expect(await runFileRule(mermaidSyntax, fixed)).toEqual([]);
  });
});
