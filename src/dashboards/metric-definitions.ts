/**
 * The five DORA metrics as the dashboards present them: name in blocks, label, the definition printed on every
 * page that shows the metric, how a value reads, and which direction is better.
 *
 * In: `formatMetric('leadTimeHours', 30.5)` → `'30.5 h'`; `formatMetric('changeFailRate', 0.125)` → `'12.5%'`
 */

export type MetricKey = 'deploymentsPerDay' | 'leadTimeHours' | 'changeFailRate' | 'recoveryTimeHours' | 'reworkRate';

export interface MetricDefinition {
  key: MetricKey;
  /** The name a `dashboard` block uses. */
  name: string;
  label: string;
  definition: string;
  /** Whether a higher value is better (deployment frequency) or worse (everything else). */
  higherIsBetter: boolean;
}

export const metricDefinitions: readonly MetricDefinition[] = [
  {
    key: 'deploymentsPerDay',
    name: 'deployment-frequency',
    label: 'Deployment frequency',
    definition: 'Successful runs in a production-tier environment (any kind), per day of the window.',
    higherIsBetter: true,
  },
  {
    key: 'leadTimeHours',
    name: 'lead-time',
    label: 'Change lead time',
    definition:
      "Median time from a commit's timestamp to the production deployment that shipped it to the service for the first time. Deployments without commit data are left out.",
    higherIsBetter: false,
  },
  {
    key: 'changeFailRate',
    name: 'change-fail-rate',
    label: 'Change fail rate',
    definition:
      'Deployments that needed intervention, out of all deployments: an incident names the deployment (its run id or sha) as its cause, or the next production deployment of the service is a rollback or a hotfix.',
    higherIsBetter: false,
  },
  {
    key: 'recoveryTimeHours',
    name: 'recovery-time',
    label: 'Failed deployment recovery time',
    definition:
      "Median time from a failed deployment to the resolution of its last incident, else to the remediating rollback's or hotfix's deployment.",
    higherIsBetter: false,
  },
  {
    key: 'reworkRate',
    name: 'rework-rate',
    label: 'Deployment rework rate',
    definition: 'Unplanned deployments out of all deployments: planned: false, or a rollback or hotfix when planned is not recorded.',
    higherIsBetter: false,
  },
];

const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));

/** A duration in hours as it reads best: minutes under an hour, days from two days on. */
export function formatHours(hours: number): string {
  // Compared after rounding, so that 59.7 minutes reads "1 h", not "60 min", and 47.97 hours "2 d", not "48 h".
  if (Math.round(hours * 60) < 60) return `${trim(hours * 60, 0)} min`;
  if (Number(hours.toFixed(1)) < 48) return `${trim(hours, 1)} h`;
  return `${trim(hours / 24, 1)} d`;
}

/** A metric's value for people; `null` (no data) is "no data", never 0. */
export function formatMetric(key: MetricKey, value: number | null): string {
  if (value === null) return 'no data';
  switch (key) {
    case 'deploymentsPerDay':
      return value >= 1 || value === 0 ? `${trim(value, 1)}/day` : `${trim(value * 7, 1)}/week`;
    case 'leadTimeHours':
    case 'recoveryTimeHours':
      return formatHours(value);
    case 'changeFailRate':
    case 'reworkRate':
      return `${trim(value * 100, 1)}%`;
  }
}

/** The change from `previous` to `current` as people read it, and whether it is an improvement. */
export function metricChange(
  definition: MetricDefinition,
  current: number | null,
  previous: number | null,
): { text: string; trend: 'better' | 'worse' | 'same' | 'unknown' } {
  if (previous === null) return { text: 'no earlier data', trend: 'unknown' };
  if (current === null) return { text: 'no data in this window', trend: 'unknown' };
  if (current === previous) return { text: 'no change', trend: 'same' };
  const up = current > previous;
  const trend = up === definition.higherIsBetter ? 'better' : 'worse';
  const rate = definition.key === 'changeFailRate' || definition.key === 'reworkRate';
  const text = rate
    ? `${up ? '+' : '−'}${trim(Math.abs(current - previous) * 100, 1)} pts`
    : previous === 0
      ? `up from 0`
      : `${up ? '+' : '−'}${trim((Math.abs(current - previous) / previous) * 100, 0)}%`;
  return { text, trend };
}
