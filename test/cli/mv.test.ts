/**
 * `shipshape mv` through the real CLI, on vaults written into temp folders: docs, folders, attachments and headings
 * with every link form, ambiguous names, case-only renames, Unicode names, git, dry runs, refusals. The property
 * that matters most: afterwards `check` finds the same problems as before (in the moved files' new places), except
 * the ones the move fixes.
 *
 * In: `shipshape mv ops/deploy.md runbooks/` → every link to `ops/deploy.md` reaches `runbooks/deploy.md`
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { makeTemp, removeTemp, runCli, snapshot, spawnTimeout, writeFiles } from './run-cli.ts';

let temps: string[] = [];
afterEach(() => {
  temps.forEach(removeTemp);
  temps = [];
});

/** A project folder with the vault in `content/`. */
function project(files: Record<string, string | Uint8Array>): string {
  const dir = makeTemp('shipshape-mv-');
  temps.push(dir);
  writeFiles(join(dir, 'content'), files);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Shipshape Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

const mv = (dir: string, ...args: string[]) => runCli(['mv', ...args], { cwd: dir });
const read = (dir: string, path: string) => readFileSync(join(dir, 'content', path), 'utf8');

async function problems(dir: string): Promise<Diagnostic[]> {
  const config = await loadConfig({ cwd: dir });
  return (await checkVault({ config, cacheDir: false })).diagnostics;
}

/** Problems as comparable rows: the file where it will be after `moves`, rule, line, severity (columns shift with link lengths). */
function rows(diagnostics: readonly Diagnostic[], moves: ReadonlyArray<[string, string]> = []): string[] {
  const moved = (file: string) => {
    for (const [from, to] of moves) {
      if (file === from) return to;
      if (file.startsWith(`${from}/`)) return to + file.slice(from.length);
    }
    return file;
  };
  return diagnostics.map((d) => `${moved(d.file)}:${d.line} ${d.severity} ${d.rule}`).sort();
}

/** Every link form, pointing at `ops/deploy.md` (heading `Old steps`, block `^b1`) and `img/flow.svg`. */
const vault = {
  'ops/deploy.md': [
    '---',
    'title: Deploy',
    'image: img/flow.svg',
    'aliases: [Shipping]',
    '---',
    '# Deploy',
    '',
    '## Old steps',
    '',
    'Step one ^b1',
    '',
    'Back to [rollback](../notes/rollback.md#top), [[rollback]], ![flow](../img/flow.svg), [[#Old steps|here]].',
    '',
  ].join('\n'),
  'notes/rollback.md': [
    '---',
    'title: Rollback',
    'related: "[[deploy]]"',
    '---',
    '# Top',
    '',
    'Short [[deploy]], aliased [[deploy#Old steps|the steps]], block [[deploy#^b1]], embed ![[deploy]], by alias [[Shipping]].',
    'Path [[ops/deploy]], absolute [[/ops/deploy.md|abs]], Markdown [md](../ops/deploy.md#old-steps), vault-absolute [va](/ops/deploy.md).',
    'Encoded [enc](../ops/deploy.md#Old%20steps), angled [ang](<../ops/deploy.md>), image ![f](../img/flow.svg), embed ![[flow.svg|300]].',
    'Code `[[deploy]]` and a comment %% [[deploy]] %% stay; a broken [[nowhere]] stays broken; a template link [[<% tp.file.title %>]] too.',
    '',
    '```md',
    '[[deploy]] [x](../ops/deploy.md)',
    '```',
    '',
    '[ref]: ../ops/deploy.md "Deploy"',
    '',
  ].join('\n'),
  'notes/deep/c.md': '---\ntitle: C\n---\n# C\r\n\r\nCRLF [[ops/deploy#Old steps]] and [up](../../ops/deploy.md).\r\n',
  'archive/legacy.md': '---\ntitle: Legacy\n---\n# Legacy\n\nSee [[deploy]].\n',
  'img/flow.svg': '<svg/>',
};

describe('shipshape mv: every link follows', () => {
  test(
    'a doc to another folder: every form rewritten, code, comments, broken and templated links untouched, same problems',
    async () => {
      const dir = project(vault);
      const before = await problems(dir);
      const run = await mv(dir, 'content/ops/deploy.md', 'content/runbooks/');
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^Moved ops\/deploy\.md → runbooks\/deploy\.md\nRewrote \d+ links in 2 files\n/);
      const rollback = read(dir, 'notes/rollback.md');
      expect(rollback).toContain('Short [[deploy]], aliased [[deploy#Old steps|the steps]], block [[deploy#^b1]], embed ![[deploy]], by alias [[Shipping]].');
      expect(rollback).toContain('Path [[runbooks/deploy]], absolute [[/runbooks/deploy.md|abs]], Markdown [md](../runbooks/deploy.md#old-steps), vault-absolute [va](/runbooks/deploy.md).');
      expect(rollback).toContain('Encoded [enc](../runbooks/deploy.md#Old%20steps), angled [ang](<../runbooks/deploy.md>)');
      expect(rollback).toContain('Code `[[deploy]]` and a comment %% [[deploy]] %% stay; a broken [[nowhere]] stays broken; a template link [[<% tp.file.title %>]] too.');
      expect(rollback).toContain('```md\n[[deploy]] [x](../ops/deploy.md)\n```');
      expect(rollback).toContain('[ref]: ../runbooks/deploy.md "Deploy"');
      expect(read(dir, 'notes/deep/c.md')).toBe('---\ntitle: C\n---\n# C\r\n\r\nCRLF [[runbooks/deploy#Old steps]] and [up](../../runbooks/deploy.md).\r\n');
      // The moved doc's own relative links have a new base.
      expect(read(dir, 'runbooks/deploy.md')).toContain('Back to [rollback](../notes/rollback.md#top), [[rollback]], ![flow](../img/flow.svg), [[#Old steps|here]].');
      expect(existsSync(join(dir, 'content/ops/deploy.md'))).toBe(false);
      expect(rows(await problems(dir))).toEqual(rows(before, [['ops/deploy.md', 'runbooks/deploy.md']]));
    },
    spawnTimeout,
  );

  test(
    'a rename that makes a short name ambiguous: short links become the shortest unique path; relative links from a deeper place',
    async () => {
      const dir = project({ ...vault, 'archive/deploy-v2.md': '---\ntitle: Old\n---\n# Old\n' });
      const before = await problems(dir);
      // notes/deep/x/ is two levels deeper than ops/: its relative links change.
      const run = await mv(dir, 'content/ops/deploy.md', 'content/notes/deep/x/deploy-v2.md');
      expect(run.exitCode).toBe(0);
      const rollback = read(dir, 'notes/rollback.md');
      expect(rollback).toContain('Short [[x/deploy-v2]], aliased [[x/deploy-v2#Old steps|the steps]]');
      expect(rollback).toContain('related: "[[x/deploy-v2]]"\n');
      expect(rollback).toContain('[md](deep/x/deploy-v2.md#old-steps)');
      expect(read(dir, 'archive/legacy.md')).toContain('See [[x/deploy-v2]].');
      expect(read(dir, 'notes/deep/x/deploy-v2.md')).toContain('Back to [rollback](../../rollback.md#top), [[rollback]], ![flow](../../../img/flow.svg)');
      expect(rows(await problems(dir))).toEqual(rows(before, [['ops/deploy.md', 'notes/deep/x/deploy-v2.md']]));
    },
    spawnTimeout,
  );

  test(
    'a folder: every doc and file under it, links into it and out of it',
    async () => {
      const dir = project({ ...vault, 'ops/notes.txt': 'not a doc' });
      const before = await problems(dir);
      const run = await mv(dir, 'content/ops', 'content/platform/ops');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('Moved ops → platform/ops (2 files)');
      expect(read(dir, 'platform/ops/notes.txt')).toBe('not a doc');
      expect(read(dir, 'notes/rollback.md')).toContain('Markdown [md](../platform/ops/deploy.md#old-steps)');
      expect(read(dir, 'platform/ops/deploy.md')).toContain('[rollback](../../notes/rollback.md#top)');
      expect(rows(await problems(dir))).toEqual(rows(before, [['ops', 'platform/ops']]));
    },
    spawnTimeout,
  );

  test(
    'an attachment: embeds, images and frontmatter file fields',
    async () => {
      const dir = project(vault);
      const before = await problems(dir);
      const run = await mv(dir, 'content/img/flow.svg', 'content/assets/flow chart.svg');
      expect(run.exitCode).toBe(0);
      expect(read(dir, 'ops/deploy.md')).toContain('image: assets/flow chart.svg\n');
      expect(read(dir, 'ops/deploy.md')).toContain('![flow](../assets/flow%20chart.svg)');
      expect(read(dir, 'notes/rollback.md')).toContain('image ![f](../assets/flow%20chart.svg), embed ![[flow chart.svg|300]]');
      expect(rows(await problems(dir))).toEqual(rows(before, [['img/flow.svg', 'assets/flow chart.svg']]));
    },
    spawnTimeout,
  );

  test(
    'a heading: the heading line and every anchor naming it, in wikilinks, Markdown links (slug and text) and the doc itself',
    async () => {
      const dir = project(vault);
      const before = await problems(dir);
      const run = await mv(dir, 'content/ops/deploy.md#old steps', 'Rollout steps');
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe('Renamed heading "Old steps" → "Rollout steps" in ops/deploy.md\nRewrote 5 links in 3 files\n');
      const deploy = read(dir, 'ops/deploy.md');
      expect(deploy).toContain('## Rollout steps\n');
      expect(deploy).toContain('[[#Rollout steps|here]]');
      const rollback = read(dir, 'notes/rollback.md');
      expect(rollback).toContain('aliased [[deploy#Rollout steps|the steps]], block [[deploy#^b1]]');
      expect(rollback).toContain('[md](../ops/deploy.md#rollout-steps)');
      expect(rollback).toContain('[enc](../ops/deploy.md#Rollout%20steps)');
      expect(read(dir, 'notes/deep/c.md')).toContain('CRLF [[ops/deploy#Rollout steps]]');
      expect(rows(await problems(dir))).toEqual(rows(before));
    },
    spawnTimeout,
  );

  test(
    'a case-only rename, and a name saved decomposed (NFD) found from its composed spelling',
    async () => {
      const nfd = 'Über'.normalize('NFD');
      const dir = project({ 'Runbook.md': '# Runbook\n', [`${nfd}.md`]: '# U\n', 'a.md': '# A\n\n[[Runbook]] [r](Runbook.md) [[Über]] [u](%C3%9Cber.md)\n' });
      const before = await problems(dir);
      expect((await mv(dir, 'content/Runbook.md', 'content/runbook.md')).exitCode).toBe(0);
      expect(existsSync(join(dir, 'content/runbook.md'))).toBe(true);
      expect(snapshot(join(dir, 'content'))).toHaveProperty(['runbook.md']);
      expect(snapshot(join(dir, 'content'))).not.toHaveProperty(['Runbook.md']);
      const run = await mv(dir, 'content/Über.md'.normalize('NFC'), 'content/uber-notes.md');
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      // The new case is written where the old one was: GitHub and case-sensitive file systems need it.
      expect(read(dir, 'a.md')).toBe('# A\n\n[[runbook]] [r](runbook.md) [[uber-notes]] [u](uber-notes.md)\n');
      expect(rows(await problems(dir))).toEqual(rows(before));
    },
    spawnTimeout,
  );
});

