/**
 * Every date the project derives from git, read with one `git log` for the whole vault: each file's first and
 * last commit, renames followed, so the site's created/updated dates and `--fix`'s filled Templater dates agree.
 *
 * The dates are **author dates**: when the change was written. A committer date moves whenever a branch is rebased,
 * cherry-picked or amended, which would give a doc a new "created" date long after it was written; the author date
 * survives those, and it is what Templater's `tp.file.creation_date` stands for. **Renames are followed** (git's
 * rename detection, as `git log --follow` does for one file): moving a doc to another folder keeps its history.
 * The log runs newest commit first, so a file's first appearance is its last change and its last is its creation.
 * A shallow clone (CI's default `fetch-depth: 1`) cuts history off and its "created" dates are wrong: the caller warns.
 *
 * In: `a.md` added on 2026-01-02, renamed to `b.md` on 2026-03-04
 * Out: `{ files: Map { 'b.md' => { created: '2026-01-02T10:00:00+00:00', updated: '2026-03-04T10:00:00+00:00' } }, shallow: false }`
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** ISO 8601 author dates, with the author's UTC offset as written. */
export interface FileHistory {
  created: string;
  updated: string;
}

export interface GitHistory {
  /** Path relative to the folder asked about, with `/` → its dates; a path renamed since is found under its new name. */
  files: Map<string, FileHistory>;
  /** The repository is a shallow clone: its created dates are too late. */
  shallow: boolean;
}

const run = promisify(execFile);

/** The history of every file under `dir` (a vault, inside a repository or not). */
export async function gitHistory(dir: string): Promise<GitHistory> {
  const files = new Map<string, FileHistory>();
  let log: string;
  let shallow: string;
  try {
    [{ stdout: log }, { stdout: shallow }] = await Promise.all([
      run('git', ['log', '--format=commit %aI', '--name-status', '--find-renames', '--relative', '-z', '--', '.'], { cwd: dir, maxBuffer: 1 << 30 }),
      run('git', ['rev-parse', '--is-shallow-repository'], { cwd: dir }),
    ]);
  } catch {
    // Not a git repository, or no git: dates come from elsewhere (the frontmatter, the file's mtime).
    return { files, shallow: false };
  }
  /** A path as it was in older commits → the name it has now. */
  const renamedTo = new Map<string, string>();
  const touch = (path: string, date: string) => {
    const now = renamedTo.get(path) ?? path;
    const known = files.get(now);
    if (known) known.created = date;
    else files.set(now, { created: date, updated: date });
    return now;
  };
  // With `-z`, fields are NUL-separated: `commit <date>`, then per file a status (`M`, `A`, `R100`…) and its path,
  // or two paths (old, new) for a rename or a copy. A status after the header starts with a newline.
  const fields = log.split('\0');
  let date = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!.replace(/^\n+/, '');
    if (field === '') continue;
    if (field.startsWith('commit ')) {
      date = field.slice('commit '.length);
    } else if (field.startsWith('R') || field.startsWith('C')) {
      const now = touch(fields[i + 2]!, date);
      // Older commits name a renamed file by its old path.
      if (field.startsWith('R')) renamedTo.set(fields[i + 1]!, now);
      i += 2;
    } else {
      touch(fields[i + 1]!, date);
      i += 1;
    }
  }
  return { files, shallow: shallow.trim() === 'true' };
}
