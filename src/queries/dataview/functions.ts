/**
 * The DQL functions a static build can evaluate, each with its arity (the check reports a wrong argument count) and
 * whether it maps over a list in its first argument (Dataview's "vectorized" functions: `lower(["A", "B"])`).
 * A function never throws: a value it has no meaning for gives null, as in Dataview. Regexes are guarded: a pattern
 * with a nested quantifier (`(a+)+`) can take exponential time, so it is refused, and long inputs are not matched.
 * Reference: https://blacksmithgu.github.io/obsidian-dataview/reference/functions/
 *
 * In: `dqlFunctions.get('padleft')!.run(['yes', 5, '!'], cx)` → `'!!yes'`
 */
import { maxRegexInput, safeRegex } from '../safe-regex.ts';
import type { QueryDate, QueryLink, Value } from '../types.ts';
import { dayOf, formatDate, formatDuration, makeDate, makeDuration, parseDateText, parseDurationText } from './time.ts';
import { arithmetic, compareValues, equals, maxTextLength, toText, truthy, typeOf, type ArithmeticOp } from './values.ts';

/** A lambda argument (`(x) => x > 2`), closed over the row it is written in. */
export interface Lambda {
  readonly kind: 'lambda';
  call(args: readonly Value[]): Value;
}

export type Arg = Value | Lambda;

/** What functions need from the evaluator. */
export interface CallContext {
  readonly now: Date;
  /** `value.name` as the evaluator reads it: through links and files to their pages. */
  field(value: Value, name: string): Value;
  /** A link to `target`, resolved from the file holding the query. */
  link(target: string, display?: string): QueryLink;
}

export interface DqlFunction {
  readonly min: number;
  readonly max: number;
  /** Maps over a list given as the first argument. */
  readonly vectorized?: boolean;
  run(args: readonly Arg[], cx: CallContext): Value;
}


function isLambda(arg: Arg | undefined): arg is Lambda {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && (arg as { kind: string }).kind === 'lambda';
}

const value = (arg: Arg | undefined): Value => (arg === undefined || isLambda(arg) ? null : arg);
const text = (arg: Arg | undefined): string | undefined => (typeof arg === 'string' ? arg : undefined);
const num = (arg: Arg | undefined): number | undefined => (typeof arg === 'number' && Number.isFinite(arg) ? arg : undefined);
const list = (arg: Arg | undefined): readonly Value[] | undefined => (Array.isArray(arg) ? (arg as readonly Value[]) : undefined);


function regexInput(arg: Arg | undefined): string | undefined {
  const s = text(arg);
  return s !== undefined && s.length <= maxRegexInput ? s : undefined;
}

function date(arg: Value, cx: CallContext): Value {
  if (arg === null) return null;
  if (typeof arg === 'string') return parseDateText(arg) ?? null;
  if (typeof arg === 'number') return makeDate(arg, true);
  if (typeOf(arg) === 'date') return arg;
  // A link's date is its page's `file.day`.
  if (typeOf(arg) === 'link') return cx.field(cx.field(arg, 'file'), 'day');
  return null;
}

