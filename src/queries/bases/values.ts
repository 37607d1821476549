/**
 * What Bases does with a value whatever computed it: its type name, truthiness, equality (a link equals the file it
 * resolves to), ordering for `<` and for sorting (total and deterministic across types), its text, and a key for
 * grouping. A regular expression is a value only while an expression runs: it never reaches a result.
 *
 * In: `equals({ kind: 'link', target: 'sre', path: 'teams/sre.md' }, { kind: 'file', path: 'teams/sre.md' })` → true
 * In: `sortCompare(2, '10')` → -1 (numbers before strings); `sortCompare(null, 1)` → 1 (empty last)
 */
import type { QueryDate, Value } from '../types.ts';
import { displayDate, durationMs, formatDuration, parseDate } from './dates.ts';

/** A regular expression literal (`/abc/g`), for `replace`, `split` and `matches`. */
export interface RegexValue {
  readonly kind: 'regexp';
  readonly pattern: string;
  readonly flags: string;
}

/** A value while an expression runs. */
export type Val = Value | RegexValue;

export type ValueType = 'null' | 'boolean' | 'number' | 'string' | 'date' | 'duration' | 'link' | 'file' | 'object' | 'list' | 'regexp';

export function typeOf(value: Val): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return (value as Exclude<Val, null | boolean | number | string | readonly Value[]>).kind;
  }
}

/** A record's own entry: a property named `constructor` or `toString` is not one of Object.prototype's. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function isList(value: Val): value is readonly Value[] {
  return Array.isArray(value);
}

/** Empty means absent, `""`, `[]` or `{}` (help.obsidian.md/bases/functions#String isEmpty, #List isEmpty). */
export function isEmpty(value: Val): boolean {
  if (value === null || value === '') return true;
  if (isList(value)) return value.length === 0;
  if (typeOf(value) === 'object') return Object.keys((value as { fields: object }).fields).length === 0;
  return typeof value === 'number' && Number.isNaN(value);
}

/** Truthiness as `if()` and filters read it: empty is false, `0` is false, anything else present is true. */
export function isTruthy(value: Val): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return !isEmpty(value);
}

/** The path a link or a file points at, for comparing the two (help.obsidian.md/bases/syntax#Files and links). */
function pathOf(value: Val): string | undefined {
  const type = typeOf(value);
  if (type === 'file') return (value as { path: string }).path;
  if (type === 'link') return (value as { path?: string }).path;
  return undefined;
}

/** A date read from a date string, so that `due == "2026-01-05"` compares dates. */
function asDate(value: Val): QueryDate | undefined {
  if (typeOf(value) === 'date') return value as QueryDate;
  return typeof value === 'string' ? parseDate(value) : undefined;
}

export function equals(a: Val, b: Val): boolean {
  if (a === b) return true;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta === 'date' || tb === 'date') {
    const da = asDate(a);
    const db = asDate(b);
    return da !== undefined && db !== undefined && da.time === db.time;
  }
  if ((ta === 'link' || ta === 'file') && (tb === 'link' || tb === 'file')) {
    const pa = pathOf(a);
    const pb = pathOf(b);
    if (pa !== undefined || pb !== undefined) return pa === pb;
    // Two links to nothing are equal when their text is (help.obsidian.md/bases/syntax#Files and links).
    return (a as { target: string }).target === (b as { target: string }).target;
  }
  if (ta !== tb) return false;
  if (isList(a) && isList(b)) return a.length === b.length && a.every((item, i) => equals(item, b[i]!));
  if (ta === 'object') {
    const fa = (a as { fields: Record<string, Value> }).fields;
    const fb = (b as { fields: Record<string, Value> }).fields;
    const keys = Object.keys(fa);
    return keys.length === Object.keys(fb).length && keys.every((key) => key in fb && equals(fa[key]!, fb[key]!));
  }
  if (ta === 'duration') return durationMs(a as never) === durationMs(b as never);
  if (ta === 'regexp') return display(a) === display(b);
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

/** `<` and friends: numbers, strings, dates (a date string counts), durations and booleans; undefined otherwise. */
export function compare(a: Val, b: Val): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta === 'date' || tb === 'date') {
    const da = asDate(a);
    const db = asDate(b);
    return da && db ? da.time - db.time : undefined;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (ta === 'duration' && tb === 'duration') return durationMs(a as never) - durationMs(b as never);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** The order of types when a column mixes them; empty values sort last in either direction (see `sortCompare`). */
const typeRank: Record<ValueType, number> = { number: 0, duration: 1, date: 2, string: 3, link: 4, file: 5, boolean: 6, list: 7, object: 8, regexp: 9, null: 10 };

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A total order: by type, then by value; text naturally (`2` before `10`), then by code points so ties are rare. */
export function sortCompare(a: Val, b: Val): number {
  const ta = isEmpty(a) ? 'null' : typeOf(a);
  const tb = isEmpty(b) ? 'null' : typeOf(b);
  if (ta !== tb) return typeRank[ta] - typeRank[tb];
  if (ta === 'null') return 0;
  if (ta === 'string' || ta === 'link' || ta === 'file' || ta === 'list' || ta === 'object' || ta === 'regexp') {
    const sa = display(a);
    const sb = display(b);
    return collator.compare(sa, sb) || (sa < sb ? -1 : sa > sb ? 1 : 0);
  }
  return compare(a, b) ?? 0;
}

/** The text of a value: `toString()`, string concatenation, `join()`. */
export function display(value: Val): string {
  if (value === null) return '';
  if (isList(value)) return value.map(display).join(', ');
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
  }
  switch (value.kind) {
    case 'date':
      return displayDate(value);
    case 'duration':
      return formatDuration(value);
    case 'link':
      return value.display ?? value.target;
    case 'file':
      return value.path.replace(/^.*\//, '').replace(/\.md$/, '');
    case 'object':
      return `{${Object.entries(value.fields)
        .map(([key, field]) => `${key}: ${display(field)}`)
        .join(', ')}}`;
    case 'regexp':
      return `/${value.pattern}/${value.flags}`;
  }
}

/** A key two values share exactly when they are equal as groups (a link and its file share one). */
export function groupKey(value: Val): string {
  const type = typeOf(value);
  if (type === 'link' || type === 'file') return `file:${pathOf(value) ?? `?${(value as { target: string }).target}`}`;
  if (type === 'date') return `date:${(value as QueryDate).time}`;
  if (isList(value)) return `list:[${value.map(groupKey).join(',')}]`;
  if (type === 'object') return `object:${display(value)}`;
  return `${type}:${display(value)}`;
}

/** A value as a result holds it: a regular expression becomes its text. */
export function toValue(value: Val): Value {
  return typeOf(value) === 'regexp' ? display(value) : (value as Value);
}
