/**
 * DORA metrics (`src/runs/metrics.ts`) on small hand-computed run lists, and `npm run metrics` on a temp vault.
 * Every case uses the window [2026-01-01, 2026-01-08) UTC: 7 days, 1 week.
 *
 * In: 6 production deployments on 4 distinct days → `deploymentsPerDay: 6 / 7 = 0.8571`, `deployDaysPerWeek: 4`
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { createMetricsAccumulator, metricsFor, previousWindow, type ServiceMetrics } from '../../src/runs/metrics.ts';
import type { Incident, Run } from '../../src/runs/types.ts';
import { makeTemp, removeTemp, repoRoot, spawnTimeout, writeFiles } from '../cli/run-cli.ts';

const window = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' };

let counter = 0;
/** A successful production deploy of `api`, finished at `finishedAt` (`01-02T03` is short for 2026-01-02T03:00Z). */
function run(finishedAt: string, extra: Partial<Run> = {}): Run {
  counter++;
  return { id: `run-${counter}`, service: 'api', environment: 'prod', status: 'success', sha: `sha-${counter}`, finishedAt: at(finishedAt), ...extra };
}

function incident(id: string, openedAt: string, extra: Partial<Incident> = {}): Incident {
  return { id, service: 'api', openedAt: at(openedAt), ...extra };
}

/** `01-02T03` → `2026-01-02T03:00:00Z`; `12-31T00` → 2025. */
function at(short: string): string {
  return short.includes('Z') ? short : `${short.startsWith('12-') ? 2025 : 2026}-${short}:00:00Z`;
}

function commit(sha: string, timestamp: string) {
  return { sha, timestamp: at(timestamp) };
}

function only(runs: Run[], incidents: Incident[] = [], options: Partial<Parameters<typeof metricsFor>[2]> = {}): ServiceMetrics {
  const report = metricsFor(runs, incidents, { ...window, ...options });
  expect(report.services.map((s) => s.service)).toContain('api');
  return report.services.find((s) => s.service === 'api')!;
}

describe('deployment frequency, window boundaries, tiers', () => {
  const runs = [
    run('01-01T00'), // on `from`: inclusive → counts (day 01-01)
    run('01-01T12'), // day 01-01 again
    run('01-03T10'), // day 01-03
    run('01-08T00'), // on `to`: exclusive → out
    run('12-31T23'), // before the window → out
    run('01-02T00', { environment: 'staging' }), // not production
    run('01-04T00', { status: 'failure' }), // failed attempt, not a deployment
    run('12-31T00', { status: 'failure' }), // failed, but before the window
    run('01-04T00', { status: 'cancelled' }), // neither
    run('01-04T00', { status: 'running', finishedAt: undefined }), // neither
    run('01-04T00', { environment: 'staging', status: 'failure' }), // not production: not even a failed attempt
    run('01-05T00', { environment: 'eu-prod' }), // production by name part, day 01-05
    run('01-05T01', { environment: 'Live' }), // production by name, any case
    run('01-05T02', { environment: 'prodigy' }), // not a name part: not production
    run('01-06T00', { environment: 'qa', environmentTier: 'production' }), // the run's tier wins, day 01-06
    run('01-06T00', { environment: 'prod', environmentTier: 'staging' }), // …both ways
  ];

  test('counts deployments per day and deploy-days per week', () => {
    // deployments: 01-01T00, 01-01T12, 01-03T10, eu-prod 01-05T00, Live 01-05T01, qa 01-06 = 6 → 6 / 7 days = 0.8571
    // distinct days: 01-01, 01-03, 01-05, 01-06 = 4 → 4 / 1 week = 4
    // every next deployment is a plain deploy (01-06's next is 01-08T00) and no incident → 0 failed; none unplanned
    expect(only(runs)).toEqual({
      service: 'api',
      deployments: 6,
      failedAttempts: 1,
      deploymentsPerDay: 0.8571,
      deployDaysPerWeek: 4,
      leadTimeHours: null,
      changeFailRate: 0,
      recoveryTimeHours: null,
      reworkRate: 0,
      coverage: { deploymentsWithCommits: 0, incidents: 0 },
    });
  });

  test('a tierOf lookup decides environments without environmentTier', () => {
    const blue = [run('01-02T00', { environment: 'blue' }), run('01-02T01', { environment: 'prod' })];
    // 'blue' is production by the lookup; 'prod' no longer is (the lookup replaces the default)
    expect(only(blue, [], { tierOf: (env) => (env === 'blue' ? 'production' : 'staging') }).deployments).toBe(1);
  });

  test.each([
    ['prod', 1],
    ['production', 1],
    ['PRD', 1],
    ['live', 1],
    ['eu-prod', 1],
    ['prod_us', 1],
    ['eu-west-prd-2', 1],
    ['prodigy', 0],
    ['staging', 0],
    ['delivery', 0],
  ])('by default, a success in %s is %i deployment (the name decides)', (environment, deployments) => {
    expect(only([run('01-02T00', { environment })]).deployments).toBe(deployments);
  });

  test('a tiers table (the environment docs and config) decides before the name', () => {
    const runs = [run('01-02T00', { environment: 'Blue' }), run('01-02T01', { environment: 'prod' }), run('01-02T02', { environment: 'eu-prod' })];
    expect(only(runs, [], { tiers: { blue: 'production', prod: 'staging' } }).deployments).toBe(2);
  });
});

