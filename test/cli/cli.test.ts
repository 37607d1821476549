/**
 * The real CLI, end to end: `node src/cli/main.ts` over the fixture vaults in `test/fixtures/<scenario>/`, one row
 * per case (`{ name, args, exitCode }`, as in markdownlint-cli2's test cases). Rows that read `--format json` pin
 * the diagnostics as `file line:column severity rule`.
 *
 * In: `{ name: 'errors → 1', args: ['--content', 'test/fixtures/broken-links'], exitCode: 1 }`
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Log } from 'sarif';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json' with { type: 'json' };
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { JsonOutput } from '../../src/diagnostics/format-json.ts';
import { fixture, makeTemp, removeTemp, repoRoot, runCli, snapshot, spawnTimeout, type CliRun } from './run-cli.ts';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

/** A fresh working directory, removed after the tests. */
function workDir(): string {
  const dir = makeTemp('shipshape-cli-');
  temps.push(dir);
  return dir;
}

/** `shipshape.config.json` in `dir`; a string is written as is (for broken JSON). */
function writeConfig(dir: string, config: unknown): void {
  writeFileSync(join(dir, 'shipshape.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
}

/** `notes/deploy.md 7:8 error broken-link` per diagnostic of a `--format json` run. */
function brief(stdout: string): string[] {
  const output = JSON.parse(stdout) as JsonOutput;
  return output.diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.severity} ${d.rule}`);
}

interface CliCase {
  name: string;
  args: string[];
  exitCode: number;
  /**
   * Run in a fresh temp folder (instead of the repo root) holding this `shipshape.config.json`, or none for `null`.
   * A function gets the folder, for paths relative to it.
   */
  config?: unknown;
  env?: Record<string, string>;
  /** The diagnostics of a `--format json` run (the row must pass `--format json`). */
  diagnostics?: string[];
  stdout?: RegExp[];
  notStdout?: RegExp[];
  stderr?: RegExp[];
}

const broken = fixture('broken-links');
const warnings = fixture('warnings-only');
const brokenDiagnostics = ['notes/deploy.md 7:8 error broken-link', 'notes/deploy.md 7:38 error broken-anchor'];
const usageError = [/Run with --help for usage/];

const cases: CliCase[] = [
  // Exit codes over the fixture vaults.
  { name: 'a clean vault → 0', args: ['--no-cache', '--content', 'test/fixtures/clean'], exitCode: 0, stdout: [/✔ 3 files checked, no problems/] },
  { name: 'a clean vault, json → no diagnostics', args: ['--no-cache', '--content', 'test/fixtures/clean', '--format', 'json'], exitCode: 0, diagnostics: [] },
  {
    name: 'errors → 1',
    args: ['--no-cache', '--content', 'test/fixtures/broken-links'],
    exitCode: 1,
    stdout: [/notes\/deploy\.md/, /7:8 +error +Unresolved wikilink \[\[rollbak\]\]/, /7:38 +error +Unresolved heading #Verify release/, /2 errors/],
  },
  { name: 'errors, json', args: ['--no-cache', '--content', 'test/fixtures/broken-links', '--format', 'json'], exitCode: 1, diagnostics: brokenDiagnostics },
  {
    name: 'warnings only → 0',
    args: ['--no-cache', '--content', 'test/fixtures/warnings-only', '--format', 'json'],
    exitCode: 0,
    diagnostics: ['index.md 7:1 warning placeholder-text'],
  },
  { name: '--quiet drops warnings', args: ['--no-cache', '--quiet', '--content', 'test/fixtures/warnings-only', '--format', 'json'], exitCode: 0, diagnostics: [] },
  {
    name: '--quiet keeps errors',
    args: ['--no-cache', '-q', '--content', 'test/fixtures/mixed', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['runbook.md 7:16 error broken-link'],
  },
  {
    name: 'a vault with errors and warnings',
    args: ['--no-cache', '--content', 'test/fixtures/mixed', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['overview.md 7:47 warning placeholder-text', 'runbook.md 7:16 error broken-link'],
  },

  // A path argument: that file is reported alone, but its links resolve against the whole vault.
  {
    name: 'a path argument reports that file only, its link to another file resolves',
    args: ['--no-cache', '--content', 'test/fixtures/mixed', '--format', 'json', 'test/fixtures/mixed/overview.md'],
    exitCode: 0,
    diagnostics: ['overview.md 7:47 warning placeholder-text'],
    stdout: [/"files":1,/],
  },
  {
    name: 'a path argument, stylish: other files are not printed',
    args: ['--no-cache', '--content', 'test/fixtures/mixed', 'test/fixtures/mixed/overview.md'],
    exitCode: 0,
    stdout: [/overview\.md/, /7:47 +warning/],
    notStdout: [/runbook\.md/, /escalation-policy/, /error/],
  },
  {
    name: 'a path argument with the error',
    args: ['--no-cache', '--content', 'test/fixtures/mixed', '--format', 'json', 'test/fixtures/mixed/runbook.md'],
    exitCode: 1,
    diagnostics: ['runbook.md 7:16 error broken-link'],
  },
  {
    name: 'a path argument outside the vault → 2',
    args: ['--no-cache', '--content', 'test/fixtures/mixed', 'test/fixtures/clean/index.md'],
    exitCode: 2,
    stderr: [/test\/fixtures\/clean\/index\.md is not inside the vault/, ...usageError],
  },

  // Usage errors.
  { name: 'an unknown flag → 2', args: ['--frobnicate'], exitCode: 2, stderr: [/^shipshape: Unknown option '--frobnicate'/, ...usageError] },
  { name: 'a flag without its value → 2', args: ['--format'], exitCode: 2, stderr: [/--format/, ...usageError] },
  {
    name: 'an unknown format → 2',
    args: ['--no-cache', '--content', 'test/fixtures/clean', '--format', 'xml'],
    exitCode: 2,
    stderr: [/Unknown format "xml", expected one of: stylish, json, github, sarif/, ...usageError],
  },
  { name: '--fix with --fix-dry-run → 2', args: ['--fix', '--fix-dry-run'], exitCode: 2, stderr: [/--fix and --fix-dry-run exclude each other/] },
  {
    name: '--content: a missing folder → 2',
    args: ['--no-cache', '--content', 'test/fixtures/no-such-vault'],
    exitCode: 2,
    stderr: [/^shipshape: Content folder not found: .*test\/fixtures\/no-such-vault/],
  },
  { name: '--config: a missing file → 2', args: ['--no-cache', '--config', 'no-such.config.json'], exitCode: 2, stderr: [/Config file not found: .*no-such\.config\.json/] },
  { name: '--help → 0', args: ['--help'], exitCode: 0, stdout: [/^Usage: shipshape \[check\] \[options\] \[files\.\.\.\]/, /--format NAME/, /Exit codes: 0/] },
  { name: '-h → 0', args: ['-h'], exitCode: 0, stdout: [/^Usage: /] },
  { name: '--version → 0', args: ['--version'], exitCode: 0, stdout: [new RegExp(`^${version.replaceAll('.', '\\.')}\\n$`)] },
  { name: '-v → 0', args: ['-v'], exitCode: 0, stdout: [new RegExp(`^${version.replaceAll('.', '\\.')}\\n$`)] },

  // Config files (each row runs in a fresh folder holding the config).
  {
    name: 'a config that fails the schema (unknown key) → 2',
    config: { contnet: broken },
    args: ['--no-cache'],
    exitCode: 2,
    stderr: [/^shipshape: Invalid config .*shipshape\.config\.json/, /must NOT have additional properties/],
  },
  {
    name: 'a config that fails the schema (unknown severity) → 2',
    config: { content: broken, rules: { 'broken-link': 'fatal' } },
    args: ['--no-cache'],
    exitCode: 2,
    stderr: [/Invalid config/, /\/rules\/broken-link/],
  },
  {
    name: 'a config that is not JSON → 2',
    config: '{ "content": "vault", }',
    args: ['--no-cache'],
    exitCode: 2,
    stderr: [/^shipshape: Cannot read config .*shipshape\.config\.json/],
  },
  { name: 'no config, no content/ folder → 2', config: null, args: ['--no-cache'], exitCode: 2, stderr: [/Content folder not found: .*\/content\n/] },

  // Which vault: --content, else SHIPSHAPE_CONTENT, else the config's `content`, else content/.
  { name: 'SHIPSHAPE_CONTENT selects the vault', config: null, env: { SHIPSHAPE_CONTENT: broken }, args: ['--no-cache', '--format', 'json'], exitCode: 1, diagnostics: brokenDiagnostics },
  { name: 'config content selects the vault', config: { content: broken }, args: ['--no-cache', '--format', 'json'], exitCode: 1, diagnostics: brokenDiagnostics },
  {
    name: 'config content is relative to the config file',
    config: (cwd: string) => ({ content: relative(cwd, broken) }),
    args: ['--no-cache', '--format', 'json'],
    exitCode: 1,
    diagnostics: brokenDiagnostics,
  },
  {
    name: 'SHIPSHAPE_CONTENT overrides config content',
    config: { content: broken },
    env: { SHIPSHAPE_CONTENT: warnings },
    args: ['--no-cache', '--format', 'json'],
    exitCode: 0,
    diagnostics: ['index.md 7:1 warning placeholder-text'],
  },
  {
    name: '--content overrides SHIPSHAPE_CONTENT and config content',
    config: { content: broken },
    env: { SHIPSHAPE_CONTENT: broken },
    args: ['--no-cache', '--format', 'json', '--content', warnings],
    exitCode: 0,
    diagnostics: ['index.md 7:1 warning placeholder-text'],
  },

  // Config `rules`: severities and options.
  { name: 'rules: "off"', config: { content: warnings, rules: { 'placeholder-text': 'off' } }, args: ['--no-cache', '--format', 'json'], exitCode: 0, diagnostics: [] },
  {
    name: 'rules: a warning made an error → 1',
    config: { content: warnings, rules: { 'placeholder-text': 'error' } },
    args: ['--no-cache', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['index.md 7:1 error placeholder-text'],
  },
  {
    name: 'rules: errors made warnings → 0',
    config: { content: broken, rules: { 'broken-link': 'warn', 'broken-anchor': 'off' } },
    args: ['--no-cache', '--format', 'json'],
    exitCode: 0,
    diagnostics: ['notes/deploy.md 7:8 warning broken-link'],
  },
  {
    name: 'rules: ["warn", {options}]',
    config: { content: warnings, rules: { 'placeholder-text': ['warn', { patterns: ['CHANGEME'] }] } },
    args: ['--no-cache', '--format', 'json'],
    exitCode: 0,
    diagnostics: ['index.md 8:17 warning placeholder-text'],
  },
  {
    name: 'rules: "info" is reported and passes',
    config: { content: broken, rules: { 'broken-link': 'info', 'broken-anchor': 'info' } },
    args: ['--no-cache', '--format', 'json'],
    exitCode: 0,
    diagnostics: ['notes/deploy.md 7:8 info broken-link', 'notes/deploy.md 7:38 info broken-anchor'],
  },
];

describe('shipshape CLI', { timeout: spawnTimeout }, () => {
  test.concurrent.each(cases)('$name', async (row) => {
    let cwd: string | undefined;
    if (row.config !== undefined) {
      cwd = workDir();
      const config = typeof row.config === 'function' ? (row.config as (dir: string) => unknown)(cwd) : row.config;
      if (config !== null) writeConfig(cwd, config);
    }
    const run = await runCli(row.args, { ...(cwd ? { cwd } : {}), ...(row.env ? { env: row.env } : {}) });
    const context = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect(run.exitCode, context).toBe(row.exitCode);
    if (row.diagnostics) expect(brief(run.stdout), context).toStrictEqual(row.diagnostics);
    for (const pattern of row.stdout ?? []) expect(run.stdout).toMatch(pattern);
    for (const pattern of row.notStdout ?? []) expect(run.stdout).not.toMatch(pattern);
    for (const pattern of row.stderr ?? []) expect(run.stderr).toMatch(pattern);
    // Exit code 2 prints nothing on stdout: a caller piping `--format json` never gets half a report.
    if (row.exitCode === 2) expect(run.stdout).toBe('');
    // A check prints no stack trace, whatever happens.
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('path arguments', { timeout: spawnTimeout }, () => {
  test('a path that does not exist → 2, naming it', async () => {
    const run = await runCli(['--no-cache', '--content', 'test/fixtures/mixed', 'test/fixtures/mixed/nope.md']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/No such file or folder: test\/fixtures\/mixed\/nope\.md/);
  });

  test('a path relative to the vault works too', async () => {
    const run = await runCli(['--no-cache', '--content', 'test/fixtures/mixed', '--format', 'json', 'runbook.md']);
    const json = JSON.parse(run.stdout) as { files: number; diagnostics: Array<{ file: string }> };
    expect(json.files).toBe(1);
    expect(new Set(json.diagnostics.map((d) => d.file))).toStrictEqual(new Set(['runbook.md']));
  });

  test('a folder reports the files under it, and only those', async () => {
    const dir = workDir();
    mkdirSync(join(dir, 'vault/ops'), { recursive: true });
    writeFileSync(join(dir, 'vault/ops/a.md'), '# A\n\n[[missing-one]]\n');
    writeFileSync(join(dir, 'vault/b.md'), '# B\n\n[[missing-two]]\n');
    const run = await runCli(['--no-cache', '--content', 'vault', '--format', 'json', 'vault/ops'], { cwd: dir });
    const json = JSON.parse(run.stdout) as { files: number; diagnostics: Array<{ file: string }> };
    expect(run.exitCode).toBe(1);
    expect(json.files).toBe(1);
    expect(json.diagnostics.map((d) => d.file)).toStrictEqual(['ops/a.md']);
  });
});

describe('output formats over the broken-links vault', { timeout: spawnTimeout }, () => {
  const args = ['--no-cache', '--content', 'test/fixtures/broken-links', '--format'];
  const runs = new Map<string, Promise<CliRun>>();
  const run = (format: string): Promise<CliRun> => {
    if (!runs.has(format)) runs.set(format, runCli([...args, format]));
    return runs.get(format)!;
  };

  test('json: exactly one JSON object, 1-based positions, forward-slash paths relative to the content dir', async () => {
    const { stdout, exitCode } = await run('json');
    expect(exitCode).toBe(1);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd()).not.toContain('\n');
    const output = JSON.parse(stdout) as JsonOutput;
    expect(Object.keys(output)).toStrictEqual(['version', 'files', 'diagnostics', 'summary']);
    expect(output).toMatchObject({ version: 1, files: 2, summary: { errors: 2, warnings: 0, infos: 0 } });
    expect(output.diagnostics).toStrictEqual([
      {
        rule: 'broken-link',
        severity: 'error',
        file: 'notes/deploy.md',
        line: 7,
        column: 8,
        endLine: 7,
        endColumn: 19,
        message: expect.stringContaining('[[rollbak]]'),
        hint: expect.any(String),
        suggestions: ['rollback'],
      },
      {
        rule: 'broken-anchor',
        severity: 'error',
        file: 'notes/deploy.md',
        line: 7,
        column: 38,
        endLine: 7,
        endColumn: 65,
        message: expect.stringContaining('#Verify release'),
        hint: expect.any(String),
        suggestions: ['#Verify the release'],
      },
    ]);
    // The positions point at the links as written.
    const line = readFileSync(join(broken, 'notes/deploy.md'), 'utf8').split('\n')[6]!;
    expect(line.slice(7, 18)).toBe('[[rollbak]]');
    expect(line.slice(37, 64)).toBe('[[rollback#Verify release]]');
  });

  test('sarif: valid SARIF 2.1.0, paths relative to the working directory', async () => {
    const { stdout, exitCode } = await run('sarif');
    expect(exitCode).toBe(1);
    const log = JSON.parse(stdout) as Log;
    expect(log.version).toBe('2.1.0');
    const ajv = new AjvDraft04.default({ allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, r.level])).toStrictEqual([
      ['broken-link', 'error'],
      ['broken-anchor', 'error'],
    ]);
    expect(results[0]!.locations![0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'test/fixtures/broken-links/notes/deploy.md' },
      region: { startLine: 7, startColumn: 8, endLine: 7, endColumn: 19 },
    });
    // Each rule's help is its section of the rules reference, which docs/rules.md holds.
    const help = log.runs[0]!.tool.driver.rules!.find((rule) => rule.id === 'broken-link')!.helpUri!;
    expect(help).toMatch(/\/blob\/main\/docs\/rules\.md#broken-link$/);
    expect(readFileSync(join(repoRoot, 'docs/rules.md'), 'utf8')).toContain('### `broken-link`');
  });

  test('github: one workflow command per diagnostic', async () => {
    const { stdout, exitCode } = await run('github');
    expect(exitCode).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^::error file=/);
    expect(lines[0]).toMatch(/^::error file=test\/fixtures\/broken-links\/notes\/deploy\.md,line=7,col=8,endLine=7,endColumn=19,title=broken-link::Unresolved wikilink \[\[rollbak\]\]/);
    expect(lines[1]).toMatch(/^::error file=test\/fixtures\/broken-links\/notes\/deploy\.md,line=7,col=38,endLine=7,endColumn=65,title=broken-anchor::/);
  });

  test('github: warnings are ::warning', async () => {
    const { stdout, exitCode } = await runCli(['--no-cache', '--content', 'test/fixtures/warnings-only', '--format', 'github']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^::warning file=test\/fixtures\/warnings-only\/index\.md,line=7,col=1,/);
  });
});

describe('the result cache', { timeout: spawnTimeout }, () => {
  test('--cache-dir: the cache is written there, not in the vault; a second run reports the same', async () => {
    const cacheDir = workDir();
    const before = snapshot(broken);
    const args = ['--cache-dir', cacheDir, '--content', 'test/fixtures/broken-links', '--format', 'json'];
    const first = await runCli(args);
    // Whatever the cache's layout, it lives under --cache-dir, with no temp file left.
    const written = readdirSync(cacheDir, { recursive: true, encoding: 'utf8' });
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((name) => name.endsWith('.tmp'))).toStrictEqual([]);
    const second = await runCli(args);
    expect(first.exitCode).toBe(1);
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(brief(second.stdout)).toStrictEqual(brokenDiagnostics);
    expect(snapshot(broken)).toStrictEqual(before);
  });

  test('SHIPSHAPE_CACHE_DIR: the cache the site, mv and the language server share is the check\'s too', async () => {
    const cacheDir = workDir();
    const { exitCode } = await runCli(['--content', 'test/fixtures/broken-links', '--format', 'json'], { env: { SHIPSHAPE_CACHE_DIR: cacheDir } });
    expect(exitCode).toBe(1);
    expect(readdirSync(cacheDir, { recursive: true, encoding: 'utf8' }).length).toBeGreaterThan(0);
  });
});
