/**
 * `npm run import` end to end: `node src/cli/bin.mjs import …` in a child process, one row per case
 * (`{ name, args, exitCode }`), then idempotence and a hand-edited conflict over a real output folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { makeTemp, removeTemp, repoRoot, runCli, spawnTimeout } from '../../cli/run-cli.ts';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

function tempDir(): string {
  const dir = makeTemp('shipshape-import-cli-');
  temps.push(dir);
  return dir;
}

const fixture = (name: string) => join(repoRoot, 'test/fixtures/import', name);
const shape = (name: string) => join(repoRoot, 'test/runs/import/fixtures', name);

describe('npm run import', () => {
  const cases: { name: string; args: (dir: string) => string[]; exitCode: number; stdout?: RegExp; stderr?: RegExp }[] = [
    { name: 'github-actions without --environment → 2', args: (dir) => ['github-actions', fixture('github-actions-rest.json'), '--out', dir], exitCode: 2, stderr: /github-actions runs carry no environment: pass --environment/ },
    { name: 'malformed JSON → 2', args: (dir) => ['gitlab', join(dir, 'broken.json'), '--out', dir], exitCode: 2, stderr: /broken\.json:1:11: not valid JSON: / },
    { name: 'missing file → 2', args: (dir) => ['gitlab', join(dir, 'nope.json'), '--out', dir], exitCode: 2, stderr: /Cannot read .*nope\.json/ },
    { name: 'unknown source → 2', args: (dir) => ['jenkins', fixture('gitlab.json'), '--out', dir], exitCode: 2, stderr: /Unknown source "jenkins"/ },
    { name: 'wrong shape → 2', args: (dir) => ['argocd', fixture('gitlab.json'), '--out', dir], exitCode: 2, stderr: /input\[0\]: expected an Argo CD Application, found no metadata/ },
    { name: '--help → 0', args: () => ['--help'], exitCode: 0, stdout: /Usage: shipshape import/ },
    { name: 'a bad record in the second page → 2', args: (dir) => ['gitlab', join(dir, 'pages.json'), '--out', dir, '--service', 'p'], exitCode: 2, stderr: /^shipshape: input \(document 2, line 2\)\[0\]\.status: expected a string\n$/ },
    { name: 'gh api --paginate pages → 0', args: (dir) => ['github-actions', shape('github-runs-paginate.json'), '--out', dir, '--environment', 'production'], exitCode: 0, stdout: /^added 3, unchanged 0, conflicting 0 → .*octo-repo\.ndjson\n$/ },
    { name: 'NDJSON → 0', args: (dir) => ['github-deployments', shape('github-deployments.ndjson'), '--out', dir], exitCode: 0, stdout: /^added 2, unchanged 0, conflicting 0 → .*example\.ndjson\n$/ },
    { name: 'one object → 0', args: (dir) => ['gitlab', shape('gitlab-get-deployment.json'), '--out', dir, '--service', 'project'], exitCode: 0, stdout: /^added 1, unchanged 0, conflicting 0 → .*project\.ndjson\n$/ },
    { name: 'gitlab → 0', args: (dir) => ['gitlab', fixture('gitlab.json'), '--out', dir], exitCode: 0, stdout: /^added 5, unchanged 0, conflicting 0 → .*checkout-api\.ndjson\n$/ },
  ];
  test.each(cases)('$name', async ({ args, exitCode, stdout, stderr }) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '[{"id": 1,');
    writeFileSync(join(dir, 'pages.json'), '[]\n[{"id": 1}]\n');
    const result = await runCli(['import', ...args(dir)]);
    expect(result.exitCode, result.stderr).toBe(exitCode);
    if (stdout) expect(result.stdout).toMatch(stdout);
    if (stderr) expect(result.stderr).toMatch(stderr);
  }, spawnTimeout);

  test('into the vault: the second import adds nothing; a hand edit is kept and reported', async () => {
    const vault = tempDir();
    mkdirSync(join(vault, 'content'));
    const args = ['import', 'github-actions', fixture('github-actions-gh.json'), '--environment', 'production', '--content', 'content'];
    const first = await runCli(args, { cwd: vault });
    expect(first).toMatchObject({ exitCode: 0, stdout: 'added 3, unchanged 0, conflicting 0 → content/runs/checkout-api.ndjson\n' });
    const file = join(vault, 'content/runs/checkout-api.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.map((line) => (line === '' ? '' : (JSON.parse(line) as { id: string }).id))).toEqual(['gha-11000000002-2', 'gha-11000000002-1', 'gha-11000000003-1', '']);

    expect(await runCli(args, { cwd: vault })).toMatchObject({ exitCode: 0, stdout: 'added 0, unchanged 3, conflicting 0 → content/runs/checkout-api.ndjson\n', stderr: '' });

    lines[1] = lines[1]!.replace('"status":"failure"', '"status":"success"');
    writeFileSync(file, lines.join('\n'));
    const third = await runCli(args, { cwd: vault });
    expect(third).toMatchObject({ exitCode: 0, stdout: 'added 0, unchanged 2, conflicting 1 → content/runs/checkout-api.ndjson\n' });
    expect(third.stderr).toBe('shipshape: warning: content/runs/checkout-api.ndjson:2: gha-11000000002-1 differs from the import: kept; pass --replace to overwrite it\n');
    expect(readFileSync(file, 'utf8')).toBe(lines.join('\n'));

    const replaced = await runCli([...args, '--replace'], { cwd: vault });
    expect(replaced).toMatchObject({ exitCode: 0, stdout: 'added 0, unchanged 2, replaced 1 → content/runs/checkout-api.ndjson\n' });
    expect(readFileSync(file, 'utf8')).toContain('"id":"gha-11000000002-1","service":"checkout-api","environment":"production","status":"failure"');
  }, spawnTimeout * 4);
});
