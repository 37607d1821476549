/**
 * Runs `analyzeFile` over many files on worker threads — parsing is CPU-bound and a cold check of a large vault is
 * mostly parsing. Small batches run inline: starting a worker costs more than parsing a few files.
 *
 * In: 3,000 inputs on a 2-core machine → 2 workers, each fed one file at a time as it finishes the last
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { analyzeFile, type FileInput, type FileResult } from './analyze-file.ts';

/** Below this many files, workers are not worth their start-up. */
const inlineBelow = 64;

export async function analyzeAll(inputs: readonly FileInput[], config: ResolvedConfig, render: boolean, workers?: number): Promise<FileResult[]> {
  const count = Math.min(workers ?? availableParallelism(), 8, Math.ceil(inputs.length / inlineBelow));
  if (count <= 1 || inputs.length < inlineBelow) {
    const results: FileResult[] = [];
    for (const input of inputs) results.push(await analyzeFile(input, config, render));
    return results;
  }
  const results = new Array<FileResult>(inputs.length);
  let next = 0;
  // Parsing allocates many short-lived objects: a larger young generation means fewer scavenges (about 7% faster).
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  const pool = Array.from({ length: count }, () => new Worker(new URL('./worker.ts', import.meta.url), { workerData: { config, render }, resourceLimits }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= inputs.length) return resolve();
              const id = next++;
              worker.postMessage({ id, input: inputs[id] });
            };
            worker.on('message', (message: { id: number; result?: FileResult; error?: string }) => {
              if (message.error !== undefined) return reject(new Error(`${inputs[message.id]!.path}: ${message.error}`));
              results[message.id] = message.result!;
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (next < inputs.length || code !== 0 ? reject(new Error(`worker exited with code ${code}`)) : undefined));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}
