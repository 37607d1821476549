/**
 * Published performance levels for the DORA metrics, chosen by name in the config (`dashboards.benchmark`). The
 * dashboards show a level only as a label with its source: the table is the report's, the judgement the reader's.
 * A metric's level is the best one whose bound the value meets, levels tried from best to worst.
 *
 * In: `levelOf('dora-2024', 'leadTimeHours', 30)` → `{ level: 'High', source: 'DORA, Accelerate State of DevOps Report 2024' }`
 */
import type { MetricKey } from './metric-definitions.ts';

export type BenchmarkName = 'dora-2024';

interface Bound {
  level: string;
  /** The value meets the level when it is at least `min` (frequency) or at most `max` (times and rates). */
  min?: number;
  max?: number;
}

interface Benchmark {
  source: string;
  levels: Partial<Record<MetricKey, readonly Bound[]>>;
}

const hoursPerDay = 24;

/**
 * The 2024 report's four clusters. Frequency: elite on demand (several a day), high daily to weekly, medium weekly to
 * monthly, low monthly to every six months. Lead time: under a day, a day to a week, a week to a month, a month to
 * six months. Change fail rate: 5%, 20%, 10%, 40% (the report's medium cluster fails less often than its high one;
 * tried in order, a rate up to 20% reads "High"). Recovery: under an hour, under a day, under a day, a week to a month.
 */
const dora2024: Benchmark = {
  source: 'DORA, Accelerate State of DevOps Report 2024',
  levels: {
    deploymentsPerDay: [
      { level: 'Elite', min: 1 },
      { level: 'High', min: 1 / 7 },
      { level: 'Medium', min: 1 / 30 },
      { level: 'Low', min: 0 },
    ],
    leadTimeHours: [
      { level: 'Elite', max: hoursPerDay },
      { level: 'High', max: 7 * hoursPerDay },
      { level: 'Medium', max: 30 * hoursPerDay },
      { level: 'Low', max: Infinity },
    ],
    changeFailRate: [
      { level: 'Elite', max: 0.05 },
      { level: 'High', max: 0.2 },
      { level: 'Low', max: 1 },
    ],
    recoveryTimeHours: [
      { level: 'Elite', max: 1 },
      { level: 'High', max: hoursPerDay },
      { level: 'Low', max: Infinity },
    ],
  },
};

const benchmarks: Readonly<Record<BenchmarkName, Benchmark>> = { 'dora-2024': dora2024 };

/** The level of a value in a benchmark, with the benchmark's source; undefined without a value or a level for the metric. */
export function levelOf(name: BenchmarkName, key: MetricKey, value: number | null): { level: string; source: string } | undefined {
  if (value === null) return undefined;
  const benchmark = benchmarks[name];
  // A `min` is compared at the metrics' precision (4 decimals): one deployment in 30 days, 0.0333 a day, is monthly.
  const round = (n: number) => Math.round(n * 1e4) / 1e4;
  const bound = benchmark.levels[key]?.find((b) => (b.min !== undefined ? round(value) >= round(b.min) : value <= (b.max ?? Infinity)));
  return bound ? { level: bound.level, source: benchmark.source } : undefined;
}
