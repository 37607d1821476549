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

/** Where the file once at some path is now, for link repair (`--fix`). */
export interface Move {
  /** Its path today, renames followed; absent when it was deleted or two files left that path (no certain answer). */
  path?: string;
  /** Abbreviated hash of the commit that renamed (or deleted) it. */
  commit: string;
  /** How many commits before the newest one that was: orders moves in time (0 is the newest). */
  age: number;
}

export interface GitHistory {
  /** Path relative to the folder asked about, with `/` → its dates; a path renamed since is found under its new name. */
  files: Map<string, FileHistory>;
  /** A path some file had before a rename or a deletion → where that file is now. */
  moves: Map<string, Move>;
  /** The repository is a shallow clone: its created dates are too late. */
  shallow: boolean;
}

const run = promisify(execFile);

/** The history of every file under `dir` (a vault, inside a repository or not). */
export async function gitHistory(dir: string): Promise<GitHistory> {
  const files = new Map<string, FileHistory>();
  const moves = new Map<string, Move>();
  let log: string;
  let shallow: string;
  try {
    [{ stdout: log }, { stdout: shallow }] = await Promise.all([
      run('git', ['log', '--format=commit %h %aI', '--name-status', '--find-renames', '--relative', '-z', '--', '.'], { cwd: dir, maxBuffer: 1 << 30 }),
      run('git', ['rev-parse', '--is-shallow-repository'], { cwd: dir }),
    ]);
  } catch {
    // Not a git repository, or no git: dates come from elsewhere (the frontmatter, the file's mtime).
    return { files, moves, shallow: false };
  }
  /** A path as it was in older commits → the name it has now. */
  const renamedTo = new Map<string, string>();
  /** A path → where the file at it in the commit being read is today (undefined: deleted), from the newer commits read so far. */
  const next = new Map<string, string | undefined>();
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
  let commit = '';
  let age = -1;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!.replace(/^\n+/, '');
    if (field === '') continue;
    if (field.startsWith('commit ')) {
      [, commit = '', date = ''] = field.split(' ');
      age++;
    } else if (field.startsWith('R') || field.startsWith('C')) {
      const [from, to] = [fields[i + 1]!, fields[i + 2]!];
      const now = touch(to, date);
      // Older commits name a renamed file by its old path.
      if (field.startsWith('R')) {
        renamedTo.set(from, now);
        // Where the file went since (renamed again, deleted) is what happened next to the path it was renamed to.
        const path = next.has(to) ? next.get(to) : to;
        next.set(from, path);
        recordMove(moves, from, path, { commit, age });
      }
      i += 2;
    } else {
      if (field.startsWith('D')) {
        next.set(fields[i + 1]!, undefined);
        recordMove(moves, fields[i + 1]!, undefined, { commit, age });
      }
      touch(fields[i + 1]!, date);
      i += 1;
    }
  }
  return { files, moves, shallow: shallow.trim() === 'true' };
}

/**
 * A file left `from` in `commit`, and is now at `path` (undefined: deleted). Files that left the same path for
 * different places (one renamed away, another created there and renamed or deleted later) leave no certain answer.
 */
function recordMove(moves: Map<string, Move>, from: string, path: string | undefined, when: Pick<Move, 'commit' | 'age'>): void {
  const known = moves.get(from);
  const certain = known === undefined || known.path === path ? path : undefined;
  moves.set(from, { ...(certain === undefined ? {} : { path: certain }), ...when });
}

/** A heading as it was written before a rename → the heading it became, for link repair (`--fix`). */
export interface HeadingMove {
  /** The heading's text today, renames followed; absent when two different headings came from it. */
  text?: string;
  /** Abbreviated hash of the commit that renamed it. */
  commit: string;
}

/** Doc path today → a heading's former text, normalised by `normalize` → where it went. */
export type HeadingMoves = Map<string, Map<string, HeadingMove>>;

const headingLine = /^([-+])(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/**
 * Headings renamed in the history of the docs under `dir`: a hunk of a commit's diff that removes exactly one
 * heading line and adds one of the same level renamed it (`-## Verify release` `+## Verify the release`). Read from
 * one `git log -p` limited to commits whose diff touches a heading line (`-G`) and to changed files (an added file's
 * whole text would be most of the output and renames nothing); renamed files are followed through `moves`. Outside
 * git: none.
 *
 * In: a commit changing `## Steps` to `## Rollback steps` in `rollback.md`
 * Out: `Map { 'rollback.md' => Map { normalize('Steps') => { text: 'Rollback steps', commit: '3f9c2a1' } } }`
 */
export async function headingMoves(dir: string, moves: ReadonlyMap<string, Move>, normalize: (text: string) => string): Promise<HeadingMoves> {
  const out: HeadingMoves = new Map();
  let log: string;
  try {
    ({ stdout: log } = await run(
      'git',
      ['-c', 'core.quotepath=false', 'log', '-p', '-U0', '--no-color', '--no-ext-diff', '--format=commit %h', '--find-renames', '--diff-filter=MR', '--relative', '-G^#', '--', '*.md'],
      { cwd: dir, maxBuffer: 1 << 30 },
    ));
  } catch {
    return out;
  }
  let commit = '';
  let file: string | undefined;
  let removed: Array<[number, string]> = [];
  let added: Array<[number, string]> = [];
  const endHunk = () => {
    const [old] = removed;
    const [now] = added;
    if (file !== undefined && removed.length === 1 && added.length === 1 && old![0] === now![0] && normalize(old![1]) !== normalize(now![1])) {
      const doc = moves.get(file)?.path ?? file;
      let headings = out.get(doc);
      if (!headings) out.set(doc, (headings = new Map()));
      const key = normalize(old![1]);
      // Newest commit first: where the new text went since is known already.
      const later = headings.get(normalize(now![1]));
      const text = later ? later.text : now![1];
      const known = headings.get(key);
      headings.set(key, { ...(known === undefined || known.text === text ? (text === undefined ? {} : { text }) : {}), commit });
    }
    removed = [];
    added = [];
  };
  for (const line of log.split('\n')) {
    if (line.startsWith('commit ')) {
      endHunk();
      commit = line.slice('commit '.length);
    } else if (line.startsWith('diff --git ')) {
      endHunk();
      file = undefined;
    } else if (line.startsWith('+++ ')) {
      // `+++ b/<path>`, or /dev/null for a deleted file; a path git had to quote is skipped.
      file = line.startsWith('+++ b/') ? line.slice('+++ b/'.length) : undefined;
    } else if (line.startsWith('@@')) {
      endHunk();
    } else if (file !== undefined && !line.startsWith('--- ')) {
      const match = headingLine.exec(line);
      if (match) (match[1] === '-' ? removed : added).push([match[2]!.length, match[3]!]);
    }
  }
  endHunk();
  return out;
}