/** `date("12/31/2022", "MM/dd/yyyy")`: the numeric Luxon tokens (y, M, d, H, h, m, s, S, a, x, X) only. */
function dateFromFormat(input: string, format: string): Value {
  const parts: Record<string, number> = {};
  let pattern = '';
  const fields: string[] = [];
  for (const match of format.matchAll(/'[^']*'|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|a|x|X|[^']/g)) {
    const token = match[0];
    const known: Record<string, string> = { yyyy: '(\\d{4})', yy: '(\\d{2})', MM: '(\\d{2})', M: '(\\d{1,2})', dd: '(\\d{2})', d: '(\\d{1,2})', HH: '(\\d{2})', H: '(\\d{1,2})', hh: '(\\d{2})', h: '(\\d{1,2})', mm: '(\\d{2})', m: '(\\d{1,2})', ss: '(\\d{2})', s: '(\\d{1,2})', SSS: '(\\d{3})', a: '(AM|PM|am|pm)', x: '(-?\\d+)', X: '(-?\\d+)' };
    if (known[token]) {
      pattern += known[token];
      fields.push(token);
    } else pattern += (token.startsWith("'") ? token.slice(1, -1) : token).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${pattern}$`).exec(input.trim());
  if (!m) return null;
  fields.forEach((field, i) => (parts[field] = field === 'a' ? (m[i + 1]!.toUpperCase() === 'PM' ? 1 : 0) : Number(m[i + 1])));
  if (parts.x !== undefined) return makeDate(parts.x, true);
  if (parts.X !== undefined) return makeDate(parts.X * 1000, true);
  const year = parts.yyyy ?? (parts.yy !== undefined ? 2000 + parts.yy : 1970);
  const hour12 = parts.hh ?? parts.h;
  const hour = parts.HH ?? parts.H ?? (hour12 !== undefined ? (hour12 % 12) + (parts.a ? 12 : 0) : 0);
  const time = Date.UTC(year, (parts.MM ?? parts.M ?? 1) - 1, parts.dd ?? parts.d ?? 1, hour, parts.mm ?? parts.m ?? 0, parts.ss ?? parts.s ?? 0, parts.SSS ?? 0);
  const hasTime = ['HH', 'H', 'hh', 'h', 'mm', 'm', 'ss', 's', 'SSS'].some((f) => parts[f] !== undefined);
  return Number.isFinite(time) ? makeDate(time, hasTime) : null;
}

/** The values `min(a, b)` and `min([a, b])` both mean, nulls left out. */
function spread(args: readonly Arg[]): Value[] {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Value[]) : args.map(value);
  return values.filter((v) => v !== null);
}

function fold(values: readonly Value[], op: ArithmeticOp): Value {
  if (values.length === 0) return null;
  return values.slice(1).reduce<Value>((acc, v) => arithmetic(op, acc, v), values[0]!);
}

function contains(haystack: Value, needle: Value, fold: (s: string) => string, exact: boolean): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && fold(haystack).includes(fold(needle));
  if (Array.isArray(haystack)) {
    return haystack.some((item) =>
      !exact && typeof item === 'string' && typeof needle === 'string' ? fold(item).includes(fold(needle)) : typeof item === 'string' && typeof needle === 'string' ? fold(item) === fold(needle) : equals(item, needle),
    );
  }
  const tagged = haystack as { kind?: string; fields?: Record<string, Value> } | null;
  if (tagged?.kind === 'object' && typeof needle === 'string') return Object.keys(tagged.fields!).some((key) => fold(key) === fold(needle));
  if (tagged?.kind === 'link' || tagged?.kind === 'file') return equals(haystack, needle);
  return false;
}

function pad(args: readonly Arg[], left: boolean): Value {
  const s = text(args[0]) ?? (args[0] === null ? null : toText(value(args[0])));
  const length = num(args[1]);
  const padding = args.length > 2 ? text(args[2]) : ' ';
  if (s === null || length === undefined || !padding || length > maxTextLength) return null;
  return left ? s.padStart(length, padding) : s.padEnd(length, padding);
}

function lambdaOf(arg: Arg | undefined): Lambda | undefined {
  return isLambda(arg) ? arg : undefined;
}

function quantify(args: readonly Arg[], mode: 'all' | 'any' | 'none'): Value {
  const predicate = lambdaOf(args[1]);
  const items = predicate ? (list(args[0]) ?? [value(args[0])]) : args.length === 1 && Array.isArray(args[0]) ? (args[0] as Value[]) : args.map(value);
  const test = (item: Value) => truthy(predicate ? predicate.call([item]) : item);
  if (mode === 'all') return items.every(test);
  if (mode === 'any') return items.some(test);
  return !items.some(test);
}

function by(args: readonly Arg[], better: (c: number) => boolean): Value {
  const items = list(args[0]);
  const key = lambdaOf(args[1]);
  if (!items || !key || items.length === 0) return null;
  let best: Value = items[0]!;
  let bestKey: Value = key.call([best]);
  for (const item of items.slice(1)) {
    const k = key.call([item]);
    if (better(compareValues(k, bestKey))) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

function flat(items: readonly Value[], depth: number): Value[] {
  return items.flatMap((item) => (Array.isArray(item) && depth > 0 ? flat(item as Value[], depth - 1) : [item]));
}

const fn = (min: number, max: number, run: DqlFunction['run'], vectorized = false): DqlFunction => ({ min, max, run, vectorized });
const unary = (run: (v: Value, cx: CallContext) => Value, vectorized = true) => fn(1, 1, (args, cx) => run(value(args[0]), cx), vectorized);
const numeric = (op: (n: number) => number) => unary((v) => (typeof v === 'number' ? op(v) : null));
const strings = (min: number, max: number, run: (s: string, args: readonly Arg[]) => Value) =>
  fn(min, max, (args) => (typeof args[0] === 'string' ? run(args[0], args) : null), true);

const entries: Array<[string, DqlFunction]> = [
  // Constructors
  [
    'object',
    fn(0, Infinity, (args) => {
      if (args.length % 2) return null;
      const fields: Record<string, Value> = {};
      for (let i = 0; i < args.length; i += 2) {
        const key = text(args[i]);
        if (key === undefined) return null;
        fields[key] = value(args[i + 1]);
      }
      return { kind: 'object', fields };
    }),
  ],
  ['list', fn(0, Infinity, (args) => args.map(value))],
  ['array', fn(0, Infinity, (args) => args.map(value))],
  ['date', fn(1, 2, (args, cx) => (args.length === 2 ? (text(args[0]) !== undefined && text(args[1]) ? dateFromFormat(text(args[0])!, text(args[1])!) : null) : date(value(args[0]), cx)), true)],
  ['dur', unary((v) => (typeof v === 'string' ? (parseDurationText(v) ?? null) : typeOf(v) === 'duration' ? v : typeof v === 'number' ? makeDuration(0, v) : null))],
  [
    'number',
    unary((v) => {
      if (typeof v === 'number') return v;
      const m = typeof v === 'string' ? /-?\d+(\.\d+)?/.exec(v) : null;
      return m ? Number(m[0]) : null;
    }),
  ],
  ['string', unary((v) => toText(v), false)],
  ['link', fn(1, 2, (args, cx) => (typeof args[0] === 'string' ? cx.link(args[0], text(args[1])) : typeOf(value(args[0])) === 'link' ? value(args[0]) : null), true)],
  ['embed', fn(1, 2, (args) => (typeOf(value(args[0])) === 'link' ? value(args[0]) : null), true)],
  ['elink', fn(1, 2, (args) => (typeof args[0] === 'string' ? { kind: 'link', target: args[0], display: text(args[1]) ?? args[0] } : null))],
  ['typeof', unary((v) => typeOf(v), false)],
  // Numbers
  ['round', fn(1, 2, (args) => (typeof args[0] === 'number' ? roundTo(args[0], num(args[1]) ?? 0) : null), true)],
  ['trunc', numeric(Math.trunc)],
  ['floor', numeric(Math.floor)],
  ['ceil', numeric(Math.ceil)],
  ['min', fn(1, Infinity, (args) => spread(args).reduce<Value>((a, b) => (a === null || compareValues(b, a) < 0 ? b : a), null))],
  ['max', fn(1, Infinity, (args) => spread(args).reduce<Value>((a, b) => (a === null || compareValues(b, a) > 0 ? b : a), null))],
  ['sum', fn(1, 1, (args) => fold(list(args[0]) ?? [value(args[0])], '+'))],
  ['product', fn(1, 1, (args) => fold(list(args[0]) ?? [value(args[0])], '*'))],
  [
    'average',
    fn(1, 1, (args) => {
      const items = list(args[0]) ?? [value(args[0])];
      const total = fold(items, '+');
      return total === null ? null : arithmetic('/', total, items.length);
    }),
  ],
  [
    'reduce',
    fn(2, 2, (args) => {
      const items = list(args[0]);
      const op = text(args[1]);
      if (!items || !op) return null;
      if (op === '&') return items.every(truthy);
      if (op === '|') return items.some(truthy);
      return ['+', '-', '*', '/', '%'].includes(op) ? fold(items, op as ArithmeticOp) : null;
    }),
  ],
  ['minby', fn(2, 2, (args) => by(args, (c) => c < 0))],
  ['maxby', fn(2, 2, (args) => by(args, (c) => c > 0))],
  // Objects, lists and strings
  ['contains', fn(2, 2, (args) => contains(value(args[0]), value(args[1]), (s) => s, false))],
  ['icontains', fn(2, 2, (args) => contains(value(args[0]), value(args[1]), (s) => s.toLowerCase(), false))],
  ['econtains', fn(2, 2, (args) => contains(value(args[0]), value(args[1]), (s) => s, true))],
  [
    'containsword',
    strings(2, 2, (s, args) => {
      const word = text(args[1])?.toLowerCase();
      return word === undefined ? null : s.toLowerCase().split(/[^\p{L}\p{N}_]+/u).includes(word);
    }),
  ],
  [
    'extract',
    fn(1, Infinity, (args, cx) => {
      const fields: Record<string, Value> = {};
      for (const key of args.slice(1)) if (typeof key === 'string') fields[key] = cx.field(value(args[0]), key);
      return { kind: 'object', fields };
    }),
  ],
  [
    'sort',
    fn(1, 2, (args) => {
      const items = list(args[0]);
      const key = lambdaOf(args[1]);
      if (!items) return null;
      const keyed = items.map((item, i) => ({ item, key: key ? key.call([item]) : item, i }));
      return keyed.sort((a, b) => compareValues(a.key, b.key) || a.i - b.i).map((k) => k.item);
    }),
  ],
  ['reverse', fn(1, 1, (args) => (list(args[0]) ? [...list(args[0])!].reverse() : null))],
  [
    'length',
    unary((v) => {
      if (Array.isArray(v)) return v.length;
      if (typeof v === 'string') return v.length;
      const tagged = v as { kind?: string; fields?: object } | null;
      return tagged?.kind === 'object' ? Object.keys(tagged.fields!).length : v === null ? 0 : null;
    }, false),
  ],
  [
    'unique',
    fn(1, 1, (args) => {
      const items = list(args[0]);
      if (!items) return null;
      const seen: Value[] = [];
      for (const item of items) if (!seen.some((s) => equals(s, item))) seen.push(item);
      return seen;
    }),
  ],
  ['nonnull', fn(1, 1, (args) => list(args[0])?.filter((v) => v !== null) ?? null)],
  ['firstvalue', fn(1, 1, (args) => list(args[0])?.find((v) => v !== null) ?? null)],
  ['all', fn(1, Infinity, (args) => quantify(args, 'all'))],
  ['any', fn(1, Infinity, (args) => quantify(args, 'any'))],
  ['none', fn(1, Infinity, (args) => quantify(args, 'none'))],
  [
    'join',
    fn(1, 2, (args) => {
      const separator = args.length > 1 ? text(args[1]) : ', ';
      if (separator === undefined) return null;
      const joined = (list(args[0]) ?? [value(args[0])]).map(toText).join(separator);
      return joined.length > maxTextLength ? null : joined;
    }),
  ],
  [
    'filter',
    fn(2, 2, (args) => {
      const items = list(args[0]);
      const predicate = lambdaOf(args[1]);
      return items && predicate ? items.filter((item) => truthy(predicate.call([item]))) : null;
    }),
  ],
  [
    'map',
    fn(2, 2, (args) => {
      const items = list(args[0]);
      const f = lambdaOf(args[1]);
      return items && f ? items.map((item) => f.call([item])) : null;
    }),
  ],
  ['flat', fn(1, 2, (args) => (list(args[0]) ? flat(list(args[0])!, Math.min(num(args[1]) ?? 1, 100)) : null))],
  ['slice', fn(1, 3, (args) => list(args[0])?.slice(num(args[1]) ?? 0, num(args[2])) ?? null)],
  // Strings
  [
    'regextest',
    fn(2, 2, (args) => {
      const s = regexInput(args[1]);
      const re = text(args[0]) !== undefined ? safeRegex(text(args[0])!) : undefined;
      return s !== undefined && re ? re.test(s) : null;
    }),
  ],
  [
    'regexmatch',
    fn(2, 2, (args) => {
      const s = regexInput(args[1]);
      const re = text(args[0]) !== undefined ? safeRegex(`^(?:${text(args[0])!})$`) : undefined;
      return s !== undefined && re ? re.test(s) : null;
    }),
  ],
  [
    'regexreplace',
    strings(3, 3, (s, args) => {
      const re = text(args[1]) !== undefined ? safeRegex(text(args[1])!, 'g') : undefined;
      const replacement = text(args[2]);
      if (s.length > maxRegexInput || !re || replacement === undefined) return null;
      const result = s.replace(re, replacement);
      return result.length > maxTextLength ? null : result;
    }),
  ],
  [
    'replace',
    strings(3, 3, (s, args) => {
      const from = text(args[1]);
      const to = text(args[2]);
      if (from === undefined || to === undefined) return null;
      const result = s.split(from).join(to);
      return result.length > maxTextLength ? null : result;
    }),
  ],
  ['lower', strings(1, 1, (s) => s.toLowerCase())],
  ['upper', strings(1, 1, (s) => s.toUpperCase())],
  [
    'split',
    fn(2, 3, (args) => {
      const s = regexInput(args[0]);
      const re = text(args[1]) !== undefined ? safeRegex(text(args[1])!) : undefined;
      if (s === undefined || !re) return null;
      return s.split(re, num(args[2])).map((part) => part ?? '');
    }),
  ],
  ['startswith', strings(2, 2, (s, args) => (text(args[1]) !== undefined ? s.startsWith(text(args[1])!) : null))],
  ['endswith', strings(2, 2, (s, args) => (text(args[1]) !== undefined ? s.endsWith(text(args[1])!) : null))],
  ['padleft', fn(2, 3, (args) => pad(args, true), true)],
  ['padright', fn(2, 3, (args) => pad(args, false), true)],
  ['substring', strings(2, 3, (s, args) => (num(args[1]) !== undefined ? s.substring(num(args[1])!, num(args[2])) : null))],
  [
    'truncate',
    strings(2, 3, (s, args) => {
      const length = num(args[1]);
      const suffix = args.length > 2 ? text(args[2]) : '...';
      if (length === undefined || suffix === undefined) return null;
      return s.length <= length ? s : s.slice(0, Math.max(0, length - suffix.length)) + suffix;
    }),
  ],
  // Utility
  ['default', fn(2, 2, (args) => (value(args[0]) === null ? value(args[1]) : value(args[0])), true)],
  ['ldefault', fn(2, 2, (args) => (value(args[0]) === null ? value(args[1]) : value(args[0])))],
  ['choice', fn(3, 3, (args) => (truthy(value(args[0])) ? value(args[1]) : value(args[2])))],
  ['striptime', unary((v) => (typeOf(v) === 'date' ? dayOf(v as QueryDate) : null))],
  ['localtime', unary((v) => (typeOf(v) === 'date' ? v : null))],
  ['dateformat', fn(2, 2, (args) => (typeOf(value(args[0])) === 'date' && text(args[1]) !== undefined ? formatDate(args[0] as never, text(args[1])!) : null), true)],
  ['durationformat', fn(2, 2, (args) => (typeOf(value(args[0])) === 'duration' && text(args[1]) !== undefined ? formatDuration(args[0] as never, text(args[1])!) : null), true)],
  [
    'currencyformat',
    fn(1, 2, (args) => {
      const n = num(args[0]);
      const currency = args.length > 1 ? text(args[1]) : 'USD';
      if (n === undefined || !currency || !/^[A-Za-z]{3}$/.test(currency)) return null;
      return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);
    }),
  ],
  [
    'meta',
    unary((v) => {
      if (typeOf(v) !== 'link') return null;
      const link = v as QueryLink;
      // QueryLink keeps no heading or block (types.ts): every link is to a file here.
      const fields: Record<string, Value> = { display: link.display ?? null, embed: false, path: link.path ?? link.target, subpath: null, type: 'file' };
      return { kind: 'object', fields };
    }),
  ],
];

function roundTo(n: number, digits: number): number {
  const d = Math.max(0, Math.min(15, Math.trunc(digits)));
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

/** Every function DQL evaluates here, by lower-case name. */
export const dqlFunctions: ReadonlyMap<string, DqlFunction> = new Map(entries);

/** Functions of Dataview that only Obsidian evaluates (`hash` seeds Dataview's own generator): null here. */
export const obsidianOnlyFunctions: ReadonlySet<string> = new Set(['hash']);

/** `f(args)` with Dataview's vectorization; a wrong argument count gives null (the check reports it). */
export function callFunction(f: DqlFunction, args: readonly Arg[], cx: CallContext): Value {
  if (args.length < f.min || args.length > f.max) return null;
  const first = args[0];
  if (f.vectorized && Array.isArray(first)) return (first as readonly Value[]).map((item) => f.run([item, ...args.slice(1)], cx));
  return f.run(args, cx);
}

