import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, parseDate, parseDuration, relativeDate } from '../../../src/queries/bases/dates.ts';

const hour = 3_600_000;
const day = 24 * hour;

describe('parseDuration', () => {
  // help.obsidian.md/bases/syntax#Date arithmetic: the units table
  it.each([
    ['1y', { months: 12, ms: 0 }],
    ['2 years', { months: 24, ms: 0 }],
    ['1M', { months: 1, ms: 0 }],
    ['3 months', { months: 3, ms: 0 }],
    ['1 day', { months: 0, ms: day }],
    ['2w', { months: 0, ms: 14 * day }],
    ['4h', { months: 0, ms: 4 * hour }],
    ['1m', { months: 0, ms: 60_000 }],
    ['3 minutes', { months: 0, ms: 180_000 }],
    ['30s', { months: 0, ms: 30_000 }],
    ['1M 4h', { months: 1, ms: 4 * hour }],
    ['-1d', { months: 0, ms: -day }],
  ])('%s', (text, expected) => {
    expect(parseDuration(text)).toEqual({ kind: 'duration', ...expected });
  });

  it.each(['', 'day', '1 fortnight', '1d and more', '2026-01-05'])('%j is no duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    ['1y 2M 3d 4h', '1 year 2 months 3 days 4 hours'],
    ['26 months', '2 years 2 months'],
    ['90m', '1 hour 30 minutes'],
    ['-1d', '-1 day'],
    ['0s', '0 seconds'],
  ])('%s → %s', (text, expected) => {
    expect(formatDuration(parseDuration(text)!)).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-01-05', Date.UTC(2026, 0, 5), false],
    ['2026-01-05T10:00', Date.UTC(2026, 0, 5, 10), true],
    ['2026-01-05 10:00', Date.UTC(2026, 0, 5, 10), true],
    ['2026-01-05 10:00:30.250', Date.UTC(2026, 0, 5, 10, 0, 30, 250), true],
    ['2026-01-05T10:00:00-05:00', Date.UTC(2026, 0, 5, 15), true],
  ])('%s', (text, time, hasTime) => {
    expect(parseDate(text)).toEqual({ kind: 'date', time, hasTime });
  });

  it.each(['2026-13-01', '2026-02-29', '2026-01-05 25:00', 'yesterday', '05/01/2026'])('%j is no date', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});

describe('formatDate', () => {
  const date = parseDate('2026-03-01 15:04:05')!;
  // help.obsidian.md/bases/functions#Date format(): Moment.js format strings
  it.each([
    ['YYYY-MM-DD', '2026-03-01'],
    ['YYYY-MM-DD HH:mm:ss', '2026-03-01 15:04:05'],
    ['dddd, MMMM Do YYYY', 'Sunday, March 1st 2026'],
    ['ddd D MMM YY', 'Sun 1 Mar 26'],
    ['h:mm a', '3:04 pm'],
    ['[Week] W', 'Week W'],
    ['[Q]Q', 'Q1'],
  ])('%s', (format, expected) => {
    expect(formatDate(date, format)).toBe(expected);
  });
});

describe('relativeDate', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  it.each([
    ['2026-01-10 11:59:50', 'a few seconds ago'],
    ['2026-01-10 11:00', 'an hour ago'],
    ['2026-01-07 12:00', '3 days ago'],
    ['2025-10-10', '3 months ago'],
    ['2024-01-10', '2 years ago'],
    ['2026-01-12 12:00', 'in 2 days'],
  ])('%s', (text, expected) => {
    expect(relativeDate(parseDate(text)!, now)).toBe(expected);
  });
});
