/**
 * How the dashboards print a metric (`formatMetric`, `formatHours`) and its change against the previous window
 * (`metricChange`), as `[input, expected]` tables.
 *
 * In: `formatMetric('changeFailRate', 0.125)` → `'12.5%'`; `metricChange(leadTime, 10, 20)` → `{ text: '−50%', trend: 'better' }`
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatHours, formatMetric, metricChange, metricDefinitions, type MetricKey } from '../../src/dashboards/metric-definitions.ts';

const definition = (key: MetricKey) => metricDefinitions.find((d) => d.key === key)!;

describe('formatMetric', () => {
  test.each<[MetricKey, number | null, string]>([
    // Frequency: per day from one a day on (and at 0), per week below.
    ['deploymentsPerDay', 2.14, '2.1/day'],
    ['deploymentsPerDay', 1, '1/day'],
    ['deploymentsPerDay', 0, '0/day'],
    ['deploymentsPerDay', 0.5, '3.5/week'],
    ['deploymentsPerDay', 0.1429, '1/week'],
    ['deploymentsPerDay', 0.0333, '0.2/week'],
    ['deploymentsPerDay', null, 'no data'],
    // Durations: minutes under an hour, hours under two days, days from two days on.
    ['leadTimeHours', 0.5, '30 min'],
    ['leadTimeHours', 1, '1 h'],
    ['leadTimeHours', 30.5, '30.5 h'],
    ['leadTimeHours', 47.9, '47.9 h'],
    ['leadTimeHours', 48, '2 d'],
    ['leadTimeHours', 84, '3.5 d'],
    ['leadTimeHours', null, 'no data'],
    ['recoveryTimeHours', 0.25, '15 min'],
    ['recoveryTimeHours', 0, '0 min'],
    ['recoveryTimeHours', null, 'no data'],
    // Rates as percentages with at most one decimal.
    ['changeFailRate', 0.125, '12.5%'],
    ['changeFailRate', 0, '0%'],
    ['changeFailRate', 1, '100%'],
    ['changeFailRate', null, 'no data'],
    ['reworkRate', 0.3333, '33.3%'],
    ['reworkRate', null, 'no data'],
  ])('%s %j → %s', (key, value, expected) => {
    expect(formatMetric(key, value)).toBe(expected);
  });
});

describe('formatHours', () => {
  test.each([
    [0, '0 min'],
    [0.1, '6 min'],
    [0.75, '45 min'],
    [0.99, '59 min'],
    // Rounded before the unit is chosen: never "60 min" or "48 h".
    [0.995, '1 h'],
    [1, '1 h'],
    [1.25, '1.3 h'],
    [24, '24 h'],
    [47.94, '47.9 h'],
    [47.97, '2 d'],
    [48, '2 d'],
    [24 * 30, '30 d'],
  ])('%d hours → %s', (hours, expected) => {
    expect(formatHours(hours)).toBe(expected);
  });
});

describe('metricChange', () => {
  test.each<[MetricKey, number | null, number | null, { text: string; trend: string }]>([
    // Frequency: higher is better; relative change in %.
    ['deploymentsPerDay', 2, 1, { text: '+100%', trend: 'better' }],
    ['deploymentsPerDay', 1, 2, { text: '−50%', trend: 'worse' }],
    ['deploymentsPerDay', 0.5, 0, { text: 'up from 0', trend: 'better' }],
    ['deploymentsPerDay', 0, 0, { text: 'no change', trend: 'same' }],
    ['deploymentsPerDay', 1.5, 1.5, { text: 'no change', trend: 'same' }],
    // Times: lower is better.
    ['leadTimeHours', 10, 20, { text: '−50%', trend: 'better' }],
    ['leadTimeHours', 30, 20, { text: '+50%', trend: 'worse' }],
    ['leadTimeHours', 5, 0, { text: 'up from 0', trend: 'worse' }],
    ['recoveryTimeHours', 1, 3, { text: '−67%', trend: 'better' }],
    // Rates: lower is better; the change in percentage points, even from 0.
    ['changeFailRate', 0.25, 0.1, { text: '+15 pts', trend: 'worse' }],
    ['changeFailRate', 0.1, 0.25, { text: '−15 pts', trend: 'better' }],
    ['changeFailRate', 0.1, 0, { text: '+10 pts', trend: 'worse' }],
    ['reworkRate', 0, 0.125, { text: '−12.5 pts', trend: 'better' }],
    ['reworkRate', 0.2, 0.2, { text: 'no change', trend: 'same' }],
  ])('%s %j against %j → %j', (key, current, previous, expected) => {
    expect(metricChange(definition(key), current, previous)).toStrictEqual(expected);
  });

  test.each<[MetricKey, number | null, number | null]>([
    ['deploymentsPerDay', 1, null],
    ['leadTimeHours', null, 3],
    ['changeFailRate', null, null],
  ])('%s %j against %j is unknown', (key, current, previous) => {
    expect(metricChange(definition(key), current, previous).trend).toBe('unknown');
  });

  test('says which side has no data', () => {
    expect(metricChange(definition('leadTimeHours'), 4, null).text).toBe('no earlier data');
    expect(metricChange(definition('leadTimeHours'), null, 4).text).toBe('no data in this window');
  });
});

describe('metric names', () => {
  test('the block schema names exactly the defined metrics; only frequency is better higher', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/dashboard-block.schema.json', import.meta.url), 'utf8')) as { properties: { metric: { enum: string[] } } };
    expect(metricDefinitions.map((d) => d.name)).toStrictEqual(schema.properties.metric.enum);
    expect(metricDefinitions.filter((d) => d.higherIsBetter).map((d) => d.key)).toStrictEqual(['deploymentsPerDay']);
  });
});
