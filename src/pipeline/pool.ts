/**
 * Runs `analyzeFile` over many files on worker threads — parsing is CPU-bound and a cold check of a large vault is
 * mostly parsing. Small batches run inline: starting a worker costs more than parsing a few files.
 *
 * In: 3,000 inputs on a 2-core machine → 2 workers, each fed one file at a time as it finishes the last
 */
import { availableParallelism } from 'node:os';
import { runPool } from '../runs/worker-pool.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { analyzeFile, type AnalysisMode, type FileInput, type FileResult } from './analyze-file.ts';

/** Below this many files, workers are not worth their start-up. */
const inlineBelow = 64;

export async function analyzeAll(inputs: readonly FileInput[], config: ResolvedConfig, mode: AnalysisMode, workers?: number): Promise<FileResult[]> {
  const count = Math.min(workers ?? availableParallelism(), 8, Math.ceil(inputs.length / inlineBelow));
  if (count <= 1 || inputs.length < inlineBelow) {
    const results: FileResult[] = [];
    for (const input of inputs) results.push(await analyzeFile(input, config, mode));
    return results;
  }
  return runPool<FileInput, FileResult>(new URL('./worker.ts', import.meta.url), inputs, { count, workerData: { config, mode }, name: (input) => input.path });
}
