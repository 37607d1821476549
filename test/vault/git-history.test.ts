/**
 * The one git history: author dates, renames followed, on temp repositories whose commits were "rebased" (committer
 * dates later than author dates); and the site and `--fix` agreeing on a doc that was renamed.
 *
 * In: `a.md` written 2026-01-02, renamed to `runbooks/b.md` 2026-03-04, both committed 2026-05-06
 * Out: `b.md` created 2026-01-02, updated 2026-03-04 — on the site and in what `--fix` writes
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { gitDates } from '../../src/site/git-dates.ts';
import { normalizeHeading } from '../../src/links/anchors.ts';
import { gitHistory, headingMoves } from '../../src/vault/git-history.ts';
import { makeTemp, removeTemp, runCli, spawnTimeout } from '../cli/run-cli.ts';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

/** A new repository with a `docs/` vault in it. */
function repo(): { root: string; vault: string } {
  const root = makeTemp('shipshape-history-');
  temps.push(root);
  git(root, ['init', '--quiet']);
  const vault = join(root, 'docs');
  mkdirSync(vault);
  return { root, vault };
}

/** Commits everything, written at `authored` and committed at `committed` (as after a rebase). */
function commit(root: string, authored: string, committed: string): void {
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '-m', authored], { GIT_AUTHOR_DATE: authored, GIT_COMMITTER_DATE: committed });
}

/** git with a fixed identity and no user or system config, so commits and dates are the test's own. */
function git(cwd: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync('git', ['-c', 'user.name=Shipshape Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
  });
}

const body = (lines: number) => Array.from({ length: lines }, (_, i) => `Step ${i + 1}: check the dashboard for service ${i}.`).join('\n');

describe('gitHistory', () => {
  test('author dates, renames followed through several moves, untouched files kept apart', async () => {
    const { root, vault } = repo();
    writeFileSync(join(vault, 'a.md'), `# A\n\n${body(12)}\n`);
    writeFileSync(join(vault, 'other é #1.md'), '# Other\n');
    commit(root, '2026-01-02T10:00:00+01:00', '2026-05-06T10:00:00Z');
    mkdirSync(join(vault, 'runbooks'));
    renameSync(join(vault, 'a.md'), join(vault, 'runbooks', 'b.md'));
    commit(root, '2026-02-03T10:00:00Z', '2026-05-06T11:00:00Z');
    renameSync(join(vault, 'runbooks', 'b.md'), join(vault, 'runbooks', 'c.md'));
    writeFileSync(join(vault, 'runbooks', 'c.md'), `# C\n\n${body(12)}\nOne more step.\n`);
    commit(root, '2026-03-04T09:30:00-05:00', '2026-05-06T12:00:00Z');

    const { files, shallow } = await gitHistory(vault);

    expect(shallow).toBe(false);
    expect(Object.fromEntries(files)).toStrictEqual({
      'runbooks/c.md': { created: '2026-01-02T10:00:00+01:00', updated: '2026-03-04T09:30:00-05:00' },
      'other é #1.md': { created: '2026-01-02T10:00:00+01:00', updated: '2026-01-02T10:00:00+01:00' },
    });
  });

  test('is empty outside a repository', async () => {
    const dir = makeTemp('shipshape-nogit-');
    temps.push(dir);
    expect(await gitHistory(dir)).toStrictEqual({ files: new Map(), moves: new Map(), shallow: false });
  });
});

/** The abbreviated hash of the last commit, as the log names it. */
const head = (root: string) => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();

