/**
 * `--fix` and `--fix-dry-run` through the real CLI, on vaults written into temp folders byte by byte: mojibake,
 * a BOM and Templater dates are repaired, every other byte stays as it was, and the write is atomic.
 *
 * In: `created: <% tp.date.now("YYYY-MM-DD") %>` in a file first committed on 2026-03-02 → `created: 2026-03-02`
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeTemp, removeTemp, runCli, snapshot, spawnTimeout, writeFiles } from './run-cli.ts';

const bom = '\uFEFF';
/** The seed doc's heading bytes: `📋` (F0 9F 93 8B) read as Mac OS Roman, whose F0 is the Apple logo U+F8FF. */
const garbledClipboard = '\uF8FFüìã';
const dateCommand = '<% tp.date.now("YYYY-MM-DD") %>';

const firstCommit = '2026-03-02T10:00:00+00:00';
const lastCommit = '2026-04-15T09:30:00+00:00';

let temps: string[] = [];
afterEach(() => {
  temps.forEach(removeTemp);
  temps = [];
});

function vault(files: Record<string, string | Uint8Array>): string {
  const dir = makeTemp('shipshape-fix-');
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** git with a fixed identity and no user or system config, so commits and dates are the test's own. */
function git(cwd: string, args: string[], date?: string): void {
  execFileSync('git', ['-c', 'user.name=Shipshape Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

interface JsonLike {
  diagnostics: Array<{ rule: string }>;
}

const fix = (dir: string, ...args: string[]) => runCli(['--no-cache', '--content', dir, ...args], { cwd: dir });

const strategy = [
  `${bom}---`,
  'title: Deployment Strategy',
  `created: ${dateCommand}`,
  `updated: ${dateCommand}`,
  '---',
  '',
  '# Deployment Strategy',
  '',
  `## ${garbledClipboard} Overview`,
  '',
  '## üöÄ Rollout',
  '',
  `*Last updated: ${dateCommand}*`,
  '',
].join('\n');

describe('--fix-dry-run', { timeout: spawnTimeout }, () => {
  test('prints a diff on stderr and changes nothing', async () => {
    const dir = vault({ 'strategy.md': strategy, 'notes/other.md': '# Other\n' });
    utimesSync(join(dir, 'strategy.md'), new Date(2025, 5, 15, 8, 30), new Date(2025, 5, 15, 8, 30));
    const before = snapshot(dir);
    const mtime = statSync(join(dir, 'strategy.md')).mtimeMs;

    const run = await fix(dir, '--fix-dry-run');

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('--- a/strategy.md\n+++ b/strategy.md\n');
    expect(run.stderr).toContain(`-## ${garbledClipboard} Overview\n`);
    expect(run.stderr).toContain('+## 📋 Overview\n');
    expect(run.stderr).toContain('+## 🚀 Rollout\n');
    expect(run.stderr).toContain(`-${bom}---\n`);
    expect(run.stderr).toContain('+created: 2025-06-15\n');
    // Hunks: lines nowhere near a fix are neither removed nor added.
    expect(run.stderr).not.toMatch(/^[-+]title: Deployment Strategy$/m);
    expect(run.stderr).not.toMatch(/^[-+]# Deployment Strategy$/m);
    expect(run.stderr).toMatch(/Would fix 6 problems in 1 file\n$/);
    // The check itself still reports everything: nothing was fixed.
    expect(run.stdout).toMatch(/6 errors/);
    expect(snapshot(dir)).toStrictEqual(before);
    expect(statSync(join(dir, 'strategy.md')).mtimeMs).toBe(mtime);
  });
});

describe('--fix', { timeout: spawnTimeout }, () => {
  test('repairs mojibake, removes the BOM, fills created from the first commit and updated from the last', async () => {
    const dir = vault({ 'strategy.md': strategy });
    git(dir, ['init', '--quiet']);
    git(dir, ['add', 'strategy.md']);
    git(dir, ['commit', '--quiet', '-m', 'Add the strategy'], firstCommit);
    writeFiles(dir, { 'strategy.md': `${strategy}\nCanary first.\n` });
    git(dir, ['commit', '--quiet', '-am', 'Canary first'], lastCommit);

    const run = await fix(dir, '--fix');

    expect(run.stderr).toBe('Fixed 6 problems in 1 file\n');
    expect(run.exitCode, run.stdout).toBe(0);
    expect(readFileSync(join(dir, 'strategy.md'), 'utf8')).toBe(
      [
        '---',
        'title: Deployment Strategy',
        'created: 2026-03-02',
        'updated: 2026-04-15',
        '---',
        '',
        '# Deployment Strategy',
        '',
        '## 📋 Overview',
        '',
        '## 🚀 Rollout',
        '',
        '*Last updated: 2026-04-15*',
        '',
        'Canary first.',
        '',
      ].join('\n'),
    );
    // A second check finds nothing left.
    const again = await fix(dir, '--format', 'json');
    expect(again.exitCode).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ diagnostics: [] });
  });

  test('outside git, the dates come from the file’s mtime', async () => {
    const dir = vault({
      'note.md': `---\ntitle: Note\ncreated: ${dateCommand}\nupdated: <% tp.file.last_modified_date("YYYY-MM-DD HH:mm") %>\n---\n\n# Note\n`,
    });
    // Local time, as Templater writes it; the CLI runs in the same time zone as the test.
    const mtime = new Date(2025, 5, 15, 8, 30, 0);
    utimesSync(join(dir, 'note.md'), mtime, mtime);

    const run = await fix(dir, '--fix');

    expect(run.stderr).toBe('Fixed 2 problems in 1 file\n');
    expect(readFileSync(join(dir, 'note.md'), 'utf8')).toBe('---\ntitle: Note\ncreated: 2025-06-15\nupdated: 2025-06-15 08:30\n---\n\n# Note\n');
  });

  test('bytes outside the fixes are untouched: CRLF, mixed line endings, trailing blanks, accents, no final newline', async () => {
    const before = `${bom}# Café Müller\r\n\r\n## üìã Overview  \r\nTabs\there.\n\r\n- naïve — façade ✅\r\n## üöÄ Rollout`;
    const after = `# Café Müller\r\n\r\n## 📋 Overview  \r\nTabs\there.\n\r\n- naïve — façade ✅\r\n## 🚀 Rollout`;
    const untouched = '# Untouched\r\n\r\nPlain text, nothing to fix.  \r\n';
    const dir = vault({ 'crlf.md': before, 'untouched.md': untouched });
    const mtime = new Date(2025, 0, 2, 3, 4, 5);
    utimesSync(join(dir, 'untouched.md'), mtime, mtime);

    const run = await fix(dir, '--fix');

    expect(run.stderr).toBe('Fixed 3 problems in 1 file\n');
    expect(readFileSync(join(dir, 'crlf.md'))).toStrictEqual(Buffer.from(after, 'utf8'));
    expect(readFileSync(join(dir, 'untouched.md'))).toStrictEqual(Buffer.from(untouched, 'utf8'));
    // A file without fixes is not rewritten at all.
    expect(statSync(join(dir, 'untouched.md')).mtimeMs).toBe(mtime.getTime());
  });

  test('the write is atomic: the file is replaced by a rename, keeps its mode, and no temp file is left', async () => {
    const dir = vault({ 'a.md': `${bom}# A\n`, 'sub/b.md': '## üìã B\n' });
    chmodSync(join(dir, 'a.md'), 0o640);
    const inode = statSync(join(dir, 'a.md')).ino;

    const run = await fix(dir, '--fix');

    expect(run.stderr).toBe('Fixed 2 problems in 2 files\n');
    expect(readdirSync(dir, { recursive: true }).sort()).toStrictEqual(['a.md', 'sub', 'sub/b.md']);
    expect(statSync(join(dir, 'a.md')).mode & 0o777).toBe(0o640);
    // A new inode: the fixed text was written elsewhere and renamed over the file, never written in place.
    expect(statSync(join(dir, 'a.md')).ino).not.toBe(inode);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe('# A\n');
    expect(readFileSync(join(dir, 'sub/b.md'), 'utf8')).toBe('## 📋 B\n');
  });

  test('after --fix, the report is a fresh check: no diagnostic that a fix made obsolete', async () => {
    const dir = vault({ 'a.md': '# A\n\n```mermaid\ngraph TD\n  A --> B\n```text\n\n## After\n\nText.\n\n```\ncode\n```\n' });
    const before = await runCli(['--no-cache', '--content', dir, '--format', 'json'], { cwd: dir });
    expect((JSON.parse(before.stdout) as JsonLike).diagnostics.map((d) => d.rule)).toContain('code-fence');

    const run = await runCli(['--no-cache', '--content', dir, '--format', 'json', '--fix'], { cwd: dir });

    expect(run.stderr).toBe('Fixed 1 problem in 1 file\n');
    expect((JSON.parse(run.stdout) as JsonLike).diagnostics).toStrictEqual([]);
    expect(run.exitCode).toBe(0);
  });

  test('a file with invalid UTF-8 is not rewritten, even where it has fixable problems', async () => {
    const bytes = Buffer.concat([Buffer.from(`${bom}# Bad\n\n## üìã Overview\n\nPrice: `, 'utf8'), Buffer.from([0xa3, 0x35]), Buffer.from('\n', 'utf8')]);
    const dir = vault({ 'latin1.md': bytes });
    const before = snapshot(dir);

    const run = await fix(dir, '--fix', '--format', 'json');

    expect(run.stderr).toBe('Fixed 0 problems in 0 files\n');
    expect(snapshot(dir)).toStrictEqual(before);
    expect(readFileSync(join(dir, 'latin1.md'))).toStrictEqual(bytes);
    expect(run.exitCode).toBe(1);
    const output = JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number; column: number; message: string }> };
    expect(output.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toStrictEqual(['1:1 encoding', '3:4 encoding', '5:8 encoding']);
    expect(output.diagnostics[2]!.message).toMatch(/^Invalid UTF-8 sequence A3 at byte \d+/);
  });
});
