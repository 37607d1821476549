/**
 * Created and updated dates from git history, for docs whose frontmatter has none: one `git log` for the whole
 * vault, newest commit first, so a doc's first appearance is its last change and its last is its creation. A
 * shallow clone (CI's default `fetch-depth: 1`) cuts history off, so its "created" dates are wrong: the caller warns.
 *
 * In: a vault in a repo with two commits touching `a.md` → `{ dates: Map { 'a.md' => { created: '2026-01-02', updated: '2026-03-04' } }, shallow: false }`
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface GitDates {
  dates: Map<string, { created: string; updated: string }>;
  shallow: boolean;
}

const run = promisify(execFile);

export async function gitDates(contentDir: string): Promise<GitDates> {
  const dates = new Map<string, { created: string; updated: string }>();
  let log: string;
  let shallow: string;
  try {
    [{ stdout: log }, { stdout: shallow }] = await Promise.all([
      run('git', ['log', '--format=commit %cI', '--name-only', '--no-renames', '--relative', '-z', '--', '.'], {
        cwd: contentDir,
        maxBuffer: 1 << 30,
      }),
      run('git', ['rev-parse', '--is-shallow-repository'], { cwd: contentDir }),
    ]);
  } catch {
    // Not a git repository, or no git: dates come from the frontmatter alone.
    return { dates, shallow: false };
  }
  let date = '';
  for (const field of log.split('\0')) {
    const entry = field.replace(/^\n+/, '');
    if (entry === '') continue;
    const commit = commitLine.exec(entry);
    if (commit) {
      date = commit[1]!;
      continue;
    }
    const known = dates.get(entry);
    if (known) known.created = date;
    else dates.set(entry, { created: date, updated: date });
  }
  return { dates, shallow: shallow.trim() === 'true' };
}

/** With `-z`, each commit's header is a field of its own: `commit 2026-03-04T10:00:00+01:00`. */
const commitLine = /^commit (\d{4}-\d\d-\d\d)T[\d:]+(?:Z|[+-]\d\d:\d\d)$/;
