/**
 * `shipshape build` outside an install: Astro builds from the repository's node_modules, so a repository without
 * Shipshape in them is told how to install it. Building a repository that installed the packed tarball is
 * test/package's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemp, removeTemp, runCli, spawnTimeout, writeFiles } from './run-cli.ts';

describe('shipshape build', () => {
  it('says to install Shipshape in a repository whose node_modules lacks it (exit 2)', async () => {
    const bare = makeTemp('shipshape-site-bare-');
    try {
      writeFiles(bare, { 'content/index.md': '# Home\n' });
      const run = await runCli(['build'], { cwd: bare });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('npm install --save-dev shipshape');
      expect(existsSync(join(bare, 'dist'))).toBe(false);
    } finally {
      removeTemp(bare);
    }
  }, spawnTimeout);
});
