/**
 * Checks an in-memory vault through the real pipeline (`checkVault`), in a temp folder: for rule examples and
 * scenario tests that need several files.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import type { RuleSetting, SiteConfig } from '../../src/vault/config-types.ts';
import { loadConfig } from '../../src/vault/config.ts';

export async function checkFiles(
  files: Record<string, string>,
  options: { rules?: Record<string, RuleSetting>; now?: Date; site?: Partial<SiteConfig> } = {},
): Promise<Diagnostic[]> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const config = await loadConfig({ cwd: process.cwd(), content: dir });
    const result = await checkVault({
      config: { ...config, rules: { ...config.rules, ...options.rules }, site: { ...config.site, ...options.site } },
      cacheDir: false,
      ...(options.now ? { now: options.now } : {}),
    });
    return result.diagnostics;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
