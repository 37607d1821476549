/**
 * Dates and durations as Bases computes with them (help.obsidian.md/bases/syntax#Date arithmetic): parsing the
 * date strings a vault holds, the duration strings (`"1 day"`, `"2w"`, `"1M"`), calendar arithmetic in UTC,
 * Moment-style `format()` and `relative()`. UTC throughout: a build must not depend on the machine's zone.
 *
 * In: `addDuration(parseDate('2024-12-01')!, parseDuration('1M')!)` → the date 2025-01-01
 * In: `formatDate(parseDate('2026-01-05 10:00')!, 'ddd D MMM YYYY, HH:mm')` → `'Mon 5 Jan 2026, 10:00'`
 */
import type { QueryDate, QueryDuration } from '../types.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const dateShape = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** `2026-01-05`, `2026-01-05T10:00`, `2026-01-05 10:00:30`, with an optional zone; undefined for anything else. */
export function parseDate(text: string): QueryDate | undefined {
  const m = dateShape.exec(text.trim());
  if (!m) return undefined;
  const [year, month, dayOfMonth, h, min, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || h > 23 || min > 59 || s > 59) return undefined;
  let time = Date.UTC(year, month - 1, dayOfMonth, h, min, s, ms);
  // `2026-02-30` rolls over in Date.UTC: it is not a date.
  if (new Date(time).getUTCDate() !== dayOfMonth) return undefined;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * hour + Number(digits.slice(2) || 0) * minute);
  }
  return { kind: 'date', time, hasTime: m[4] !== undefined };
}

export function dateOf(time: number, hasTime: boolean): QueryDate {
  return { kind: 'date', time, hasTime };
}

/** The day a date falls on, without its time. */
export function dayOf(date: QueryDate): QueryDate {
  return dateOf(Math.floor(date.time / day) * day, false);
}

const unitSizes: ReadonlyArray<readonly [RegExp, { months: number; ms: number }]> = [
  [/^(?:y|years?)$/i, { months: 12, ms: 0 }],
  // `M` is a month and `m` a minute, as in the docs' table; spelled out, case does not matter.
  [/^M$/, { months: 1, ms: 0 }],
  [/^months?$/i, { months: 1, ms: 0 }],
  [/^(?:w|weeks?)$/i, { months: 0, ms: 7 * day }],
  [/^(?:d|days?)$/i, { months: 0, ms: day }],
  [/^(?:h|hours?)$/i, { months: 0, ms: hour }],
  [/^m$/, { months: 0, ms: minute }],
  [/^minutes?$/i, { months: 0, ms: minute }],
  [/^(?:s|seconds?)$/i, { months: 0, ms: second }],
];