describe('no data', () => {
  test('no deployments: counts are 0, ratios and medians null', () => {
    const runs = [run('01-02T00', { environment: 'staging' }), run('01-03T00', { status: 'failure' })];
    expect(only(runs, [incident('i1', '01-03T01')])).toEqual({
      service: 'api',
      deployments: 0,
      failedAttempts: 1,
      deploymentsPerDay: 0,
      deployDaysPerWeek: 0,
      leadTimeHours: null,
      changeFailRate: null,
      recoveryTimeHours: null,
      reworkRate: null,
      coverage: { deploymentsWithCommits: 0, incidents: 1 },
    });
  });

  test('a requested service without any record is reported with nulls; others are left out', () => {
    const report = metricsFor([run('01-02T00')], [], { ...window, services: ['ghost'] });
    expect(report).toEqual({
      version: 1,
      window: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-08T00:00:00.000Z' },
      services: [
        {
          service: 'ghost',
          deployments: 0,
          failedAttempts: 0,
          deploymentsPerDay: 0,
          deployDaysPerWeek: 0,
          leadTimeHours: null,
          changeFailRate: null,
          recoveryTimeHours: null,
          reworkRate: null,
          coverage: { deploymentsWithCommits: 0, incidents: 0 },
        },
      ],
    });
  });

  test('an empty or inverted window is refused', () => {
    expect(() => metricsFor([], [], { from: window.to, to: window.from })).toThrow(RangeError);
    expect(() => metricsFor([], [], { from: 'yesterday', to: window.to })).toThrow(RangeError);
  });
});

describe('change lead time', () => {
  const a = run('01-02T00', { commits: [commit('c1', '12-19T00'), commit('c2', '01-01T22'), commit('c3', '01-01T12')] });
  const b = run('01-03T00', { commits: [commit('c2', '01-01T22'), commit('c4', '01-02T00')] });
  const runs = [
    b, // arrives before `a`: first shipping is by finishedAt, not input order
    run('12-20T00', { commits: [commit('c1', '12-19T00')] }), // before the window: c1 is shipped already
    a,
    run('01-04T00'), // no commits: left out, and not in coverage
    run('01-01T00', { environment: 'staging', commits: [commit('c5', '12-31T00')] }), // staging does not ship
    run('01-05T00', { commits: [commit('c5', '12-31T00')] }),
  ];

  test('is the median over commits shipped for the first time', () => {
    // a: c1 already shipped on 12-20 → out; c2 01-01T22 → 2 h; c3 01-01T12 → 12 h
    // b: c2 shipped by a → out; c4 01-02T00 → 24 h
    // 01-05: c5 12-31T00 → 5 days = 120 h (its staging deploy does not count)
    // median of 2, 12, 24, 120 = (12 + 24) / 2 = 18
    const metrics = only(runs);
    expect(metrics.leadTimeHours).toBe(18);
    expect(metrics.deployments).toBe(4);
    expect(metrics.coverage.deploymentsWithCommits).toBe(3);
  });

  test('a deployment whose commits all shipped earlier has no lead time', () => {
    const redeploy = [run('12-20T00', { commits: [commit('c1', '12-19T00')] }), run('01-02T00', { commits: [commit('c1', '12-19T00')] })];
    const metrics = only(redeploy);
    expect(metrics.leadTimeHours).toBeNull();
    expect(metrics.coverage.deploymentsWithCommits).toBe(1);
  });
});

