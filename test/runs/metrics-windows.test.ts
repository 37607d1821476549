/**
 * One accumulator, many windows: `result(sub)` equals `metricsFor` over the sub-window with the same data (hand-made
 * cases, then seeded random data in weekly buckets and previous windows), and `overall()` pools services by hand.
 *
 * In: a deploy on 01-07, a rollback on 01-09; `result` of [01-01, 01-08) inside [01-01, 01-15)
 * Out: the deploy failed, recovered by the rollback in 48 h — as `metricsFor` over [01-01, 01-08) says
 */
import { describe, expect, test } from 'vitest';
import { createMetricsAccumulator, metricsFor, previousWindow, type MetricsOptions } from '../../src/runs/metrics.ts';
import type { Incident, Run } from '../../src/runs/types.ts';
import { randomData, weeks } from './random-runs.ts';

const big = { from: '2026-01-01T00:00:00Z', to: '2026-01-15T00:00:00Z' };
const firstWeek = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' };
const secondWeek = { from: '2026-01-08T00:00:00Z', to: '2026-01-15T00:00:00Z' };

/** `01-02T03` → `2026-01-02T03:00:00Z`; `12-31T00` → 2025. */
function at(short: string): string {
  return `${short.startsWith('12-') ? 2025 : 2026}-${short}:00:00Z`;
}

function run(id: string, finishedAt: string, extra: Partial<Run> = {}): Run {
  return { id, service: 'api', environment: 'prod', status: 'success', sha: `sha-${id}`, finishedAt: at(finishedAt), ...extra };
}

function incident(id: string, openedAt: string, extra: Partial<Incident> = {}): Incident {
  return { id, service: 'api', openedAt: at(openedAt), ...extra };
}

function accumulate(runs: readonly Run[], incidents: readonly Incident[], options: MetricsOptions) {
  const accumulator = createMetricsAccumulator(options);
  runs.forEach((r) => accumulator.addRun(r));
  incidents.forEach((i) => accumulator.addIncident(i));
  return accumulator;
}

describe('result(sub) equals metricsFor over the sub-window', () => {
  const cases: [string, Run[], Incident[]][] = [
    ['the next deployment of a week is in the next week', [run('a', '01-07T00'), run('b', '01-09T00', { kind: 'rollback' })], []],
    ['the next deployment is after the big window', [run('a', '01-14T00'), run('b', '01-20T00', { kind: 'hotfix' })], []],
    [
      'commits first shipped in the first week are not first shipped in the second',
      [
        run('a', '01-03T00', { commits: [{ sha: 'c1', timestamp: at('01-02T00') }] }),
        run('b', '01-10T00', { commits: [{ sha: 'c1', timestamp: at('01-02T00') }, { sha: 'c2', timestamp: at('01-09T00') }] }),
        run('old', '12-20T00', { commits: [{ sha: 'c0', timestamp: at('12-19T00') }] }),
        run('c', '01-11T00', { commits: [{ sha: 'c0', timestamp: at('12-19T00') }] }),
      ],
      [],
    ],
    [
      'failed attempts and incidents opened count in their week only',
      [run('a', '01-02T00'), run('f1', '01-03T00', { status: 'failure' }), run('f2', '01-09T00', { status: 'failure' }), run('f3', '01-10T00', { status: 'failure' })],
      [incident('i1', '01-02T01', { causedBy: 'a', resolvedAt: at('01-09T01') }), incident('i2', '01-12T00')],
    ],
    ['equal times order by id across a week boundary', [run('b', '01-07T23'), run('a', '01-08T00', { kind: 'rollback' }), run('c', '01-08T00')], []],
    ['a service with data in one week only', [run('a', '01-02T00'), run('w', '01-10T00', { service: 'web' })], [incident('i', '01-12T00', { service: 'db' })]],
  ];

  test.each(cases)('%s', (_, runs, incidents) => {
    const accumulator = accumulate(runs, incidents, big);
    for (const sub of [firstWeek, secondWeek, big, { from: '2026-01-05T00:00:00Z', to: '2026-01-09T12:00:00Z' }]) {
      expect(accumulator.result(sub)).toEqual(metricsFor(runs, incidents, sub));
    }
    expect(accumulator.result()).toEqual(metricsFor(runs, incidents, big));
  });

  test.each([
    ['starts before', { from: '2025-12-31T00:00:00Z', to: firstWeek.to }],
    ['ends after', { from: secondWeek.from, to: '2026-01-16T00:00:00Z' }],
    ['is empty', { from: firstWeek.to, to: firstWeek.to }],
    ['is inverted', { from: firstWeek.to, to: firstWeek.from }],
    ['is not a time', { from: 'soon', to: firstWeek.to }],
  ])('a sub-window that %s is refused', (_, sub) => {
    const accumulator = accumulate([], [], big);
    expect(() => accumulator.result(sub)).toThrow(RangeError);
    expect(() => accumulator.overall(sub)).toThrow(RangeError);
  });
});