/** `"1 day"`, `"2w"`, `"3 months"`, `"1M 4h"`, `"-1d"`; undefined for anything else. */
export function parseDuration(text: string): QueryDuration | undefined {
  const source = text.trim();
  const sign = source.startsWith('-') ? -1 : 1;
  const body = source.replace(/^[+-]\s*/, '');
  const parts = [...body.matchAll(/(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*,?\s*/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== body) return undefined;
  let months = 0;
  let ms = 0;
  for (const [, amount, unit] of parts) {
    const size = unitSizes.find(([pattern]) => pattern.test(unit!))?.[1];
    if (!size) return undefined;
    months += Number(amount) * size.months;
    ms += Number(amount) * size.ms;
  }
  // `+ 0` turns -0 into 0: `-1d` has no months, not minus zero of them.
  return { kind: 'duration', months: sign * months + 0, ms: sign * ms + 0 };
}

/** `date + duration`: calendar months first (clamped to the month's last day, as Moment does), then the rest. */
export function addDuration(date: QueryDate, duration: QueryDuration, sign = 1): QueryDate {
  let time = date.time;
  const months = sign * duration.months;
  if (months !== 0) {
    const d = new Date(time);
    const whole = Math.trunc(months);
    const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + whole, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
    time = target.getTime() + (months - whole) * 30 * day;
  }
  time += sign * duration.ms;
  return dateOf(time, date.hasTime || time % day !== 0);
}

/** A duration's approximate length, for comparing and for dividing: a month as 30 days. */
export function durationMs(duration: QueryDuration): number {
  return duration.months * 30 * day + duration.ms;
}

export function formatDuration(duration: QueryDuration): string {
  const parts: string[] = [];
  const plural = (n: number, unit: string) => `${n} ${unit}${Math.abs(n) === 1 ? '' : 's'}`;
  const years = Math.trunc(duration.months / 12);
  if (years) parts.push(plural(years, 'year'));
  if (duration.months % 12) parts.push(plural(duration.months % 12, 'month'));
  let rest = duration.ms;
  for (const [size, unit] of [[day, 'day'], [hour, 'hour'], [minute, 'minute'], [second, 'second']] as const) {
    const n = Math.trunc(rest / size);
    if (n) parts.push(plural(n, unit));
    rest -= n * size;
  }
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The Moment.js tokens a vault uses; longest first, so `MMMM` is not read as `MM` twice. */
const formatTokens = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|Mo|M|DDDD|DDD|Do|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|SS|S|A|a|X|x|ZZ|Z|Q|ww|w|E/g;

/** Formats a date with Moment.js tokens (`YYYY-MM-DD`, `ddd D MMM`, `HH:mm`, `[literal]`), in UTC. */
export function formatDate(date: QueryDate, format: string): string {
  const d = new Date(date.time);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const dd = d.getUTCDate();
  const wd = d.getUTCDay();
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const dayOfYear = Math.floor((date.time - Date.UTC(y, 0, 1)) / day) + 1;
  const isoWeek = () => {
    const thursday = Date.UTC(y, mo, dd + 3 - ((wd + 6) % 7));
    return Math.floor((thursday - Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1)) / (7 * day)) + 1;
  };
  const values: Record<string, () => string> = {
    YYYY: () => String(y),
    YY: () => pad(y % 100),
    MMMM: () => monthNames[mo]!,
    MMM: () => monthNames[mo]!.slice(0, 3),
    MM: () => pad(mo + 1),
    Mo: () => ordinal(mo + 1),
    M: () => String(mo + 1),
    DDDD: () => pad(dayOfYear, 3),
    DDD: () => String(dayOfYear),
    Do: () => ordinal(dd),
    DD: () => pad(dd),
    D: () => String(dd),
    dddd: () => dayNames[wd]!,
    ddd: () => dayNames[wd]!.slice(0, 3),
    dd: () => dayNames[wd]!.slice(0, 2),
    d: () => String(wd),
    E: () => String(wd === 0 ? 7 : wd),
    HH: () => pad(h),
    H: () => String(h),
    hh: () => pad(h12),
    h: () => String(h12),
    mm: () => pad(d.getUTCMinutes()),
    m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds()),
    s: () => String(d.getUTCSeconds()),
    SSS: () => pad(d.getUTCMilliseconds(), 3),
    SS: () => pad(Math.floor(d.getUTCMilliseconds() / 10)),
    S: () => String(Math.floor(d.getUTCMilliseconds() / 100)),
    A: () => (h < 12 ? 'AM' : 'PM'),
    a: () => (h < 12 ? 'am' : 'pm'),
    X: () => String(Math.floor(date.time / 1000)),
    x: () => String(date.time),
    Z: () => '+00:00',
    ZZ: () => '+0000',
    Q: () => String(Math.floor(mo / 3) + 1),
    ww: () => pad(isoWeek()),
    w: () => String(isoWeek()),
  };
  return format.replace(formatTokens, (token, literal: string | undefined) => literal ?? values[token]!());
}

/** How a date prints when nothing formats it: a day as `2026-01-05`, a time as `2026-01-05 10:00:00`. */
export function displayDate(date: QueryDate): string {
  return formatDate(date, date.hasTime ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD');
}

/** Moment's `fromNow()` wording and thresholds: "a few seconds ago", "3 days ago", "in 2 months". */
export function relativeDate(date: QueryDate, now: Date): string {
  const diff = date.time - now.getTime();
  const seconds = Math.round(Math.abs(diff) / second);
  const minutes = Math.round(seconds / 60);
  const hours = Math.round(minutes / 60);
  const days = Math.round(hours / 24);
  const months = Math.round(days / 30.4375);
  const years = Math.round(days / 365.25);
  const text =
    seconds < 45 ? 'a few seconds'
    : seconds < 90 ? 'a minute'
    : minutes < 45 ? `${minutes} minutes`
    : minutes < 90 ? 'an hour'
    : hours < 22 ? `${hours} hours`
    : hours < 36 ? 'a day'
    : days < 26 ? `${days} days`
    : days < 45 ? 'a month'
    : days < 320 ? `${months} months`
    : days < 548 ? 'a year'
    : `${years} years`;
  return diff < 0 ? `${text} ago` : `in ${text}`;
}
