/**
 * A ```dashboard block's data → its spec, or its problems with JSON pointers (`readDashboardSpec`).
 *
 * In: `{ metric: 'lead-time', window: '12w' }` → `{ kind: 'metric', metric: 'lead-time', days: 84, show: 'tile' }`
 */
import { describe, expect, test } from 'vitest';
import { readDashboardSpec, type DashboardSpec } from '../../src/dashboards/dashboard-block.ts';

describe('readDashboardSpec: valid blocks', () => {
  test.each<[string, unknown, DashboardSpec]>([
    ['a metric: show defaults to tile', { metric: 'lead-time' }, { kind: 'metric', metric: 'lead-time', show: 'tile' }],
    ['a window in days', { metric: 'deployment-frequency', window: '30d' }, { kind: 'metric', metric: 'deployment-frequency', days: 30, show: 'tile' }],
    ['a window in weeks', { metric: 'change-fail-rate', window: '12w' }, { kind: 'metric', metric: 'change-fail-rate', days: 84, show: 'tile' }],
    [
      'every metric key',
      { metric: 'recovery-time', service: 'checkout-api', environment: 'staging', window: '1w', show: 'trend' },
      { kind: 'metric', metric: 'recovery-time', service: 'checkout-api', environment: 'staging', days: 7, show: 'trend' },
    ],
    ['recent runs: limit defaults to 10', { view: 'recent-runs' }, { kind: 'view', view: 'recent-runs', limit: 10 }],
    [
      'recent runs with a limit and a filter',
      { view: 'recent-runs', environment: 'production', limit: 5 },
      { kind: 'view', view: 'recent-runs', environment: 'production', limit: 5 },
    ],
    ['deployed versions', { view: 'deployed-versions', service: 'api' }, { kind: 'view', view: 'deployed-versions', service: 'api', limit: 10 }],
  ])('%s', (_, data, spec) => {
    expect(readDashboardSpec(data)).toStrictEqual({ spec, problems: [] });
  });
});

describe('readDashboardSpec: problems', () => {
  test.each<[string, unknown, Array<{ pointer: string; part: string; message: RegExp; suggestions?: string[] }>]>([
    ['an unknown metric, with a suggestion', { metric: 'lead-tme' }, [{ pointer: '/metric', part: 'value', message: /lead-tme/, suggestions: ['lead-time'] }]],
    ['an unknown key', { metric: 'lead-time', colour: 'red' }, [{ pointer: '/colour', part: 'key', message: /Unexpected key "colour"/ }]],
    ['both metric and view', { metric: 'lead-time', view: 'recent-runs' }, [{ pointer: '/view', part: 'key', message: /Unexpected view beside metric/ }]],
    ['neither metric nor view', { service: 'api' }, [{ pointer: '', part: 'key', message: /Missing metric or view/ }]],
    ['show with a view', { view: 'recent-runs', show: 'trend' }, [{ pointer: '/show', part: 'key', message: /Unexpected show with view: recent-runs, expected it with metric only/ }]],
    ['window with a view', { view: 'deployed-versions', window: '30d' }, [{ pointer: '/window', part: 'key', message: /Unexpected window with view: deployed-versions/ }]],
    ['limit with a metric', { metric: 'lead-time', limit: 3 }, [{ pointer: '/limit', part: 'key', message: /Unexpected limit with metric, expected it with view: recent-runs only/ }]],
    [
      'limit with deployed-versions',
      { view: 'deployed-versions', limit: 3 },
      [{ pointer: '/limit', part: 'key', message: /Unexpected limit with view: deployed-versions, expected it with view: recent-runs only/ }],
    ],
    ['a window without a unit', { metric: 'lead-time', window: '30' }, [{ pointer: '/window', part: 'value', message: /30/ }]],
    ['a window in months', { metric: 'lead-time', window: '3m' }, [{ pointer: '/window', part: 'value', message: /3m/ }]],
    ['a zero window', { metric: 'lead-time', window: '0d' }, [{ pointer: '/window', part: 'value', message: /0d/ }]],
    ['a limit over 200', { view: 'recent-runs', limit: 500 }, [{ pointer: '/limit', part: 'value', message: /limit|200/ }]],
    ['an empty block', null, [{ pointer: '', part: 'value', message: /Unexpected empty dashboard block/ }]],
    ['a list', ['lead-time'], [{ pointer: '', part: 'value', message: /expected mapping/ }]],
    ['a scalar', 'lead-time', [{ pointer: '', part: 'value', message: /expected mapping/ }]],
  ])('%s', (_, data, expected) => {
    const result = readDashboardSpec(data);
    expect(result.spec).toBeUndefined();
    expect(result.problems).toHaveLength(expected.length);
    result.problems.forEach((problem, i) => {
      const { message, ...rest } = expected[i]!;
      expect(problem).toMatchObject(rest);
      expect(problem.message).toMatch(message);
      if (!rest.suggestions) expect(problem.suggestions).toBeUndefined();
    });
  });

  test('every misplaced key of a view is reported', () => {
    expect(readDashboardSpec({ view: 'deployed-versions', show: 'tile', window: '4w', limit: 2 }).problems.map((p) => p.pointer)).toStrictEqual([
      '/show',
      '/window',
      '/limit',
    ]);
  });
});
