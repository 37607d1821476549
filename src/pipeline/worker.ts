/**
 * Worker thread entry of `analyzeAll`: analyses the files it is sent with the config it was started with
 * (`FileInput` in, `FileResult` out, through `serveJobs`).
 */
import { workerData } from 'node:worker_threads';
import { serveJobs } from '../runs/worker-pool.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { analyzeFile, type AnalysisMode, type FileInput } from './analyze-file.ts';

const { config, mode } = workerData as { config: ResolvedConfig; mode: AnalysisMode };

serveJobs((input: FileInput) => analyzeFile(input, config, mode));
