/**
 * The metrics accumulator of a whole vault, read from disk: JSON and YAML files and small NDJSON inputs on this
 * thread, big NDJSON inputs cut into byte ranges at line boundaries and parsed on worker threads — JSON.parse is
 * most of the time — each feeding its own accumulator, merged here. The result is the same either way.
 *
 * In: `accumulateVault('content', { from, to })` over `runs/2026.ndjson` (700 MB), `incidents/i.yaml`
 * Out: `{ accumulator, problems: [{ file: 'runs/2026.ndjson', line: 2, …, message: 'Unparsable JSON line: …' }], problemCount: 1 }`
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadProblem, RecordKind } from './load-runs.ts';
import { createMetricsAccumulator, type MetricsAccumulator, type MetricsOptions, type MetricsState } from './metrics.ts';
import { lineRanges, type ByteRange } from './read-lines.ts';
import { isNdjson, recordFiles, streamRecords, type RecordObject } from './stream-records.ts';
import type { Incident, RecordOrigin, Run } from './types.ts';

/** What a worker needs to build its accumulator: no functions, they do not cross threads. */
export type VaultMetricsOptions = Omit<MetricsOptions, 'tierOf'>;

export interface VaultMetricsResult {
  accumulator: MetricsAccumulator;
  /** The first problems (unparsable lines and files, records that are not runs or incidents), in file and line order. */
  problems: LoadProblem[];
  problemCount: number;
}

/** A byte range of an NDJSON file, parsed by one worker. */
export interface MetricsJob {
  index: number;
  /** Vault path, for origins. */
  file: string;
  /** Absolute path, to read. */
  path: string;
  range: ByteRange;
}

/** A worker's answer to a job: its lines, and its problems with lines counted from the range's start. */
export interface MetricsJobDone {
  index: number;
  lines: number;
  problems: LoadProblem[];
  problemCount: number;
}

/** How many problems are kept (per job, and in the result); the rest are counted. */
export const keptProblems = 20;
/** Below this many bytes of NDJSON, starting workers costs more than parsing. */
const inlineBelow = 4 << 20;
/** Ranges per worker: smaller jobs balance the load when one worker is slower. */
const jobsPerWorker = 4;

const isString = (value: unknown): value is string => typeof value === 'string';

/** Enough of a run for metrics: id, service, environment, status, sha, strings. */
export function isRunRecord(record: RecordObject): record is RecordObject & Run {
  return isString(record.id) && isString(record.service) && isString(record.environment) && isString(record.status) && isString(record.sha);
}

/** Enough of an incident for metrics: id, service, openedAt, strings. */
export function isIncidentRecord(record: RecordObject): record is RecordObject & Incident {
  return isString(record.id) && isString(record.service) && isString(record.openedAt);
}

/** Feeds one object record to the accumulator, or reports that it is not a run (incident). */
export function addRecord(accumulator: MetricsAccumulator, kind: RecordKind, data: RecordObject, origin: RecordOrigin, onProblem: (problem: LoadProblem) => void): void {
  if (kind === 'run') {
    if (isRunRecord(data)) accumulator.addRun(data);
    else onProblem({ ...origin, message: 'Incomplete run, expected string id, service, environment, status and sha' });
  } else if (isIncidentRecord(data)) accumulator.addIncident(data);
  else onProblem({ ...origin, message: 'Incomplete incident, expected string id, service and openedAt' });
}

/** Keeps the first problems and counts all. */
export function problemCollector(): { problems: LoadProblem[]; count: number; add: (problem: LoadProblem) => void } {
  const collector = {
    problems: [] as LoadProblem[],
    count: 0,
    add(problem: LoadProblem) {
      collector.count++;
      if (collector.problems.length < keptProblems) collector.problems.push(problem);
    },
  };
  return collector;
}

/** Reads the vault's runs and incidents into one accumulator; `workers: 1` keeps everything on this thread. */
export async function accumulateVault(contentDir: string, options: VaultMetricsOptions, workers = Math.min(availableParallelism(), 4)): Promise<VaultMetricsResult> {
  const files = [...(await recordFiles(contentDir, 'run')), ...(await recordFiles(contentDir, 'incident'))];
  const order = new Map(files.map((file, i) => [file.path, i]));
  const ndjsonBytes = files.filter((file) => isNdjson(file.path)).reduce((sum, file) => sum + file.size, 0);
  const parallel = workers > 1 && ndjsonBytes >= inlineBelow;
  const accumulator = createMetricsAccumulator(options);
  const inline = problemCollector();
  const inlineFiles = files.filter((file) => !parallel || !isNdjson(file.path)).map((file) => file.path);

  const readInline = async () => {
    for await (const record of streamRecords(contentDir, inlineFiles, inline.add)) addRecord(accumulator, record.kind, record.data, record.origin, inline.add);
  };
  let fromWorkers: { problems: LoadProblem[]; count: number } = { problems: [], count: 0 };
  if (parallel) {
    const jobs: MetricsJob[] = [];
    const rangeSize = Math.max(1 << 20, Math.ceil(ndjsonBytes / (workers * jobsPerWorker)));
    for (const file of files) {
      if (!isNdjson(file.path)) continue;
      const path = join(contentDir, file.path);
      for (const range of await lineRanges(path, file.size, Math.max(1, Math.ceil(file.size / rangeSize)))) jobs.push({ index: jobs.length, file: file.path, path, range });
    }
    // This thread reads the JSON and YAML files while the workers parse NDJSON.
    [fromWorkers] = await Promise.all([runJobs(jobs, options, Math.min(workers, jobs.length), (state) => accumulator.merge(state)), readInline()]);
  } else {
    await readInline();
  }
  const problems = [...inline.problems, ...fromWorkers.problems]
    .sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line || a.column - b.column)
    .slice(0, keptProblems);
  return { accumulator, problems, problemCount: inline.count + fromWorkers.count };
}

/**
 * Hands `jobs` out to `count` workers one at a time; each worker's final state goes to `onState` as it arrives and
 * the worker is ended then, so that its memory is freed before the others finish. Returns the problems, lines made
 * file-relative.
 */
async function runJobs(
  jobs: readonly MetricsJob[],
  options: VaultMetricsOptions,
  count: number,
  onState: (state: MetricsState) => void,
): Promise<{ problems: LoadProblem[]; count: number }> {
  const done = new Array<MetricsJobDone>(jobs.length);
  let next = 0;
  // JSON.parse allocates many short-lived objects: a larger young generation means fewer scavenges.
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  const pool = Array.from({ length: count }, () => new Worker(new URL('./metrics-worker.ts', import.meta.url), { workerData: { options }, resourceLimits }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => worker.postMessage(next < jobs.length ? { job: jobs[next++] } : { finish: true });
            worker.on('message', (message: { done?: MetricsJobDone; state?: MetricsState }) => {
              if (message.state) {
                void worker.terminate();
                onState(message.state);
                return resolve();
              }
              done[message.done!.index] = message.done!;
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`metrics worker exited with code ${code}`)));
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  // A job's lines count from its range's start: add the lines of the file's earlier ranges.
  const problems: LoadProblem[] = [];
  let problemCount = 0;
  let base = 0;
  jobs.forEach((job, i) => {
    if (i > 0 && jobs[i - 1]!.file !== job.file) base = 0;
    for (const problem of done[i]!.problems) problems.push({ ...problem, line: problem.line + base });
    problemCount += done[i]!.problemCount;
    base += done[i]!.lines;
  });
  return { problems, count: problemCount };
}
