/**
 * The functions and methods of help.obsidian.md/bases/functions, one table entry each with its arity, so the
 * evaluator calls them and the check reports unknown names and wrong argument counts from the same data. What only
 * the app can draw (`image`, `icon`, `html`) is marked `needsApp`: it evaluates to null here.
 *
 * In: `methods.string.startsWith.call('hello', call)` with the argument `"he"` → true
 * In: `globals.if` → `{ min: 2, max: 3, … }`: `if(a)` is one argument short
 */
import { maxRegexInput, safeRegex } from '../safe-regex.ts';
import type { Expr } from './expression.ts';
import type { QueryContext, QueryDate, QueryDoc, QueryDuration, QueryFile, QueryLink, QueryObject, Value } from '../types.ts';
import { folderOf } from '../../vault/vault-path.ts';
import { addDuration, dateOf, dayOf, durationMs, formatDate, parseDate, parseDuration, relativeDate } from './dates.ts';
import { mean, median } from './summaries.ts';
import { compare, display, equals, isEmpty, isList, isTruthy, own, sortCompare, toValue, typeOf, type RegexValue, type Val, type ValueType } from './values.ts';

/** An expression failed (a string that is no number, an argument of the wrong type): its value is null. */
export class EvalFailure extends Error {}

/** What evaluating one row needs. */
export interface Env {
  readonly doc: QueryDoc;
  readonly context: QueryContext;
  /** `formula.name` for this row: memoised, null for an unknown or circular one. */
  formula(name: string): Val;
  /** `value`, `index` and `acc` inside `filter`/`map`/`reduce`, `values` in a summary. */
  readonly bindings: ReadonlyMap<string, Val>;
}

/** One call site: arguments are evaluated on demand, so `if` evaluates one branch and `map` its argument per item. */
export interface Call {
  readonly env: Env;
  readonly args: readonly Expr[];
  arg(index: number): Val;
  /** The argument evaluated with more bindings (`value`, `index`, `acc`). */
  argWith(index: number, bindings: Readonly<Record<string, Val>>): Val;
}

export interface FunctionDef {
  readonly min: number;
  readonly max: number;
  /** Why a static build cannot show it; the value is null. */
  readonly needsApp?: string;
  call(c: Call): Val;
}

export interface MethodDef {
  readonly min: number;
  readonly max: number;
  call(self: Val, c: Call): Val;
}

const many = Number.POSITIVE_INFINITY;

function fn(min: number, max: number, call: (c: Call) => Val, needsApp?: string): FunctionDef {
  return needsApp ? { min, max, call, needsApp } : { min, max, call };
}

function method<T extends Val>(min: number, max: number, call: (self: T, c: Call) => Val): MethodDef {
  return { min, max, call: call as (self: Val, c: Call) => Val };
}

function allArgs(c: Call): Val[] {
  return c.args.map((_, i) => c.arg(i));
}

function text(value: Val): string {
  if (typeof value !== 'string') throw new EvalFailure(`Unexpected ${typeOf(value)}, expected a string`);
  return value;
}

function num(value: Val): number {
  if (typeof value !== 'number') throw new EvalFailure(`Unexpected ${typeOf(value)}, expected a number`);
  return value;
}

function optionalNum(c: Call, index: number): number | undefined {
  return index < c.args.length ? num(c.arg(index)) : undefined;
}

/** A regular expression that cannot hang the build (`safe-regex.ts`); one that could fails its expression. */
function regex(source: string, flags: string): RegExp {
  const re = safeRegex(source, flags);
  if (!re) throw new EvalFailure(`Unexpected regular expression /${source}/: it can take exponential time`);
  return re;
}

/** A pattern argument: a regular expression as written, or a string matched literally. */
function pattern(value: Val, global: boolean): RegExp | string {
  if (typeOf(value) === 'regexp') {
    const re = value as RegexValue;
    return regex(re.pattern, re.flags);
  }
  const literal = text(value);
  return global ? new RegExp(literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : literal;
}

/** A number of the docs' `date` fields (help.obsidian.md/bases/functions#Date Fields). */
export const dateFields: Readonly<Record<string, (date: Date) => number>> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  second: (d) => d.getUTCSeconds(),
  millisecond: (d) => d.getUTCMilliseconds(),
};

