/** The site with a baseline: its known problems fail no build, and the health page counts known and new apart. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBaseline } from '../../src/baseline/baseline-file.ts';
import { entriesOf } from '../../src/baseline/match-baseline.ts';
import { vaultText } from '../../src/baseline/apply-baseline.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { fails, loadSite } from '../../src/site/load-site.ts';
import { loadConfig } from '../../src/vault/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-health-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the site with a baseline', () => {
  it('marks known problems, counts them apart and fails only on new errors', async () => {
    const vault = join(dir, 'content');
    mkdirSync(vault);
    writeFileSync(join(vault, 'a.md'), '# A\n\nSee [[missing]].\n');
    writeFileSync(join(vault, 'b.md'), '# B\n\nSee [[gone]].\n');
    const config = await loadConfig({ cwd: dir, env: {} });
    const before = await checkVault({ config, cacheDir: false });
    await writeBaseline(config.baseline, entriesOf(before.diagnostics, vaultText(config.contentDir)));
    writeFileSync(join(vault, 'b.md'), '# B\n\nSee [[a]].\n');

    const saved = process.env.SHIPSHAPE_CACHE_DIR;
    process.env.SHIPSHAPE_CACHE_DIR = join(dir, 'cache');
    try {
      const known = await loadSite(config);
      expect(known.failed).toBe(false);
      expect(known.site.health.baseline).toEqual({ known: { errors: 1, warnings: 0, infos: 0 }, new: { errors: 0, warnings: 0, infos: 0 }, fixed: 1, history: [] });
      expect(known.site.health.worst[0]!.diagnostics[0]!.baseline).toBe('unchanged');

      writeFileSync(join(vault, 'b.md'), '# B\n\nSee [[elsewhere]].\n');
      const fresh = await loadSite(config);
      expect(fresh.failed).toBe(true);
      expect(fresh.site.health.baseline?.new.errors).toBe(1);
      expect(fails({ ...fresh.result, diagnostics: fresh.result.diagnostics.filter((d) => d.baseline === 'unchanged') }, 'error')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.SHIPSHAPE_CACHE_DIR;
      else process.env.SHIPSHAPE_CACHE_DIR = saved;
    }
  }, 120_000);
});
