/**
 * A check of some files (`check a.md`, a pre-commit hook) reports exactly what the whole check reports for them,
 * though the link rules resolve only those files' links; its partial cross-file result never stands in for the
 * whole vault's in the cache.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { writeFiles } from '../cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vault = join(dir, 'content');
writeFiles(vault, {
  'a.md': '# A\n\nSee [[missing]], [[b#Nope]], [[dup]] and [x](other/none.md).\n',
  'b.md': '# B\n\n## Here\n\nSee [[gone]], [[a#Nope]] and [[dup]].\n',
  'notes/c.md': '# C\n\n[[b#Here]] and [[nowhere]].\n',
  'x/dup.md': '# Dup\n',
  'y/dup.md': '# Dup\n',
});

describe('check of some files', () => {
  it.each([[['a.md']], [['b.md', 'notes']], [['notes/c.md']]])('%j: the same diagnostics as the whole check, of those files', async (only) => {
    const config = await loadConfig({ cwd: dir, env: {} });
    const whole = await checkVault({ config, cacheDir: false });
    const some = await checkVault({ config, cacheDir: false, only });
    const selected = (file: string) => only.some((p) => file === p || file.startsWith(`${p}/`));
    expect(some.diagnostics.length).toBeGreaterThan(0);
    expect(some.diagnostics).toEqual(whole.diagnostics.filter((d) => selected(d.file)));
  });

  it('a partial cross-file pass is not cached as the whole one', async () => {
    const config = await loadConfig({ cwd: dir, env: {} });
    const cacheDir = join(dir, 'cache');
    const whole = await checkVault({ config, cacheDir: false });
    await checkVault({ config, cacheDir, only: ['a.md'] });
    expect(await checkVault({ config, cacheDir })).toEqual(whole);
    appendFileSync(join(vault, 'a.md'), '\nAnd [[b]].\n');
    const edited = await checkVault({ config, cacheDir: false });
    const some = await checkVault({ config, cacheDir, only: ['a.md'] });
    expect(some.diagnostics).toEqual(edited.diagnostics.filter((d) => d.file === 'a.md'));
    expect(await checkVault({ config, cacheDir })).toEqual(edited);
  });
});