/** The file properties of help.obsidian.md/bases/syntax#File properties, and `basename` and `aliases`. */
export const fileFields = ['backlinks', 'ctime', 'embeds', 'ext', 'file', 'folder', 'links', 'mtime', 'name', 'path', 'properties', 'size', 'tags', 'basename', 'aliases'] as const;

/** The row of a file value: the current row, another row of the vault, or the file holding the query. */
export function rowOf(file: QueryFile, env: Env): QueryDoc | undefined {
  if (file.path === env.doc.path) return env.doc;
  return env.context.vault.byPath.get(file.path) ?? (env.context.self?.path === file.path ? env.context.self : undefined);
}

/** A link to a file, written as Obsidian would: its path without `.md`. */
function linkToFile(path: string, displayText?: string): QueryLink {
  const target = path.replace(/\.md$/, '');
  return displayText === undefined ? { kind: 'link', target, path } : { kind: 'link', target, path, display: displayText };
}

/** A link from a string: `[[target|display]]` or a bare target, resolved from the row's file. */
function linkFromText(value: string, env: Env, displayText?: string): QueryLink {
  const wiki = /^!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]$/.exec(value.trim());
  const target = wiki ? wiki[1]!.trim() : value.trim();
  const shown = displayText ?? wiki?.[2];
  const path = /^[a-z][a-z0-9+.-]*:/i.test(target) ? undefined : env.context.vault.resolve(target, env.doc.path);
  return { kind: 'link', target, ...(path === undefined ? {} : { path }), ...(shown === undefined ? {} : { display: shown }) };
}

/** Where a file, link or string points: a vault path, else the text as written. */
function targetPath(value: Val, env: Env): string {
  const type = typeOf(value);
  if (type === 'file') return (value as QueryFile).path;
  if (type === 'link') {
    const link = value as QueryLink;
    return link.path ?? env.context.vault.resolve(link.target, env.doc.path) ?? link.target;
  }
  const linked = linkFromText(text(value), env);
  return linked.path ?? linked.target;
}

function linksTo(row: QueryDoc | undefined, target: string): boolean {
  return row !== undefined && row.file.links.some((link) => (link.path ?? link.target) === target);
}

function toDate(value: Val): QueryDate | null {
  if (typeOf(value) === 'date') return value as QueryDate;
  if (typeof value === 'string') return parseDate(value) ?? null;
  if (typeof value === 'number') return dateOf(value, true);
  return null;
}

function toNumber(value: Val): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const type = typeOf(value);
  if (type === 'date') return (value as QueryDate).time;
  if (type === 'duration') return durationMs(value as QueryDuration);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new EvalFailure(`Unexpected \`${display(value)}\`, expected a number`);
}

function extreme(values: readonly Val[], sign: 1 | -1): Val {
  let best: Val = null;
  for (const value of values) {
    if (value === null) continue;
    if (best === null || (compare(value, best) ?? 0) * sign > 0) best = value;
  }
  return best;
}

const needsApp = (what: string) => `\`${what}()\` renders in Obsidian only`;