describe('seeded random data', () => {
  const window = { from: '2025-12-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };
  const seeds = Array.from({ length: 25 }, (_, i) => 1000 + i * 7919);

  test.each(seeds)('seed %i: weekly buckets, previous windows and the whole window', (seed) => {
    const { runs, incidents } = randomData(seed);
    const services = seed % 3 === 0 ? { services: ['api', 'ghost'] } : {};
    const accumulator = accumulate(runs, incidents, { ...window, ...services });
    const last = weeks(window.from, window.to).at(-1)!;
    const subs = [...weeks(window.from, window.to), previousWindow(last), previousWindow({ from: '2026-02-01T00:00:00Z', to: window.to }), window];
    for (const sub of subs) {
      expect(accumulator.result(sub)).toEqual(metricsFor(runs, incidents, { ...sub, ...services }));
    }
  });
});

describe('overall', () => {
  const runs = [
    // api: 3 deployments on 01-02 (2) and 01-03; a1 → a2 is a rollback: a1 failed, recovered in 2 h
    run('a1', '01-02T00', { commits: [{ sha: 'c1', timestamp: at('01-01T20') }] }), // lead 4 h
    run('a2', '01-02T02', { kind: 'rollback' }), // unplanned
    run('a3', '01-03T00', { commits: [{ sha: 'c2', timestamp: at('01-02T00') }] }), // lead 24 h
    run('af', '01-03T01', { status: 'failure' }),
    // web: 2 deployments on 01-03 and 01-05; w1 caused incident resolved +10 h
    run('w1', '01-03T00', { service: 'web', commits: [{ sha: 'c9', timestamp: at('01-02T22') }] }), // lead 2 h
    run('w2', '01-05T00', { service: 'web', planned: false }), // unplanned
    run('wf', '01-05T01', { service: 'web', status: 'failure' }),
    run('wg', '01-06T01', { service: 'web', status: 'failure' }),
    // db: nothing in production
    run('d1', '01-04T00', { service: 'db', environment: 'staging' }),
  ];
  const incidents = [incident('i1', '01-03T01', { service: 'web', causedBy: 'w1', resolvedAt: at('01-03T10') }), incident('i2', '01-04T00'), incident('i3', '12-20T00')];

  test('pools every service', () => {
    // deployments 3 + 2 = 5 over 7 days → 0.7143; days 01-02, 01-03, 01-05 = 3 (01-03 once) → 3 per week
    // lead times 4, 24, 2 → median 4; recoveries 2 (a1), 10 (w1) → 6
    // failed a1, w1 = 2 / 5 = 0.4; unplanned a2, w2 = 2 / 5; failed attempts 1 + 2 = 3
    // with commits a1, a3, w1 = 3; incidents opened in the window i1, i2 = 2
    expect(accumulate(runs, incidents, firstWeek).overall()).toEqual({
      service: '*',
      deployments: 5,
      failedAttempts: 3,
      deploymentsPerDay: 0.7143,
      deployDaysPerWeek: 3,
      leadTimeHours: 4,
      changeFailRate: 0.4,
      recoveryTimeHours: 6,
      reworkRate: 0.4,
      coverage: { deploymentsWithCommits: 3, incidents: 2 },
    });
  });

  test('over a sub-window and the selected services only', () => {
    // [01-03, 01-05) of api only: a3 → 1 deployment over 2 days = 0.5, 1 day → 3.5 per week; lead 24 h; a3's next is none
    const accumulator = accumulate(runs, incidents, { ...firstWeek, services: ['api'] });
    expect(accumulator.overall({ from: at('01-03T00'), to: at('01-05T00') })).toEqual({
      service: '*',
      deployments: 1,
      failedAttempts: 1,
      deploymentsPerDay: 0.5,
      deployDaysPerWeek: 3.5,
      leadTimeHours: 24,
      changeFailRate: 0,
      recoveryTimeHours: null,
      reworkRate: 0,
      coverage: { deploymentsWithCommits: 1, incidents: 1 },
    });
  });

  test('no data: zeros and nulls', () => {
    expect(accumulate([], [], firstWeek).overall()).toEqual({
      service: '*',
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
  });
});
