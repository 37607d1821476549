import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../src/checklists/durations.ts';

const minute = 60_000;
const hour = 60 * minute;

describe('parseDuration', () => {
  test.each([
    ['30m', 30 * minute],
    ['2h', 2 * hour],
    ['1d', 24 * hour],
    ['1w', 7 * 24 * hour],
    ['45s', 45_000],
    ['PT2H', 2 * hour],
    ['PT30M', 30 * minute],
    ['P1D', 24 * hour],
    ['P1DT12H', 36 * hour],
    ['P2W', 14 * 24 * hour],
    ['PT1H30M15S', hour + 30 * minute + 15_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['', '2', '0h', '2 hours', '1.5h', 'P', 'PT', 'P1M', 'P1Y', '-1h', 'h2'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  test.each([
    [2 * hour, '2h'],
    [90 * minute, '90m'],
    [24 * hour, '1d'],
    [14 * 24 * hour, '2w'],
    [36 * hour, '36h'],
    [1500, '2s'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
