/**
 * Link repair at scale (issue 13, part 2): a vault in a new git repository, docs renamed and moved with plain
 * `git mv` (as a script or an editor does, rewriting no link), then `shipshape check --fix`. Reports how many links the
 * renames broke, how many `--fix` repaired and by which reason, and which are left and why. The vault is generated
 * (`generate-vault.ts`) or copied from `--vault DIR` (never written to).
 *
 * Renames cycle through three kinds, as people do them: a move to another folder (same name), a new name in the same
 * folder, and both; a seeded choice of docs, so runs repeat.
 *
 * In: `runLinkRepairExperiment({ files: generateVault({ docs: 300, seed: 1 }), renames: 100, seed: 1 })`
 * Out: `{ docs: 300, renamed: 100, brokenBefore: 140, brokenByRenames: 412, repaired: 412, reasons: { renamed: 412 }, left: [], … }`
 *
 * CLI: node scripts/link-repair-experiment.ts [--docs 300] [--renames 100] [--seed 1] [--vault DIR] [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateVault, writeVault } from './generate-vault.ts';
import { mulberry32, mixSeed } from './seeded-random.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cliEntry = path.join(repoRoot, 'src/cli/bin.mjs');

export interface ExperimentOptions {
  /** The vault: generated files (path → text), or a folder to copy. */
  files?: ReadonlyMap<string, string>;
  vault?: string;
  renames: number;
  seed: number;
  /** Leave the repository in place (its path is in the result) to read the diffs: `git -C DIR diff`. */
  keep?: boolean;
}

export interface ExperimentResult {
  docs: number;
  /** What a first `--fix` did before the renames (the vault's own fixable problems), and its link repairs by reason. */
  firstFix: string;
  repairedBeforeRenames: Record<string, number>;
  renamed: number;
  /** Broken links and anchors before any rename (the vault's own, after the first `--fix`). */
  brokenBefore: number;
  /** Broken links and anchors the renames added. */
  brokenByRenames: number;
  /** Broken links and anchors after `--fix`, and how many of them the renames had added. */
  brokenAfterFix: number;
  leftFromRenames: number;
  /** Links `--fix` repaired, by reason (from its summary line), and how many it kept back. */
  repaired: number;
  reasons: Record<string, number>;
  keptBack: number;
  /** The links the renames broke that are still broken: `file: message`. */
  left: string[];
  /** `--fix`'s own report lines after the diff (summary, counts, kept-back repairs). */
  report: string;
  seconds: number;
  /** The repository, when kept. */
  dir?: string;
}