describe('shipshape mv: git, dry runs, refusals', () => {
  test(
    'inside a git work tree the move is a staged rename, so history follows',
    async () => {
      const dir = project(vault);
      git(dir, 'init', '-q');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'vault');
      expect((await mv(dir, 'content/ops/deploy.md', 'content/runbooks/deploy.md')).stdout).toContain('(git mv)');
      expect(git(dir, 'status', '--porcelain')).toContain('R  content/ops/deploy.md -> content/runbooks/deploy.md');
      git(dir, 'commit', '-qam', 'move');
      expect(git(dir, 'log', '--follow', '--format=%s', '--', 'content/runbooks/deploy.md')).toBe('move\nvault\n');
    },
    spawnTimeout,
  );

  test(
    'a git failure half-way (a locked index) undoes everything, exit 2',
    async () => {
      const dir = project(vault);
      git(dir, 'init', '-q');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'vault');
      writeFiles(dir, { '.git/index.lock': '' });
      const files = snapshot(join(dir, 'content'));
      const run = await mv(dir, 'content/ops/deploy.md', 'content/runbooks/deploy.md');
      expect(run.stderr).toMatch(/^shipshape mv: the move failed and was undone: fatal: Unable to create '.*index\.lock': File exists\.\n$/);
      expect(run.exitCode).toBe(2);
      expect(snapshot(join(dir, 'content'))).toEqual(files);
    },
    spawnTimeout,
  );

  test(
    '--dry-run prints the plan and a diff and writes nothing',
    async () => {
      const dir = project(vault);
      const files = snapshot(join(dir, 'content'));
      const run = await mv(dir, '--dry-run', 'content/ops/deploy.md', 'content/runbooks/');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^Would move ops\/deploy\.md → runbooks\/deploy\.md\nWould rewrite \d+ links in 2 files\n {2}notes\/deep\/c\.md: 2 links\n/);
      expect(run.stdout).toContain('-Path [[ops/deploy]], absolute');
      expect(run.stdout).toContain('+Path [[runbooks/deploy]], absolute');
      expect(snapshot(join(dir, 'content'))).toEqual(files);
    },
    spawnTimeout,
  );

  test(
    'baseline entries of a moved file move along',
    async () => {
      const dir = project({ 'ops/a.md': '# A\n\n[[nowhere]]\n' });
      expect((await runCli(['check', '--baseline-write'], { cwd: dir })).exitCode).toBe(0);
      const run = await mv(dir, 'content/ops/a.md', 'content/b.md');
      expect(run.stdout).toContain('1 baseline entry moved along in shipshape-baseline.json');
      expect(readFileSync(join(dir, 'shipshape-baseline.json'), 'utf8')).toContain('"file":"b.md"');
      const check = await runCli(['check'], { cwd: dir });
      expect(check.exitCode).toBe(0);
    },
    spawnTimeout,
  );

  test(
    'a known problem on a link the move rewrites stays known',
    async () => {
      const dir = project({ 'ops/a.md': '# A\n\nSee [[b#Missing section]].\n', 'b.md': '# B\n' });
      expect((await runCli(['check', '--baseline-write'], { cwd: dir })).exitCode).toBe(0);
      const run = await mv(dir, 'content/b.md', 'content/notes/c.md');
      expect(run.exitCode, run.stderr).toBe(0);
      expect(readFileSync(join(dir, 'content/ops/a.md'), 'utf8')).toContain('[[c#Missing section]]');
      const check = await runCli(['check'], { cwd: dir });
      expect(check.exitCode, check.stdout).toBe(0);
      expect(check.stdout).toMatch(/1 known problem \(baseline\), 0 new/);
    },
    spawnTimeout,
  );

  test.each<{ name: string; args: string[]; exitCode: number; stderr: RegExp; files?: Record<string, string | Uint8Array> }>([
    { name: 'the target exists', args: ['content/ops/deploy.md', 'content/notes/rollback.md'], exitCode: 2, stderr: /notes\/rollback\.md already exists; nothing was changed/ },
    { name: 'the target differs only in case from another file', args: ['content/ops/deploy.md', 'content/notes/ROLLBACK.md'], exitCode: 2, stderr: /notes\/rollback\.md already exists \(the name differs only in case/ },
    { name: 'from does not exist', args: ['content/ops/nope.md', 'content/x.md'], exitCode: 2, stderr: /ops\/nope\.md does not exist/ },
    { name: 'from is outside the vault', args: ['outside.md', 'content/x.md'], exitCode: 2, stderr: /outside\.md is not inside the vault/, files: { '../outside.md': '# Out\n' } },
    { name: 'to is outside the vault', args: ['content/ops/deploy.md', 'elsewhere/deploy.md'], exitCode: 2, stderr: /not inside the vault/ },
    { name: 'an unknown heading', args: ['content/ops/deploy.md#Nope steps', 'New'], exitCode: 2, stderr: /has no heading "Nope steps" \(did you mean "Old steps"\?\)/ },
    { name: 'a heading that exists', args: ['content/ops/deploy.md#Old steps', 'deploy'], exitCode: 2, stderr: /already has a heading "Deploy"/ },
    { name: 'a name links cannot reach', args: ['content/ops/deploy.md', 'content/ops/deploy #2.md'], exitCode: 2, stderr: /"deploy #2\.md": a link cannot name a file with # \| \^ \[ or \] in its name/ },
    {
      name: 'a file to rewrite is not valid UTF-8',
      args: ['content/ops/deploy.md', 'content/ops/deploy-v2.md'],
      exitCode: 2,
      stderr: /notes\/latin1\.md is not valid UTF-8: rewriting its links would change other bytes; nothing was changed/,
      files: { 'notes/latin1.md': Buffer.concat([Buffer.from('See [[deploy]] at the caf'), Buffer.from([0xe9]), Buffer.from('.\n')]) },
    },
    { name: 'a folder into itself', args: ['content/ops', 'content/ops/inner'], exitCode: 2, stderr: /ops cannot move into itself \(ops\/inner\)/ },
    { name: 'one argument', args: ['content/ops/deploy.md'], exitCode: 2, stderr: /Expected <from> and <to>, got 1 argument/ },
    { name: 'an unknown flag', args: ['--force', 'a', 'b'], exitCode: 2, stderr: /Unknown option '--force'/ },
  ])('refuses, exit $exitCode, nothing written: $name', async ({ args, exitCode, stderr, files }) => {
    const dir = project(vault);
    if (files) writeFiles(join(dir, 'content'), files);
    const before = snapshot(join(dir, 'content'));
    const run = await mv(dir, ...args);
    expect(run.stderr).toMatch(stderr);
    expect(run.exitCode).toBe(exitCode);
    expect(snapshot(join(dir, 'content'))).toEqual(before);
  }, spawnTimeout);

  test(
    '--help exits 0; mv is listed by shipshape --help',
    async () => {
      const dir = project({});
      expect((await mv(dir, '--help')).stdout).toContain('Usage: shipshape mv <from> <to>');
      expect((await runCli(['--help'], { cwd: dir })).stdout).toMatch(/\n {2}mv +move or rename/);
    },
    spawnTimeout,
  );
});
