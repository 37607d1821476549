/**
 * `shipshape check` with a baseline, through the real CLI: the exit codes of the flags, step by step on one vault as
 * a team adopts it (write, commit, new problems fail, fixed ones are pruned), and what each format says.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/baseline/baseline-file.ts';
import { makeTemp, removeTemp, repoRoot, runCli, snapshot, spawnTimeout, writeFiles } from './run-cli.ts';

const doc = (body: string) => `---\ntitle: A doc\n---\n# A doc\n\n${body}\n`;

interface Step {
  name: string;
  /** Files to write (vault paths under content/, or the config) before the run; `null` deletes. */
  files?: Record<string, string | null>;
  args: string[];
  exitCode: number;
  stdout?: RegExp;
  stderr?: RegExp;
  /** The baseline file afterwards: how many problems it records, or that there is none. */
  known?: number | 'none';
  /** The run must not change the baseline file. */
  unchanged?: boolean;
}

const steps: Step[] = [
  { name: 'no baseline: errors fail', files: { 'content/a.md': doc('See [[missing]] and [[missing]].'), 'content/b.md': doc('See [[gone]].') }, args: [], exitCode: 1, known: 'none' },
  { name: '--baseline-prune without a baseline', args: ['--baseline-prune'], exitCode: 2, stderr: /No baseline at shipshape-baseline\.json: nothing to prune/, known: 'none' },
  { name: '--baseline FILE that does not exist', args: ['--baseline', 'other.json'], exitCode: 2, stderr: /No baseline at other\.json/ },
  { name: '--baseline-write records today', args: ['--baseline-write'], exitCode: 0, stderr: /Wrote shipshape-baseline\.json: 3 known problems in 2 files/, stdout: /✔ 2 files checked, no new problems\n3 known problems \(baseline\), 0 new\n$/, known: 3 },
  { name: '--baseline-write again refuses', args: ['--baseline-write'], exitCode: 2, stderr: /shipshape-baseline\.json exists: .*--force/, unchanged: true },
  { name: 'known problems fail nothing', args: [], exitCode: 0, stdout: /^✔ 2 files checked, no new problems\n3 known problems \(baseline\), 0 new\n$/, unchanged: true },
  { name: 'lines added above keep them known', files: { 'content/a.md': doc('Intro.\n\nMore.\n\nSee [[missing]] and [[missing]].') }, args: [], exitCode: 0, unchanged: true },
  {
    name: 'a new error fails, shown alone',
    files: { 'content/a.md': doc('See [[missing]] and [[missing]] and [[new-one]].') },
    args: [],
    exitCode: 1,
    stdout: /^content\/a\.md\n {2}6:\d+ +error +Unresolved wikilink \[\[new-one\]\][^\n]*\n[^\n]*\n\n✖ 1 error in 1 file \(2 files checked\)\n3 known problems \(baseline\), 1 new\n$/,
    unchanged: true,
  },
  { name: '--no-baseline reports everything', args: ['--no-baseline'], exitCode: 1, stdout: /✖ 4 errors in 2 files/ },
  { name: 'a staged file alone: the other file\'s entries are neither new nor fixed', files: { 'content/a.md': doc('See [[missing]] and [[missing]].') }, args: ['content/a.md'], exitCode: 0, stdout: /^✔ 1 file checked, no new problems\n2 known problems \(baseline\), 0 new\n$/ },
  { name: 'a fixed problem is reported', files: { 'content/b.md': doc('See [[a]].') }, args: [], exitCode: 0, stdout: /2 known problems \(baseline\), 0 new\n1 baseline entry is fixed — run --baseline-prune\n$/, unchanged: true },
  { name: 'one of two identical problems fixed', files: { 'content/a.md': doc('See [[missing]].') }, args: [], exitCode: 0, stdout: /1 known problem \(baseline\), 0 new\n2 baseline entries are fixed/, unchanged: true },
  { name: 'prune of a partial check drops the fixed of those files only', args: ['--baseline-prune', 'content/a.md'], exitCode: 0, stderr: /Pruned shipshape-baseline\.json: 1 fixed problem dropped, 2 known/, known: 2 },
  { name: '--baseline-prune drops the rest and never adds', files: { 'content/c.md': doc('See [[nowhere]].') }, args: ['--baseline-prune'], exitCode: 1, stdout: /1 known problem \(baseline\), 1 new\n$/, known: 1 },
  { name: 'nothing left to prune', args: ['--baseline-prune'], exitCode: 1, stderr: /no fixed problems to prune/, unchanged: true },
  { name: '--baseline-write --force replaces it', args: ['--baseline-write', '--force'], exitCode: 0, known: 2 },
  { name: 'a baseline that is not one', files: { 'shipshape-baseline.json': '{"version": 1, "entries": [{"file": 1}]}' }, args: [], exitCode: 2, stderr: /^shipshape: Invalid baseline shipshape-baseline\.json \(schemas\/baseline\.schema\.json\):\n {2}1:28 \/entries\/0: must have required property 'rule'/ },
  { name: '--baseline-write --force replaces an invalid one too', args: ['--baseline-write', '--force'], exitCode: 0, known: 2 },
  { name: '--baseline-write with --baseline-prune', args: ['--baseline-write', '--baseline-prune'], exitCode: 2, stderr: /exclude each other/, unchanged: true },
  { name: '--force alone', args: ['--force'], exitCode: 2, stderr: /--force goes with --baseline-write/, unchanged: true },
  { name: '--no-baseline with --baseline-write', args: ['--no-baseline', '--baseline-write'], exitCode: 2, unchanged: true },
  {
    name: 'the config names another baseline; excluded paths are not in it',
    files: { 'shipshape.config.json': JSON.stringify({ baseline: 'ci/docs-baseline.json', ignore: ['drafts/**'] }), 'content/drafts/d.md': doc('[[draft-link]]') },
    args: ['--baseline-write'],
    exitCode: 0,
    stderr: /Wrote ci\/docs-baseline\.json: 2 known problems in 2 files/,
  },
];

