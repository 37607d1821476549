/**
 * `shipshape <command>`: one entry point for every command. Rows of `{ name, args, exitCode, stdout, stderr }`, run
 * as a user runs them (`node src/cli/bin.mjs …`), plus the Node version guard run by a real old Node where the
 * machine has one (/usr/bin/node is 20 here and in CI), else by this Node told to pretend.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliPath, fixture, repoRoot, runCli, spawnTimeout } from './run-cli.ts';

interface Case {
  name: string;
  args: string[];
  exitCode: number;
  stdout?: RegExp[];
  stderr?: RegExp[];
}

const commandNames = ['check', 'new', 'import', 'metrics', 'checklist', 'build', 'dev', 'preview'];

const cases: Case[] = [
  {
    name: '--help lists every command with one line, then check\'s options',
    args: ['--help'],
    exitCode: 0,
    stdout: [/^Usage: shipshape \[check\] \[options\] \[files\.\.\.\]\n {7}shipshape <command> \[options\]/, ...commandNames.map((name) => new RegExp(`^  ${name} +\\S.*$`, 'm')), /--format NAME/],
  },
  ...commandNames.map((name) => ({
    name: `${name} --help shows its own options`,
    args: [name, '--help'],
    exitCode: 0,
    stdout: [new RegExp(`^Usage: shipshape ${name}\\b`), /--content DIR/, /--config FILE/],
  })),
  { name: 'no help names npm run', args: ['--help'], exitCode: 0, stdout: [/^(?![\s\S]*npm run)/] },
  { name: 'check by name', args: ['check', '--content', fixture('clean')], exitCode: 0, stdout: [/3 files checked, no problems/] },
  { name: 'check by default: a flag first', args: ['--content', fixture('clean'), '--format', 'json'], exitCode: 0, stdout: [/^\{"version":1,/] },
  { name: 'check by default: a path first', args: ['test/fixtures/clean/index.md', '--content', fixture('clean')], exitCode: 0, stdout: [/1 file checked|no problems/] },
  { name: 'a usage error names the command\'s help', args: ['metrics', '--frobnicate'], exitCode: 2, stderr: [/shipshape metrics: Unknown option '--frobnicate'/, /Usage: shipshape metrics/] },
  { name: 'check\'s usage error names shipshape', args: ['check', '--frobnicate'], exitCode: 2, stderr: [/^shipshape: Unknown option/, /shipshape check --help/] },
  { name: 'build: a missing vault is exit 2 before Astro starts', args: ['build', '--content', 'no-such-vault'], exitCode: 2, stderr: [/^shipshape: Content folder not found: .*no-such-vault/] },
  { name: 'build: an argument it does not take', args: ['build', 'docs'], exitCode: 2, stderr: [/Unexpected argument: docs/, /shipshape build --help/] },
  { name: 'build: --port is for dev and preview', args: ['build', '--port', '4000'], exitCode: 2, stderr: [/--port and --host are for dev and preview/] },
  { name: 'dev: a port that is no port', args: ['dev', '--port', 'x'], exitCode: 2, stderr: [/Invalid --port x/] },
];

describe('shipshape <command>', { timeout: spawnTimeout }, () => {
  it.each(cases)('$name', async ({ args, exitCode, stdout = [], stderr = [] }) => {
    const run = await runCli(args);
    expect({ exitCode: run.exitCode, stderr: run.exitCode === exitCode ? '' : run.stderr }).toEqual({ exitCode, stderr: '' });
    for (const pattern of stdout) expect(run.stdout).toMatch(pattern);
    for (const pattern of stderr) expect(run.stderr).toMatch(pattern);
    // No experimental-feature warnings, whatever Node flags the command was started with.
    expect(run.stderr).not.toMatch(/ExperimentalWarning/);
  });

  it('prints no ExperimentalWarning when started without Node flags, as an installed bin is', () => {
    const run = spawnSync(process.execPath, [cliPath, '--content', fixture('clean'), '--no-cache'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the Node version guard', { timeout: spawnTimeout }, () => {
  // A real Node 20 proves the entry point loads there; without one, this Node pretends to be 20.20.2.
  const oldNode = '/usr/bin/node';
  const realOld = existsSync(oldNode) && !/^v2[2-9]|^v[3-9]\d/.test(spawnSync(oldNode, ['--version'], { encoding: 'utf8' }).stdout);
  const [node, env] = realOld ? [oldNode, {}] : [process.execPath, { SHIPSHAPE_TEST_NODE_VERSION: '20.20.2' }];
  const version = realOld ? spawnSync(oldNode, ['--version'], { encoding: 'utf8' }).stdout.trim().slice(1) : '20.20.2';

  it.each([[[]], [['check', '--format', 'json']], [['metrics']], [['build']], [['--help']]])('shipshape %j says which Node it needs, exit 2', (args) => {
    const run = spawnSync(node, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(run.stderr).toMatch(new RegExp(`^shipshape needs Node ≥ 22\\.18 \\(this is ${version.replaceAll('.', '\\.')}\\)`));
    expect(run.stderr).toMatch(/nvm install 22/);
    expect(run.stderr).not.toMatch(/Error|    at /);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });

  it('the test-only version variable behaves as an old Node would', () => {
    const run = spawnSync(process.execPath, [cliPath, 'metrics'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, SHIPSHAPE_TEST_NODE_VERSION: '22.17.1' } });
    expect(run.stderr).toMatch(/^shipshape needs Node ≥ 22\.18 \(this is 22\.17\.1\)/);
    expect(run.status).toBe(2);
  });
});
