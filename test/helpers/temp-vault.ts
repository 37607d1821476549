/**
 * A vault in a temp folder from a table of files, for tests that need one on disk.
 *
 * In: `tempVault({ 'index.md': '# Home\n', 'img/a.png': 'png' })` → '/tmp/shipshape-vault-Ab12Cd' holding both files
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempVault(files: Record<string, string>, prefix = 'shipshape-vault-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
