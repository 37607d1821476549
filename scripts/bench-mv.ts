/**
 * The `shipshape mv` bench (issue 13, part 5): in the generated bench vault, inside a git work tree with a warm check
 * cache (a check runs, untimed, before each move, as the pre-commit check of the last change would), one doc is linked from 200 others — short wikilinks, aliased wikilinks with a
 * heading, relative Markdown links — and each run moves it to a new folder under a new name, so that every one of
 * those links must be rewritten. Wall time of the whole `shipshape mv` process, target ≤ 2 s. `scripts/bench.ts`
 * runs it after the check; `node scripts/bench-mv.ts [--docs 3000] [--runs 3]` runs it alone.
 *
 * In: `await benchMv({ files: generateVault({ docs: 3000, seed: 1 }), dir: '/tmp/b', runs: 3 })`
 * Out: `{ seconds: [1.06, 1.02, 1.09], links: 217, files: 217, moved: 'runbooks/cordon-bgp-session.md' }`
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateVault, writeVault } from './generate-vault.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cliEntry = path.join(repoRoot, 'src/cli/bin.mjs');

export const mvTargetSeconds = 2;
/** Docs linking to the moved one. */
const linkers = 200;

export interface MvBench {
  seconds: number[];
  /** Links and files the first run rewrote. */
  links: number;
  files: number;
  /** The doc moved by the first run. */
  moved: string;
  failure?: string;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

const stemOf = (file: string) => path.posix.basename(file, '.md');

export async function benchMv(options: { files: ReadonlyMap<string, string>; dir: string; runs: number }): Promise<MvBench> {
  const vault = path.join(options.dir, 'mv-vault');
  const cache = path.join(options.dir, 'mv-cache');
  writeVault(vault, new Map(options.files));
  const docs = [...options.files.keys()].filter((p) => p.endsWith('.md') && !p.startsWith('templates/') && !p.endsWith('/README.md'));
  let current = docs.find((p) => p.startsWith('runbooks/')) ?? docs[0]!;
  const moved = current;
  const others = docs.filter((p) => p !== current).filter((_, i, all) => i % Math.max(1, Math.floor(all.length / linkers)) === 0).slice(0, linkers);
  // A heading the doc has, so that the anchored links resolve before the move as after it.
  const heading = /^#{2,6} +(.+?) *$/m.exec(options.files.get(current) ?? '')?.[1] ?? '';
  others.forEach((file, i) => {
    const relative = path.posix.relative(path.posix.dirname(file), current);
    const link = [`[[${stemOf(current)}]]`, `[[${stemOf(current)}${heading ? `#${heading}` : ''}|the runbook]]`, `[the runbook](${encodeURI(relative)})`][i % 3];
    appendFileSync(path.join(vault, file), `\nSee also ${link}.\n`);
  });
  git(vault, 'init', '-q');
  git(vault, 'add', '-A');
  git(vault, 'commit', '-qm', 'bench vault');
  const env = { ...process.env, SHIPSHAPE_CACHE_DIR: cache, NO_COLOR: '1' };
  const seconds: number[] = [];
  let links = 0;
  let files = 0;
  for (let run = 1; run <= options.runs; run++) {
    // Untimed: the check warms the cache, as the pre-commit check of the previous change would have (the last move
    // rewrote 200 files, which a move alone, reading facts only, would parse again).
    spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cliEntry, '--content', vault, '--cache-dir', cache, '--format', 'json'], { cwd: repoRoot, env, stdio: 'ignore' });
    const to = `moved-${run}/${stemOf(current)}-${run}.md`;
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cliEntry, 'mv', '--content', vault, current, to], { cwd: repoRoot, env, encoding: 'utf8' });
    seconds.push((performance.now() - started) / 1000);
    if (result.status !== 0) return { seconds, links, files, moved, failure: `exit ${result.status}: ${result.stderr.trim().split('\n')[0]}` };
    const rewrote = /Rewrote (\d+) links? in (\d+) files?/.exec(result.stdout);
    if (run === 1) {
      links = Number(rewrote?.[1] ?? 0);
      files = Number(rewrote?.[2] ?? 0);
      if (files < linkers) return { seconds, links, files, moved, failure: `rewrote links in ${files} files, expected ${linkers} or more` };
    }
    current = to;
  }
  return { seconds, links, files, moved };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { docs: { type: 'string', default: '3000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-mv-'));
  try {
    const result = await benchMv({ files: generateVault({ docs: Number(values.docs), seed: Number(values.seed) }), dir, runs: Number(values.runs) });
    const sorted = [...result.seconds].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`shipshape mv of a doc linked from ${linkers} others (${values.docs} docs, git, warm cache): median ${median?.toFixed(2)} s (runs ${result.seconds.map((s) => s.toFixed(2)).join(', ')}; target ≤ ${mvTargetSeconds} s); ${result.links} links in ${result.files} files; moved ${result.moved}`);
    if (result.failure) console.log(`FAILED: ${result.failure}`);
    return result.failure ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone (`node scripts/bench-mv.ts`), not when bench.ts imports it.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) process.exitCode = await main();
