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
import { isNdjson, readRecordFiles, recordFiles, type LoadProblem, type ReadRecord } from './load-runs.ts';
import { createMetricsAccumulator, type MetricsAccumulator, type MetricsOptions, type MetricsState } from './metrics.ts';
import { lineRanges, type ByteRange } from './read-lines.ts';
import type { Incident, Run } from './types.ts';
import { recordProblem, type RecordObject } from './usable-records.ts';
import { runPool } from './worker-pool.ts';

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
  contentDir: string;
  /** Vault path. */
  file: string;
  range: ByteRange;
}

/** A worker's answer to a job: its lines, and its problems with lines counted from the range's start. */
export interface MetricsJobDone {
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

/** Feeds records to the accumulator, the usable ones (`recordProblem`); the others' problems to `onProblem`. */
export function recordAdder(accumulator: MetricsAccumulator, onProblem: (problem: LoadProblem) => void): (record: ReadRecord<RecordObject>) => void {
  return ({ kind, data, origin }) => {
    const problem = recordProblem(kind, data);
    if (problem !== undefined) onProblem({ ...origin, message: problem });
    else if (kind === 'run') accumulator.addRun(data as unknown as Run);
    else accumulator.addIncident(data as unknown as Incident);
  };
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

  const readInline = () => readRecordFiles(contentDir, inlineFiles, { record: recordAdder(accumulator, inline.add), problem: inline.add });
  let fromWorkers: { problems: LoadProblem[]; count: number } = { problems: [], count: 0 };
  if (parallel) {
    const jobs: MetricsJob[] = [];
    const rangeSize = Math.max(1 << 20, Math.ceil(ndjsonBytes / (workers * jobsPerWorker)));
    for (const file of files) {
      if (!isNdjson(file.path)) continue;
      const path = join(contentDir, file.path);
      for (const range of await lineRanges(path, file.size, Math.max(1, Math.ceil(file.size / rangeSize)))) jobs.push({ contentDir, file: file.path, range });
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
 * Runs `jobs` on `count` workers, each feeding its own accumulator; each worker's final state goes to `onState` as
 * it arrives. Returns the problems, lines made file-relative.
 */
async function runJobs(
  jobs: readonly MetricsJob[],
  options: VaultMetricsOptions,
  count: number,
  onState: (state: MetricsState) => void,
): Promise<{ problems: LoadProblem[]; count: number }> {
  const done = await runPool<MetricsJob, MetricsJobDone>(new URL('./metrics-worker.ts', import.meta.url), jobs, {
    count,
    workerData: { options },
    final: (state) => onState(state as MetricsState),
  });
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
