/**
 * Durations as checklists write them: `30m`, `2h`, `1d`, `1w` (and `45s`), or ISO 8601 (`PT2H`, `P1DT12H`), in
 * milliseconds. Months and years are not durations here: their length depends on the date.
 *
 * In: `parseDuration('2h')` → `7200000`; `parseDuration('PT30M')` → `1800000`; `parseDuration('2 hours')` → `undefined`
 */

const second = 1000;
const units: Record<string, number> = { s: second, m: 60 * second, h: 3600 * second, d: 86_400 * second, w: 7 * 86_400 * second };
const short = /^([1-9]\d*)([smhdw])$/;
const iso = /^P(?=\d|T\d)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): number | undefined {
  const simple = short.exec(text);
  if (simple) return Number(simple[1]) * units[simple[2]!]!;
  const full = iso.exec(text);
  if (!full) return undefined;
  const [, weeks, days, hours, minutes, seconds] = full.map((part) => Number(part ?? 0));
  return (((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60_000 + seconds! * second;
}

/** A duration for people: the largest whole unit, `2h`, `90m`, `1d`. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) if (ms >= units[unit]! && ms % units[unit]! === 0) return `${ms / units[unit]!}${unit}`;
  return `${Math.round(ms / second)}s`;
}