export const globals: Readonly<Record<string, FunctionDef>> = {
  if: fn(2, 3, (c) => (isTruthy(c.arg(0)) ? c.arg(1) : c.args.length > 2 ? c.arg(2) : null)),
  now: fn(0, 0, (c) => dateOf(c.env.context.now.getTime(), true)),
  today: fn(0, 0, (c) => dayOf(dateOf(c.env.context.now.getTime(), true))),
  date: fn(1, 1, (c) => toDate(c.arg(0))),
  duration: fn(1, 1, (c) => {
    const value = c.arg(0);
    return typeOf(value) === 'duration' ? value : (parseDuration(text(value)) ?? null);
  }),
  number: fn(1, 1, (c) => toNumber(c.arg(0))),
  link: fn(1, 2, (c) => {
    const target = c.arg(0);
    const shown = c.args.length > 1 ? display(c.arg(1)) : undefined;
    if (typeOf(target) === 'file') return linkToFile((target as QueryFile).path, shown);
    if (typeOf(target) === 'link') return shown === undefined ? target : { ...(target as QueryLink), display: shown };
    return linkFromText(display(target), c.env, shown);
  }),
  list: fn(1, 1, (c) => {
    const value = toValue(c.arg(0));
    return isList(value) ? value : [value];
  }),
  min: fn(1, many, (c) => extreme(allArgs(c), -1)),
  max: fn(1, many, (c) => extreme(allArgs(c), 1)),
  file: fn(1, 1, (c) => {
    const value = c.arg(0);
    if (typeOf(value) === 'file') return value;
    const path = targetPath(value, c.env);
    return c.env.context.vault.byPath.has(path) ? { kind: 'file', path } : null;
  }),
  escapeHTML: fn(1, 1, (c) => display(c.arg(0)).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)),
  html: fn(1, 1, () => null, needsApp('html')),
  image: fn(1, 1, () => null, needsApp('image')),
  icon: fn(1, 1, () => null, needsApp('icon')),
};

const containsValue = (list: readonly Value[], wanted: Val) => list.some((item) => equals(item, wanted));

function numbers(list: readonly Value[]): number[] {
  return list.filter((item): item is number => typeof item === 'number' && !Number.isNaN(item));
}

const anyMethods: Record<string, MethodDef> = {
  isTruthy: method(0, 0, (self) => isTruthy(self)),
  isEmpty: method(0, 0, (self) => isEmpty(self)),
  toString: method(0, 0, (self) => display(self)),
  isType: method(1, 1, (self, c) => typeOf(self) === text(c.arg(0)).toLowerCase()),
};

const stringMethods: Record<string, MethodDef> = {
  contains: method<string>(1, 1, (self, c) => self.includes(display(c.arg(0)))),
  containsAll: method<string>(1, many, (self, c) => allArgs(c).every((v) => self.includes(display(v)))),
  containsAny: method<string>(1, many, (self, c) => allArgs(c).some((v) => self.includes(display(v)))),
  startsWith: method<string>(1, 1, (self, c) => self.startsWith(text(c.arg(0)))),
  endsWith: method<string>(1, 1, (self, c) => self.endsWith(text(c.arg(0)))),
  lower: method<string>(0, 0, (self) => self.toLowerCase()),
  upper: method<string>(0, 0, (self) => self.toUpperCase()),
  title: method<string>(0, 0, (self) => self.replace(/(^|\s)(\S)/gu, (_, space: string, ch: string) => space + ch.toUpperCase())),
  trim: method<string>(0, 0, (self) => self.trim()),
  replace: method<string>(2, 2, (self, c) => {
    const found = pattern(c.arg(0), true);
    const replacement = display(c.arg(1));
    return typeof found === 'string' ? self.replaceAll(found, replacement) : self.replace(found, replacement);
  }),
  repeat: method<string>(1, 1, (self, c) => {
    const count = Math.max(0, Math.floor(num(c.arg(0))));
    // A formula cannot make a build run out of memory.
    if (self.length * count > 1_000_000) throw new EvalFailure('Unexpected repeat count, expected a result under 1,000,000 characters');
    return self.repeat(count);
  }),
  reverse: method<string>(0, 0, (self) => Array.from(self).reverse().join('')),
  slice: method<string>(1, 2, (self, c) => self.slice(num(c.arg(0)), optionalNum(c, 1))),
  split: method<string>(1, 2, (self, c) => {
    const parts = self.split(pattern(c.arg(0), false));
    const n = optionalNum(c, 1);
    return n === undefined ? parts : parts.slice(0, n);
  }),
};

