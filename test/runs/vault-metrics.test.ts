/**
 * Metrics on several threads equal metrics on one: accumulator states merged in any split and order give the same
 * reports as one accumulator over all the data, and `accumulateVault` with workers gives the same reports and
 * problems (lines counted across byte ranges) as without.
 *
 * In: seeded random runs split in 3 parts, each part's `state()` merged into a fresh accumulator
 * Out: `result(window)` deep-equals the single accumulator's, window by window
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metricsWindow, writeMetricsVault } from '../../scripts/bench-metrics.ts';
import { createMetricsAccumulator, previousWindow, stateBuffers, type MetricsOptions } from '../../src/runs/metrics.ts';
import type { Incident, Run } from '../../src/runs/types.ts';
import { accumulateVault } from '../../src/runs/vault-metrics.ts';
import { mulberry32 } from '../../scripts/seeded-random.ts';
import { randomData, weeks } from './random-runs.ts';

describe('merged states', () => {
  const window = { from: '2025-12-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };
  const subs = [...weeks(window.from, window.to), previousWindow({ from: '2026-02-01T00:00:00Z', to: window.to }), window];

  function merged(parts: { runs: Run[]; incidents: Incident[] }[], options: MetricsOptions) {
    const target = createMetricsAccumulator(options);
    for (const part of parts) {
      const accumulator = createMetricsAccumulator(options);
      part.runs.forEach((r) => accumulator.addRun(r));
      part.incidents.forEach((i) => accumulator.addIncident(i));
      const state = accumulator.state();
      // As between threads: a structured clone with the typed arrays' buffers moved.
      target.merge(structuredClone(state, { transfer: stateBuffers(state) }));
    }
    return target;
  }

  it.each(Array.from({ length: 12 }, (_, i) => 500 + i * 104_729))('seed %i: any split, any order', (seed) => {
    const { runs, incidents } = randomData(seed);
    const next = mulberry32(seed);
    const count = 1 + Math.floor(next() * 4);
    const parts = Array.from({ length: count }, () => ({ runs: [] as Run[], incidents: [] as Incident[] }));
    runs.forEach((r) => parts[Math.floor(next() * count)]!.runs.push(r));
    incidents.forEach((i) => parts[Math.floor(next() * count)]!.incidents.push(i));
    const options = seed % 2 === 0 ? { ...window, services: ['api', 'ghost'] } : window;
    const whole = merged([{ runs, incidents }], options);
    const split = merged(parts, options);
    const reversed = merged([...parts].reverse(), options);
    for (const sub of subs) {
      expect(split.result(sub)).toEqual(whole.result(sub));
      expect(reversed.result(sub)).toEqual(whole.result(sub));
      expect(split.overall(sub)).toEqual(whole.overall(sub));
    }
  });

  it('keeps strings with line breaks', () => {
    const runs: Run[] = [
      { id: 'a\nb', service: 'api\nv2', environment: 'prod', status: 'success', sha: 's\n1', finishedAt: '2026-01-02T00:00:00Z', commits: [{ sha: 'c\n1', timestamp: '2026-01-01T00:00:00Z' }] },
      { id: 'c', service: 'api\nv2', environment: 'prod', status: 'success', sha: 's2', finishedAt: '2026-01-03T00:00:00Z', kind: 'rollback' },
    ];
    const single = merged([{ runs, incidents: [] }], window);
    const split = merged([{ runs: runs.slice(0, 1), incidents: [] }, { runs: runs.slice(1), incidents: [] }], window);
    expect(split.result()).toEqual(single.result());
    expect(split.result().services[0]).toMatchObject({ service: 'api\nv2', deployments: 2, leadTimeHours: 24, changeFailRate: 0.5 });
  });

  it('refuses a state of another window', () => {
    const state = createMetricsAccumulator(window).state();
    expect(() => createMetricsAccumulator({ ...window, to: '2026-03-02T00:00:00Z' }).merge(state)).toThrow(RangeError);
  });
});

describe('accumulateVault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-vault-metrics-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same reports and problems with workers as without', async () => {
    // Over 4 MB of NDJSON, so that workers are used; broken lines near the start, the middle and the end.
    await writeMetricsVault(dir, { runs: 6000, seed: 7 });
    const file = join(dir, 'runs/2026.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(1, 0, '{"id": "broken", ');
    lines.splice(Math.floor(lines.length / 2), 0, '[1, 2]');
    lines.splice(lines.length - 1, 0, '{"id": "incomplete"}');
    writeFileSync(file, lines.join('\n'));
    writeFileSync(join(dir, 'runs/extra.yaml'), '- id: y1\n  service: search\n  environment: production\n  status: success\n  sha: y\n  finishedAt: 2026-05-01T00:00:00Z\n- 42\n');

    const options = { from: previousWindow(metricsWindow).from, to: metricsWindow.to };
    const inline = await accumulateVault(dir, options, 1);
    const parallel = await accumulateVault(dir, options, 2);
    for (const window of [metricsWindow, previousWindow(metricsWindow)]) {
      expect(parallel.accumulator.result(window)).toEqual(inline.accumulator.result(window));
    }
    expect(inline.accumulator.result(metricsWindow).services).toHaveLength(6);
    expect(parallel.problems).toEqual(inline.problems);
    expect(parallel.problemCount).toBe(4);
    const middle = Math.floor((lines.length - 1) / 2) + 1;
    expect(inline.problems.map((p) => `${p.file}:${p.line} ${p.message.split(':')[0]}`)).toEqual([
      'runs/2026.ndjson:2 Unparsable JSON line',
      `runs/2026.ndjson:${middle} Unexpected array, expected an object`,
      `runs/2026.ndjson:${lines.length - 1} Incomplete run, expected string id, service, environment, status and sha`,
      'runs/extra.yaml:7 Unexpected number, expected an object',
    ]);
  });
});
