/**
 * The dashboards model (`buildDashboards`) on small hand-made runs with a fixed `asOf`, every figure computed by
 * hand from the definitions in `src/runs/metrics.ts`.
 *
 * The main case: window 7 days ending 2026-03-09T00:00Z (previous window 02-23 → 03-02), two services:
 * - api in prod: a1 (02-25, previous window, commit 2 h old), a2 (03-03, commit 4 h old; incident i1 names it,
 *   resolved 3 h later), a3 (03-04, hotfix without commits: unplanned, marks a2 failed), a4 (03-06, commit 24 h old),
 *   a5 (03-07, failure), a6 (03-10, after asOf);
 * - web in prod: w1 (03-05, planned: false, no commits); no incidents.
 * Overall: 4 deployments → 0.5714/day, lead time median(4, 24) = 14 h, change fail 1/4, recovery 3 h, rework 2/4.
 */
import { describe, expect, test } from 'vitest';
import { asOfTime, buildDashboards, type DashboardInput, type MetricTile } from '../../src/dashboards/build-dashboards.ts';
import type { MetricKey } from '../../src/dashboards/metric-definitions.ts';
import { tierResolver } from '../../src/runs/tiers.ts';
import type { Incident, Run } from '../../src/runs/types.ts';
import type { DashboardsConfig } from '../../src/vault/config-types.ts';

const hour = 3_600_000;
const now = new Date('2026-06-01T12:00:00Z');

/** `03-05T09` → `2026-03-05T09:00:00Z`. */
const at = (short: string): string => `2026-${short}:00:00Z`;

function run(id: string, service: string, environment: string, finishedAt: string, extra: Partial<Run> = {}): Run {
  return { id, service, environment, status: 'success', sha: `sha-${id}`, finishedAt: at(finishedAt), ...extra };
}

function incident(id: string, service: string, openedAt: string, extra: Partial<Incident> = {}): Incident {
  return { id, service, openedAt: at(openedAt), ...extra };
}

const commit = (sha: string, timestamp: string) => ({ sha, timestamp: at(timestamp) });

const config = (extra: Partial<DashboardsConfig> = {}): DashboardsConfig => ({
  windowDays: 7,
  asOf: '2026-03-09T00:00:00Z',
  trendWeeks: 2,
  runPages: 200,
  ...extra,
});

function build(runs: Run[], incidents: Incident[] = [], extra: Partial<DashboardsConfig> = {}, input: Partial<DashboardInput> = {}) {
  return buildDashboards({ runs, incidents, tierOf: tierResolver([], {}), config: config(extra), now, ...input });
}

const mainRuns: Run[] = [
  run('a1', 'api', 'prod', '02-25T10', { commits: [commit('c1', '02-25T08')] }),
  run('a2', 'api', 'prod', '03-03T10', { commits: [commit('c2', '03-03T06'), commit('c1', '02-25T08')] }),
  run('a3', 'api', 'prod', '03-04T12', { kind: 'hotfix' }),
  run('a4', 'api', 'prod', '03-06T10', { commits: [commit('c4', '03-05T10')] }),
  run('a5', 'api', 'prod', '03-07T10', { status: 'failure' }),
  run('a6', 'api', 'prod', '03-10T10'),
  run('s1', 'api', 'staging', '03-01T10'),
  run('s2', 'api', 'staging', '03-05T11'),
  run('s3', 'api', 'staging', '03-06T11', { status: 'failure' }),
  run('d1', 'api', 'dev', '03-08T10'),
  run('l1', 'api', 'local', '03-08T11'),
  run('w1', 'web', 'prod', '03-05T09', { planned: false }),
  run('q1', 'web', 'qa', '03-05T08'),
  run('m1', 'web', 'mars', '03-05T07'),
  run('x1', 'web', 'prod', '03-11T07', { status: 'failure' }),
];
const mainIncidents: Incident[] = [
  incident('i1', 'api', '03-03T11', { resolvedAt: at('03-03T13'), causedBy: 'a2', title: 'Checkout down' }),
  incident('i9', 'api', '03-12T00', { title: 'After asOf' }),
];

