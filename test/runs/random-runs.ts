/**
 * Seeded random runs and incidents for property tests of the metrics: three services, production and staging,
 * every status and kind, commits shipped more than once, incidents by id and by sha. Hour-aligned, so equal times
 * happen.
 *
 * In: `randomData(1000)` → Out: `{ runs: [{ id: 'r0', service: 'web', … }, …], incidents: [{ id: 'i0', … }, …] }`, the same every time
 */
import type { Incident, Run, RunKind, RunStatus } from '../../src/runs/types.ts';
import { mulberry32 } from '../../scripts/seeded-random.ts';


/** Runs and incidents from 2025-11-20 to 2026-03-10, hour-aligned so that equal times happen. */
export function randomData(seed: number): { runs: Run[]; incidents: Incident[] } {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const start = Date.parse('2025-11-20T00:00:00Z');
  const hours = 110 * 24;
  const time = (offset = 0) => new Date(start + (Math.floor(next() * hours) + offset) * 3_600_000).toISOString();
  const runs: Run[] = [];
  const count = 80 + Math.floor(next() * 200);
  for (let i = 0; i < count; i++) {
    const finishedAt = time();
    const commits = Array.from({ length: Math.floor(next() * 4) }, () => ({
      sha: `c${Math.floor(next() * count)}`,
      timestamp: new Date(Date.parse(finishedAt) - Math.floor(next() * 200) * 3_600_000).toISOString(),
    }));
    const planned = next();
    runs.push({
      id: `r${i}`,
      service: pick(['api', 'web', 'db']),
      environment: pick(['prod', 'prod', 'eu-prod', 'staging']),
      status: pick<RunStatus>(['success', 'success', 'success', 'failure', 'cancelled']),
      sha: next() < 0.1 ? `r${i}` : `s${Math.floor(next() * count)}`,
      finishedAt,
      kind: pick<RunKind>(['deploy', 'deploy', 'deploy', 'rollback', 'hotfix', 'config']),
      ...(planned < 0.3 ? { planned: planned < 0.15 } : {}),
      ...(commits.length > 0 ? { commits } : {}),
    });
  }
  const incidents: Incident[] = Array.from({ length: Math.floor(count / 5) }, (_, i) => {
    const openedAt = time();
    const cause = pick(runs);
    return {
      id: `i${i}`,
      service: next() < 0.9 ? cause.service : 'ghost',
      openedAt,
      ...(next() < 0.8 ? { causedBy: next() < 0.5 ? cause.id : cause.sha } : {}),
      ...(next() < 0.7 ? { resolvedAt: new Date(Date.parse(openedAt) + Math.floor(next() * 48) * 3_600_000).toISOString() } : {}),
    };
  });
  return { runs, incidents };
}

/** The weekly buckets of `[from, to)`, from `from`. */
export function weeks(from: string, to: string): { from: string; to: string }[] {
  const buckets = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 86_400_000) {
    buckets.push({ from: new Date(t).toISOString(), to: new Date(Math.min(t + 7 * 86_400_000, Date.parse(to))).toISOString() });
  }
  return buckets;
}

