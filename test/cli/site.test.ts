/**
 * `shipshape build` in a repository that has a vault and nothing else (no astro.config, no src/pages, no
 * node_modules): the site lands in that directory's dist/, or in --out-dir.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTemp, removeTemp, runCli, spawnTimeout, writeFiles } from './run-cli.ts';

const repo = makeTemp('shipshape-site-');
afterAll(() => removeTemp(repo));
writeFiles(repo, {
  'docs/index.md': '---\ntitle: Home\n---\n# Home\n\nSee [[rollback]].\n',
  'docs/runbooks/rollback.md': '---\ntitle: Rollback\n---\n# Rollback\n\nBack to [[index]].\n',
  'docs/private.md': '---\ntitle: Private\npublish: false\n---\n# Private\n',
  'shipshape.config.json': JSON.stringify({ content: 'docs', site: { title: 'Team KB' } }),
});

describe('shipshape build', { timeout: 120_000 }, () => {
  it('builds the vault of the working directory into its dist/', async () => {
    const run = await runCli(['build'], { cwd: repo });
    expect(run.exitCode, run.stderr).toBe(0);
    for (const page of ['index.html', 'runbooks/rollback/index.html', '404.html', 'sitemap.xml', 'pagefind']) expect(existsSync(join(repo, 'dist', page)), page).toBe(true);
    expect(readFileSync(join(repo, 'dist/runbooks/rollback/index.html'), 'utf8')).toContain('Team KB');
  });

  it('takes --content and --out-dir against the working directory', async () => {
    const run = await runCli(['build', '--content', 'docs', '--out-dir', 'public'], { cwd: repo });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(repo, 'public/runbooks/rollback/index.html'))).toBe(true);
  });

  it('--verbose lists what the build left out', async () => {
    const run = await runCli(['build', '--verbose', '--out-dir', 'verbose'], { cwd: repo });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/left out .*private\.md/);
    expect(existsSync(join(repo, 'verbose/private/index.html'))).toBe(false);
  });

  it('fails with exit 1 on the vault\'s errors, leaving no site', async () => {
    const broken = makeTemp('shipshape-site-broken-');
    try {
      writeFiles(broken, { 'content/index.md': '# Home\n\n[[nowhere]]\n' });
      const run = await runCli(['build'], { cwd: broken });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/broken-link/);
      expect(existsSync(join(broken, 'dist'))).toBe(false);
    } finally {
      removeTemp(broken);
    }
  }, spawnTimeout);
});
