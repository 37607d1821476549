/**
 * The baseline's size over git history, for the docs health page: at each commit that changed the baseline file
 * (newest first, at most `limit`), how many problems it knew. Cheap because the file changes only when a team writes
 * or prunes it; one `git log` and one `git show` a commit. Outside a git work tree, or for a file never committed:
 * no history.
 *
 * In: `await baselineHistory('/repo/shipshape-baseline.json')`
 * Out: `[{ commit: '3f9c2a1', date: '2026-12-07T10:00:00+00:00', known: 13189 }, { commit: '9ab41c0', date: '2026-11-30T…', known: 13230 }]`
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';
import { parseBaseline } from './baseline-file.ts';
import { problemCount } from './match-baseline.ts';

const run = promisify(execFile);

export interface BaselinePoint {
  /** Abbreviated hash of the commit. */
  commit: string;
  /** Its author date, ISO 8601. */
  date: string;
  /** Problems the baseline knew at that commit. */
  known: number;
}

export async function baselineHistory(path: string, limit = 20): Promise<BaselinePoint[]> {
  const cwd = dirname(path);
  // `./name`: relative to `cwd`, wherever the repository's root is.
  const file = `./${basename(path)}`;
  let log: string;
  try {
    log = (await run('git', ['log', `-n${limit}`, '--format=%h %aI', '--', file], { cwd })).stdout;
  } catch {
    return [];
  }
  const commits = log.split('\n').filter((line) => line !== '').map((line) => line.split(' ') as [string, string]);
  const points = await Promise.all(
    commits.map(async ([commit, date]): Promise<BaselinePoint | undefined> => {
      try {
        const { stdout } = await run('git', ['show', `${commit}:${file}`], { cwd, maxBuffer: 1 << 30 });
        return { commit, date, known: problemCount(parseBaseline(stdout, `${file} at ${commit}`)) };
      } catch {
        // A commit that deleted the file, or a version that was no baseline: no point, not a failed page.
        return undefined;
      }
    }),
  );
  return points.filter((point) => point !== undefined);
}
