/**
 * Performance report: generates a synthetic vault (scripts/generate-vault.ts) in a
 * temp dir, then times `shipshape check` cold and warm against markdownlint-cli2 on
 * the same files, and measures peak memory. Prints one table with PASS/MISS per target.
 *
 * In:  npm run bench -- --docs 3000 --runs 3 [--seed 1] [--keep]
 * Out: a table on stdout; exit 0 even when a target is missed (it is a report),
 *      exit 1 when a command failed (non-zero exit other than 1, or invalid JSON).
 *
 * Peak memory is `ru_maxrss` of each child, read without extra tools: the child gets
 * `NODE_OPTIONS=--import=scripts/rss-probe.mjs`, which appends
 * `process.resourceUsage().maxRSS` to a file at exit. That is getrusage(RUSAGE_SELF) of
 * the whole process, so worker threads are included. Checked against python3's
 * `resource.getrusage(RUSAGE_CHILDREN)` wrapper for both our CLI's shape (a worker
 * allocating 400 MiB) and markdownlint-cli2: identical figures; the probe was kept
 * because it costs nothing and needs no wrapper process in the timing.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { generateVault, vaultBytes, writeVault } from './generate-vault.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cliEntry = path.join(repoRoot, 'src/cli/bin.mjs');
const markdownlintEntry = path.join(repoRoot, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const rssProbe = path.join(repoRoot, 'scripts/rss-probe.mjs');

/** The targets, in one place. */
const targets = {
  /** Cold check wall time ÷ markdownlint-cli2 wall time. */
  coldRatio: 0.33,
  /** Warm check after one edit, seconds. */
  warmSeconds: 1,
  /** Peak RSS of the cold check, bytes (1 GB). */
  peakBytes: 1e9,
} as const;

interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak RSS of the spawned process, bytes; undefined if the probe wrote nothing. */
  maxRssBytes?: number;
  /** Largest peak RSS among it and any Node processes it spawned. */
  maxRssTreeBytes?: number;
}

interface Measure {
  label: string;
  runs: RunResult[];
  /** Why the measure is unusable, if it is. */
  failure?: string;
}

