/** Shipshape's own documentation, docs/, passes `shipshape check --content docs`: no errors, no warnings. */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkVault } from '../src/pipeline/check-vault.ts';
import { loadConfig } from '../src/vault/config.ts';

it('docs/ passes shipshape check --content docs', async () => {
  const config = await loadConfig({ cwd: join(import.meta.dirname, '..'), content: 'docs' });
  const result = await checkVault({ config, cacheDir: false });
  expect(result.files).toBeGreaterThan(10);
  expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([]);
});
