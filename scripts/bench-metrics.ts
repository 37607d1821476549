/**
 * Run data for the metrics bench (scripts/bench.ts): a seeded, deterministic vault of `count` realistic runs as
 * NDJSON — six services, each change shipped development → staging → production with 1–5 commits (with messages),
 * checks, failed attempts retried, some rollbacks and hotfixes, and incidents caused by production deployments —
 * spread over 2025 and 2026, one NDJSON file per year. The bench times `npm run metrics` over 2026 (and 2025 as
 * its previous window) and checks that every service is reported.
 *
 * In:  `writeMetricsVault('/tmp/v', { runs: 1_000_000, seed: 1 })` (`until` moves the two years' end from 2027-01-01)
 * Out: `/tmp/v/runs/2025.ndjson`, `/tmp/v/runs/2026.ndjson` (about 0.7 GB together), `/tmp/v/incidents/incidents.ndjson`;
 *      returns `{ runs: 1000000, incidents: …, bytes: … }`
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from './seeded-random.ts';

export const metricsServices = ['checkout-api', 'inventory', 'notifications', 'payments', 'search', 'web-storefront'] as const;
/** The window the bench asks for; the data also covers its previous window (2025). */
export const metricsWindow = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' } as const;

/** The data's two years end here unless `until` says otherwise. */
const defaultUntil = '2027-01-01T00:00:00Z';
const twoYears = 730 * 24 * 3_600_000;
const minute = 60_000;
const hour = 60 * minute;

const verbs = ['fix', 'feat', 'chore', 'refactor', 'perf', 'docs'];
const topics = ['retry payment client', 'cache warmup', 'checkout totals', 'search ranking', 'stock reservation', 'email templates', 'rate limits', 'feature flag cleanup', 'dependency bumps', 'tracing spans'];
const actors = ['alice', 'bob', 'chen', 'dana', 'emeka', 'farah', 'deploy-bot'];
const checkNames = ['build', 'unit tests', 'integration tests', 'smoke test', 'security scan'];
const environments = ['development', 'staging', 'production'] as const;


/** Buffers lines and writes them in large chunks, waiting when the stream is full. */
async function writeLines(stream: WriteStream, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  if (!stream.write(`${lines.join('\n')}\n`)) await once(stream, 'drain');
  lines.length = 0;
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export async function writeMetricsVault(dir: string, options: { runs: number; seed: number; until?: string }): Promise<{ runs: number; incidents: number; bytes: number }> {
  const dataTo = Date.parse(options.until ?? defaultUntil);
  const dataFrom = dataTo - twoYears;
  const next = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const hex = (length: number) => {
    let out = '';
    while (out.length < length) out += Math.floor(next() * 4_294_967_296).toString(16).padStart(8, '0');
    return out.slice(0, length);
  };
  mkdirSync(path.join(dir, 'runs'), { recursive: true });
  mkdirSync(path.join(dir, 'incidents'), { recursive: true });
  const years = new Map<number, WriteStream>();
  const pending = new Map<WriteStream, string[]>();
  const incidentsFile = createWriteStream(path.join(dir, 'incidents/incidents.ndjson'));
  pending.set(incidentsFile, []);
  let bytes = 0;
  const emit = async (stream: WriteStream, record: object) => {
    const line = JSON.stringify(record);
    bytes += line.length + 1;
    const lines = pending.get(stream)!;
    lines.push(line);
    if (lines.length >= 2000) await writeLines(stream, lines);
  };
  const yearFile = (at: number): WriteStream => {
    const year = new Date(at).getUTCFullYear();
    let stream = years.get(year);
    if (!stream) {
      stream = createWriteStream(path.join(dir, `runs/${year}.ndjson`));
      years.set(year, stream);
      pending.set(stream, []);
    }
    return stream;
  };

  let runs = 0;
  let incidents = 0;
  let change = 0;
  while (runs < options.runs) {
    change++;
    const service = pick(metricsServices);
    // Changes are spread evenly over the two years, about 3.3 runs each.
    const base = dataFrom + Math.floor(((runs + next() * 3) / options.runs) * (dataTo - dataFrom - 6 * hour));
    const sha = hex(40);
    const commits = Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({
      sha: hex(40),
      timestamp: new Date(base - Math.floor((0.5 + next() * 72) * hour)).toISOString(),
      message: `${pick(verbs)}: ${pick(topics)} (#${1000 + Math.floor(next() * 9000)})`,
    }));
    const kindRoll = next();
    const kind = kindRoll < 0.025 ? 'rollback' : kindRoll < 0.05 ? 'hotfix' : kindRoll < 0.06 ? 'config' : 'deploy';
    const actor = pick(actors);
    let at = base;
    for (const environment of environments) {
      for (let attempt = 1; attempt <= 2 && runs < options.runs; attempt++) {
        const roll = next();
        const status = attempt === 2 ? 'success' : roll < 0.07 ? 'failure' : roll < 0.1 ? 'cancelled' : roll < 0.12 ? 'skipped' : 'success';
        const startedAt = at;
        const finishedAt = at + Math.floor((2 + next() * 20) * minute);
        at = finishedAt + Math.floor(next() * 30 * minute);
        runs++;
        const id = `gha-${change}-${environment[0]}${attempt}`;
        await emit(yearFile(finishedAt), {
          id,
          service,
          environment,
          status,
          sha,
          startedAt: new Date(startedAt).toISOString(),
          finishedAt: new Date(finishedAt).toISOString(),
          source: 'github-actions',
          ref: 'refs/heads/main',
          repo: `acme/${service}`,
          commits,
          kind,
          ...(kind === 'deploy' && next() < 0.02 ? { planned: false } : {}),
          url: `https://github.com/acme/${service}/actions/runs/${change}`,
          actor,
          automated: actor === 'deploy-bot',
          attempt,
          checks: checkNames.slice(0, 1 + Math.floor(next() * 3)).map((name, i) => ({ id: `${change}-${i}`, name, status: 'success' })),
        });
        if (environment === 'production' && status === 'success' && next() < 0.01) {
          incidents++;
          const opened = finishedAt + Math.floor(next() * 3 * hour);
          await emit(incidentsFile, {
            id: `INC-${incidents}`,
            service,
            openedAt: new Date(opened).toISOString(),
            ...(next() < 0.9 ? { resolvedAt: new Date(opened + Math.floor((0.2 + next() * 10) * hour)).toISOString() } : {}),
            severity: pick(['sev1', 'sev2', 'sev3']),
            causedBy: next() < 0.5 ? id : sha,
            title: `Errors after ${pick(topics)}`,
          });
        }
        if (status === 'success' || status === 'skipped') break;
      }
    }
  }
  for (const [stream, lines] of pending) {
    await writeLines(stream, lines);
    await close(stream);
  }
  return { runs, incidents, bytes };
}

/** Why the metrics JSON is not what the bench expects (every service, the window asked for), or undefined. */
export function metricsSanity(stdout: string): string | undefined {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch (error) {
    return `stdout is not JSON (${(error as Error).message}): ${JSON.stringify(stdout.slice(0, 200))}`;
  }
  const services = (report as { services?: { service?: unknown; deployments?: unknown }[] }).services;
  if (!Array.isArray(services)) return 'no services in the report';
  const names = services.map((s) => s.service).join(', ');
  if (names !== metricsServices.join(', ')) return `services ${names}, expected ${metricsServices.join(', ')}`;
  if (!services.every((s) => typeof s.deployments === 'number' && s.deployments > 0)) return 'a service without deployments';
  return undefined;
}
