/**
 * Dates the way Templater writes them: Moment.js format tokens applied to a local wall-clock time, and Moment's
 * `add` for offsets (`tp.date.now("YYYY-MM-DD", 7)`, `"P1M"`). Shared by `--fix` (dates from git) and
 * `npm run new` (dates from now). Kept equal to Moment by a parity table (test/templater/format-date.test.ts)
 * rather than shipping Moment, a legacy library, for the few tokens used.
 *
 * In: `formatDate('2026-03-02T09:05:00', 'dddd, MMMM Do YYYY [at] HH:mm')` → `'Monday, March 2nd 2026 at 09:05'`
 */

/** `YYYY-MM-DDTHH:mm:ss` of a Date in local time: what the author's clock showed. */
export function localIso(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Longest token first, so `MMMM` is not read as `MM` twice; `[…]` is a literal, as in Moment. */
const token = /\[([^\]]*)\]|YYYY|YY|Q|MMMM|MMM|MM|M|DDDD|DDD|DD|Do|D|dddd|ddd|dd|d|GGGG|WW|W|HH|H|hh|h|mm|m|ss|s|A|a/g;

/** Letters Moment reads as tokens: left over after the tokens above, they are tokens this module cannot write. */
const momentLetters = /[MQDdEewWYygGAaHhkmsSZzXxNo]/;

/** Whether every token of `format` is one `formatDate` writes (`ww`, `X`, `Z`… are not). */
export function isSupportedFormat(format: string): boolean {
  return !momentLetters.test(format.replace(token, ''));
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** ISO 8601 week number and its year (the Thursday of the week decides the year). */
function isoWeek(y: number, mo: number, d: number): { week: number; year: number } {
  const date = new Date(Date.UTC(y, mo - 1, d));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const year = date.getUTCFullYear();
  return { week: Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7), year };
}

/** The Moment.js tokens Templater formats use, applied to an ISO date as written (its own time zone). */
export function formatDate(iso: string, format: string): string {
  const [, y = '', mo = '', d = '', h = '00', mi = '00', s = '00'] = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(iso) ?? [];
  const [year, month, day, hour] = [Number(y), Number(mo), Number(d), Number(h)];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const dayOfYear = (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const week = isoWeek(year, month, day);
  const tokens: Record<string, string> = {
    YYYY: y, YY: y.slice(2), Q: String(Math.ceil(month / 3)),
    MMMM: monthNames[month - 1] ?? '', MMM: (monthNames[month - 1] ?? '').slice(0, 3), MM: mo, M: String(month),
    DDDD: String(dayOfYear).padStart(3, '0'), DDD: String(dayOfYear), DD: d, Do: ordinal(day), D: String(day),
    dddd: dayNames[weekday] ?? '', ddd: (dayNames[weekday] ?? '').slice(0, 3), dd: (dayNames[weekday] ?? '').slice(0, 2), d: String(weekday),
    GGGG: String(week.year), WW: String(week.week).padStart(2, '0'), W: String(week.week),
    HH: h, H: String(hour), hh: String(hour12).padStart(2, '0'), h: String(hour12),
    mm: mi, m: String(Number(mi)), ss: s, s: String(Number(s)),
    A: hour < 12 ? 'AM' : 'PM', a: hour < 12 ? 'am' : 'pm',
  };
  return format.replace(token, (match, literal: string | undefined) => literal ?? tokens[match]!);
}

/**
 * `P1Y2M3W4D` (each part optional and signed, the whole may be negated: `-P1W`), as Moment reads durations. Upper
 * case only: Moment reads `p1m` as no duration at all, a date the author surely did not mean, so it is not filled.
 */
const isoDuration = /^([+-])?P(?:([+-]?\d+)Y)?(?:([+-]?\d+)M)?(?:([+-]?\d+)W)?(?:([+-]?\d+)D)?$/;

/**
 * `date` moved by Templater's `offset`: a whole number of days, or an ISO 8601 duration in years, months, weeks
 * and days. Months clamp to the month's last day, as Moment does (Jan 31 + P1M → Feb 28). Anything else
 * (fractions, hours) gives `undefined`.
 */
export function offsetDate(date: Date, offset: number | string): Date | undefined {
  let years = 0;
  let months = 0;
  let days = 0;
  if (typeof offset === 'number') {
    if (!Number.isInteger(offset)) return undefined;
    days = offset;
  } else {
    const match = isoDuration.exec(offset.trim());
    if (!match || match.slice(2).every((part) => part === undefined)) return undefined;
    const sign = match[1] === '-' ? -1 : 1;
    const [y = 0, mo = 0, w = 0, d = 0] = match.slice(2).map((part) => sign * Number(part ?? 0));
    [years, months, days] = [y, mo, w * 7 + d];
  }
  const out = new Date(date);
  if (years !== 0 || months !== 0) {
    const day = out.getDate();
    out.setDate(1);
    out.setMonth(out.getMonth() + years * 12 + months);
    const lastDay = new Date(out.getFullYear(), out.getMonth() + 1, 0).getDate();
    out.setDate(Math.min(day, lastDay));
  }
  out.setDate(out.getDate() + days);
  return out;
}
