/**
 * The GitHub Action (action.yml) as a runner would run it: parse the file, run each `run:` step with bash the way
 * Actions does (`bash --noprofile --norc -eo pipefail`), its `env:` expressions filled from the inputs and their
 * defaults, in a temporary repository. `shipshape` and `npm` are PATH shims: the first runs this repository's CLI,
 * the second records its arguments (no network in a test).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json' with { type: 'json' };
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { cliPath, makeTemp, removeTemp, repoRoot, spawnTimeout, writeFiles } from '../cli/run-cli.ts';

interface Step {
  name: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { value: string }>;
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Action;
const step = (name: string): Step => action.runs.steps.find((s) => s.name === name)!;

const ajv = new AjvDraft04.default({ allErrors: true, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

/** `${{ inputs.fail-on }}` → the given input, else its default; any other expression is a test failure. */
function expand(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expression: string) => {
    const name = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
    if (name === undefined || !(name in action.inputs)) throw new Error(`Unexpected expression in action.yml: ${expression}`);
    return inputs[name] ?? action.inputs[name]!.default ?? '';
  });
}

let shims: string;
let temps: string[] = [];

beforeAll(() => {
  shims = makeTemp('shipshape-action-bin-');
  temps.push(shims);
  writeFiles(shims, {
    shipshape: `#!/bin/sh\nexec "${process.execPath}" --disable-warning=ExperimentalWarning "${cliPath}" "$@"\n`,
    npm: '#!/bin/sh\necho "npm $*" >> "$NPM_LOG"\n',
  });
  chmodSync(join(shims, 'shipshape'), 0o755);
  chmodSync(join(shims, 'npm'), 0o755);
});

afterAll(() => {
  for (const dir of temps) removeTemp(dir);
});

function repo(files: Record<string, string>): string {
  const dir = makeTemp('shipshape-action-repo-');
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** Runs one step's script as Actions does, in `cwd`; `env` stands for what earlier steps left in $GITHUB_ENV. */
function runStep(s: Step, cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  expect(s.shell).toBe('bash');
  const runnerTemp = makeTemp('shipshape-action-runner-');
  temps.push(runnerTemp);
  const script = join(runnerTemp, 'step.sh');
  writeFileSync(script, s.run!);
  const githubEnv = join(runnerTemp, 'github-env');
  writeFileSync(githubEnv, '');
  const stepEnv = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    encoding: 'utf8',
    timeout: spawnTimeout,
    env: {
      PATH: [shims, dirname(process.execPath), process.env.PATH].join(delimiter),
      HOME: process.env.HOME,
      NO_COLOR: '1',
      GITHUB_ENV: githubEnv,
      RUNNER_TEMP: runnerTemp,
      NPM_LOG: join(runnerTemp, 'npm-log'),
      ...env,
      ...stepEnv,
    },
  });
  const npmLog = join(runnerTemp, 'npm-log');
  return {
    exitCode: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    githubEnv: readFileSync(githubEnv, 'utf8'),
    npm: existsSync(npmLog) ? readFileSync(npmLog, 'utf8') : '',
  };
}

describe('action.yml', () => {
  test('a composite action with the documented inputs and their defaults', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['content', 'fail-on', 'sarif', 'version']);
    expect(action.inputs['fail-on']!.default).toBe('error');
    expect(action.inputs.sarif!.default).toBe('shipshape.sarif');
    expect(action.outputs.sarif!.value).toBe('${{ inputs.sarif }}');
  });

  test('sets up Node 22 with actions/setup-node first', () => {
    const [first] = action.runs.steps;
    expect(first!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(first!.with!['node-version']).toBe('22');
  });

  test('no ${{ }} expression inside a script: inputs reach scripts through env', () => {
    for (const s of action.runs.steps) if (s.run !== undefined) expect(s.run).not.toContain('${{');
  });
});

describe('Install Shipshape', () => {
  test.each<[name: string, files: Record<string, string>, inputs: Record<string, string>, npm: string, shipshape: string]>([
    ['a repository that depends on shipshape: npm ci, then its own copy', { 'package.json': '{"devDependencies":{"shipshape":"^0.1.0"}}' }, {}, 'npm ci --no-audit --no-fund\n', 'npx --no-install shipshape'],
    ['a runtime dependency counts too', { 'package.json': '{"dependencies":{"shipshape":"^0.1.0"}}' }, {}, 'npm ci --no-audit --no-fund\n', 'npx --no-install shipshape'],
    ['a repository with other dependencies: npx of the version input', { 'package.json': '{"devDependencies":{"astro":"^7"}}' }, { version: '0.1.0' }, '', 'npx --yes shipshape@0.1.0'],
    ['no package.json: npx, default version', { 'content/a.md': '# A\n' }, {}, '', 'npx --yes shipshape@0'],
  ])('%s', (_name, files, inputs, npm, shipshape) => {
    const run = runStep(step('Install Shipshape'), repo(files), inputs);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.npm).toBe(npm);
    expect(run.githubEnv).toBe(`SHIPSHAPE=${shipshape}\n`);
  });
});