const numberMethods: Record<string, MethodDef> = {
  abs: method<number>(0, 0, (self) => Math.abs(self)),
  ceil: method<number>(0, 0, (self) => Math.ceil(self)),
  floor: method<number>(0, 0, (self) => Math.floor(self)),
  round: method<number>(0, 1, (self, c) => {
    const factor = 10 ** Math.max(0, Math.min(15, Math.floor(optionalNum(c, 0) ?? 0)));
    return Math.round(self * factor) / factor;
  }),
  toFixed: method<number>(1, 1, (self, c) => self.toFixed(Math.max(0, Math.min(100, Math.floor(num(c.arg(0))))))),
};

const listMethods: Record<string, MethodDef> = {
  contains: method<readonly Value[]>(1, 1, (self, c) => containsValue(self, c.arg(0))),
  containsAll: method<readonly Value[]>(1, many, (self, c) => allArgs(c).every((v) => containsValue(self, v))),
  containsAny: method<readonly Value[]>(1, many, (self, c) => allArgs(c).some((v) => containsValue(self, v))),
  filter: method<readonly Value[]>(1, 1, (self, c) => self.filter((value, index) => isTruthy(c.argWith(0, { value, index })))),
  map: method<readonly Value[]>(1, 1, (self, c) => self.map((value, index) => toValue(c.argWith(0, { value, index })))),
  reduce: method<readonly Value[]>(2, 2, (self, c) => self.reduce<Val>((acc, value, index) => c.argWith(0, { value, index, acc }), c.arg(1))),
  flat: method<readonly Value[]>(0, 0, (self) => self.flatMap((item) => (isList(item) ? item : [item]))),
  join: method<readonly Value[]>(0, 1, (self, c) => self.map(display).join(c.args.length > 0 ? display(c.arg(0)) : ',')),
  reverse: method<readonly Value[]>(0, 0, (self) => [...self].reverse()),
  slice: method<readonly Value[]>(1, 2, (self, c) => self.slice(num(c.arg(0)), optionalNum(c, 1))),
  sort: method<readonly Value[]>(0, 0, (self) => [...self].sort(sortCompare)),
  unique: method<readonly Value[]>(0, 0, (self) => self.filter((item, i) => self.findIndex((other) => equals(item, other)) === i)),
  // Not in the functions reference, but the syntax page's summaries use `values.mean()`.
  mean: method<readonly Value[]>(0, 0, (self) => mean(numbers(self))),
  average: method<readonly Value[]>(0, 0, (self) => mean(numbers(self))),
  median: method<readonly Value[]>(0, 0, (self) => median(numbers(self))),
  sum: method<readonly Value[]>(0, 0, (self) => numbers(self).reduce((a, b) => a + b, 0)),
  min: method<readonly Value[]>(0, 0, (self) => extreme(self, -1)),
  max: method<readonly Value[]>(0, 0, (self) => extreme(self, 1)),
};

const dateMethods: Record<string, MethodDef> = {
  date: method<QueryDate>(0, 0, (self) => dayOf(self)),
  time: method<QueryDate>(0, 0, (self) => formatDate(self, 'HH:mm:ss')),
  format: method<QueryDate>(1, 1, (self, c) => formatDate(self, text(c.arg(0)))),
  relative: method<QueryDate>(0, 0, (self, c) => relativeDate(self, c.env.context.now)),
  isEmpty: method<QueryDate>(0, 0, () => false),
};

const linkMethods: Record<string, MethodDef> = {
  asFile: method<QueryLink>(0, 0, (self, c) => {
    const path = targetPath(self, c.env);
    return c.env.context.vault.byPath.has(path) ? { kind: 'file', path } : null;
  }),
  linksTo: method<QueryLink>(1, 1, (self, c) => linksTo(c.env.context.vault.byPath.get(targetPath(self, c.env)), targetPath(c.arg(0), c.env))),
};

