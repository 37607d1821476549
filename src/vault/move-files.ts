/**
 * Moves files or folders and rewrites files, all or nothing: every new text is written to a staging folder in the
 * vault first (same file system, so renames are atomic); then, only if no file to rewrite changed since it was read,
 * the moves are made (`git mv` for what git tracks, so history follows; a rename otherwise) and each new text is
 * renamed into place. A failure on the way undoes what was done, in reverse: the old texts are written back and the
 * moves undone. A refusal (target exists, source missing, a file changed meanwhile) writes nothing.
 *
 * In: `await applyMove({ root, moves: [{ from: 'a.md', to: 'b/a.md' }], writes: [{ path: 'c.md', to: 'c.md', text, original }] })`
 *     → `a.md` is `b/a.md` (staged as a rename in git), `c.md` holds `text`
 */
import { execFile } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PathMove {
  /** Vault path (a file or a folder) before. */
  from: string;
  /** Vault path after. */
  to: string;
}

/** Where `file` is after `moves` (of files or folders; the first that holds it wins), or undefined when none moves it. */
export function movedPath(file: string, moves: readonly PathMove[]): string | undefined {
  for (const { from, to } of moves) {
    const source = from.replace(/\/+$/, '');
    if (file === source) return to.replace(/\/+$/, '');
    if (file.startsWith(`${source}/`)) return `${to.replace(/\/+$/, '')}${file.slice(source.length)}`;
  }
  return undefined;
}

export interface FileWrite {
  /** Vault path when it was read (before the moves), or an absolute path for a file outside the vault (the baseline). */
  path: string;
  /** Vault path after the moves: where the new text goes. */
  to: string;
  text: string;
  /** The bytes read, to tell whether the file changed since. */
  original: Uint8Array;
}

export interface MoveTransaction {
  /** The vault's absolute path. */
  root: string;
  moves: readonly PathMove[];
  writes: readonly FileWrite[];
}

/** The file operations a move makes; tests replace one to fail half-way. */
export interface MoveOperations {
  rename: (from: string, to: string) => Promise<void>;
}

/** Nothing was written: the move cannot be made as asked. */
export class MoveRefusedError extends Error {
  override name = 'MoveRefusedError';
}

export interface MoveOutcome {
  /** Moves made with `git mv`. */
  gitMoves: number;
}

/** Same file under two names (a case-only rename on a case-insensitive file system). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a), stat(b)]);
  return x.ino === y.ino && x.dev === y.dev;
}

const exists = (path: string) => lstat(path).then(() => true, () => false);

/** The git work tree holding `dir`, if any. */
async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function gitTracks(root: string, path: string): Promise<boolean> {
  try {
    return (await run('git', ['ls-files', '-z', '--', path], { cwd: root })).stdout.length > 0;
  } catch {
    return false;
  }
}

export async function applyMove(tx: MoveTransaction, operations: Partial<MoveOperations> = {}): Promise<MoveOutcome> {
  const ops: MoveOperations = { rename, ...operations };
  const abs = (path: string) => (isAbsolute(path) ? path : join(tx.root, path));
  for (const move of tx.moves) {
    if (!(await exists(abs(move.from)))) throw new MoveRefusedError(`${move.from} does not exist`);
    if ((await exists(abs(move.to))) && !(await sameFile(abs(move.from), abs(move.to)))) throw new MoveRefusedError(`${move.to} already exists`);
  }
  const git = tx.moves.length > 0 ? await gitTopLevel(tx.root) : undefined;
  const tracked = await Promise.all(tx.moves.map((move) => (git ? gitTracks(tx.root, move.from) : false)));

  const staging = await mkdtemp(join(tx.root, '.shipshape-mv-'));
  const undo: Array<() => Promise<unknown>> = [];
  let gitMoves = 0;
  try {
    const staged = await Promise.all(
      tx.writes.map(async (write, i) => {
        // A file outside the vault is staged beside itself: the vault's staging folder may be on another file system.
        const temp = isAbsolute(write.path) ? `${write.path}.shipshape-mv-${process.pid}.tmp` : join(staging, String(i));
        undo.push(() => rm(temp, { force: true }));
        await writeFile(temp, write.text, { flag: 'wx' });
        await chmod(temp, (await stat(abs(write.path))).mode & 0o7777);
        return temp;
      }),
    );
    // Right before the first change: a file edited since it was read would lose that edit.
    for (const write of tx.writes) {
      const now = await readFile(abs(write.path)).catch(() => undefined);
      if (!now || !Buffer.from(now).equals(write.original)) throw new MoveRefusedError(`${write.path} was modified since it was read; run the move again`);
    }
    for (const [i, move] of tx.moves.entries()) {
      const from = abs(move.from);
      const to = abs(move.to);
      for (const made of (await makeFolders(dirname(to))).reverse()) undo.push(() => rmdir(made).catch(() => undefined));
      if (tracked[i]) {
        await gitMove(tx.root, move.from, move.to);
        gitMoves++;
        undo.push(() => gitMove(tx.root, move.to, move.from));
      } else {
        await renameCaseSafe(ops, from, to);
        undo.push(() => renameCaseSafe(ops, to, from));
      }
    }
    for (const [i, write] of tx.writes.entries()) {
      await ops.rename(staged[i]!, abs(write.to));
      undo.push(() => writeFile(abs(write.to), write.original));
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { gitMoves };
}

/** `git mv`, which refuses a case-only rename on a case-insensitive file system unless forced. */
async function gitMove(root: string, from: string, to: string): Promise<void> {
  const caseOnly = from.toLowerCase() === to.toLowerCase();
  await run('git', ['mv', ...(caseOnly ? ['-f'] : []), '--', from, to], { cwd: root });
}

/** A rename through a temporary name, so that `Runbook.md` → `runbook.md` works on a case-insensitive file system too. */
async function renameCaseSafe(ops: MoveOperations, from: string, to: string): Promise<void> {
  if (from.toLowerCase() !== to.toLowerCase()) return ops.rename(from, to);
  const temp = `${from}.shipshape-case-${process.pid}`;
  await ops.rename(from, temp);
  await ops.rename(temp, to).catch(async (error: unknown) => {
    await ops.rename(temp, from);
    throw error;
  });
}

/** Creates `folder` and missing parents; returns those it created, deepest first (to remove on undo). */
async function makeFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = folder; !(await exists(dir)); dir = dirname(dir)) missing.push(dir);
  if (missing.length > 0) await mkdir(folder, { recursive: true });
  return missing;
}
