/**
 * The all-or-nothing move: a failure injected at each step of the way leaves the vault (and git's index) as it was;
 * a file modified after it was read stops the move before anything changed.
 *
 * In: a rename that fails on its 2nd call → `applyMove` throws, and every file holds its old bytes at its old path
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMove, MoveRefusedError, type MoveTransaction } from '../../src/vault/move-files.ts';
import { snapshot } from '../cli/run-cli.ts';
import { tempVault } from '../helpers/temp-vault.ts';

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  dirs = [];
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

function setUp(withGit: boolean): { dir: string; tx: MoveTransaction } {
  const dir = tempVault({ 'ops/a.md': '# A\n', 'b.md': '[[ops/a]]\n', 'c.md': '[x](ops/a.md)\n', 'd.md': 'untracked' });
  dirs.push(dir);
  if (withGit) {
    git(dir, 'init', '-q');
    git(dir, 'add', 'ops/a.md', 'b.md', 'c.md');
    git(dir, 'commit', '-qm', 'vault');
  }
  const original = (path: string) => readFileSync(join(dir, path));
  return {
    dir,
    tx: {
      root: dir,
      moves: [
        { from: 'ops/a.md', to: 'new/place/a.md' },
        { from: 'd.md', to: 'new/d.md' },
      ],
      writes: [
        { path: 'b.md', to: 'b.md', text: '[[new/place/a]]\n', original: original('b.md') },
        { path: 'c.md', to: 'c.md', text: '[x](new/place/a.md)\n', original: original('c.md') },
        { path: 'ops/a.md', to: 'new/place/a.md', text: '# A, moved\n', original: original('ops/a.md') },
      ],
    },
  };
}

/** The work tree's files and bytes; git's own files (its index is rewritten with new timestamps) are compared by `git status`. */
function worktree(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(dir)).filter(([path]) => !path.startsWith('.git/')));
}

/** A rename that fails on its nth call. */
function failingOn(n: number) {
  let calls = 0;
  return async (from: string, to: string) => {
    if (++calls === n) throw new Error(`injected failure on rename ${n}`);
    await rename(from, to);
  };
}

describe('applyMove', () => {
  it('moves (git mv for tracked files, a rename for the others) and writes every new text', async () => {
    const { dir, tx } = setUp(true);
    expect(await applyMove(tx)).toEqual({ gitMoves: 1 });
    expect(readFileSync(join(dir, 'new/place/a.md'), 'utf8')).toBe('# A, moved\n');
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('[[new/place/a]]\n');
    expect(readFileSync(join(dir, 'new/d.md'), 'utf8')).toBe('untracked');
    expect(git(dir, 'status', '--porcelain')).toMatch(/^R. ops\/a\.md -> new\/place\/a\.md$/m);
    expect(Object.keys(worktree(dir)).sort()).toEqual(['b.md', 'c.md', 'new/d.md', 'new/place/a.md']);
  });

  it.each([1, 2, 3, 4])('a failure injected at rename %i changes nothing, in git either', async (n) => {
    const { dir, tx } = setUp(true);
    const files = worktree(dir);
    const status = git(dir, 'status', '--porcelain');
    await expect(applyMove(tx, { rename: failingOn(n) })).rejects.toThrow(`injected failure on rename ${n}`);
    expect(worktree(dir)).toEqual(files);
    expect(git(dir, 'status', '--porcelain')).toBe(status);
  });

  it('refuses a file modified since it was read, before changing anything', async () => {
    const { dir, tx } = setUp(false);
    writeFileSync(join(dir, 'c.md'), '[x](ops/a.md) edited meanwhile\n');
    const files = snapshot(dir);
    await expect(applyMove(tx)).rejects.toThrow(new MoveRefusedError('c.md was modified since it was read; run the move again'));
    expect(snapshot(dir)).toEqual(files);
  });

  it('refuses an existing target and a missing source', async () => {
    const { dir, tx } = setUp(false);
    const files = snapshot(dir);
    await expect(applyMove({ ...tx, moves: [{ from: 'ops/a.md', to: 'b.md' }] })).rejects.toThrow('b.md already exists');
    await expect(applyMove({ ...tx, moves: [{ from: 'nope.md', to: 'x.md' }] })).rejects.toThrow('nope.md does not exist');
    expect(snapshot(dir)).toEqual(files);
  });
});