describe('change fail rate, recovery time, rework rate', () => {
  const runs = [
    run('01-02T00', { id: 'd1', sha: 's1' }), // incident i1 by id, resolved +5 h → failed, 5 h
    run('01-03T00', { id: 'd2', sha: 's2' }), // incidents i2 by sha (+10 h) and i3 by id (+12 h) → failed, latest: 12 h
    run('01-04T00', { id: 'd3', sha: 's3' }), // next is r1, a rollback → failed, recovered by r1: 6 h
    run('01-04T06', { id: 'r1', sha: 's0', kind: 'rollback' }), // rollback, `planned` absent → unplanned
    run('01-05T00', { id: 'd4', sha: 's4', planned: false }), // unplanned; i4 unresolved, next is h1 hotfix → failed, 3 h
    run('01-05T03', { id: 'h1', sha: 's4b', kind: 'hotfix', planned: true }), // a planned hotfix: not rework
    run('01-06T00', { id: 'd5', sha: 's5' }), // i5 unresolved, next is d6 (a deploy) → failed, no recovery time
    run('01-09T00', { id: 'd6', sha: 's6' }), // after the window
    run('01-05T01', { id: 'f1', sha: 's5', status: 'failure' }), // a failed attempt is nobody's "next deployment"
  ];
  const incidents = [
    incident('i1', '01-02T01', { causedBy: 'd1', resolvedAt: at('01-02T05') }),
    incident('i2', '01-03T02', { causedBy: 's2', resolvedAt: at('01-03T10') }),
    incident('i3', '01-03T03', { causedBy: 'd2', resolvedAt: at('01-03T12') }),
    incident('i4', '01-05T01', { causedBy: 'd4' }),
    incident('i5', '01-06T01', { causedBy: 's5' }),
    incident('i6', '12-30T00'), // opened before the window: not in coverage
    incident('i7', '01-02T02', { service: 'web', causedBy: 'd3' }), // another service's incident does not fail api's d3… (d3 fails anyway)
    incident('i8', '01-03T05', { service: 'web', causedBy: 'r1' }), // …nor api's r1
  ];

  test('hand-computed', () => {
    // deployments in the window: d1 d2 d3 r1 d4 h1 d5 = 7 (f1 failed, d6 after the window)
    // failed: d1 d2 d3 d4 d5 = 5 → 5 / 7 = 0.7143
    // recovery: d1 5, d2 12, d3 6, d4 3 (d5 left out) → median of 3 5 6 12 = 5.5
    // rework: r1 (rollback) + d4 (planned: false) = 2 → 2 / 7 = 0.2857
    // incidents opened in the window: i1..i5 = 5
    const metrics = only(runs, incidents);
    expect(metrics).toMatchObject({
      deployments: 7,
      failedAttempts: 1,
      changeFailRate: 0.7143,
      recoveryTimeHours: 5.5,
      reworkRate: 0.2857,
      coverage: { deploymentsWithCommits: 0, incidents: 5 },
    });
    expect(metricsFor(runs, incidents, window).services.find((s) => s.service === 'web')).toMatchObject({ deployments: 0, coverage: { incidents: 2 } });
  });

  test('a rollback after the window still fails and remediates the last deployment in it', () => {
    // x 01-07T00, rollback 01-08T02 (outside): x failed, recovered in 26 h; the rollback is not a deployment of the window
    const metrics = only([run('01-07T00'), run('01-08T02', { kind: 'rollback' })]);
    expect(metrics).toMatchObject({ deployments: 1, changeFailRate: 1, recoveryTimeHours: 26, reworkRate: 0 });
  });

  test('an incident by sha fails the deployment; its resolution is the recovery', () => {
    // 01-02T00 sha abc; incident resolved 01-02T07:30 → 7.5 h
    const metrics = only([run('01-02T00', { sha: 'abc' }), run('01-03T00')], [incident('i', '01-02T01', { causedBy: 'abc', resolvedAt: '2026-01-02T07:30:00Z' })]);
    expect(metrics).toMatchObject({ deployments: 2, changeFailRate: 0.5, recoveryTimeHours: 7.5 });
  });

  test('one incident still open and no remediation: failed, without recovery time', () => {
    // x 01-02T00: i resolved +1 h, j open; next is a plain deploy → failed (1 of 2), recovery left out
    const metrics = only(
      [run('01-02T00', { id: 'x' }), run('01-03T00')],
      [incident('i', '01-02T00', { causedBy: 'x', resolvedAt: at('01-02T01') }), incident('j', '01-02T00', { causedBy: 'x' })],
    );
    expect(metrics).toMatchObject({ deployments: 2, changeFailRate: 0.5, recoveryTimeHours: null });
  });

  test('incidents arriving before runs give the same result', () => {
    const accumulator = createMetricsAccumulator(window);
    incidents.forEach((i) => accumulator.addIncident(i));
    [...runs].reverse().forEach((r) => accumulator.addRun(r));
    expect(accumulator.result()).toEqual(metricsFor(runs, incidents, window));
  });
});

