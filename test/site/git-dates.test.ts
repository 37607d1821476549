import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitDates } from '../../src/site/git-dates.ts';

function commit(dir: string, date: string) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', date], { cwd: dir, env });
}

describe('gitDates', () => {
  it('takes created from the first commit and updated from the last, for paths in a sub-folder vault', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'shipshape-git-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const vault = join(repo, 'docs');
    mkdirSync(join(vault, 'run books'), { recursive: true });
    writeFileSync(join(vault, 'a.md'), 'one\n');
    commit(repo, '2026-01-02T10:00:00Z');
    writeFileSync(join(vault, 'a.md'), 'two\n');
    writeFileSync(join(vault, 'run books', 'b é #1.md'), 'x\n');
    commit(repo, '2026-03-04T10:00:00Z');
    const { dates, shallow } = await gitDates(vault);
    expect(shallow).toBe(false);
    expect(dates.get('a.md')).toEqual({ created: '2026-01-02', updated: '2026-03-04' });
    expect(dates.get('run books/b é #1.md')).toEqual({ created: '2026-03-04', updated: '2026-03-04' });
  });

  it('is empty outside a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-nogit-'));
    expect((await gitDates(dir)).dates.size).toBe(0);
  });

  it('reports a shallow clone', async () => {
    const origin = mkdtempSync(join(tmpdir(), 'shipshape-origin-'));
    execFileSync('git', ['init', '-q'], { cwd: origin });
    writeFileSync(join(origin, 'a.md'), 'one\n');
    commit(origin, '2026-01-02T10:00:00Z');
    writeFileSync(join(origin, 'a.md'), 'two\n');
    commit(origin, '2026-02-02T10:00:00Z');
    const clone = join(mkdtempSync(join(tmpdir(), 'shipshape-clone-')), 'c');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    expect((await gitDates(clone)).shallow).toBe(true);
  });
});
