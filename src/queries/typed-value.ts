/**
 * Frontmatter as query values: the YAML parse leaves dates and links as strings (the core schema has no dates, and
 * `"[[sre]]"` is a string to YAML), and the queries compare them as Obsidian's property types do. A whole-value ISO
 * date or date-time becomes a date (UTC: a vault's dates carry no zone), a whole-value wikilink a link resolved from
 * the doc that holds it; lists and mappings are typed all the way down; any other string stays a string.
 *
 * In: `typedValue({ owner: '[[teams/sre|SRE]]', reviewed: '2026-01-05', at: ['2026-01-05 10:00'] }, resolve)`
 * Out: `{ kind: 'object', fields: { owner: { kind: 'link', target: 'teams/sre', display: 'SRE', path: 'teams/sre.md' },
 *        reviewed: { kind: 'date', time: 1767571200000, hasTime: false }, at: [{ kind: 'date', time: 1767607200000, hasTime: true }] } }`
 */
import type { QueryDate, QueryLink, Value } from './types.ts';

/** Where a link target written in the doc leads (a published vault path), or undefined. */
export type ResolveTarget = (target: string) => string | undefined;

// `2026-01-05`, `2026-01-05T10:00`, `2026-01-05 10:00:00`, `2026-01-05T10:00:00.250Z`, `…+02:00`.
const isoDate = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d\d:?\d\d)?)?$/;

/**
 * An ISO date or date-time as a date; undefined for anything else, an impossible day (`2026-02-30`) included. A time
 * without a zone is taken as UTC, one with a zone (`Z`, `+02:00`) is converted to it.
 */
export function parseQueryDate(text: string): QueryDate | undefined {
  const match = isoDate.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds, fraction, zone] = match;
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  const [h, mi, s] = [Number(hours ?? 0), Number(minutes ?? 0), Number(seconds ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over into March, and maps years 0–99 to 1900–1999: both show in the round trip.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return { kind: 'date', time: local - offsetMs(zone), hasTime: hours !== undefined };
}

/** `+02:00` → 2 hours in ms; `Z` or none → 0. */
function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

// `[[target]]`, `[[target#heading|display]]`, `![[cover.png]]`: the whole value, as a property holds a link.
const wikilink = /^!?\[\[([^[\]|#]*)(?:#[^[\]|]*)?(?:\|([^[\]]*))?\]\]$/;

/** A whole-value wikilink as a link resolved with `resolve`; undefined when the text is not one. */
function parseQueryLink(text: string, resolve: ResolveTarget): QueryLink | undefined {
  const match = wikilink.exec(text.trim());
  if (!match) return undefined;
  const target = match[1]!.trim();
  const display = match[2]?.trim();
  const path = resolve(target);
  return { kind: 'link', target, ...(path === undefined ? {} : { path }), ...(display ? { display } : {}) };
}

/** Frontmatter data (JSON-safe, as `DocFacts.frontmatter` holds it) as a value; links resolve with `resolve`. */
export function typedValue(value: unknown, resolve: ResolveTarget): Value {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') return parseQueryDate(value) ?? parseQueryLink(value, resolve) ?? value;
  if (Array.isArray(value)) return value.map((item) => typedValue(item, resolve));
  if (typeof value === 'object') return { kind: 'object', fields: typedFields(value as Record<string, unknown>, resolve) };
  // JSON-safe data has nothing else; `undefined` (a key set to it by hand) is as good as absent.
  return null;
}

/** A mapping's fields, each typed. */
export function typedFields(data: Readonly<Record<string, unknown>>, resolve: ResolveTarget): Record<string, Value> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typedValue(value, resolve)]));
}