describe('previous window', () => {
  test('has the same length and ends where the window starts', () => {
    expect(previousWindow({ from: '2026-01-08T00:00:00Z', to: '2026-01-15T00:00:00Z' })).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-08T00:00:00.000Z' });
  });

  test('computes the same metrics over it, commits shipped before it still count as shipped', () => {
    const runs = [
      run('12-20T00', { commits: [commit('c1', '12-19T00')] }),
      run('12-29T00', { commits: [commit('c1', '12-19T00'), commit('c2', '12-28T00')] }), // c2: 24 h
      run('01-02T00'),
    ];
    const previous = metricsFor(runs, [], previousWindow(window)).services[0]!;
    // previous window [12-25, 01-01): one deployment, lead time from c2 only
    expect(previous).toMatchObject({ deployments: 1, leadTimeHours: 24, deploymentsPerDay: 0.1429 });
  });
});

describe('npm run metrics', () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach(removeTemp));
  const exec = promisify(execFile);

  async function metricsCli(args: string[], cwd: string) {
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--disable-warning=ExperimentalWarning', join(repoRoot, 'src/cli/bin.mjs'), 'metrics', ...args], {
        cwd,
        timeout: spawnTimeout,
        env: { ...process.env, SHIPSHAPE_CONTENT: '', NO_COLOR: '1' },
      });
      return { exitCode: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { exitCode: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  function vault(): string {
    const dir = makeTemp('shipshape-metrics-');
    temps.push(dir);
    const line = (value: unknown) => JSON.stringify(value);
    writeFiles(dir, {
      'content/runs/2026.ndjson': [
        line(run('01-02T00', { id: 'a', commits: [commit('c1', '01-01T20')] })),
        '{"id": "broken", ', // malformed: skipped
        '',
        line([1, 2]), // not an object: skipped
        line({ id: 'incomplete' }), // not a run: skipped
        line(run('01-03T00', { id: 'b', kind: 'rollback' })),
      ].join('\n'),
      'content/runs/web.json': line([run('01-04T00', { service: 'web' }), 'nonsense']),
      'content/runs/more.yaml': 'id: y1\nservice: web\nenvironment: live\nstatus: success\nsha: y\nfinishedAt: 2026-01-05T00:00:00Z\n',
      'content/incidents/i.yml': '- id: i1\n  service: api\n  openedAt: 2026-01-02T01:00:00Z\n  causedBy: a\n  resolvedAt: 2026-01-02T02:00:00Z\n',
    });
    return dir;
  }

  test('JSON over a vault, skipping what does not parse', async () => {
    const dir = vault();
    const result = await metricsCli(['--content', 'content', '--from', window.from, '--to', window.to, '--format', 'json'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('skipped 4');
    // Each at its place: the line of the NDJSON file, the line of the array item.
    expect(result.stderr.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.split(': ')[0]!.trim())).toEqual([
      'runs/2026.ndjson:2',
      'runs/2026.ndjson:4',
      'runs/2026.ndjson:5',
      'runs/web.json:1',
    ]);
    const report = JSON.parse(result.stdout) as { services: ServiceMetrics[] };
    // api: a (commit 4 h before; incident resolved +2 h, next is rollback b → failed, latest resolution 2 h), b (rollback, unplanned)
    expect(report.services.map((s) => [s.service, s.deployments, s.leadTimeHours, s.changeFailRate, s.recoveryTimeHours, s.reworkRate])).toEqual([
      ['api', 2, 4, 0.5, 2, 0.5],
      ['web', 2, null, 0, null, 0],
    ]);
  });

  test('lists the first 20 skipped records, then how many more', async () => {
    const dir = makeTemp('shipshape-metrics-');
    temps.push(dir);
    writeFiles(dir, { 'content/runs/bad.ndjson': Array.from({ length: 25 }, (_, i) => `{"id": ${i}`).join('\n') });
    const result = await metricsCli(['--content', 'content', '--from', window.from, '--to', window.to, '--format', 'json'], dir);
    expect(result.exitCode).toBe(0);
    const listed = result.stderr.split('\n').filter((line) => line.startsWith('  runs/'));
    expect(listed).toHaveLength(20);
    expect(listed[0]).toMatch(/^ {2}runs\/bad\.ndjson:1: Unparsable JSON line/);
    expect(listed[19]).toMatch(/^ {2}runs\/bad\.ndjson:20: /);
    expect(result.stderr).toContain('skipped 25');
    expect(result.stderr).toContain('… and 5 more');
  });

  test('a table by default, filtered by --service, with the previous window', async () => {
    const dir = vault();
    const result = await metricsCli(['--content', 'content', '--service', 'web', '--to', window.to], dir);
    expect(result.exitCode).toBe(0);
    // --from defaults to 90 days before --to
    expect(result.stdout).toContain('2025-10-10T00:00:00.000Z → 2026-01-08T00:00:00.000Z');
    expect(result.stdout).toMatch(/^web\s+2\s+0\s/m);
    expect(result.stdout).toMatch(/^ {2}\(previous\)\s+0\s+0\s/m);
    expect(result.stdout).not.toMatch(/^api/m);
  });

  test.each([
    ['an unknown flag', ['--bogus']],
    ['a bad format', ['--format', 'xml']],
    ['a bad time', ['--from', 'soon']],
    ['an inverted window', ['--from', window.to, '--to', window.from]],
    ['a positional', ['runs']],
  ])('%s → 2', async (_, args) => {
    const result = await metricsCli(args, vault());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Usage: shipshape metrics');
  });
});

describe('an incident naming an abbreviated sha', () => {
  test('counts against the deployment of that sha, as run-reference resolves it', () => {
    const sha = '9f3c2a1b7d4e5f60718293a4b5c6d7e8f9012345';
    const runs = [run('01-02T00', { sha }), run('01-03T00', { sha: 'a'.repeat(40) })];
    const incidents = [incident('i1', '01-02T01', { causedBy: '9F3C2A1', resolvedAt: at('01-02T03') })];
    const metrics = only(runs, incidents);
    expect(metrics.changeFailRate).toBe(0.5);
    expect(metrics.recoveryTimeHours).toBe(3);
  });

  test('six hex digits are not a sha', () => {
    const runs = [run('01-02T00', { sha: '9f3c2a1b7d4e5f60718293a4b5c6d7e8f9012345' })];
    expect(only(runs, [incident('i1', '01-02T01', { causedBy: '9f3c2a', resolvedAt: at('01-02T03') })]).changeFailRate).toBe(0);
  });
});
