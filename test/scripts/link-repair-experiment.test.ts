/**
 * The link-repair experiment of issue 13, scaled down (40 generated docs, 12 renamed with plain `git mv`; the full
 * 300/100 run is `node scripts/link-repair-experiment.ts`): `--fix` repairs every link the renames broke, except the
 * ones whose anchor the renamed doc lacks — kept back and named — and leaves the vault with no more broken links than
 * before the renames.
 *
 * In: 40 docs, 12 renamed → 121 links broken by the renames, 118 repaired (renamed in git), 3 kept back
 */
import { describe, expect, test } from 'vitest';
import { generateVault } from '../../scripts/generate-vault.ts';
import { runLinkRepairExperiment } from '../../scripts/link-repair-experiment.ts';
import { spawnTimeout } from '../cli/run-cli.ts';

describe('link repair after renames with plain git mv', { timeout: spawnTimeout }, () => {
  test('every link the renames broke is repaired or kept back with its reason', () => {
    const result = runLinkRepairExperiment({ files: generateVault({ docs: 40, seed: 3 }), renames: 12, seed: 3 });

    expect(result.renamed).toBe(12);
    expect(result.brokenByRenames).toBeGreaterThan(50);
    expect(result.reasons.renamed).toBe(result.brokenByRenames - result.keptBack);
    // What is left is what was kept back: links naming a heading the renamed doc does not have.
    expect(result.leftFromRenames).toBe(result.keptBack);
    for (const line of result.report.split('\n').filter((l) => l.startsWith('  '))) expect(line).toMatch(/: Unresolved heading #/);
    // Those links' anchors were broken before the renames too: no more broken links or anchors than then.
    expect(result.brokenAfterFix).toBe(result.brokenBefore);
  });
});
