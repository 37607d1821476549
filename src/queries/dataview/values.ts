/**
 * How DQL treats values: one total order (for `SORT`, `=` and `<` between any two values, as Dataview compares
 * across types), truthiness (for `WHERE`), `typeof`, text (for `string()` and `join`) and the arithmetic operators,
 * with Dataview's null semantics: arithmetic with null is null, and null sorts before everything.
 * Reference: https://blacksmithgu.github.io/obsidian-dataview/reference/expressions/
 *
 * In: `arithmetic('-', date 2026-01-10, date 2026-01-05)` → `{ kind: 'duration', months: 0, ms: 432000000 }`
 * In: `compareValues(null, 0)` → a negative number
 */
import type { QueryDate, QueryDuration, Value } from '../types.ts';
import { addDuration, dateText, durationMs, durationText, makeDuration } from './time.ts';

/** Strings past this length are not built: `"x" * 1e9` must not take the build's memory. */
export const maxTextLength = 100_000;

export type ValueType = 'null' | 'boolean' | 'number' | 'string' | 'date' | 'duration' | 'link' | 'array' | 'object';

export function typeOf(value: Value): ValueType {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'array';
  const tagged = value as Exclude<Value, readonly Value[] | string | number | boolean | null>;
  return tagged.kind === 'file' ? 'object' : tagged.kind;
}

const rank: Record<ValueType, number> = { null: 0, boolean: 1, number: 2, duration: 3, date: 4, string: 5, link: 6, array: 7, object: 8 };
const collator = new Intl.Collator('en');

/** A total order of values: by type first (null lowest), then within the type; 0 when equal. */
export function compareValues(a: Value, b: Value): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) return rank[ta] - rank[tb];
  switch (ta) {
    case 'null':
      return 0;
    case 'boolean':
      return Number(a) - Number(b);
    case 'number': {
      const x = a as number;
      const y = b as number;
      if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(y)) - Number(Number.isNaN(x));
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'string': {
      const x = a as string;
      const y = b as string;
      // The collator puts `a` before `B`, as Dataview's localeCompare does; code units break its ties.
      return collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
    }
    case 'date':
      return sign((a as QueryDate).time - (b as QueryDate).time);
    case 'duration':
      return sign(durationMs(a as QueryDuration) - durationMs(b as QueryDuration));
    case 'link':
      return compareValues(linkKey(a), linkKey(b));
    case 'array': {
      const x = a as readonly Value[];
      const y = b as readonly Value[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i]!, y[i]!);
        if (c) return c;
      }
      return x.length - y.length;
    }
    case 'object': {
      const x = objectEntries(a);
      const y = objectEntries(b);
      return compareValues(
        x.map(([k, v]) => [k, v]),
        y.map(([k, v]) => [k, v]),
      );
    }
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function linkKey(value: Value): string {
  const link = value as { path?: string; target: string };
  return (link.path ?? link.target).toLowerCase();
}

