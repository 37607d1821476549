/**
 * Worker thread entry: analyses the files it is sent with the config it was started with.
 * Messages in: `{ id, input: FileInput }`; out: `{ id, result: FileResult }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { analyzeFile, type FileInput } from './analyze-file.ts';

const { config, render } = workerData as { config: ResolvedConfig; render: boolean };

parentPort!.on('message', async ({ id, input }: { id: number; input: FileInput }) => {
  try {
    parentPort!.postMessage({ id, result: await analyzeFile(input, config, render) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