describe('check with a baseline, step by step', () => {
  let root: string;
  beforeAll(() => {
    root = makeTemp();
  });
  afterAll(() => removeTemp(root));

  const baselineFile = () => join(root, 'shipshape-baseline.json');
  const known = () => (existsSync(baselineFile()) ? parseBaseline(readFileSync(baselineFile(), 'utf8'), 'b').reduce((n, e) => n + (e.count ?? 1), 0) : 'none');

  it.each(steps)('$name', async (step) => {
    for (const [path, text] of Object.entries(step.files ?? {})) {
      if (text === null) rmSync(join(root, path));
      else writeFiles(root, { [path]: text });
    }
    const before = existsSync(baselineFile()) ? snapshot(root)['shipshape-baseline.json'] : undefined;
    const run = await runCli(['--no-cache', ...step.args], { cwd: root });
    expect(run.exitCode, run.stderr + run.stdout).toBe(step.exitCode);
    if (step.stdout) expect(run.stdout).toMatch(step.stdout);
    if (step.stderr) expect(run.stderr).toMatch(step.stderr);
    if (step.known !== undefined) expect(known()).toBe(step.known);
    if (step.unchanged) expect(snapshot(root)['shipshape-baseline.json']).toBe(before);
  }, spawnTimeout);

  it('the baseline written is valid by its schema, sorted, one entry a line', () => {
    const text = readFileSync(join(root, 'ci/docs-baseline.json'), 'utf8');
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/baseline.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const lines = text.split('\n').filter((line) => line.startsWith('    {'));
    expect(lines.map((line) => (JSON.parse(line.replace(/,$/, '')) as { file: string }).file)).toEqual(['a.md', 'c.md']);
  });

  it('json, sarif and github say which problems are known', async () => {
    writeFiles(root, { 'content/a.md': doc('See [[missing]] and [[new-one]].') });
    const config = ['--no-cache', '--baseline', 'ci/docs-baseline.json'];
    const json = JSON.parse((await runCli([...config, '--format', 'json'], { cwd: root })).stdout) as {
      diagnostics: Array<{ message: string; baseline: string }>;
      baseline: unknown;
    };
    expect(json.diagnostics.map((d) => [d.message.replace(/:.*/, ''), d.baseline])).toEqual([
      ['Unresolved wikilink [[missing]]', 'unchanged'],
      ['Unresolved wikilink [[new-one]]', 'new'],
      ['Unresolved wikilink [[nowhere]]', 'unchanged'],
    ]);
    expect(json.baseline).toEqual({ file: 'ci/docs-baseline.json', unchanged: 2, new: 1, fixed: 0 });
    const sarif = JSON.parse((await runCli([...config, '--format', 'sarif'], { cwd: root })).stdout) as { runs: Array<{ results: Array<{ baselineState: string }> }> };
    expect(sarif.runs[0]!.results.map((r) => r.baselineState)).toEqual(['unchanged', 'new', 'unchanged']);
    const github = await runCli([...config, '--format', 'github'], { cwd: root });
    expect(github.exitCode).toBe(1);
    expect(github.stdout).toBe(
      '::error file=content/a.md,line=6,col=21,endLine=6,endColumn=32,title=broken-link::Unresolved wikilink [[new-one]]: no file `new-one` in the vault — create the note, or fix the link\n' +
        '::notice title=shipshape baseline::2 known problems (baseline), 1 new\n',
    );
  }, spawnTimeout * 3);
});
