/**
 * Dates and durations as DQL reads, computes and prints them, in UTC (types.ts says why): ISO date text, duration
 * text (`1 day 4 hours`), the named dates (`today`, `eom`), calendar arithmetic (a month added to Jan 31 is Feb 28, as
 * Luxon does), and Luxon-style format tokens for `dateformat` and Dataview's for `durationformat`.
 * Tokens: https://moment.github.io/luxon/#/formatting?id=table-of-tokens
 *
 * In: `formatDate(parseDateText('2022-01-05T13:07:04')!, 'yyyy-MM-dd HH:mm')` → `'2022-01-05 13:07'`
 */
import type { QueryDate, QueryDuration } from '../types.ts';
import type { NamedDate } from './ast.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const week = 7 * day;

export function makeDate(time: number, hasTime: boolean): QueryDate {
  return { kind: 'date', time, hasTime };
}

export function makeDuration(months: number, ms: number): QueryDuration {
  return { kind: 'duration', months, ms };
}

const isoDate = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?$/;

/**
 * An ISO date (`2026-01-05`, `2026-01`, `2026-01-05T10:30`, with a zone or `Z`), else undefined: `05/01/2026` is
 * day-first in one country and month-first in another, so it is not guessed.
 */
export function parseDateText(text: string): QueryDate | undefined {
  const m = isoDate.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d = '01', h, mi = '0', s = '0', frac = '0', zone] = m;
  const month = Number(mo);
  const date = Number(d);
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(Number(y), month - 1)) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)) return undefined;
  let time = Date.UTC(Number(y), month - 1, date, Number(h ?? 0), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * hour + Number(digits.slice(2) || 0) * minute);
  }
  return makeDate(time, h !== undefined);
}

const durationUnits: ReadonlyArray<[RegExp, number, 'months' | 'ms']> = [
  [/^(ms|millis|milliseconds?)$/, 1, 'ms'],
  [/^(s|secs?|seconds?)$/, second, 'ms'],
  [/^(m|mins?|minutes?)$/, minute, 'ms'],
  [/^(h|hrs?|hours?)$/, hour, 'ms'],
  [/^(d|days?)$/, day, 'ms'],
  [/^(w|wks?|weeks?)$/, week, 'ms'],
  [/^(mo|months?)$/, 1, 'months'],
  [/^(y|yrs?|years?)$/, 12, 'months'],
];