describe('moves and renamed headings, for link repair', () => {
  test('a chain of renames leads to the file today; a file deleted since, or a path two files left, has no answer', async () => {
    const { root, vault } = repo();
    const date = '2026-01-02T10:00:00Z';
    // Texts with no line in common, so that git's rename detection pairs each file with itself only.
    const text = (name: string) => Array.from({ length: 12 }, (_, i) => `${name} ${i}: ${name.repeat(i + 3)}`).join('\n');
    writeFileSync(join(vault, 'a.md'), text('alpha'));
    writeFileSync(join(vault, 'x.md'), text('xray'));
    writeFileSync(join(vault, 'p.md'), text('papa'));
    commit(root, date, date);
    renameSync(join(vault, 'a.md'), join(vault, 'b.md'));
    renameSync(join(vault, 'x.md'), join(vault, 'y.md'));
    renameSync(join(vault, 'p.md'), join(vault, 'q.md'));
    commit(root, date, date);
    const first = head(root);
    renameSync(join(vault, 'b.md'), join(vault, 'c.md'));
    rmSync(join(vault, 'y.md'));
    // Another file at p.md, renamed elsewhere: a link to p.md names one of two files.
    writeFileSync(join(vault, 'p.md'), text('quebec'));
    commit(root, date, date);
    const second = head(root);
    renameSync(join(vault, 'p.md'), join(vault, 'r.md'));
    commit(root, date, date);

    const { moves } = await gitHistory(vault);

    expect(Object.fromEntries(moves)).toStrictEqual({
      'a.md': { path: 'c.md', commit: first, age: 2 },
      'b.md': { path: 'c.md', commit: second, age: 1 },
      'x.md': { commit: first, age: 2 },
      'y.md': { commit: second, age: 1 },
      'p.md': { commit: first, age: 2 },
    });
  });

  test('a heading replaced by another of its level is renamed, chains followed, under the doc’s name today', async () => {
    const { root, vault } = repo();
    const date = '2026-01-02T10:00:00Z';
    const doc = (heading: string) => `# Rollback\n\n## ${heading}\n\n${body(12)}\n\n## Contacts\n`;
    writeFileSync(join(vault, 'rollback.md'), doc('Steps'));
    commit(root, date, date);
    writeFileSync(join(vault, 'rollback.md'), doc('Rollback steps'));
    commit(root, date, date);
    const first = head(root);
    renameSync(join(vault, 'rollback.md'), join(vault, 'undo.md'));
    writeFileSync(join(vault, 'undo.md'), doc('Rolling back').replace('## Contacts', '## Contacts\n\n## Escalation'));
    commit(root, date, date);
    const second = head(root);

    const { moves } = await gitHistory(vault);
    const headings = await headingMoves(vault, moves, normalizeHeading);

    expect(Object.fromEntries([...headings].map(([doc, renamed]) => [doc, Object.fromEntries(renamed)]))).toStrictEqual({
      'undo.md': {
        steps: { text: 'Rolling back', commit: first },
        'rollback steps': { text: 'Rolling back', commit: second },
      },
    });
  });
});

describe('the site and --fix agree', { timeout: spawnTimeout }, () => {
  test('on a renamed doc: created from the first commit before the rename, updated from the last, author dates both', async () => {
    const { root, vault } = repo();
    const doc = (heading: string) =>
      `---\ntitle: Rollback\ncreated: <% tp.date.now("YYYY-MM-DD") %>\nupdated: <% tp.file.last_modified_date("YYYY-MM-DD") %>\n---\n\n# ${heading}\n\n${body(12)}\n`;
    writeFileSync(join(vault, 'rollback.md'), doc('Rollback'));
    commit(root, '2026-01-02T10:00:00Z', '2026-05-06T10:00:00Z');
    mkdirSync(join(vault, 'runbooks'));
    renameSync(join(vault, 'rollback.md'), join(vault, 'runbooks', 'rollback.md'));
    writeFileSync(join(vault, 'runbooks', 'rollback.md'), doc('Rolling back'));
    commit(root, '2026-03-04T10:00:00Z', '2026-05-06T11:00:00Z');

    const site = await gitDates(vault);
    const run = await runCli(['--no-cache', '--content', vault, '--fix'], { cwd: vault });

    expect(site.dates.get('runbooks/rollback.md')).toStrictEqual({ created: '2026-01-02', updated: '2026-03-04' });
    expect(run.stderr).toBe('Fixed 2 problems in 1 file\n');
    expect(readFileSync(join(vault, 'runbooks', 'rollback.md'), 'utf8')).toMatch(/^---\ntitle: Rollback\ncreated: 2026-01-02\nupdated: 2026-03-04\n---\n/);
  });

  test('in a shallow clone, the site knows it (and warns) and --fix warns', async () => {
    const { root, vault } = repo();
    writeFileSync(join(vault, 'a.md'), '---\ncreated: <% tp.date.now("YYYY-MM-DD") %>\n---\n# A\n');
    commit(root, '2026-01-02T10:00:00Z', '2026-01-02T10:00:00Z');
    writeFileSync(join(vault, 'b.md'), '# B\n');
    commit(root, '2026-03-04T10:00:00Z', '2026-03-04T10:00:00Z');
    const clone = join(makeTemp('shipshape-clone-'), 'c');
    temps.push(dirname(clone));
    git(root, ['clone', '--quiet', '--depth', '1', `file://${root}`, clone]);

    const run = await runCli(['--no-cache', '--content', join(clone, 'docs'), '--fix-dry-run'], { cwd: clone });

    expect((await gitDates(join(clone, 'docs'))).shallow).toBe(true);
    expect(run.stderr).toContain('+created: 2026-03-04\n');
    expect(run.stderr).toMatch(/Would fix 1 problem in 1 file\nThe repository is a shallow clone: dates filled from git history are wrong/);
  });
});
