/**
 * Link repair by `--fix` and `--fix-dry-run`, through the real CLI on git repositories the tests create: one case per
 * reason (renamed in git, case/spacing, heading case/punctuation, heading renamed), and the refusals (two candidates,
 * a renamed target deleted since, links in code, a repair that would cause a new problem). Link text the author wrote
 * and the link's style are kept; after `--fix` the repaired links resolve.
 *
 * In: `[[rollback|undo]]`, then `git mv rollback.md runbooks/roll-back.md` → `--fix` writes `[[roll-back|undo]]`
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeTemp, removeTemp, runCli, snapshot, spawnTimeout, writeFiles } from './run-cli.ts';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

/** git with a fixed identity and no user or system config. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Shipshape Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

/** A vault of `files`, committed when `repository` (the default). */
function vault(files: Record<string, string>, repository = true): string {
  const dir = makeTemp('shipshape-repair-');
  temps.push(dir);
  writeFiles(dir, files);
  if (repository) {
    git(dir, 'init', '--quiet');
    commit(dir, 'initial');
  }
  return dir;
}

/** Commits everything; returns the commit's abbreviated hash, as the dry run names it. */
function commit(dir: string, message: string): string {
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', '--short', 'HEAD');
}

/** `git mv`, creating the destination's folder. */
function move(dir: string, from: string, to: string): void {
  mkdirSync(dirname(join(dir, to)), { recursive: true });
  git(dir, 'mv', from, to);
}

const run = (dir: string, ...args: string[]) => runCli(['--no-cache', '--content', dir, ...args], { cwd: dir });
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

const steps = Array.from({ length: 12 }, (_, i) => `${i + 1}. Check dashboard ${i + 1} and note what it shows.`).join('\n');
const rollback = `# Rollback\n\n## Verify the release\n\n${steps}\n`;

