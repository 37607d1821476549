/**
 * `levelOf('dora-2024', …)` at and around each level's bound: a value meets a level when it is at least its `min`
 * (frequency) or at most its `max` (times, rates), best level first.
 *
 * In: `levelOf('dora-2024', 'leadTimeHours', 24)` → `'Elite'`; `25` → `'High'`
 */
import { describe, expect, test } from 'vitest';
import { levelOf } from '../../src/dashboards/benchmarks.ts';
import type { MetricKey } from '../../src/dashboards/metric-definitions.ts';

describe("levelOf('dora-2024')", () => {
  test.each<[MetricKey, number, string]>([
    ['deploymentsPerDay', 5, 'Elite'],
    ['deploymentsPerDay', 1, 'Elite'],
    ['deploymentsPerDay', 0.99, 'High'],
    ['deploymentsPerDay', 1 / 7, 'High'],
    // One a week over a 28-day window, as the metrics round it (4 decimals).
    ['deploymentsPerDay', 0.1429, 'High'],
    ['deploymentsPerDay', 0.14, 'Medium'],
    ['deploymentsPerDay', 1 / 30, 'Medium'],
    // One every 30 days, as the metrics round it: 3 deployments in 90 days → 0.0333.
    ['deploymentsPerDay', 0.0333, 'Medium'],
    ['deploymentsPerDay', 0.03, 'Low'],
    ['deploymentsPerDay', 0, 'Low'],
    ['leadTimeHours', 0.5, 'Elite'],
    ['leadTimeHours', 24, 'Elite'],
    ['leadTimeHours', 24.01, 'High'],
    ['leadTimeHours', 168, 'High'],
    ['leadTimeHours', 168.01, 'Medium'],
    ['leadTimeHours', 720, 'Medium'],
    ['leadTimeHours', 720.01, 'Low'],
    ['leadTimeHours', 5000, 'Low'],
    ['changeFailRate', 0, 'Elite'],
    ['changeFailRate', 0.05, 'Elite'],
    ['changeFailRate', 0.0501, 'High'],
    ['changeFailRate', 0.2, 'High'],
    ['changeFailRate', 0.2001, 'Low'],
    ['changeFailRate', 1, 'Low'],
    ['recoveryTimeHours', 0.25, 'Elite'],
    ['recoveryTimeHours', 1, 'Elite'],
    ['recoveryTimeHours', 1.01, 'High'],
    ['recoveryTimeHours', 24, 'High'],
    ['recoveryTimeHours', 24.01, 'Low'],
    ['recoveryTimeHours', 24 * 60, 'Low'],
  ])('%s %d → %s', (key, value, level) => {
    expect(levelOf('dora-2024', key, value)).toStrictEqual({ level, source: 'DORA, Accelerate State of DevOps Report 2024' });
  });

  test.each<[MetricKey, number | null]>([
    ['deploymentsPerDay', null],
    ['leadTimeHours', null],
    ['changeFailRate', null],
    ['reworkRate', 0.1],
    ['reworkRate', null],
  ])('%s %j → no level', (key, value) => {
    expect(levelOf('dora-2024', key, value)).toBeUndefined();
  });
});