function objectEntries(value: Value): Array<[string, Value]> {
  const tagged = value as { kind: 'object'; fields: Record<string, Value> } | { kind: 'file'; path: string };
  if (tagged.kind === 'file') return [['path', tagged.path]];
  return Object.entries(tagged.fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function equals(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

/** Dataview's truthiness: null, false, 0, "", an empty list or object are false. */
export function truthy(value: Value): boolean {
  switch (typeOf(value)) {
    case 'null':
      return false;
    case 'boolean':
      return value as boolean;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'string':
      return (value as string).length > 0;
    case 'duration':
      return durationMs(value as QueryDuration) !== 0;
    case 'array':
      return (value as readonly Value[]).length > 0;
    case 'object':
      return (value as { kind: string }).kind === 'file' || Object.keys((value as { fields: object }).fields).length > 0;
    default:
      return true;
  }
}

/** A value as text, the way `string()` and `join()` print it. */
export function toText(value: Value): string {
  switch (typeOf(value)) {
    case 'null':
      return 'null';
    case 'boolean':
    case 'number':
    case 'string':
      return String(value);
    case 'date':
      return dateText(value as QueryDate);
    case 'duration':
      return durationText(value as QueryDuration);
    case 'link': {
      const link = value as { target: string; display?: string };
      return link.display ?? link.target;
    }
    case 'array':
      return (value as readonly Value[]).map(toText).join(', ');
    case 'object': {
      const tagged = value as { kind: string; path?: string };
      if (tagged.kind === 'file') return tagged.path!;
      return `{ ${objectEntries(value).map(([k, v]) => `${k}: ${toText(v)}`).join(', ')} }`;
    }
  }
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

/**
 * `a op b`, or null where Dataview has no meaning for it (null in, mixed types) and where it would crash or blow up
 * (division by zero, a string repeated past `maxTextLength`).
 */
export function arithmetic(op: ArithmeticOp, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta === 'number' && tb === 'number') {
    const x = a as number;
    const y = b as number;
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      default:
        return y === 0 ? null : op === '/' ? x / y : x % y;
    }
  }
  if (op === '+' && (ta === 'string' || tb === 'string')) {
    const text = toText(a) + toText(b);
    return text.length > maxTextLength ? null : text;
  }
  if (op === '*' && (ta === 'string' || tb === 'string') && (ta === 'number' || tb === 'number')) {
    const text = (ta === 'string' ? a : b) as string;
    const times = Math.trunc((ta === 'number' ? a : b) as number);
    return times < 0 || text.length * times > maxTextLength ? null : text.repeat(times);
  }
  if (op === '+' && ta === 'array' && tb === 'array') return [...(a as Value[]), ...(b as Value[])];
  if (ta === 'date' && tb === 'duration' && (op === '+' || op === '-')) return addDuration(a as QueryDate, b as QueryDuration, op === '+' ? 1 : -1);
  if (ta === 'duration' && tb === 'date' && op === '+') return addDuration(b as QueryDate, a as QueryDuration, 1);
  if (ta === 'date' && tb === 'date' && op === '-') return makeDuration(0, (a as QueryDate).time - (b as QueryDate).time);
  if (ta === 'duration' && tb === 'duration' && (op === '+' || op === '-')) {
    const x = a as QueryDuration;
    const y = b as QueryDuration;
    const s = op === '+' ? 1 : -1;
    return makeDuration(x.months + s * y.months, x.ms + s * y.ms);
  }
  if (ta === 'duration' && tb === 'number' && (op === '*' || op === '/')) {
    const x = a as QueryDuration;
    const n = b as number;
    if (op === '/' && n === 0) return null;
    const f = op === '*' ? n : 1 / n;
    return makeDuration(x.months * f, x.ms * f);
  }
  if (ta === 'number' && tb === 'duration' && op === '*') return arithmetic('*', b, a);
  return null;
}

/**
 * Dataview's simplified field name: lower case, spaces as `-`, punctuation dropped: `Last Reviewed!` → `last-reviewed`.
 * https://blacksmithgu.github.io/obsidian-dataview/reference/expressions/#fields-as-expressions
 */
export function canonicalName(name: string): string {
  return name
    .replace(/[^\p{L}\p{Emoji_Presentation}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
}

/** Per record, its keys by simplified name (first key wins): built once, as a query reads the same docs per row. */
const simplifiedKeys = new WeakMap<object, Map<string, string>>();

/** The value of `name` in a record, by its exact key or Dataview's simplified one; undefined when absent. */
export function lookupField(fields: Readonly<Record<string, Value>>, name: string): Value | undefined {
  if (Object.hasOwn(fields, name)) return fields[name]!;
  let keys = simplifiedKeys.get(fields);
  if (!keys) {
    keys = new Map();
    for (const key of Object.keys(fields)) {
      const simple = canonicalName(key);
      if (!keys.has(simple)) keys.set(simple, key);
    }
    simplifiedKeys.set(fields, keys);
  }
  const key = keys.get(canonicalName(name));
  return key === undefined ? undefined : fields[key]!;
}
