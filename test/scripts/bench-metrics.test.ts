/**
 * The metrics bench's data: deterministic for a seed, every service present, and the sanity check of the report.
 *
 * In: `writeMetricsVault(dir, { runs: 300, seed: 3 })` twice → Out: the same bytes; 300 runs over 2025 and 2026
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metricsSanity, metricsServices, writeMetricsVault } from '../../scripts/bench-metrics.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (vault: string) => Object.fromEntries(['runs', 'incidents'].flatMap((folder) => readdirSync(join(vault, folder)).map((name) => [`${folder}/${name}`, readFileSync(join(vault, folder, name), 'utf8')])));

describe('writeMetricsVault', () => {
  it('writes the same runs for the same seed, over 2025 and 2026', async () => {
    const first = await writeMetricsVault(join(dir, 'a'), { runs: 3000, seed: 3 });
    await writeMetricsVault(join(dir, 'b'), { runs: 3000, seed: 3 });
    expect(read(join(dir, 'a'))).toEqual(read(join(dir, 'b')));
    const files = read(join(dir, 'a'));
    expect(Object.keys(files).sort()).toEqual(['incidents/incidents.ndjson', 'runs/2025.ndjson', 'runs/2026.ndjson']);
    const runs = [...files['runs/2025.ndjson']!.trim().split('\n'), ...files['runs/2026.ndjson']!.trim().split('\n')].map((line) => JSON.parse(line) as { service: string; environment: string; commits: unknown[] });
    expect(runs).toHaveLength(3000);
    expect(first.runs).toBe(3000);
    expect(new Set(runs.map((r) => r.service))).toEqual(new Set(metricsServices));
    expect(new Set(runs.map((r) => r.environment))).toEqual(new Set(['development', 'staging', 'production']));
    expect(runs.every((r) => r.commits.length >= 1 && r.commits.length <= 5)).toBe(true);
    expect(first.incidents).toBeGreaterThan(0);
  });
});

describe('metricsSanity', () => {
  const report = (services: string[], deployments = 1) => JSON.stringify({ services: services.map((service) => ({ service, deployments })) });
  it.each([
    ['every service with deployments', report([...metricsServices]), undefined],
    ['a service missing', report(metricsServices.slice(1)), /^services /],
    ['no deployments', report([...metricsServices], 0), /without deployments/],
    ['not JSON', 'oops', /not JSON/],
  ])('%s', (_, stdout, expected) => {
    const problem = metricsSanity(stdout);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
