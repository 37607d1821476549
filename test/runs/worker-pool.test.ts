/**
 * The worker pool both the check and metrics run on: results in job order whatever worker answers first, each
 * worker's final value once the jobs run out, and a failed job named in the error.
 */
import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/runs/worker-pool.ts';

const worker = new URL('./double-worker.ts', import.meta.url);
const jobs = Array.from({ length: 50 }, (_, i) => i);

describe('runPool', () => {
  it.each([1, 2, 3])('%i workers: results in job order', async (count) => {
    expect(await runPool(worker, jobs, { count, workerData: {} })).toEqual(jobs.map((n) => n * 2));
  });

  it('hands over each worker’s final value', async () => {
    const finals: unknown[] = [];
    await runPool(worker, jobs, { count: 3, workerData: {}, final: (value) => finals.push(value) });
    expect(finals).toHaveLength(3);
    expect((finals as number[]).reduce((a, b) => a + b)).toBe(jobs.length);
  });

  it('names a failed job in its error', async () => {
    await expect(runPool(worker, [1, -2, 3], { count: 2, workerData: {}, name: (n) => `number ${n}` })).rejects.toThrow(/^number -2: Error: negative -2/);
  });

  it('starts no worker for no jobs', async () => {
    expect(await runPool(worker, [], { count: 2, workerData: {} })).toEqual([]);
  });
});