/** `1 day`, `3h 20m`, `1 s, 2 m, 3 h`, `2 days and 4 hours`; undefined for anything else. */
export function parseDurationText(text: string): QueryDuration | undefined {
  const parts = text
    .toLowerCase()
    .replace(/,|\band\b/g, ' ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
  let months = 0;
  let ms = 0;
  let count: number | undefined;
  for (const part of parts) {
    if (/^\d+(\.\d+)?$/.test(part)) {
      if (count !== undefined) return undefined;
      count = Number(part);
      continue;
    }
    const unit = durationUnits.find(([pattern]) => pattern.test(part));
    if (!unit || count === undefined) return undefined;
    if (unit[2] === 'months') months += count * unit[1];
    else ms += count * unit[1];
    count = undefined;
  }
  if (count !== undefined || parts.length === 0) return undefined;
  return makeDuration(months, ms);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function startOfDay(time: number): number {
  return Math.floor(time / day) * day;
}

/** The day a date falls on, as a date without a time: `striptime`, `file.cday`. */
export function dayOf(date: QueryDate): QueryDate {
  return makeDate(startOfDay(date.time), false);
}

/** The date `now` names, for the build's `now`; a week starts on Monday (ISO, as Luxon). */
export function namedDate(name: NamedDate, now: Date): QueryDate {
  const today = startOfDay(now.getTime());
  const d = new Date(today);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const weekday = (d.getUTCDay() + 6) % 7;
  switch (name) {
    case 'now':
      return makeDate(now.getTime(), true);
    case 'today':
      return makeDate(today, false);
    case 'tomorrow':
      return makeDate(today + day, false);
    case 'yesterday':
      return makeDate(today - day, false);
    case 'sow':
      return makeDate(today - weekday * day, false);
    case 'eow':
      return makeDate(today + (7 - weekday) * day - 1, true);
    case 'som':
      return makeDate(Date.UTC(y, mo, 1), false);
    case 'eom':
      return makeDate(Date.UTC(y, mo + 1, 1) - 1, true);
    case 'soy':
      return makeDate(Date.UTC(y, 0, 1), false);
    case 'eoy':
      return makeDate(Date.UTC(y + 1, 0, 1) - 1, true);
  }
}

/** `date` moved by `sign` × `duration`: months first, a day past the month's end clamped to it. */
export function addDuration(date: QueryDate, duration: QueryDuration, sign: 1 | -1): QueryDate | null {
  const d = new Date(date.time);
  const months = sign * duration.months;
  let time = date.time;
  if (months !== 0) {
    const whole = Math.trunc(months);
    const target = d.getUTCMonth() + whole;
    const year = d.getUTCFullYear() + Math.floor(target / 12);
    const month = ((target % 12) + 12) % 12;
    const dayOfMonth = Math.min(d.getUTCDate(), daysInMonth(year, month));
    time = Date.UTC(year, month, dayOfMonth, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
    time += (months - whole) * 30 * day;
  }
  time += sign * duration.ms;
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) return null;
  return makeDate(time, date.hasTime || time % day !== 0);
}

/** A duration as milliseconds, for comparing: a year 365 days, a month 30 (Luxon's casual conversion). */
export function durationMs(d: QueryDuration): number {
  const years = Math.trunc(d.months / 12);
  return years * 365 * day + (d.months - years * 12) * 30 * day + d.ms;
}

/** The fields of a date: `file.day.year`, `due.weekday`. */
export function dateField(date: QueryDate, name: string): number | null {
  const d = new Date(date.time);
  switch (name) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return d.getUTCMilliseconds();
    case 'week':
      return isoWeek(date.time).week;
    case 'weekyear':
      return isoWeek(date.time).year;
    case 'weekday':
      return ((d.getUTCDay() + 6) % 7) + 1;
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'ordinal':
      return Math.round((startOfDay(date.time) - Date.UTC(d.getUTCFullYear(), 0, 1)) / day) + 1;
    case 'ts':
      return date.time;
    default:
      return null;
  }
}

function isoWeek(time: number): { week: number; year: number } {
  const midnight = startOfDay(time);
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7;
  // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's first Thursday.
  const thursday = midnight + (3 - weekday) * day;
  const year = new Date(thursday).getUTCFullYear();
  return { week: Math.floor((thursday - Date.UTC(year, 0, 1)) / week) + 1, year };
}

/** The fields of a duration: `(end - start).days`, normalised the way a person reads it. */
export function durationField(d: QueryDuration, name: string): number | null {
  const years = Math.trunc(d.months / 12);
  switch (name) {
    case 'years':
      return years;
    case 'months':
      return d.months - years * 12;
    case 'weeks':
      return Math.trunc(d.ms / week);
    case 'days':
      return Math.trunc(d.ms / day);
    case 'hours':
      return Math.trunc((d.ms % day) / hour);
    case 'minutes':
      return Math.trunc((d.ms % hour) / minute);
    case 'seconds':
      return Math.trunc((d.ms % minute) / second);
    case 'milliseconds':
      return d.ms % second;
    default:
      return null;
  }
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const pad = (n: number, width: number) => String(Math.abs(Math.trunc(n))).padStart(width, '0').replace(/^/, n < 0 ? '-' : '');

/** Runs of one letter, quoted text (`'at'`, `''` a quote) and anything else, for the format tokenizers. */
function formatRuns(format: string): Array<{ token: string } | { literal: string }> {
  const runs: Array<{ token: string } | { literal: string }> = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === "'") {
      const close = format.indexOf("'", i + 1);
      const end = close < 0 ? format.length : close;
      runs.push({ literal: end === i + 1 ? "'" : format.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (format[j] === c) j++;
      runs.push({ token: format.slice(i, j) });
      i = j;
    } else {
      runs.push({ literal: c });
      i++;
    }
  }
  return runs;
}

/** `date` printed with Luxon's tokens, in UTC and English; a token it does not know is printed as written. */
export function formatDate(date: QueryDate, format: string): string {
  const d = new Date(date.time);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const dd = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const ms = d.getUTCMilliseconds();
  const wd = (d.getUTCDay() + 6) % 7;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const ampm = h < 12 ? 'AM' : 'PM';
  const short = `${mo + 1}/${dd}/${y}`;
  const med = `${monthNames[mo]!.slice(0, 3)} ${dd}, ${y}`;
  const full = `${monthNames[mo]} ${dd}, ${y}`;
  const huge = `${weekdayNames[wd]}, ${full}`;
  const time12 = `${h12}:${pad(mi, 2)} ${ampm}`;
  const time12s = `${h12}:${pad(mi, 2)}:${pad(s, 2)} ${ampm}`;
  const tokens: Record<string, () => string> = {
    S: () => String(ms),
    SSS: () => pad(ms, 3),
    u: () => pad(ms, 3),
    s: () => String(s),
    ss: () => pad(s, 2),
    m: () => String(mi),
    mm: () => pad(mi, 2),
    h: () => String(h12),
    hh: () => pad(h12, 2),
    H: () => String(h),
    HH: () => pad(h, 2),
    a: () => ampm,
    d: () => String(dd),
    dd: () => pad(dd, 2),
    c: () => String(wd + 1),
    E: () => String(wd + 1),
    ccc: () => weekdayNames[wd]!.slice(0, 3),
    EEE: () => weekdayNames[wd]!.slice(0, 3),
    cccc: () => weekdayNames[wd]!,
    EEEE: () => weekdayNames[wd]!,
    ccccc: () => weekdayNames[wd]!.slice(0, 1),
    EEEEE: () => weekdayNames[wd]!.slice(0, 1),
    L: () => String(mo + 1),
    M: () => String(mo + 1),
    LL: () => pad(mo + 1, 2),
    MM: () => pad(mo + 1, 2),
    LLL: () => monthNames[mo]!.slice(0, 3),
    MMM: () => monthNames[mo]!.slice(0, 3),
    LLLL: () => monthNames[mo]!,
    MMMM: () => monthNames[mo]!,
    LLLLL: () => monthNames[mo]!.slice(0, 1),
    MMMMM: () => monthNames[mo]!.slice(0, 1),
    y: () => String(y),
    yy: () => pad(y % 100, 2),
    yyyy: () => pad(y, 4),
    yyyyyy: () => pad(y, 6),
    kk: () => pad(isoWeek(date.time).year % 100, 2),
    kkkk: () => pad(isoWeek(date.time).year, 4),
    W: () => String(isoWeek(date.time).week),
    WW: () => pad(isoWeek(date.time).week, 2),
    o: () => String(dateField(date, 'ordinal')),
    ooo: () => pad(dateField(date, 'ordinal')!, 3),
    q: () => String(Math.floor(mo / 3) + 1),
    qq: () => pad(Math.floor(mo / 3) + 1, 2),
    Z: () => '+0',
    ZZ: () => '+00:00',
    ZZZ: () => '+0000',
    z: () => 'UTC',
    x: () => String(date.time),
    X: () => String(Math.floor(date.time / 1000)),
    D: () => short,
    DD: () => med,
    DDD: () => full,
    DDDD: () => huge,
    t: () => time12,
    tt: () => time12s,
    T: () => `${pad(h, 2)}:${pad(mi, 2)}`,
    TT: () => `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`,
    f: () => `${short}, ${time12}`,
    ff: () => `${med}, ${time12}`,
    fff: () => `${full} at ${time12} UTC`,
    ffff: () => `${huge} at ${time12} Coordinated Universal Time`,
    F: () => `${short}, ${time12s}`,
    FF: () => `${med}, ${time12s}`,
  };
  return formatRuns(format)
    .map((run) => ('literal' in run ? run.literal : (tokens[run.token]?.() ?? run.token)))
    .join('');
}

/** How Dataview prints a date by default: `January 5, 2026`, `1:07 PM - January 5, 2026`. */
export function dateText(date: QueryDate): string {
  return formatDate(date, date.hasTime ? 'h:mm a - MMMM dd, yyyy' : 'MMMM dd, yyyy');
}

/** `1 day, 4 hours`: how `string(dur(…))` prints a duration. */
export function durationText(d: QueryDuration): string {
  const negative = durationMs(d) < 0;
  const abs = negative ? makeDuration(-d.months, -d.ms) : d;
  const parts = (['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const)
    .map((unit) => {
      const n = unit === 'weeks' ? 0 : unit === 'days' ? Math.trunc(abs.ms / day) : durationField(abs, unit)!;
      return n === 0 ? '' : `${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
    })
    .filter(Boolean);
  const text = parts.length ? parts.join(', ') : '0 seconds';
  return negative ? `-${text}` : text;
}

const durationTokenUnits: ReadonlyArray<[string, number]> = [
  ['y', 365 * day],
  ['M', 30 * day],
  ['w', week],
  ['d', day],
  ['h', hour],
  ['m', minute],
  ['s', second],
  ['S', 1],
];

/**
 * `durationformat`: each of `y M w d h m s S` present takes its share, largest first; a token's length is its
 * padding (`ddd` → `003`); quoted text is printed as written. Whole months and years come from the calendar part,
 * the rest at 30 days a month and 365 a year.
 * In: `formatDuration(dur(3 days 7 hours 43 seconds), "ddd'd' hh'h' ss's'")` → `003d 07h 43s`
 */
export function formatDuration(d: QueryDuration, format: string): string {
  const runs = formatRuns(format);
  const present = new Set(runs.flatMap((run) => ('token' in run ? [run.token[0]!] : [])));
  let months = d.months;
  let rest = d.ms;
  const values = new Map<string, number>();
  if (present.has('y')) {
    values.set('y', Math.trunc(months / 12));
    months -= values.get('y')! * 12;
  }
  if (present.has('M')) {
    values.set('M', months);
    months = 0;
  }
  rest += months * 30 * day;
  for (const [unit, size] of durationTokenUnits) {
    if (!present.has(unit)) continue;
    const n = Math.trunc(rest / size);
    values.set(unit, (values.get(unit) ?? 0) + n);
    rest -= n * size;
  }
  return runs
    .map((run) => {
      if ('literal' in run) return run.literal;
      const value = values.get(run.token[0]!);
      return value === undefined ? run.token : pad(value, run.token.length);
    })
    .join('');
}
