/**
 * The built-in summaries a view can put under a column (`summaries: { note.price: Average }`), computed over the
 * column's values of one group. Numbers only count for the numeric ones, dates for `Earliest`, `Latest` (and a date
 * `Range`), booleans for `Checked` and `Unchecked`; what has nothing to summarise is null.
 *
 * In: `builtInSummaries.Average([1, 2, null, 'x'])` → 1.5; `builtInSummaries.Filled([1, null, ''])` → 1
 */
import type { QueryDate, Value } from '../types.ts';
import { equals, isEmpty, typeOf } from './values.ts';

const numbers = (values: readonly Value[]) => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const dates = (values: readonly Value[]) => values.filter((v): v is QueryDate => typeOf(v) === 'date');

function sum(ns: readonly number[]): number {
  return ns.reduce((a, b) => a + b, 0);
}

/** Null when there are no numbers; each caller (a summary, a list method) says which values count as numbers. */
export function mean(ns: readonly number[]): number | null {
  return ns.length === 0 ? null : sum(ns) / ns.length;
}

export function median(ns: readonly number[]): number | null {
  if (ns.length === 0) return null;
  const sorted = [...ns].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function extreme(values: readonly Value[], sign: 1 | -1): Value {
  const ns = numbers(values);
  return ns.length === 0 ? null : sign > 0 ? Math.max(...ns) : Math.min(...ns);
}

function extremeDate(values: readonly Value[], sign: 1 | -1): Value {
  const ds = dates(values);
  if (ds.length === 0) return null;
  return ds.reduce((best, d) => ((d.time - best.time) * sign > 0 ? d : best));
}

export const builtInSummaries: Readonly<Record<string, (values: readonly Value[]) => Value>> = {
  Average: (values) => mean(numbers(values)),
  Min: (values) => extreme(values, -1),
  Max: (values) => extreme(values, 1),
  Sum: (values) => sum(numbers(values)),
  Range: (values) => {
    const ns = numbers(values);
    if (ns.length > 0) return Math.max(...ns) - Math.min(...ns);
    const ds = dates(values);
    if (ds.length === 0) return null;
    const times = ds.map((d) => d.time);
    return { kind: 'duration', months: 0, ms: Math.max(...times) - Math.min(...times) };
  },
  Median: (values) => median(numbers(values)),
  // The population deviation: a summary describes the rows shown, not a sample of more.
  Stddev: (values) => {
    const ns = numbers(values);
    const m = mean(ns);
    return m === null ? null : Math.sqrt(sum(ns.map((n) => (n - m) ** 2)) / ns.length);
  },
  Earliest: (values) => extremeDate(values, -1),
  Latest: (values) => extremeDate(values, 1),
  Checked: (values) => values.filter((v) => v === true).length,
  Unchecked: (values) => values.filter((v) => v === false).length,
  Empty: (values) => values.filter((v) => isEmpty(v)).length,
  Filled: (values) => values.filter((v) => !isEmpty(v)).length,
  Unique: (values) => values.filter((v, i) => !isEmpty(v) && values.findIndex((other) => equals(v, other)) === i).length,
};

export const builtInSummaryNames: readonly string[] = Object.keys(builtInSummaries);
