/**
 * Test helpers for running the real CLI: `node src/cli/bin.mjs …` in a child process, with a clean environment,
 * plus temp folders and a byte-level snapshot of a folder to prove a run wrote nothing.
 *
 * In: `await runCli(['--content', 'test/fixtures/clean'])` → `{ exitCode: 0, stdout: '✔ 3 files checked, no problems\n', stderr: '' }`
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each run starts a Node process that loads the whole engine (about a second); tests run side by side, so allow for a busy machine. */
export const spawnTimeout = 60_000;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = join(repoRoot, 'src/cli/bin.mjs');

/** A fixture vault by scenario name: `test/fixtures/<scenario>`. */
export const fixture = (scenario: string): string => join(repoRoot, 'test/fixtures', scenario);

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory; default the repository root. */
  cwd?: string;
  /** Added to a clean environment (no SHIPSHAPE_CONTENT, NO_COLOR set). */
  env?: Record<string, string>;
  /**
   * Run as root without the capabilities that let root read any file (via util-linux `setpriv`), so file modes
   * apply while the repository, wherever CI cloned it, stays readable to its owner.
   */
  withoutReadOverride?: boolean;
}

/** The environment of a run: the test runner's own, minus anything that would change what the CLI checks. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if (!('SHIPSHAPE_CONTENT' in extra)) delete env.SHIPSHAPE_CONTENT;
  delete env.FORCE_COLOR;
  return env;
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd ?? repoRoot,
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const command = [process.execPath, '--disable-warning=ExperimentalWarning', cliPath, ...args];
  const dropCaps = ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'];
  const [file, ...argv] = options.withoutReadOverride ? ['setpriv', ...dropCaps, ...command] : command;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file!, argv, spawnOptions);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolvePromise({ exitCode, stdout, stderr }));
  });
}

/** A fresh folder under the OS temp dir; remove it with `removeTemp`. */
export function makeTemp(prefix = 'shipshape-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (vault path → text or bytes) under `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}

/**
 * Every regular file under `root` (symlinks and unreadable files are listed, not read) → sha256 of its bytes.
 * Two equal snapshots mean nothing was written, created or deleted.
 */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(root, absolute).split(sep).join('/');
    if (entry.isSymbolicLink()) out[path] = 'symlink';
    else if (entry.isFile()) {
      try {
        out[path] = createHash('sha256').update(readFileSync(absolute)).digest('hex');
      } catch {
        out[path] = 'unreadable';
      }
    }
  }
  return out;
}
