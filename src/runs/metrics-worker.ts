/**
 * Worker thread entry for `accumulateVault`: reads NDJSON byte ranges (`MetricsJob` in, `MetricsJobDone` out) into
 * its own metrics accumulator, whose state is its final value, for the main thread to merge. It imports no
 * Markdown parser: only the run-data reader and the metrics.
 */
import { workerData } from 'node:worker_threads';
import { readRecordFile } from './load-runs.ts';
import { createMetricsAccumulator, stateBuffers } from './metrics.ts';
import { problemCollector, recordAdder, type MetricsJob, type MetricsJobDone, type VaultMetricsOptions } from './vault-metrics.ts';
import { serveJobs } from './worker-pool.ts';

const { options } = workerData as { options: VaultMetricsOptions };
const accumulator = createMetricsAccumulator(options);

serveJobs(
  async (job: MetricsJob): Promise<MetricsJobDone> => {
    const problems = problemCollector();
    const lines = await readRecordFile(job.contentDir, job.file, { record: recordAdder(accumulator, problems.add), problem: problems.add }, job.range);
    return { lines, problems: problems.problems, problemCount: problems.count };
  },
  () => {
    const state = accumulator.state();
    // Moved, not copied: the typed arrays' buffers change hands.
    return { value: state, transfer: stateBuffers(state) };
  },
);