/** Runs `node <args>` with the RSS probe preloaded and times it from spawn to exit. */
function runNode(args: string[], cwd: string, rssFile: string): Promise<RunResult> {
  rmSync(rssFile, { force: true });
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${rssProbe}`].filter((o) => o !== undefined && o !== '').join(' ');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // process.execPath: the Node 22 from node_modules when run via `npm run bench`.
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, NODE_OPTIONS: nodeOptions, SHIPSHAPE_RSS_FILE: rssFile, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const result: RunResult = {
        exitCode,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds,
      };
      if (existsSync(rssFile)) {
        const rows = readFileSync(rssFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split(' ').map(Number) as [number, number, number]);
        const own = rows.find(([pid]) => pid === child.pid);
        if (own !== undefined) result.maxRssBytes = own[2] * 1024;
        result.maxRssTreeBytes = Math.max(...rows.map(([, , kib]) => kib * 1024));
      }
      resolve(result);
    });
  });
}

/** Exit 0 (clean) and 1 (findings) are results; anything else means the tool failed. */
function exitFailure(result: RunResult): string | undefined {
  if (result.exitCode === 0 || result.exitCode === 1) return undefined;
  const tail = result.stderr.trim().split('\n').slice(-5).join('\n    ');
  return `exit ${result.exitCode ?? result.signal}${tail === '' ? '' : `:\n    ${tail}`}`;
}

/** Our JSON output must parse; returns the number of diagnostics when the shape says. */
function countDiagnostics(stdout: string): number | undefined {
  const value: unknown = JSON.parse(stdout);
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null && 'diagnostics' in value && Array.isArray(value.diagnostics)) {
    return value.diagnostics.length;
  }
  return undefined;
}

function checkOurs(result: RunResult): string | undefined {
  const failure = exitFailure(result);
  if (failure !== undefined) return failure;
  try {
    countDiagnostics(result.stdout);
    return undefined;
  } catch (error) {
    const stderr = result.stderr.trim().split('\n').slice(-5).join('\n    ');
    return `exit ${result.exitCode} but stdout is not valid JSON (${error instanceof Error ? error.message : String(error)}): ${JSON.stringify(result.stdout.slice(0, 200))}${stderr === '' ? '' : `\n    stderr: ${stderr}`}`;
  }
}

async function measure(label: string, runs: number, once: () => Promise<RunResult>, check: (r: RunResult) => string | undefined): Promise<Measure> {
  const m: Measure = { label, runs: [] };
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`  ${label}: run ${i + 1}/${runs}…`);
    const result = await once();
    process.stderr.write(` ${result.seconds.toFixed(2)} s\n`);
    const failure = check(result);
    if (failure !== undefined) {
      m.failure = failure;
      return m;
    }
    m.runs.push(result);
  }
  return m;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const medianSeconds = (m: Measure): number | undefined => (m.failure === undefined && m.runs.length > 0 ? median(m.runs.map((r) => r.seconds)) : undefined);
const peakBytes = (m: Measure): number | undefined => {
  const values = m.runs.flatMap((r) => (r.maxRssTreeBytes === undefined ? [] : [r.maxRssTreeBytes]));
  return m.failure === undefined && values.length > 0 ? Math.max(...values) : undefined;
};

const fmtSeconds = (s: number | undefined): string => (s === undefined ? '—' : `${s.toFixed(2)} s`);
const fmtBytes = (b: number | undefined): string => (b === undefined ? '—' : b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(1)} MB`);
const fmtRatio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));
const verdict = (ok: boolean | undefined, failed: boolean): string => (failed ? 'FAILED' : ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`).join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '3000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  });
  const docs = Number(values.docs);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!Number.isInteger(docs) || docs < 10 || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    console.error('Usage: node scripts/bench.ts [--docs 3000] [--runs 3] [--seed 1] [--keep]');
    return 1;
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-'));
  const vault = path.join(tmp, 'vault');
  const rssFile = path.join(tmp, 'rss.txt');
  try {
    process.stderr.write(`Generating ${docs} docs in ${vault}…\n`);
    const generated = performance.now();
    const files = generateVault({ docs, seed });
    writeVault(vault, files);
    const generateSeconds = (performance.now() - generated) / 1000;

    // Default rules only: no custom rules, no project config (the vault has none; this file is outside it).
    const markdownlintConfig = path.join(tmp, '.markdownlint-cli2.jsonc');
    writeFileSync(markdownlintConfig, `${JSON.stringify({ config: { default: true }, customRules: [], noProgress: true, noBanner: true }, null, 2)}\n`);

    // cwd is the repo, as for `npm run check`, so its config (schemas, rules) applies; --content points at the vault.
    const ours = (extra: string[]): Promise<RunResult> =>
      runNode(['--disable-warning=ExperimentalWarning', cliEntry, '--content', vault, '--format', 'json', ...extra], repoRoot, rssFile);

    const missing = existsSync(cliEntry) ? undefined : `${path.relative(repoRoot, cliEntry)} does not exist`;
    const cold: Measure =
      missing === undefined
        ? await measure('shipshape cold (--no-cache)', runs, () => ours(['--no-cache']), checkOurs)
        : { label: 'shipshape cold (--no-cache)', runs: [], failure: missing };
    const markdownlint = await measure(
      'markdownlint-cli2',
      runs,
      () => runNode([markdownlintEntry, '--config', markdownlintConfig, '**/*.md'], vault, rssFile),
      exitFailure,
    );

    // Warm: populate a fresh cache once, then each run appends a line to one doc and re-checks.
    const cacheDir = path.join(tmp, 'cache');
    mkdirSync(cacheDir);
    const docPaths = [...files.keys()].filter((p) => p.endsWith('.md') && !p.endsWith('/README.md'));
    const edited = docPaths.find((p) => p.startsWith('runbooks/')) ?? docPaths[0];
    const populate: Measure =
      missing === undefined
        ? await measure('shipshape populate cache', 1, () => ours(['--cache-dir', cacheDir]), checkOurs)
        : { label: 'shipshape populate cache', runs: [], failure: missing };
    let edits = 0;
    const warm: Measure =
      populate.failure !== undefined || edited === undefined
        ? { label: 'shipshape warm (1 edit)', runs: [], failure: populate.failure === undefined ? 'no doc to edit' : 'cache could not be populated' }
        : await measure(
            'shipshape warm (1 edit)',
            runs,
            () => {
              edits++;
              appendFileSync(path.join(vault, edited), `\nEdited by the bench, run ${edits}.\n`);
              return ours(['--cache-dir', cacheDir]);
            },
            checkOurs,
          );

    // ── report ──
    const coldS = medianSeconds(cold);
    const mlS = medianSeconds(markdownlint);
    const warmS = medianSeconds(warm);
    const coldPeak = peakBytes(cold);
    const mlPeak = peakBytes(markdownlint);
    const ratio = coldS !== undefined && mlS !== undefined ? coldS / mlS : undefined;
    const failed = (m: Measure): boolean => m.failure !== undefined;

    const firstCold = cold.runs[0];
    const diagnostics = firstCold === undefined ? undefined : countDiagnostics(firstCold.stdout);
    const firstMl = markdownlint.runs[0];
    const mlIssues = firstMl === undefined ? undefined : firstMl.stderr.split('\n').filter((l) => /^\S.*:\d+(:\d+)? /.test(l)).length;
    const mdFiles = [...files.keys()].filter((p) => p.endsWith('.md')).length;

    console.log('');
    console.log('Shipshape bench');
    console.log(`  vault   ${mdFiles.toLocaleString('en')} docs · ${files.size.toLocaleString('en')} files · ${fmtBytes(vaultBytes(files))} · seed ${seed} · generated in ${generateSeconds.toFixed(2)} s`);
    console.log(`  node    ${process.version} · ${os.cpus().length} CPUs · ${os.platform()} ${os.arch()} · ${runs} run(s) per timing, median reported`);
    console.log('');
    console.log(
      table([
        ['measure', 'shipshape', 'markdownlint-cli2', 'ratio', 'target', 'result'],
        ['cold check, wall time', fmtSeconds(coldS), fmtSeconds(mlS), fmtRatio(coldS, mlS), `ratio ≤ ${targets.coldRatio}`, verdict(ratio === undefined ? undefined : ratio <= targets.coldRatio, failed(cold) || failed(markdownlint))],
        ['warm check, 1 doc edited', fmtSeconds(warmS), '—', '—', `< ${targets.warmSeconds} s`, verdict(warmS === undefined ? undefined : warmS < targets.warmSeconds, failed(warm))],
        ['peak memory (max RSS)', fmtBytes(coldPeak), fmtBytes(mlPeak), fmtRatio(coldPeak, mlPeak), `< ${fmtBytes(targets.peakBytes)}`, verdict(coldPeak === undefined ? undefined : coldPeak < targets.peakBytes, failed(cold))],
      ]),
    );
    console.log('');
    const each = (m: Measure): string => (m.failure !== undefined ? 'failed' : m.runs.map((r) => r.seconds.toFixed(2)).join(', ') + ' s');
    console.log(`  runs      cold: ${each(cold)} · markdownlint-cli2: ${each(markdownlint)} · warm: ${each(warm)} (populate: ${each(populate)})`);
    console.log(
      `  findings  shipshape: ${diagnostics?.toLocaleString('en') ?? '?'} diagnostics (exit ${firstCold?.exitCode ?? '—'}) · markdownlint-cli2: ${mlIssues?.toLocaleString('en') ?? '?'} issues (exit ${firstMl?.exitCode ?? '—'})`,
    );
    console.log(`  memory    max RSS over all runs, worker threads included (ru_maxrss via scripts/rss-probe.mjs); warm: ${fmtBytes(peakBytes(warm))}`);
    if (edited !== undefined) console.log(`  edited    ${edited}`);

    const failures = [cold, markdownlint, populate, warm].filter(failed);
    for (const m of failures) console.log(`\n  FAILED ${m.label}: ${m.failure}`);
    if (values.keep) console.log(`\n  kept ${tmp}`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
