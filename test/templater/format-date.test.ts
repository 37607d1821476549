/**
 * Date formatting and offsets against Moment.js, which Templater formats and adds with: a parity table of every
 * token `formatDate` writes, over dates chosen for their edges (ordinals, leap days, ISO weeks across New Year,
 * midnight and noon), and offsets over month ends, each computed both ways and asserted equal.
 *
 * In: `formatDate('2026-03-02T09:05:07', 'Do')` and `moment('2026-03-02T09:05:07').format('Do')` → both `'2nd'`
 */
import moment from 'moment';
import { describe, expect, test } from 'vitest';
import { formatDate, isSupportedFormat, localIso, offsetDate } from '../../src/templater/format-date.ts';

describe('dates', () => {
  const formats: Array<[format: string, expected: string]> = [
    ['YYYY-MM-DD', '2026-03-02'],
    ['YY M D H m s', '26 3 2 9 5 7'],
    ['ddd DDDD Q', 'Mon 061 1'],
    ['hh:mm a', '09:05 am'],
    ['[YYYY] YYYY', 'YYYY 2026'],
  ];
  test.each(formats)('formatDate %s', (format, expected) => expect(formatDate('2026-03-02T09:05:07', format)).toBe(expected));

  test('unsupported tokens are recognised', () => {
    expect(isSupportedFormat('YYYY-MM-DD[T]HH:mm')).toBe(true);
    expect(isSupportedFormat('X')).toBe(false);
    expect(isSupportedFormat('gggg-ww')).toBe(false);
  });

  const offsets: Array<[from: Date, offset: number | string, expected: string | undefined]> = [
    [new Date(2026, 0, 31), 'P1M', '2026-02-28'],
    [new Date(2024, 1, 29), 'P1Y', '2025-02-28'],
    [new Date(2026, 11, 31), 1, '2027-01-01'],
    [new Date(2026, 2, 2), 'P1Y2M3W4D', '2027-05-27'],
    [new Date(2026, 2, 2), 'PT1H', undefined],
    [new Date(2026, 2, 2), 'p1m', undefined],
    [new Date(2026, 2, 2), 0.5, undefined],
  ];
  test.each(offsets)('%s + %s', (from, offset, expected) => {
    const moved = offsetDate(from, offset);
    expect(moved && formatDate(`${moved.getFullYear()}-${String(moved.getMonth() + 1).padStart(2, '0')}-${String(moved.getDate()).padStart(2, '0')}`, 'YYYY-MM-DD')).toBe(expected);
  });
});
/** Local wall-clock times: every day of 2024 (a leap year) at a moving hour, and New Year edges of ISO weeks. */
const samples: string[] = [
  ...Array.from({ length: 366 }, (_, i) => localIso(new Date(2024, 0, 1 + i, (i * 7) % 24, (i * 13) % 60, (i * 31) % 60))),
  ...[2015, 2016, 2020, 2021, 2025, 2026, 2027, 2099].flatMap((year) =>
    [new Date(year - 1, 11, 28), new Date(year - 1, 11, 31, 23, 59, 59), new Date(year, 0, 1), new Date(year, 0, 3, 12), new Date(year, 0, 4)].map(localIso),
  ),
  '2000-02-29T00:00:00',
  '1999-12-31T12:00:00',
  '2026-03-02T09:05:07',
];

const tokens = ['YYYY', 'YY', 'Q', 'MMMM', 'MMM', 'MM', 'M', 'DDDD', 'DDD', 'DD', 'Do', 'D', 'dddd', 'ddd', 'dd', 'd'];
tokens.push('GGGG', 'WW', 'W', 'HH', 'H', 'hh', 'h', 'mm', 'm', 'ss', 's', 'A', 'a');
const formats = [
  ...tokens,
  'YYYY-MM-DD',
  'YYYY-MM-DD HH:mm',
  'YYYY-MM-DD[T]HH:mm:ss',
  'dddd, MMMM Do YYYY [at] h:mm A',
  'GGGG-[W]WW',
  'DD.MM.YY',
  'D MMMM YYYY, hh:mm a',
  '[Q]Q YYYY',
  '[Week] W, [day] DDD',
];

describe('formatDate matches Moment', () => {
  test.each(formats)('%s', (format) => {
    expect(isSupportedFormat(format)).toBe(true);
    expect(samples.map((iso) => `${iso} ${formatDate(iso, format)}`)).toStrictEqual(samples.map((iso) => `${iso} ${moment(iso).format(format)}`));
  });
});

describe('offsetDate matches Moment', () => {
  const starts = [new Date(2024, 0, 31), new Date(2024, 1, 29), new Date(2025, 0, 6), new Date(2026, 2, 2, 9, 5), new Date(2026, 11, 31), new Date(2026, 7, 31, 23, 30)];
  const offsets: Array<number | string> = [0, 1, -1, 7, 29, 30, 31, -31, 90, 365, -400];
  offsets.push('P1D', 'P1W', '-P1W', 'P1M', '-P1M', 'P-1M', 'P1Y', 'P1M25D', 'P1Y2M3W4D', 'P2W3D', '+P13M', 'P1M-2D', 'P0D');
  test.each(offsets)('%s', (offset) => {
    const ours = starts.map((start) => offsetDate(start, offset)?.toISOString());
    const theirs = starts.map((start) =>
      moment(start)
        .add(typeof offset === 'number' ? moment.duration(offset, 'days') : moment.duration(offset))
        .toDate()
        .toISOString(),
    );
    expect(ours).toStrictEqual(theirs);
  });
});