interface JsonDiagnostic {
  rule: string;
  file: string;
  message: string;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Experiment', '-c', 'user.email=experiment@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

function check(dir: string, ...args: string[]): { diagnostics: JsonDiagnostic[]; stderr: string } {
  const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cliEntry, 'check', '--no-cache', '--content', dir, '--format', 'json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`shipshape check failed (${run.status}): ${run.stderr}`);
  return { diagnostics: (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics, stderr: run.stderr };
}

/** Broken links and anchors, as a multiset of `file\0message`. */
function broken(diagnostics: readonly JsonDiagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.rule !== 'broken-link' && d.rule !== 'broken-anchor') continue;
    const key = `${d.file}\0${d.message}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** What `after` has beyond `before`. */
function added(after: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [key, n] of after) for (let i = before.get(key) ?? 0; i < n; i++) out.push(key);
  return out;
}

const count = (multiset: ReadonlyMap<string, number>) => [...multiset.values()].reduce((a, b) => a + b, 0);

/** The vault's docs, templates left out unless asked for. */
function markdownFiles(dir: string, templates = false): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith('.') && (templates || !file.startsWith('templates/')))
    .sort();
}

/** `--fix`'s report without its diff: from its first summary line on. */
function summaryOf(stderr: string): string {
  const start = stderr.search(/^(Fixed|Would fix) /m);
  return start === -1 ? '' : stderr.slice(start);
}

/** Repairs by reason, summed over the summary lines of every `--fix` pass. */
function reasonCounts(report: string): Record<string, number> {
  const reasons: Record<string, number> = {};
  for (const [, counts] of report.matchAll(/^Repaired \d+ links?: (.*)$/gm)) {
    for (const part of counts!.split(', ')) {
      const [n, ...kind] = part.split(' ');
      reasons[kind.join(' ')] = (reasons[kind.join(' ')] ?? 0) + Number(n);
    }
  }
  return reasons;
}

/** Picks `n` docs and renames them with `git mv`: another folder, another name, or both. */
function renameDocs(dir: string, n: number, seed: number): Array<[string, string]> {
  const random = mulberry32(mixSeed(seed, 13));
  const docs = markdownFiles(dir);
  const folders = [...new Set(docs.map((doc) => path.posix.dirname(doc)))];
  const taken = new Set(docs.map((doc) => doc.toLowerCase()));
  const chosen = [...docs].sort(() => random() - 0.5).slice(0, n);
  const moves: Array<[string, string]> = [];
  chosen.forEach((doc, i) => {
    const folder = path.posix.dirname(doc);
    const name = path.posix.basename(doc, '.md');
    const otherFolder = folders.filter((f) => f !== folder)[Math.floor(random() * (folders.length - 1))] ?? folder;
    const newName = `${name}-${['v2', 'guide', 'old', 'notes'][i % 4]}`;
    const to = [`${otherFolder}/${name}.md`, `${folder}/${newName}.md`, `${otherFolder}/${newName}.md`][i % 3]!.replace(/^\.\//, '');
    if (taken.has(to.toLowerCase())) return;
    taken.add(to.toLowerCase());
    mkdirSync(path.join(dir, path.posix.dirname(to)), { recursive: true });
    git(dir, 'mv', doc, to);
    moves.push([doc, to]);
  });
  return moves;
}

export function runLinkRepairExperiment(options: ExperimentOptions): ExperimentResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-link-repair-'));
  try {
    if (options.vault) cpSync(options.vault, dir, { recursive: true });
    else writeVault(dir, options.files ?? generateVault({ docs: 300, seed: options.seed }));
    git(dir, 'init', '--quiet');
    git(dir, 'add', '--all');
    git(dir, 'commit', '--quiet', '-m', 'the vault');
    // The other fixes first (a fence that now closes shows the links that were inside it): what is left to repair
    // after the renames is then only what they broke.
    const firstFix = summaryOf(check(dir, '--fix').stderr);
    git(dir, 'commit', '--quiet', '--allow-empty', '-am', 'shipshape check --fix');
    const before = broken(check(dir).diagnostics);

    const moves = renameDocs(dir, options.renames, options.seed);
    git(dir, 'commit', '--quiet', '-m', `rename ${moves.length} docs`);
    // The vault's own broken links, as they read after the renames: in the file's new path, naming new paths.
    const moved = new Map(moves);
    const beforeMoved = new Map<string, number>();
    for (const [key, n] of before) {
      const [file, message] = key.split('\0') as [string, string];
      const renamedMessage = message.replace(/ in (.+\.md)$/, (whole, target: string) => (moved.has(target) ? ` in ${moved.get(target)}` : whole));
      const movedKey = `${moved.get(file) ?? file}\0${renamedMessage}`;
      beforeMoved.set(movedKey, (beforeMoved.get(movedKey) ?? 0) + n);
    }
    const renamed = broken(check(dir).diagnostics);
    const byRenames = added(renamed, beforeMoved);

    const started = performance.now();
    const fix = check(dir, '--fix');
    const seconds = (performance.now() - started) / 1000;
    const after = broken(fix.diagnostics);
    const left = added(after, beforeMoved);

    const report = summaryOf(fix.stderr);
    const reasons = reasonCounts(report);
    return {
      docs: markdownFiles(dir, true).length,
      firstFix,
      repairedBeforeRenames: reasonCounts(firstFix),
      renamed: moves.length,
      brokenBefore: count(before),
      brokenByRenames: byRenames.length,
      brokenAfterFix: count(after),
      leftFromRenames: left.length,
      repaired: Object.values(reasons).reduce((a, b) => a + b, 0),
      reasons,
      keptBack: [...report.matchAll(/^Kept back (\d+)/gm)].reduce((sum, [, n]) => sum + Number(n), 0),
      left: left.map((key) => key.replace('\0', ': ')),
      report,
      seconds,
      ...(options.keep ? { dir } : {}),
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '300' }, renames: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' }, vault: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const seed = Number(values.seed);
  const result = runLinkRepairExperiment({
    ...(values.vault ? { vault: path.resolve(values.vault) } : { files: generateVault({ docs: Number(values.docs), seed }) }),
    renames: Number(values.renames),
    seed,
    keep: values.keep!,
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
