/**
 * Finds the vault's files: Markdown docs to parse and attachments that links may reach. Skips dot-folders
 * (`.obsidian`, `.git`, …), `node_modules` and the configured ignore globs; never follows a symlink out of the
 * vault (nor symlinked folders at all, which could loop).
 *
 * In: `content/` → `{ docs: ['index.md', 'runbooks/rollback.md'], attachments: ['attachments/flow.svg'], problems: [] }`
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

export interface ScanProblem {
  /** Vault-relative path, forward slashes. */
  path: string;
  message: string;
}

export interface VaultFiles {
  docs: string[];
  attachments: string[];
  problems: ScanProblem[];
}

const markdown = /\.md$/i;

function toVaultPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

export async function scanVault(root: string, ignore: readonly string[] = []): Promise<VaultFiles> {
  const isIgnored = ignore.length > 0 ? picomatch(ignore as string[], { dot: true }) : () => false;
  const realRoot = await realpath(root);
  const docs: string[] = [];
  const attachments: string[] = [];
  const problems: ScanProblem[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: toVaultPath(root, dir), message: `Unreadable folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const path = toVaultPath(root, absolute);
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || isIgnored(path)) continue;
      if (entry.isDirectory()) {
        pending.push(absolute);
        continue;
      }
      if (entry.isSymbolicLink()) {
        const target = await realpath(absolute).catch(() => undefined);
        if (target === undefined) {
          problems.push({ path, message: 'Broken symlink: its target does not exist' });
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          problems.push({ path, message: `Symlink points outside the vault (${target}); not followed` });
          continue;
        }
        const info = await stat(target);
        if (!info.isFile()) continue;
      } else if (!entry.isFile()) {
        continue;
      }
      (markdown.test(entry.name) ? docs : attachments).push(path);
    }
  }
  docs.sort();
  attachments.sort();
  return { docs, attachments, problems };
}
