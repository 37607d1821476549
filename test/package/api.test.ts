/**
 * The package's public API (`import … from 'shipshape'`, src/index.ts) on a vault in a temp folder: the same config
 * resolution and diagnostics as `shipshape check`, and the site model `shipshape build` renders.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVault, ConfigError, loadSiteModel, summarize } from '../../src/index.ts';
import { tempVault } from '../helpers/temp-vault.ts';

const files = {
  'content/index.md': '# Home\n\nSee [[Rollback]] and [[Nowhere]].\n',
  'content/runbooks/rollback.md': '---\ntitle: Rollback\ntags: [ops]\n---\n\n# Rollback\n\nBack to [[index|home]].\n',
};

describe('checkVault', () => {
  it('finds the vault from cwd and reports plain-data diagnostics', async () => {
    const cwd = tempVault(files);
    const result = await checkVault({ cwd, cacheDir: false });
    expect(result.files).toBe(2);
    expect(result.contentDir).toBe(join(cwd, 'content'));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ rule: 'broken-link', severity: 'error', file: 'index.md', line: 3, column: 22 }),
    ]);
    expect(summarize(result.diagnostics)).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('takes the config file and its severities, as --config does', async () => {
    const cwd = tempVault(files);
    writeFileSync(join(cwd, 'ops.config.json'), JSON.stringify({ content: 'content', rules: { 'broken-link': 'warn' } }));
    const result = await checkVault({ cwd, config: 'ops.config.json', cacheDir: false });
    expect(result.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['broken-link', 'warning']]);
  });

  it('throws a ConfigError for a missing content folder', async () => {
    await expect(checkVault({ cwd: tempVault(files), content: 'missing', cacheDir: false })).rejects.toThrow(ConfigError);
  });
});

describe('loadSiteModel', () => {
  it('gives the site model with its check result', async () => {
    const { site, result, failed } = await loadSiteModel({ cwd: tempVault(files) });
    expect(site.pages.map((page) => page.path).sort()).toEqual(['index.md', 'runbooks/rollback.md']);
    expect(site.tags.map((tag) => tag.name)).toEqual(['ops']);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['broken-link']);
    expect(failed).toBe(true);
  });
});