/** Tiles as `key → [value, previous, change text, trend]`. */
const tileRows = (tiles: MetricTile[]) =>
  Object.fromEntries(tiles.map((t) => [t.definition.key, [t.value, t.previous, t.change.text, t.change.trend]]));
const notesOf = (tiles: MetricTile[]) => Object.fromEntries(tiles.map((t) => [t.definition.key, t.notes]));

describe('buildDashboards: tiles', () => {
  const dashboards = build(mainRuns, mainIncidents);

  test('windows end at asOf; the previous one is as long, just before', () => {
    expect(dashboards.asOf).toBe('2026-03-09T00:00:00.000Z');
    expect(dashboards.window).toStrictEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' });
    expect(dashboards.previousWindow).toStrictEqual({ from: '2026-02-23T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
    expect(dashboards.runCount).toBe(mainRuns.length);
    expect(dashboards.incidentCount).toBe(2);
  });

  test('overall: all services pooled, against the previous window', () => {
    expect(tileRows(dashboards.overall.tiles)).toStrictEqual({
      // 4 deployments in 7 days against 1 (a1): 0.5714 / 0.1429 − 1 = +300%.
      deploymentsPerDay: [0.5714, 0.1429, '+300%', 'better'],
      // median(4 h for c2, 24 h for c4): c1 was shipped by a1 first; a3 and w1 record no commits. Before: a1's 2 h.
      leadTimeHours: [14, 2, '+600%', 'worse'],
      // a2 (incident i1, and its next deployment a3 is a hotfix) out of 4.
      changeFailRate: [0.25, 0, '+25 pts', 'worse'],
      // a2 at 03-03T10 → i1 resolved 03-03T13.
      recoveryTimeHours: [3, null, 'no earlier data', 'unknown'],
      // a3 (hotfix, planned not recorded) and w1 (planned: false) out of 4.
      reworkRate: [0.5, 0, '+50 pts', 'worse'],
    });
    expect(dashboards.overall.metrics).toMatchObject({ service: '*', deployments: 4, failedAttempts: 1, coverage: { deploymentsWithCommits: 2, incidents: 1 } });
    expect(dashboards.overall.warnings).toStrictEqual([]);
  });

  test('overall notes: lead time counts only deployments with commits; incidents exist, so no incident notes', () => {
    expect(notesOf(dashboards.overall.tiles)).toStrictEqual({
      deploymentsPerDay: [],
      leadTimeHours: ['Based on 2 of 4 deployments: 2 record no commits.'],
      changeFailRate: [],
      recoveryTimeHours: [],
      reworkRate: [],
    });
  });

  test('per service', () => {
    expect(dashboards.services.map((s) => s.name)).toStrictEqual(['api', 'web']);
    const [api, web] = dashboards.services;
    expect(tileRows(api!.tiles)).toStrictEqual({
      deploymentsPerDay: [0.4286, 0.1429, '+200%', 'better'],
      leadTimeHours: [14, 2, '+600%', 'worse'],
      changeFailRate: [0.3333, 0, '+33.3 pts', 'worse'],
      recoveryTimeHours: [3, null, 'no earlier data', 'unknown'],
      reworkRate: [0.3333, 0, '+33.3 pts', 'worse'],
    });
    expect(notesOf(api!.tiles).leadTimeHours).toStrictEqual(['Based on 2 of 3 deployments: 1 record no commits.']);
    expect(tileRows(web!.tiles)).toStrictEqual({
      deploymentsPerDay: [0.1429, 0, 'up from 0', 'better'],
      leadTimeHours: [null, null, 'no earlier data', 'unknown'],
      changeFailRate: [0, null, 'no earlier data', 'unknown'],
      recoveryTimeHours: [null, null, 'no earlier data', 'unknown'],
      reworkRate: [1, null, 'no earlier data', 'unknown'],
    });
    // web has no incident of its own: its change fail rate and recovery rest on rollbacks and hotfixes.
    expect(notesOf(web!.tiles)).toStrictEqual({
      deploymentsPerDay: [],
      leadTimeHours: ['No deployment in this window records its commits: import runs with their commits to measure lead time.'],
      changeFailRate: ['No incidents recorded: based on rollbacks and hotfixes only.'],
      recoveryTimeHours: ['No incidents recorded: measured to the remediating rollback or hotfix only.'],
      reworkRate: [],
    });
    expect(api!.incidents.map((i) => i.id)).toStrictEqual(['i9', 'i1']);
    expect(api!.recentRuns.map((r) => r.id)).toStrictEqual(['l1', 'd1', 'a5', 's3', 'a4', 's2', 'a3', 'a2', 's1', 'a1']);
  });

  test('benchmark levels only when the config names a benchmark', () => {
    expect(dashboards.overall.tiles.every((t) => t.level === undefined)).toBe(true);
    const levels = build(mainRuns, mainIncidents, { benchmark: 'dora-2024' }).overall.tiles.map((t) => [t.definition.key, t.level?.level]);
    expect(levels).toStrictEqual([
      ['deploymentsPerDay', 'High'],
      ['leadTimeHours', 'Elite'],
      ['changeFailRate', 'Low'],
      ['recoveryTimeHours', 'High'],
      ['reworkRate', undefined],
    ]);
  });
});

describe('buildDashboards: notes and warnings', () => {
  test('no incidents recorded at all → change fail rate and recovery notes on the overall tiles', () => {
    const notes = notesOf(build(mainRuns, []).overall.tiles);
    expect(notes.changeFailRate).toStrictEqual(['No incidents recorded: based on rollbacks and hotfixes only.']);
    expect(notes.recoveryTimeHours).toStrictEqual(['No incidents recorded: measured to the remediating rollback or hotfix only.']);
  });

  test('no deployment records commits → the lead time note says how to measure it', () => {
    const tiles = build([run('p1', 'api', 'prod', '03-05T10'), run('p2', 'api', 'prod', '03-06T10')]).overall.tiles;
    expect(notesOf(tiles).leadTimeHours).toStrictEqual(['No deployment in this window records its commits: import runs with their commits to measure lead time.']);
  });

  test('no production-tier environment at all → one warning, and no-data tiles', () => {
    const view = build([run('s1', 'api', 'staging', '03-05T10'), run('d1', 'api', 'dev', '03-05T10')]).overall;
    expect(view.warnings).toHaveLength(1);
    expect(view.warnings[0]).toMatch(/^No run is in a production-tier environment/);
    expect(view.metrics).toMatchObject({ deployments: 0, leadTimeHours: null, changeFailRate: null, recoveryTimeHours: null, reworkRate: null });
  });

  test('a production environment without a deployment in the window → a warning', () => {
    const view = build([run('p1', 'api', 'prod', '02-20T10'), run('p2', 'api', 'prod', '03-05T10', { status: 'failure' })]).overall;
    expect(view.warnings).toStrictEqual(['No production deployment in this window.']);
    expect(view.metrics).toMatchObject({ deployments: 0, failedAttempts: 1 });
  });

  test('a run’s environmentTier wins over the resolver', () => {
    const view = build([run('p1', 'api', 'eu-main', '03-05T10', { environmentTier: 'production' })]).overall;
    expect(view.warnings).toStrictEqual([]);
    expect(view.metrics.deployments).toBe(1);
  });
});

describe('asOfTime', () => {
  const runs = [run('r1', 'api', 'prod', '03-05T10'), run('r2', 'api', 'dev', '03-07T23'), { ...run('r3', 'api', 'prod', '03-01T00'), finishedAt: undefined, status: 'running' as const }];
  test.each<[string, string, Run[], string]>([
    ['latest-run: the UTC day after the latest finishedAt', 'latest-run', runs, '2026-03-08T00:00:00.000Z'],
    ['latest-run at midnight: the next day', 'latest-run', [run('r1', 'api', 'prod', '03-07T00')], '2026-03-08T00:00:00.000Z'],
    ['latest-run without finished runs: now', 'latest-run', [runs[2]!], now.toISOString()],
    ['latest-run without runs: now', 'latest-run', [], now.toISOString()],
    ['now', 'now', runs, now.toISOString()],
    ['an explicit time', '2026-02-01T06:30:00Z', runs, '2026-02-01T06:30:00.000Z'],
  ])('%s', (_, asOf, list, expected) => {
    expect(new Date(asOfTime(config({ asOf }), list, now)).toISOString()).toBe(expected);
  });

  test('buildDashboards windows end there', () => {
    expect(build(mainRuns, [], { asOf: 'latest-run' }).window.to).toBe('2026-03-12T00:00:00.000Z');
    expect(build(mainRuns, [], { asOf: 'now' }).window.to).toBe(now.toISOString());
  });
});

describe('buildDashboards: deployed versions and environments', () => {
  const dashboards = build(mainRuns, mainIncidents);

  test('environment names in tier order, then by name', () => {
    expect(dashboards.environmentNames).toStrictEqual(['dev', 'local', 'qa', 'staging', 'prod', 'mars']);
    expect(dashboards.environments.map((e) => [e.name, e.tier])).toStrictEqual([
      ['dev', 'development'],
      ['local', 'development'],
      ['qa', 'testing'],
      ['staging', 'staging'],
      ['prod', 'production'],
      ['mars', 'other'],
    ]);
  });

  test('the latest successful run per service and environment before asOf, with its age', () => {
    const deployed = (service: string) =>
      dashboards.services.find((s) => s.name === service)!.deployed.map((d) => [d.environment, d.run.id, d.age / hour]);
    // prod: a4, not the failed a5 nor a6 after asOf; staging: s2, not the failed s3.
    expect(deployed('api')).toStrictEqual([
      ['dev', 'd1', 14],
      ['local', 'l1', 13],
      ['staging', 's2', 3 * 24 + 13],
      ['prod', 'a4', 2 * 24 + 14],
    ]);
    expect(deployed('web')).toStrictEqual([
      ['qa', 'q1', 3 * 24 + 16],
      ['prod', 'w1', 3 * 24 + 15],
      ['mars', 'm1', 3 * 24 + 17],
    ]);
    const prod = dashboards.environments.find((e) => e.name === 'prod')!;
    expect(prod.deployed.map((d) => [d.service, d.run.id])).toStrictEqual([
      ['api', 'a4'],
      ['web', 'w1'],
    ]);
  });

  test('pipeline outcomes per environment count the window’s runs', () => {
    const outcomes = (name: string) => dashboards.environments.find((e) => e.name === name)!.outcomes;
    expect(outcomes('prod')).toStrictEqual([
      { service: 'api', success: 3, failure: 1, other: 0 },
      { service: 'web', success: 1, failure: 0, other: 0 },
    ]);
    expect(outcomes('staging')).toStrictEqual([{ service: 'api', success: 1, failure: 1, other: 0 }]);
  });

  test('recent failures and incidents: up to asOf, newest first', () => {
    expect(dashboards.recentFailures.map((r) => r.id)).toStrictEqual(['a5', 's3']);
    expect(dashboards.recentIncidents.map((i) => i.id)).toStrictEqual(['i1']);
  });
});

describe('buildDashboards: run pages', () => {
  const runs = [
    run('p1', 'api', 'prod', '03-01T10'),
    run('p2', 'api', 'prod', '03-02T10'),
    run('st1', 'api', 'staging', '03-02T12', { remediates: ['p1'] }),
    run('p3', 'api', 'prod', '03-03T10', { sha: 'abcdef1234567890abcdef1234567890abcdef12', kind: 'rollback', remediates: ['inc-1', 'p2', 'no-such'] }),
    run('w1', 'web', 'prod', '03-01T09'),
  ];
  const incidents = [
    incident('inc-1', 'api', '03-02T11', { causedBy: 'p2' }),
    incident('inc-2', 'api', '03-03T11', { causedBy: 'abcdef1234567890abcdef1234567890abcdef12' }),
    incident('inc-3', 'api', '03-03T12', { causedBy: 'abcdef1' }),
    incident('inc-4', 'api', '03-03T13', { causedBy: 'abcdef' }),
    incident('inc-5', 'web', '03-03T14', { causedBy: 'p2' }),
    incident('inc-6', 'api', '03-03T15', { causedBy: 'sha-p1' }),
  ];

  test('the latest runPages runs of each service', () => {
    const pages = build(runs, incidents, { runPages: 3 }).runPages;
    expect([...pages.keys()].sort()).toStrictEqual(['p2', 'p3', 'st1', 'w1']);
    expect(build(runs, incidents, { runPages: 0 }).runPages.size).toBe(0);
  });

  test('links within the same environment, causes by id, full and abbreviated sha, remediations', () => {
    const pages = build(runs, incidents).runPages;
    const summary = (id: string) => {
      const page = pages.get(id)!;
      return {
        tier: page.tier,
        previous: page.previous?.id,
        next: page.next?.id,
        caused: page.causedIncidents.map((i) => i.id),
        remediated: page.remediatedIncidents.map((i) => i.id),
        remediatedBy: page.remediatedBy.map((r) => r.id),
      };
    };
    expect(summary('p1')).toStrictEqual({ tier: 'production', previous: undefined, next: 'p2', caused: ['inc-6'], remediated: [], remediatedBy: ['st1'] });
    expect(summary('p2')).toStrictEqual({ tier: 'production', previous: 'p1', next: 'p3', caused: ['inc-1'], remediated: [], remediatedBy: ['p3'] });
    // inc-4's 6 characters are too short to name a sha; inc-5 is another service's.
    expect(summary('p3')).toStrictEqual({ tier: 'production', previous: 'p2', next: undefined, caused: ['inc-3', 'inc-2'], remediated: ['inc-1'], remediatedBy: [] });
    expect(summary('st1')).toStrictEqual({ tier: 'staging', previous: undefined, next: undefined, caused: [], remediated: [], remediatedBy: [] });
    expect(summary('w1')).toMatchObject({ previous: undefined, next: undefined, caused: [] });
  });

  test('a duplicate run id gets one page, of the first run with it', () => {
    const duplicate = { ...runs[1]!, environment: 'staging', finishedAt: at('03-04T10') };
    const pages = build([...runs, duplicate], incidents).runPages;
    expect(pages.get('p2')!.run).toBe(runs[1]);
  });
});

describe('metricsView and recentRuns', () => {
  const dashboards = build(mainRuns, mainIncidents);

  test('with an environment, that environment is the only production one', () => {
    const staging = dashboards.metricsView({ environment: 'staging' });
    // s2 in the window, s1 in the previous one; the failed s3 is a failed attempt.
    expect(tileRows(staging.tiles).deploymentsPerDay).toStrictEqual([0.1429, 0.1429, 'no change', 'same']);
    expect(staging.metrics).toMatchObject({ deployments: 1, failedAttempts: 1 });
    expect(staging.warnings).toStrictEqual([]);
    const webStaging = dashboards.metricsView({ service: 'web', environment: 'staging' });
    expect(webStaging.warnings).toStrictEqual(['No deployment in this window.']);
    expect(dashboards.metricsView({ environment: 'prod' }).metrics).toMatchObject({ deployments: 4, deploymentsPerDay: 0.5714 });
  });

  test('with an environment, the runs’ own environmentTier does not count', () => {
    const runs = [
      run('p1', 'api', 'eu-main', '03-05T10', { environmentTier: 'production' }),
      run('c1', 'api', 'canary', '03-05T11', { environmentTier: 'staging' }),
      run('c2', 'api', 'canary', '03-06T11', { environmentTier: 'staging' }),
    ];
    const built = build(runs);
    expect(built.overall.metrics.deployments).toBe(1);
    expect(built.metricsView({ environment: 'canary' }).metrics.deployments).toBe(2);
    expect(built.metricsView({ environment: 'canary' }).tiles[0]!.value).toBe(0.2857);
  });

  test('days changes the window', () => {
    // 14 days: a1, a2, a3, a4 and w1.
    expect(dashboards.metricsView({ days: 14 }).metrics).toMatchObject({ deployments: 5, deploymentsPerDay: 0.3571, leadTimeHours: 4 });
    // 3 days (03-06 → 03-09): a4 only; the previous 3 days: a2, a3, w1.
    const short = dashboards.metricsView({ days: 3 });
    expect(tileRows(short.tiles).deploymentsPerDay).toStrictEqual([0.3333, 1, '−67%', 'worse']);
    expect(dashboards.metricsView({ environment: 'staging', days: 3 }).warnings).toStrictEqual(['No deployment in this window.']);
  });

  test('one service equals its service view', () => {
    const api = dashboards.metricsView({ service: 'api' });
    expect(tileRows(api.tiles)).toStrictEqual(tileRows(dashboards.services[0]!.tiles));
  });

  test('an unknown service has the metrics of no data', () => {
    const view = dashboards.metricsView({ service: 'nope' });
    expect(view.metrics).toStrictEqual({
      service: 'nope',
      deployments: 0,
      failedAttempts: 0,
      deploymentsPerDay: 0,
      deployDaysPerWeek: 0,
      leadTimeHours: null,
      changeFailRate: null,
      recoveryTimeHours: null,
      reworkRate: null,
      coverage: { deploymentsWithCommits: 0, incidents: 0 },
    });
    expect(view.warnings).toStrictEqual(['No production deployment in this window.']);
    expect(view.trends.every((t) => t.points.length === 2)).toBe(true);
  });

  test.each<[string, { service?: string; environment?: string }, number, string[]]>([
    // Runs after asOf (a6, x1) are left out, as everywhere else.
    ['a service', { service: 'web' }, 10, ['w1', 'q1', 'm1']],
    ['an environment', { environment: 'staging' }, 10, ['s3', 's2', 's1']],
    ['a service in an environment', { service: 'api', environment: 'prod' }, 3, ['a5', 'a4', 'a3']],
    ['a service in an environment it never ran in', { service: 'web', environment: 'staging' }, 10, []],
    ['an unknown environment', { environment: 'nowhere' }, 10, []],
    ['all', {}, 4, ['l1', 'd1', 'a5', 's3']],
  ])('recentRuns: %s', (_, query, limit, ids) => {
    expect(dashboards.recentRuns(query, limit).map((r) => r.id)).toStrictEqual(ids);
  });
});

describe('trends', () => {
  test('one point per week per metric; weeks without deployments have no data', () => {
    const view = build(mainRuns, mainIncidents, { trendWeeks: 3 }).overall;
    const points = (key: MetricKey) => view.trends.find((t) => t.definition.key === key)!.points.map((p) => [p.from.slice(0, 10), p.value]);
    expect(view.trends.map((t) => t.definition.key)).toStrictEqual(['deploymentsPerDay', 'leadTimeHours', 'changeFailRate', 'recoveryTimeHours', 'reworkRate']);
    expect(points('deploymentsPerDay')).toStrictEqual([
      ['2026-02-16', 0],
      ['2026-02-23', 0.1429],
      ['2026-03-02', 0.5714],
    ]);
    expect(points('leadTimeHours')).toStrictEqual([
      ['2026-02-16', null],
      ['2026-02-23', 2],
      ['2026-03-02', 14],
    ]);
    expect(points('changeFailRate')).toStrictEqual([
      ['2026-02-16', null],
      ['2026-02-23', 0],
      ['2026-03-02', 0.25],
    ]);
    expect(points('recoveryTimeHours')).toStrictEqual([
      ['2026-02-16', null],
      ['2026-02-23', null],
      ['2026-03-02', 3],
    ]);
    expect(points('reworkRate')).toStrictEqual([
      ['2026-02-16', null],
      ['2026-02-23', 0],
      ['2026-03-02', 0.5],
    ]);
  });

  test('trends longer than twice the window still start trendWeeks before asOf', () => {
    const view = build(mainRuns, mainIncidents, { windowDays: 1, trendWeeks: 4 }).overall;
    expect(view.trends[0]!.points.map((p) => p.from.slice(0, 10))).toStrictEqual(['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02']);
  });
});

describe('environment tiers', () => {
  test('takes an environment’s tier from its runs when they carry one, before the name', () => {
    const dashboards = build([run('e1', 'api', 'eu-main', '03-05T10', { environmentTier: 'production' }), run('e2', 'api', 'qa', '03-05T09')]);
    expect(dashboards.environmentNames).toEqual(['qa', 'eu-main']);
    expect(dashboards.environments.map((e) => [e.name, e.tier])).toEqual([
      ['qa', 'testing'],
      ['eu-main', 'production'],
    ]);
  });
});