const note = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n# ${title}\n\n${body}\n`;
const vaults = {
  clean: { 'content/index.md': note('Home', 'See [[rollback]].'), 'content/rollback.md': note('Rollback', 'Watch the error rate.') },
  warning: { 'content/index.md': note('On-call', 'TODO: write the escalation path.') },
  error: { 'content/index.md': note('Home', 'See [[rollbak]].'), 'content/rollback.md': note('Rollback', 'Watch the error rate.') },
  docs: { 'docs/kb/index.md': note('Home', 'See [[rollbak]].') },
} satisfies Record<string, Record<string, string>>;

describe('Check the vault', () => {
  test.each<{ name: string; vault: keyof typeof vaults; inputs: Record<string, string>; exitCode: number; annotations: RegExp[]; sarif: string | undefined }>([
    { name: 'clean, defaults', vault: 'clean', inputs: {}, exitCode: 0, annotations: [], sarif: 'shipshape.sarif' },
    { name: 'an error, fail-on error (default)', vault: 'error', inputs: {}, exitCode: 1, annotations: [/^::error file=content\/index\.md,line=7,col=5,.*title=broken-link::Unresolved wikilink \[\[rollbak\]\]/m], sarif: 'shipshape.sarif' },
    { name: 'an error, fail-on warning', vault: 'error', inputs: { 'fail-on': 'warning' }, exitCode: 1, annotations: [/^::error file=content\/index\.md/m], sarif: 'shipshape.sarif' },
    { name: 'an error, fail-on never', vault: 'error', inputs: { 'fail-on': 'never' }, exitCode: 0, annotations: [/^::error file=content\/index\.md/m], sarif: 'shipshape.sarif' },
    { name: 'a warning, fail-on error', vault: 'warning', inputs: {}, exitCode: 0, annotations: [/^::warning file=content\/index\.md,.*title=placeholder-text::/m], sarif: 'shipshape.sarif' },
    { name: 'a warning, fail-on warning', vault: 'warning', inputs: { 'fail-on': 'warning' }, exitCode: 1, annotations: [/^::warning file=content\/index\.md/m, /^shipshape: 1 warning\(s\), and fail-on is warning$/m], sarif: 'shipshape.sarif' },
    { name: 'content input and a SARIF path in a folder', vault: 'docs', inputs: { content: 'docs/kb', sarif: 'reports/out.sarif' }, exitCode: 1, annotations: [/^::error file=docs\/kb\/index\.md,/m], sarif: 'reports/out.sarif' },
    { name: 'sarif input empty: no SARIF file', vault: 'error', inputs: { sarif: '' }, exitCode: 1, annotations: [/^::error /m], sarif: undefined },
  ])('$name', ({ vault, inputs, exitCode, annotations, sarif }) => {
    const cwd = repo(vaults[vault]);
    if (sarif?.includes('/')) mkdirSync(join(cwd, dirname(sarif)), { recursive: true });
    const run = runStep(step('Check the vault'), cwd, inputs, { SHIPSHAPE: 'shipshape' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(exitCode);
    for (const annotation of annotations) expect(run.stdout).toMatch(annotation);
    if (annotations.length === 0) expect(run.stdout).toBe('');
    if (sarif === undefined) {
      expect(existsSync(join(cwd, 'shipshape.sarif'))).toBe(false);
      return;
    }
    const log = JSON.parse(readFileSync(join(cwd, sarif), 'utf8')) as Log;
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
    const results = log.runs[0]!.results!;
    expect(results.length).toBe(run.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line)).length);
    for (const r of results) {
      expect(r.partialFingerprints?.['shipshapeFingerprint/v1']).toMatch(/^[0-9a-f]{64}$/);
      expect(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toMatch(vault === 'docs' ? /^docs\/kb\// : /^content\//);
    }
  });

  test('a bad fail-on fails the step with an annotation', () => {
    const run = runStep(step('Check the vault'), repo(vaults.clean), { 'fail-on': 'sometimes' }, { SHIPSHAPE: 'shipshape' });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/^::error title=shipshape::fail-on must be error, warning or never/m);
  });

  test('Shipshape cannot run (a missing content folder): the step fails even with fail-on never', () => {
    const run = runStep(step('Check the vault'), repo(vaults.clean), { content: 'nope', 'fail-on': 'never' }, { SHIPSHAPE: 'shipshape' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^shipshape: /);
  });
});
