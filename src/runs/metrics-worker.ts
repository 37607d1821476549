/**
 * Worker thread entry for `accumulateVault`: parses NDJSON byte ranges into its own metrics accumulator.
 * Messages in: `{ job: MetricsJob }`, then `{ finish: true }`; out: `{ done: MetricsJobDone }` per job, then
 * `{ state: MetricsState }` for the main thread to merge.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseNdjsonLine, recordKindOf } from './load-runs.ts';
import { createMetricsAccumulator, stateBuffers } from './metrics.ts';
import { readLines } from './read-lines.ts';
import { isRecordObject, notAnObject } from './stream-records.ts';
import { addRecord, problemCollector, type MetricsJob, type VaultMetricsOptions } from './vault-metrics.ts';

const { options } = workerData as { options: VaultMetricsOptions };
const accumulator = createMetricsAccumulator(options);

async function run(job: MetricsJob): Promise<void> {
  const kind = recordKindOf(job.file)!;
  const problems = problemCollector();
  let line = 0;
  for await (const text of readLines(job.path, job.range)) {
    const parsed = parseNdjsonLine(job.file, ++line, text);
    if (parsed === undefined) continue;
    if ('message' in parsed) problems.add(parsed);
    else if (isRecordObject(parsed.data)) addRecord(accumulator, kind, parsed.data, parsed.origin, problems.add);
    else problems.add(notAnObject(parsed.origin, parsed.data));
  }
  parentPort!.postMessage({ done: { index: job.index, lines: line, problems: problems.problems, problemCount: problems.count } });
}

parentPort!.on('message', (message: { job?: MetricsJob; finish?: true }) => {
  if (message.job) void run(message.job);
  else {
    const state = accumulator.state();
    // Moved, not copied: the typed arrays' buffers change hands.
    parentPort!.postMessage({ state }, stateBuffers(state));
  }
});