describe.concurrent('link repair', { timeout: spawnTimeout }, () => {
  test('renamed in git: every link form to a renamed doc, alias and display text kept, short links short, paths paths', async () => {
    const dir = vault({
      'runbooks/rollback.md': rollback,
      'index.md': [
        '# Home',
        '',
        'Short [[rollback]], aliased [[Rollback|undo it]], embedded ![[rollback#Verify the release]].',
        'A path [[runbooks/rollback]], a Markdown link [the runbook](runbooks/rollback.md "Rollback").',
        '',
      ].join('\n'),
    });
    move(dir, 'runbooks/rollback.md', 'ops/undo-release.md');
    const sha = commit(dir, 'rename');

    const dry = await run(dir, '--fix-dry-run');
    expect(dry.stderr).toContain(`3:7   [[rollback]] → [[undo-release]]  (renamed in ${sha})`);
    expect(dry.stderr).toContain('Would repair 5 links: 5 renamed\n');
    expect(read(dir, 'index.md')).toContain('[[rollback]]');

    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toContain('Repaired 5 links: 5 renamed\n');
    expect(fixed.exitCode).toBe(0);
    expect(read(dir, 'index.md')).toBe(
      [
        '# Home',
        '',
        'Short [[undo-release]], aliased [[undo-release|undo it]], embedded ![[undo-release#Verify the release]].',
        'A path [[ops/undo-release]], a Markdown link [the runbook](ops/undo-release.md "Rollback").',
        '',
      ].join('\n'),
    );
  });

  test('renamed in git through a chain of renames, and a short link that would be ambiguous becomes a path', async () => {
    const dir = vault({ 'a/setup.md': '# Setup\n', 'index.md': 'See [[install]].\n', 'b/x.md': '# X\n' });
    git(dir, 'mv', 'a/setup.md', 'a/install.md');
    const first = commit(dir, 'first');
    move(dir, 'a/install.md', 'b/getting-started.md');
    const second = commit(dir, 'second');
    writeFiles(dir, { 'c/getting-started.md': '# Another\n' });
    commit(dir, 'another file of that name');
    writeFileSync(join(dir, 'index.md'), 'See [[install]] and [[setup]].\n');
    commit(dir, 'link the old name');

    const dry = await run(dir, '--fix-dry-run');
    expect(dry.stderr).toContain(`[[setup]] → [[b/getting-started]]  (renamed in ${first})`);
    expect(dry.stderr).toContain(`[[install]] → [[b/getting-started]]  (renamed in ${second})`);
    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toContain('Repaired 2 links: 2 renamed\n');
    expect(read(dir, 'index.md')).toBe('See [[b/getting-started]] and [[b/getting-started]].\n');
  });

  test('renamed in git: a relative link of a doc that moved is recomputed from its new folder', async () => {
    const dir = vault({ 'runbooks/r.md': '# R\n', 'notes/a.md': 'See [r](../runbooks/r.md) and [[r]].\n' });
    move(dir, 'notes/a.md', 'archive/2025/a.md');
    const sha = commit(dir, 'archive');

    const dry = await run(dir, '--fix-dry-run');
    expect(dry.stderr).toContain(`(renamed in ${sha})`);
    await run(dir, '--fix');
    expect(read(dir, 'archive/2025/a.md')).toBe('See [r](../../runbooks/r.md) and [[r]].\n');
  });

  test('renamed in git: a relative link whose doc and target moved in one commit follows the target from the doc’s old folder', async () => {
    const dir = vault({ 'notes/a.md': 'See [the index](./README.md).\n', 'notes/README.md': '# Notes\n', 'archive/README.md': '# Archive\n' });
    move(dir, 'notes/a.md', 'archive/a.md');
    move(dir, 'notes/README.md', 'x/README-old.md');
    // The file the link would name from the doc's new folder left in the same commit: never what the link meant.
    move(dir, 'archive/README.md', 'y/README-v2.md');
    commit(dir, 'reorganise');
    await run(dir, '--fix');
    expect(read(dir, 'archive/a.md')).toBe('See [the index](../x/README-old.md).\n');
  });

  test('case/spacing: the only file whose name differs in case, spaces, - and _, an attachment too (no git needed)', async () => {
    const dir = vault(
      {
        'strategy/deployment-strategy.md': '# Deployment strategy\n',
        'attachments/rollout-flow.svg': '<svg/>',
        'index.md':
          'Read the [[Deployment Strategy|strategy]] and [[strategy/Deployment_Strategy]] and [it](strategy/Deployment%20Strategy.md).\n\n![[Rollout Flow.svg|300]]\n',
      },
      false,
    );
    const dry = await run(dir, '--fix-dry-run');
    expect(dry.stderr).toContain('(case/spacing)');
    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toContain('Repaired 4 links: 4 case/spacing\n');
    expect(read(dir, 'index.md')).toBe(
      'Read the [[deployment-strategy|strategy]] and [[strategy/deployment-strategy]] and [it](strategy/deployment-strategy.md).\n\n![[rollout-flow.svg|300]]\n',
    );
    expect(fixed.exitCode).toBe(0);
  });

  test('heading case/punctuation: the only heading that matches apart from case and punctuation', async () => {
    const dir = vault(
      {
        'deploy.md': '# Deploy\n\n## Step 1: Deploy the canary\n\n## Step 2 — Watch\n',
        'index.md': 'First [[deploy#step 1 - deploy the canary]], then [watch](deploy.md#step-2-watch) and [[#Local]].\n\n## Local\n',
      },
      false,
    );
    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toContain('Repaired 2 links: 2 heading case/punctuation\n');
    // The Markdown link's anchor stays a GitHub slug: the em dash leaves two hyphens.
    expect(read(dir, 'index.md')).toBe('First [[deploy#Step 1 Deploy the canary]], then [watch](deploy.md#step-2--watch) and [[#Local]].\n\n## Local\n');
    expect(fixed.exitCode).toBe(0);
  });

  test('heading renamed in the target’s history', async () => {
    const dir = vault({
      'rollback.md': rollback.replace('## Verify the release', '## Verify release'),
      'index.md': 'See [[rollback#Verify release|checks]] and [the checks](rollback.md#verify-release).\n',
    });
    writeFileSync(join(dir, 'rollback.md'), rollback);
    const sha = commit(dir, 'rename a heading');

    const dry = await run(dir, '--fix-dry-run');
    expect(dry.stderr).toContain(`[[rollback#Verify release|checks]] → [[rollback#Verify the release|checks]]  (heading renamed in ${sha})`);
    expect(dry.stderr).toContain(`[the checks](rollback.md#verify-release) → [the checks](rollback.md#verify-the-release)  (heading renamed in ${sha})`);
    await run(dir, '--fix');
    // A Markdown link's GitHub slug stays a slug.
    expect(read(dir, 'index.md')).toBe('See [[rollback#Verify the release|checks]] and [the checks](rollback.md#verify-the-release).\n');
  });

  test('refused: two files match the name, two files left the old path, a link out of the vault', async () => {
    const dir = vault({
      'guides/contributing.md': '# Contributing\n',
      'a/deployment-strategy.md': '# A\n',
      'b/deployment_strategy.md': '# B\n',
      'one/setup.md': '# One\n',
      'two/setup.md': '# Two\n',
      'index.md': 'See [[Deployment Strategy]].\n',
    });
    move(dir, 'one/setup.md', 'one/install.md');
    move(dir, 'two/setup.md', 'two/prepare.md');
    commit(dir, 'rename both');
    // The repository's CONTRIBUTING.md is outside the vault: the vault's own guides/contributing.md is another file.
    writeFileSync(join(dir, 'index.md'), 'See [[Deployment Strategy]] and [[setup]].\n');
    writeFileSync(join(dir, 'guides/contributing.md'), '# Contributing\n\nThe [rules](../../CONTRIBUTING.md).\n');
    commit(dir, 'link');
    const before = snapshot(dir);

    const fixed = await run(dir, '--fix');
    expect(fixed.exitCode).toBe(1);
    expect(fixed.stderr).toBe('Fixed 0 problems in 0 files\n');
    expect(snapshot(dir)).toStrictEqual(before);
    // The did-you-mean stays a hint.
    expect(fixed.stdout).toContain('did you mean');
  });

  test('refused: the renamed target was deleted later', async () => {
    const dir = vault({ 'rollback.md': rollback, 'index.md': 'See [[rollback]].\n' });
    git(dir, 'mv', 'rollback.md', 'undo.md');
    commit(dir, 'rename');
    git(dir, 'rm', '--quiet', 'undo.md');
    commit(dir, 'delete');
    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toBe('Fixed 0 problems in 0 files\n');
    expect(read(dir, 'index.md')).toBe('See [[rollback]].\n');
  });

  test('links inside code are not links: untouched, while the one outside is repaired', async () => {
    const text = 'See [[rollback]].\n\nInline `[[rollback]]`.\n\n```md\n[[rollback]] and [x](rollback.md)\n```\n';
    const dir = vault({ 'rollback.md': rollback, 'index.md': text });
    git(dir, 'mv', 'rollback.md', 'undo.md');
    commit(dir, 'rename');
    await run(dir, '--fix');
    expect(read(dir, 'index.md')).toBe(text.replace('See [[rollback]]', 'See [[undo]]'));
  });

  test('a repair that would cause a new problem is kept back, with the problem named; the others are applied', async () => {
    const dir = vault({ 'rollback.md': rollback, 'index.md': 'See [[rollback#Verify the release]] and [[rollback]].\n' });
    renameSync(join(dir, 'rollback.md'), join(dir, 'undo.md'));
    writeFileSync(join(dir, 'undo.md'), rollback.replace('## Verify the release\n\n', ''));
    commit(dir, 'rename, and the heading goes');

    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toContain('Kept back 1 link repair that would cause a new problem:\n');
    expect(fixed.stderr).toContain('index.md:1:5  [[rollback#Verify the release]] → [[undo#Verify the release]]: Unresolved heading #Verify the release in undo.md');
    expect(read(dir, 'index.md')).toBe('See [[rollback#Verify the release]] and [[undo]].\n');
  });
});

describe('link repair outside git', { timeout: spawnTimeout }, () => {
  test('a link that another fix uncovers (it was inside a fence that did not close) is repaired by a second pass', async () => {
    const dir = vault({ 'deployment-strategy.md': '# D\n', 'index.md': '# Home\n\n```sh\nmake deploy\n```text\n\nSee [[Deployment Strategy]].\n' }, false);
    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toBe('Fixed 1 problem in 1 file\nFixed 1 problem in 1 file\nRepaired 1 link: 1 case/spacing\n');
    expect(read(dir, 'index.md')).toBe('# Home\n\n```sh\nmake deploy\n```\n\nSee [[deployment-strategy]].\n');
    expect(fixed.exitCode).toBe(0);
  });

  test('a vault with no repository gets the name and heading repairs only, and no error', async () => {
    const dir = vault({ 'deployment-strategy.md': '# D\n', 'index.md': 'See [[Deployment Strategy]] and [[gone]].\n' }, false);
    const fixed = await run(dir, '--fix');
    expect(fixed.stderr).toBe('Fixed 1 problem in 1 file\nRepaired 1 link: 1 case/spacing\n');
    expect(read(dir, 'index.md')).toBe('See [[deployment-strategy]] and [[gone]].\n');
  });
});