function tagMatches(tag: string, wanted: string): boolean {
  const t = tag.replace(/^#/, '').toLowerCase();
  const w = wanted.replace(/^#/, '').toLowerCase();
  return t === w || t.startsWith(`${w}/`);
}

const fileMethods: Record<string, MethodDef> = {
  asLink: method<QueryFile>(0, 1, (self, c) => linkToFile(self.path, c.args.length > 0 ? display(c.arg(0)) : undefined)),
  hasLink: method<QueryFile>(1, 1, (self, c) => linksTo(rowOf(self, c.env), targetPath(c.arg(0), c.env))),
  hasProperty: method<QueryFile>(1, 1, (self, c) => Object.hasOwn(rowOf(self, c.env)?.note ?? {}, text(c.arg(0)))),
  hasTag: method<QueryFile>(1, many, (self, c) => {
    const tags = rowOf(self, c.env)?.file.tags ?? [];
    return allArgs(c).some((wanted) => tags.some((tag) => tagMatches(tag, text(wanted))));
  }),
  inFolder: method<QueryFile>(1, 1, (self, c) => {
    const folder = text(c.arg(0)).replace(/^\/+|\/+$/g, '');
    const holder = folderOf(self.path);
    return folder === '' || holder === folder || holder.startsWith(`${folder}/`);
  }),
};

const objectMethods: Record<string, MethodDef> = {
  keys: method<QueryObject>(0, 0, (self) => Object.keys(self.fields)),
  values: method<QueryObject>(0, 0, (self) => Object.values(self.fields)),
};

const regexpMethods: Record<string, MethodDef> = {
  matches: method<RegexValue>(1, 1, (self, c) => {
    const input = text(c.arg(0));
    if (input.length > maxRegexInput) throw new EvalFailure(`Unexpected text of ${input.length} characters for a regular expression, expected at most ${maxRegexInput}`);
    return regex(self.pattern, self.flags.replace('g', '')).test(input);
  }),
};

/** Methods by the type of the value they are called on; `any` applies to every type. */
const methods: Readonly<Record<ValueType | 'any', Readonly<Record<string, MethodDef>>>> = {
  any: anyMethods,
  null: {},
  boolean: {},
  number: numberMethods,
  string: stringMethods,
  date: dateMethods,
  duration: {},
  link: linkMethods,
  file: fileMethods,
  object: objectMethods,
  list: listMethods,
  regexp: regexpMethods,
};

/** Every method name with the widest arity any type gives it, for the check (it does not know the types). */
export const methodArity: ReadonlyMap<string, { min: number; max: number }> = (() => {
  const arity = new Map<string, { min: number; max: number }>();
  for (const table of Object.values(methods))
    for (const [name, def] of Object.entries(table)) {
      const known = arity.get(name);
      arity.set(name, known ? { min: Math.min(known.min, def.min), max: Math.max(known.max, def.max) } : { min: def.min, max: def.max });
    }
  return arity;
})();

/**
 * The method `name` of a value: its type's, else one every value has; a date method of a date string works on the
 * date; a list method called on a single value treats
 * it as a list of one (a property that is a list in some notes and a string in others). Undefined when none fits.
 */
export function methodFor(self: Val, name: string): { def: MethodDef; self: Val } | undefined {
  const type = typeOf(self);
  const typed = own(methods[type], name) ?? own(methods.any, name);
  if (typed) return { def: typed, self };
  // A date the property index left as text (`"2026-01-05 10:00"`) still has the date methods.
  const date = typeof self === 'string' ? own(methods.date, name) && parseDate(self) : undefined;
  if (date) return { def: methods.date[name]!, self: date };
  const listMethod = own(methods.list, name);
  if (listMethod && type !== 'list' && type !== 'null') return { def: listMethod, self: [toValue(self)] };
  return undefined;
}

/** `date + duration` and the other date arithmetic, shared by `+` and `-`. */
export function shiftDate(date: QueryDate, by: Val, sign: 1 | -1): QueryDate | undefined {
  const duration = typeOf(by) === 'duration' ? (by as QueryDuration) : typeof by === 'string' ? parseDuration(by) : undefined;
  return duration ? addDuration(date, duration, sign) : undefined;
}
