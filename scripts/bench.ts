/**
 * Performance report: generates a synthetic vault (scripts/generate-vault.ts) in a
 * temp dir, then times `shipshape check` cold and warm against markdownlint-cli2 on
 * the same files, and measures peak memory. Then builds the site from the same vault
 * cold and warm against a bare Astro project publishing the same Markdown
 * (scripts/bench-site.ts), weighs our doc pages minus their content, and times a save in
 * the vault until `astro dev` serves the page with it (scripts/bench-dev.ts). Then times
 * the Bases and Dataview query pass, 50 queries added to the vault, as a share of the cold
 * build (scripts/bench-queries.ts). Then times `npm run metrics` over a generated vault of 1,000,000 runs (scripts/bench-metrics.ts).
 * Prints one table per part with PASS/MISS per target.
 *
 * In:  npm run bench -- --docs 3000 --runs 3 [--site-runs 1] [--no-site] [--metrics-runs 1000000] [--no-metrics] [--no-run-data] [--seed 1] [--keep]
 * Out: tables on stdout; exit 0 even when a target is missed (it is a report),
 *      exit 1 when a command failed (non-zero exit other than 1 for check, non-zero
 *      for a build, invalid JSON, or a built site the bench cannot read).
 *
 * Peak memory is `ru_maxrss` of each child, read without extra tools: the child gets
 * `NODE_OPTIONS=--import=scripts/rss-probe.mjs`, which appends
 * `process.resourceUsage().maxRSS` to a file at exit. That is getrusage(RUSAGE_SELF) of
 * the whole process, so worker threads are included. Checked against python3's
 * `resource.getrusage(RUSAGE_CHILDREN)` wrapper for both our CLI's shape (a worker
 * allocating 400 MiB) and markdownlint-cli2: identical figures; the probe was kept
 * because it costs nothing and needs no wrapper process in the timing.
 *
 * A site build also runs programs that are not Node (esbuild's service, Pagefind's
 * indexer), which the probe cannot see; for builds the bench also sums the RSS of the
 * whole process tree from /proc every 100 ms and reports the larger of the two peaks.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchMv, mvTargetSeconds } from './bench-mv.ts';
import { metricsSanity, metricsServices, metricsWindow, writeMetricsVault } from './bench-metrics.ts';
import { astroEntry, astroEnv, baselineResolution, clearBaselineCaches, distStats, docPageChrome, writeBaseline, type DistStats, type PageChrome } from './bench-site.ts';
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
  /** Pre-commit: warm check of the one doc just edited to add a link, with a baseline of the whole vault, seconds. */
  precommitSeconds: 1,
  /** Peak RSS of the cold check, bytes (1 GB). */
  peakBytes: 1e9,
  /** Cold site build wall time ÷ the bare Astro baseline's cold build. */
  buildColdRatio: 1.6,
  /** Peak memory of our builds ÷ the baseline's, process tree included. */
  buildPeakRatio: 1.2,
  /** Rebuild with nothing changed ÷ the baseline's warm build (data store kept). */
  rebuildRatio: 1.0,
  /** Median doc page HTML minus the doc's own content, bytes (40 kB). */
  chromeBytes: 40e3,
  /** `npm run metrics` over 1,000,000 runs, wall seconds. */
  metricsSeconds: 15,
  /** Its peak memory, process tree included, bytes (1 GB). */
  metricsPeakBytes: 1e9,
  /**
   * Site build with 10× the run data: the build's extra time ÷ the extra time of what it must do with the runs
   * anyway (validate them: `npm run check`; aggregate them: `npm run metrics`). Pages do not grow with runs.
   */
  runDataGrowthRatio: 1.5,
  /** The Bases and Dataview query pass (50 queries) ÷ the cold site build, issue 15. */
  queryShare: 0.1,
} as const;

/** Doc pages weighed for the chrome target. */
const chromeSample = 20;

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
  /** Largest sum of the RSS of it and all its descendants, sampled (when asked, on Linux). */
  sampledTreeBytes?: number;
}

interface RunOptions {
  /** Added to the inherited environment. */
  env?: Record<string, string>;
  /** Sample the process tree's summed RSS every 100 ms: builds spawn esbuild and Pagefind, which are not Node. */
  sampleTree?: boolean;
}

interface Measure {
  label: string;
  runs: RunResult[];
  /** Why the measure is unusable, if it is. */
  failure?: string;
}

/** Runs `node <args>` with the RSS probe preloaded and times it from spawn to exit. */
function runNode(args: string[], cwd: string, rssFile: string, options: RunOptions = {}): Promise<RunResult> {
  rmSync(rssFile, { force: true });
  const nodeOptions = [process.env.NODE_OPTIONS, `--import=${rssProbe}`].filter((o) => o !== undefined && o !== '').join(' ');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // process.execPath: the Node 22 from node_modules when run via `npm run bench`.
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...options.env, NODE_OPTIONS: nodeOptions, SHIPSHAPE_RSS_FILE: rssFile, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let sampledTreeBytes: number | undefined;
    const sampler =
      options.sampleTree && child.pid !== undefined
        ? setInterval((pid: number) => {
            const bytes = treeRssBytes(pid);
            if (bytes !== undefined) sampledTreeBytes = Math.max(sampledTreeBytes ?? 0, bytes);
          }, 100, child.pid)
        : undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
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
      if (sampledTreeBytes !== undefined) result.sampledTreeBytes = sampledTreeBytes;
      resolve(result);
    });
  });
}

/**
 * Summed resident set of `pid` and its descendants now, from Linux's /proc (each thread's `children` file lists the
 * processes it started); undefined where there is no /proc. Shared pages count once per process: an upper bound.
 */
function treeRssBytes(pid: number): number | undefined {
  let total: number | undefined;
  const pending = [pid];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    try {
      const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${next}/status`, 'utf8'))?.[1];
      total = (total ?? 0) + Number(kib ?? 0) * 1024;
      for (const task of readdirSync(`/proc/${next}/task`)) {
        const children = readFileSync(`/proc/${next}/task/${task}/children`, 'utf8').trim();
        if (children !== '') pending.push(...children.split(' ').map(Number));
      }
    } catch {
      // The process (or thread) exited between listing and reading: it holds no memory now.
    }
  }
  return total;
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

/** A build's peak memory over its measures' runs: the sampled tree sum, or the probe's largest Node process if the samples fell short of it. */
const buildPeakBytes = (...measures: Measure[]): number | undefined => {
  const values = measures.flatMap((m) => (m.failure === undefined ? m.runs.flatMap((r) => [r.maxRssTreeBytes, r.sampledTreeBytes]) : [])).filter((b) => b !== undefined);
  return values.length > 0 ? Math.max(...values) : undefined;
};
const failed = (m: Measure): boolean => m.failure !== undefined;

const fmtSeconds = (s: number | undefined): string => (s === undefined ? '—' : `${s.toFixed(2)} s`);
const fmtBytes = (b: number | undefined): string =>
  b === undefined ? '—' : b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`;
const fmtCount = (n: number | undefined): string => (n === undefined ? '—' : n.toLocaleString('en'));
const fmtRatio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));
const verdict = (ok: boolean | undefined, failed: boolean): string => (failed ? 'FAILED' : ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`).join('\n');
}

// ───────────────────────────── site ─────────────────────────────

interface SiteBench {
  baselineCold: Measure;
  baselineWarm: Measure;
  oursCold: Measure;
  oursWarm: Measure;
  /** Read after the cold builds; the warm ones write the same. */
  baseline?: DistStats;
  ours?: DistStats;
  /** Doc pages with a doc body in our dist, and the ones weighed. */
  docPages: number;
  chrome: PageChrome[];
  /** Why our dist could not be read, though the build succeeded. */
  distFailure?: string;
}

/** A build succeeded only with exit 0 (Astro exits 1 on any error); the tail of what it printed says why not. */
function buildFailure(result: RunResult): string | undefined {
  if (result.exitCode === 0) return undefined;
  const output = result.stderr.trim() === '' ? result.stdout : result.stderr;
  const tail = output.trim().split('\n').slice(-15).join('\n    ');
  return `exit ${result.exitCode ?? result.signal}${tail === '' ? '' : `:\n    ${tail}`}`;
}

const notRun = (label: string, failure: string): Measure => ({ label, runs: [], failure });

/**
 * Builds the bare Astro baseline (in `work`, under the repo) and then our site from the same vault, cold then warm
 * each, and reads what they wrote. Baseline first: it does not depend on our code, so its figures come even when
 * our build is broken.
 */
async function benchSite(vault: string, tmp: string, work: string, runs: number, rssFile: string): Promise<SiteBench> {
  const baselineDir = path.join(work, 'baseline');
  writeBaseline(baselineDir, vault);
  const baselineBuild = (): Promise<RunResult> =>
    runNode([astroEntry(repoRoot), 'build', '--root', baselineDir], baselineDir, rssFile, { env: astroEnv, sampleTree: true });
  const unresolved = baselineResolution(baselineDir, repoRoot);
  const baselineCold =
    unresolved === undefined
      ? await measure(
          'baseline cold build',
          runs,
          () => {
            clearBaselineCaches(baselineDir);
            return baselineBuild();
          },
          buildFailure,
        )
      : notRun('baseline cold build', unresolved);
  const baseline = failed(baselineCold) ? undefined : distStats(path.join(baselineDir, 'dist'));
  const baselineWarm = failed(baselineCold) ? notRun('baseline warm build', 'the cold build failed') : await measure('baseline warm build', runs, baselineBuild, buildFailure);

  // Ours is the repo's own build pointed at the vault, never failing on its diagnostics (the vault is messy on
  // purpose), with its check cache in the temp dir: a cold build starts without one, and the user's stays untouched.
  const oursDist = path.join(tmp, 'dist-ours');
  const oursCache = path.join(tmp, 'site-cache');
  const oursBuild = (): Promise<RunResult> =>
    runNode([astroEntry(repoRoot), 'build', '--root', repoRoot, '--outDir', oursDist], repoRoot, rssFile, {
      env: { ...astroEnv, SHIPSHAPE_CONTENT: vault, SHIPSHAPE_FAIL_ON: 'never', SHIPSHAPE_CACHE_DIR: oursCache },
      sampleTree: true,
    });
  // We use no content collections, so no data store: the only other cache a build could find is Vite's
  // dependency-optimizer folder. Only `deps/`: node_modules/.vite also holds vitest's results.
  const clearOurs = (): void => {
    for (const dir of [oursCache, oursDist, path.join(repoRoot, 'node_modules/.vite/deps')]) rmSync(dir, { recursive: true, force: true });
  };
  const oursCold = await measure(
    'shipshape cold build',
    runs,
    () => {
      clearOurs();
      return oursBuild();
    },
    buildFailure,
  );
  const site: SiteBench = { baselineCold, baselineWarm, oursCold, oursWarm: notRun('shipshape rebuild (nothing changed)', 'the cold build failed'), docPages: 0, chrome: [] };
  if (baseline !== undefined) site.baseline = baseline;
  if (failed(oursCold)) return site;
  try {
    site.ours = distStats(oursDist);
    const weighed = docPageChrome(oursDist, chromeSample);
    site.docPages = weighed.docPages;
    site.chrome = weighed.chrome;
    if (weighed.chrome.length === 0) site.distFailure = `no page in ${oursDist} has a <div class="doc-body">`;
  } catch (error) {
    site.distFailure = error instanceof Error ? error.message : String(error);
  }
  site.oursWarm = await measure('shipshape rebuild (nothing changed)', runs, oursBuild, buildFailure);
  return site;
}

function printSite(site: SiteBench, runs: number): void {
  const oursCold = medianSeconds(site.oursCold);
  const baseCold = medianSeconds(site.baselineCold);
  const oursWarm = medianSeconds(site.oursWarm);
  const baseWarm = medianSeconds(site.baselineWarm);
  const oursPeak = buildPeakBytes(site.oursCold, site.oursWarm);
  const basePeak = buildPeakBytes(site.baselineCold, site.baselineWarm);
  const chrome = site.chrome.map((c) => c.bytes);
  const chromeMedian = chrome.length > 0 ? median(chrome) : undefined;
  const heaviest = site.chrome.reduce<PageChrome | undefined>((max, c) => (max === undefined || c.bytes > max.bytes ? c : max), undefined);
  const ratioVerdict = (a: number | undefined, b: number | undefined, target: number, ...measures: Measure[]): string =>
    verdict(a === undefined || b === undefined ? undefined : a / b <= target, measures.some(failed));

  console.log('');
  console.log('Site build');
  console.log('');
  console.log(
    table([
      ['measure', 'shipshape', 'astro baseline', 'ratio', 'target', 'result'],
      ['cold build, wall time', fmtSeconds(oursCold), fmtSeconds(baseCold), fmtRatio(oursCold, baseCold), `ratio ≤ ${targets.buildColdRatio}`, ratioVerdict(oursCold, baseCold, targets.buildColdRatio, site.oursCold, site.baselineCold)],
      ['peak memory (process tree)', fmtBytes(oursPeak), fmtBytes(basePeak), fmtRatio(oursPeak, basePeak), `ratio ≤ ${targets.buildPeakRatio}`, ratioVerdict(oursPeak, basePeak, targets.buildPeakRatio, site.oursCold, site.baselineCold)],
      ['rebuild, nothing changed', fmtSeconds(oursWarm), fmtSeconds(baseWarm), fmtRatio(oursWarm, baseWarm), `ratio ≤ ${targets.rebuildRatio.toFixed(1)}`, ratioVerdict(oursWarm, baseWarm, targets.rebuildRatio, site.oursWarm, site.baselineWarm)],
      ['doc page minus content, median', fmtBytes(chromeMedian), '—', '—', `< ${fmtBytes(targets.chromeBytes)}`, verdict(chromeMedian === undefined ? undefined : chromeMedian < targets.chromeBytes, failed(site.oursCold) || site.distFailure !== undefined)],
      ['doc page minus content, max', fmtBytes(heaviest?.bytes), '—', '—', '', ''],
      ['pages (HTML files)', fmtCount(site.ours?.pages), fmtCount(site.baseline?.pages), '—', '', ''],
      ['dist size', fmtBytes(site.ours?.bytes), fmtBytes(site.baseline?.bytes), fmtRatio(site.ours?.bytes, site.baseline?.bytes), '', ''],
    ]),
  );
  console.log('');
  const each = (m: Measure): string => (failed(m) ? 'failed' : m.runs.map((r) => r.seconds.toFixed(2)).join(', ') + ' s');
  const peaks = (m: Measure): string => fmtBytes(buildPeakBytes(m));
  console.log(`  runs      ${runs} per timing, median reported · baseline cold: ${each(site.baselineCold)} · warm: ${each(site.baselineWarm)} · shipshape cold: ${each(site.oursCold)} · rebuild: ${each(site.oursWarm)}`);
  console.log(`  memory    max over cold and warm builds of the process tree's summed RSS (sampled every 100 ms; esbuild, Pagefind included)`);
  console.log(`            or of each Node process's ru_maxrss, whichever is larger · baseline cold ${peaks(site.baselineCold)}, warm ${peaks(site.baselineWarm)} · shipshape cold ${peaks(site.oursCold)}, rebuild ${peaks(site.oursWarm)}`);
  if (heaviest !== undefined) {
    console.log(`  pages     ${site.chrome.length} of ${fmtCount(site.docPages)} doc pages, evenly spaced by path: bytes of the page − bytes inside its <div class="doc-body">; heaviest ${heaviest.page}`);
  }
  console.log(`  astro     ${astroVersion()} · baseline: glob loader + one [...slug].astro route over the same vault (scripts/bench-site.ts)`);
}

function astroVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/astro/package.json'), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : '?';
}

// ───────────────────────────── site with run data ─────────────────────────────

/** The docs a run-data vault needs so that every run names a documented service and environment, and dashboard blocks. */
function writeRunDataDocs(vault: string): void {
  const doc = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(vault, file)), { recursive: true });
    writeFileSync(path.join(vault, file), text);
  };
  for (const service of metricsServices) {
    doc(`services/${service}.md`, `---\ntitle: ${service}\ntype: service\nowner: team-${service}\nrepo: https://git.example.com/${service}\n---\n\n# ${service}\n\n\`\`\`dashboard\nmetric: lead-time\nservice: ${service}\nshow: trend\n\`\`\`\n\n\`\`\`dashboard\nview: recent-runs\nservice: ${service}\n\`\`\`\n`);
  }
  for (const [environment, tier] of [['development', 'development'], ['staging', 'staging'], ['production', 'production']]) {
    doc(`environments/${environment}.md`, `---\ntitle: ${environment}\ntype: environment\nowner: platform\ntier: ${tier}\n---\n\n# ${environment}\n`);
  }
  doc('index.md', '# Deployments\n\n```dashboard\nview: deployed-versions\n```\n\n```dashboard\nmetric: change-fail-rate\nwindow: 30d\n```\n');
}

interface RunDataPoint {
  runs: number;
  check: Measure;
  metrics: Measure;
  build: Measure;
  pages?: number;
}

/**
 * The same small vault with `counts[0]` and `counts[1]` runs (two years up to yesterday, so none is in the
 * future): a cold `npm run check`, `npm run metrics` and a cold site build of each. The build's growth between
 * the two should be no more than validating and aggregating the extra runs costs: run pages are capped per
 * service, and dashboards are computed from one pass over the data.
 */
async function benchRunData(tmp: string, counts: readonly [number, number], seed: number, rssFile: string): Promise<RunDataPoint[]> {
  const until = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000).toISOString();
  const points: RunDataPoint[] = [];
  for (const count of counts) {
    const vault = path.join(tmp, `run-data-${count}`);
    process.stderr.write(`Generating ${count.toLocaleString('en')} runs in ${vault}…\n`);
    writeRunDataDocs(vault);
    await writeMetricsVault(vault, { runs: count, seed, until });
    const cache = path.join(tmp, `run-data-cache-${count}`);
    const dist = path.join(tmp, `run-data-dist-${count}`);
    const check = await measure(`check, ${count} runs`, 1, () => runNode(['--disable-warning=ExperimentalWarning', cliEntry, '--content', vault, '--no-cache', '--format', 'json'], repoRoot, rssFile), (r) => (r.exitCode === 2 ? exitFailure(r) ?? 'exit 2' : undefined));
    const metrics = await measure(`metrics, ${count} runs`, 1, () => runNode(['--disable-warning=ExperimentalWarning', cliEntry, 'metrics', '--content', vault, '--format', 'json'], repoRoot, rssFile, { sampleTree: true }), (r) => (r.exitCode === 0 ? undefined : exitFailure(r) ?? `exit ${r.exitCode}`));
    const build = await measure(
      `site build, ${count} runs`,
      1,
      () => {
        for (const dir of [cache, dist, path.join(repoRoot, 'node_modules/.vite/deps')]) rmSync(dir, { recursive: true, force: true });
        return runNode([astroEntry(repoRoot), 'build', '--root', repoRoot, '--outDir', dist], repoRoot, rssFile, {
          env: { ...astroEnv, SHIPSHAPE_CONTENT: vault, SHIPSHAPE_FAIL_ON: 'never', SHIPSHAPE_CACHE_DIR: cache },
          sampleTree: true,
        });
      },
      buildFailure,
    );
    const point: RunDataPoint = { runs: count, check, metrics, build };
    if (!failed(build)) point.pages = distStats(dist).pages;
    points.push(point);
    rmSync(vault, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
  }
  return points;
}

function printRunData(points: RunDataPoint[]): void {
  const [small, big] = points as [RunDataPoint, RunDataPoint];
  const delta = (m: (p: RunDataPoint) => Measure): number | undefined => {
    const a = medianSeconds(m(small));
    const b = medianSeconds(m(big));
    return a === undefined || b === undefined ? undefined : b - a;
  };
  const build = delta((p) => p.build);
  const check = delta((p) => p.check);
  const metrics = delta((p) => p.metrics);
  const needed = check === undefined || metrics === undefined ? undefined : check + metrics;
  console.log('');
  console.log('Site build with run data');
  console.log('');
  console.log(
    table([
      ['measure', `${fmtCount(small.runs)} runs`, `${fmtCount(big.runs)} runs`, 'growth', 'target', 'result'],
      ['npm run check (validates runs)', fmtSeconds(medianSeconds(small.check)), fmtSeconds(medianSeconds(big.check)), fmtSeconds(check), '', ''],
      ['npm run metrics (aggregates runs)', fmtSeconds(medianSeconds(small.metrics)), fmtSeconds(medianSeconds(big.metrics)), fmtSeconds(metrics), '', ''],
      ['site build, cold', fmtSeconds(medianSeconds(small.build)), fmtSeconds(medianSeconds(big.build)), fmtSeconds(build), '', ''],
      ['build growth ÷ (check + metrics growth)', '', '', fmtRatio(build, needed), `ratio ≤ ${targets.runDataGrowthRatio}`, verdict(build === undefined || needed === undefined ? undefined : build / needed <= targets.runDataGrowthRatio, failed(small.build) || failed(big.build))],
      ['pages (HTML files)', fmtCount(small.pages), fmtCount(big.pages), '', 'equal', verdict(small.pages === undefined || big.pages === undefined ? undefined : small.pages === big.pages, false)],
      ['build peak memory', fmtBytes(buildPeakBytes(small.build)), fmtBytes(buildPeakBytes(big.build)), '', '', ''],
    ]),
  );
  console.log('');
  console.log(`  vault     ${metricsServices.length} service docs with dashboard blocks, 3 environment docs; runs from scripts/bench-metrics.ts over the two years up to yesterday`);
}

// ───────────────────────────── language server ─────────────────────────────

interface Spread {
  count: number;
  p50: number;
  p95: number;
}

interface LspBench {
  docs: number;
  coldMs: number;
  rssBytes: number;
  oneCharacter: Spread;
  structural: Spread;
  protocolReadyMs: number;
  protocolColdReadyMs: number;
  published: Spread;
  completion: Spread;
}

/** The issue's targets, p95 in milliseconds. */
const lspTargets = { oneCharacter: 50, structural: 150, completion: 50, rssBytes: 1e9 };

/** A bench script in its own process, its figures as the JSON of its last line. */
async function jsonBench<T>(script: string, args: string[]): Promise<T | { failure: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, script), ...args, '--json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) return { failure: `exit ${code}` };
  try {
    return JSON.parse(out.trim().split('\n').at(-1)!) as T;
  } catch {
    return { failure: `unreadable output: ${out.slice(0, 200)}` };
  }
}

/** scripts/bench-lsp.ts (200 edits of each kind). */
function benchLsp(docs: number): Promise<LspBench | { failure: string }> {
  process.stderr.write('Language server: 200 edits and completions…\n');
  return jsonBench<LspBench>('scripts/bench-lsp.ts', ['--docs', String(docs), '--edits', '200']);
}

interface DevBench {
  docs: number;
  saves: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  prose: { p50Ms: number; p95Ms: number };
  links: { p50Ms: number; p95Ms: number };
}

/** A save in the vault → the open page shows it, p95 in milliseconds (issue 14). */
const devTargetMs = 500;

/** scripts/bench-dev.ts: `astro dev` on a vault of the same size, 40 saves. */
function benchDev(docs: number): Promise<DevBench | { failure: string }> {
  process.stderr.write('Dev server: 40 saves…\n');
  return jsonBench<DevBench>('scripts/bench-dev.ts', ['--docs', String(docs), '--saves', '40']);
}

function printDev(dev: DevBench | { failure: string }): void {
  console.log('\nDev server (shipshape dev)\n');
  if ('failure' in dev) {
    console.log(`  FAILED ${dev.failure}`);
    return;
  }
  const ms = (value: number) => `${String(Math.round(value)).padStart(4)} ms`;
  console.log(`  ${`save → the open page shows it (${dev.saves})`.padEnd(52)} p50 ${ms(dev.p50Ms)}   p95 ${ms(dev.p95Ms)}   ≤ ${devTargetMs} ms   ${verdict(dev.p95Ms <= devTargetMs, false)}`);
  console.log(`  ${'  prose typed (the saved page made again)'.padEnd(52)} p50 ${ms(dev.prose.p50Ms)}   p95 ${ms(dev.prose.p95Ms)}`);
  console.log(`  ${'  a link added (the site model built again)'.padEnd(52)} p50 ${ms(dev.links.p50Ms)}   p95 ${ms(dev.links.p95Ms)}`);
  console.log(`  how      astro dev on ${dev.docs.toLocaleString('en')} generated docs; from the write to the page served with the change, polled every 10 ms (what the browser's reload fetches)`);
}

interface QueriesBench {
  docs: number;
  queryDocs: number;
  queries: { base: number; baseEmbeds: number; dataview: number; baseFilePages: number };
  rows: number;
  runs: number;
  passMs: number;
  vaultMs: number;
  modelColdMs: number;
  pages: number;
}

/** Below this the generated vault has too few service folders for the queries' service index docs. */
const queriesMinDocs = 1000;

/** scripts/bench-queries.ts: 50 Bases and Dataview queries added to a vault of the same size, the query pass in process. */
function benchQueries(docs: number): Promise<QueriesBench | { failure: string }> {
  process.stderr.write('Queries: 50 Bases and Dataview queries…\n');
  return jsonBench<QueriesBench>('scripts/bench-queries.ts', ['--docs', String(docs), '--runs', '5']);
}

/** The pass against the cold site build when the site section ran, else against the script's own cold site model. */
function printQueries(queries: QueriesBench | { failure: string }, siteColdS: number | undefined): void {
  console.log('\nQueries (Bases and Dataview, at build time)\n');
  if ('failure' in queries) {
    console.log(`  FAILED ${queries.failure}`);
    return;
  }
  const whole = siteColdS === undefined ? queries.modelColdMs / 1000 : siteColdS;
  const share = queries.passMs / 1000 / whole;
  const { base, baseEmbeds, dataview, baseFilePages } = queries.queries;
  const against = siteColdS === undefined ? 'its own cold site model (loadSite + every page\'s HTML; no site build ran)' : 'the cold site build above (of the vault without the queries)';
  console.log(`  ${`query pass (${base + baseEmbeds + dataview} queries + ${baseFilePages} .base pages)`.padEnd(52)} p50 ${String(Math.round(queries.passMs)).padStart(5)} ms   ${(share * 100).toFixed(1)} % of ${fmtSeconds(whole)}   ≤ ${targets.queryShare * 100} %   ${verdict(share <= targets.queryShare, false)}`);
  console.log(`  ${'  of which the query vault'.padEnd(52)} p50 ${String(Math.round(queries.vaultMs)).padStart(5)} ms`);
  console.log(`  how      the query vault built and every query run and rendered to HTML as the site does (src/site/site-queries.ts), ${queries.runs} runs; against ${against}`);
  console.log(`  vault    ${queries.docs.toLocaleString('en')} generated docs + ${base} base blocks, ${baseEmbeds} .base embeds, ${dataview} dataview blocks in ${queries.queryDocs} index docs; ${queries.rows.toLocaleString('en')} rows; the check finds no problem in them`);
}

function printLsp(lsp: LspBench | { failure: string }, coldCheckS: number | undefined): void {
  console.log('\nLanguage server (shipshape lsp)\n');
  if ('failure' in lsp) {
    console.log(`  FAILED ${lsp.failure}`);
    return;
  }
  const row = (label: string, spread: Spread, target?: number) =>
    `  ${label.padEnd(52)} p50 ${String(Math.round(spread.p50)).padStart(4)} ms   p95 ${String(Math.round(spread.p95)).padStart(4)} ms${target === undefined ? '' : `   ≤ ${target} ms   ${verdict(spread.p95 <= target, false)}`}`;
  console.log(row(`one-character edit → its diagnostics (${lsp.oneCharacter.count})`, lsp.oneCharacter, lspTargets.oneCharacter));
  console.log(row(`link or heading edit → all affected (${lsp.structural.count})`, lsp.structural, lspTargets.structural));
  console.log(row(`completion while typing (${lsp.completion.count})`, lsp.completion, lspTargets.completion));
  console.log(row(`through the protocol, edit → published (${lsp.published.count})`, lsp.published));
  const ready = lsp.protocolColdReadyMs / 1000;
  const ratio = coldCheckS === undefined ? '—' : fmtRatio(ready, coldCheckS);
  console.log(`  ready, cold cache: spawn → first diagnostics ${ready.toFixed(2)} s vs cold check ${fmtSeconds(coldCheckS)} (${ratio}; no slower: ${verdict(coldCheckS === undefined ? undefined : ready <= coldCheckS, false)}) · warm cache ${(lsp.protocolReadyMs / 1000).toFixed(2)} s · in process ${(lsp.coldMs / 1000).toFixed(2)} s`);
  console.log(`  memory    rss ${fmtBytes(lsp.rssBytes)} (≤ 1 GB: ${verdict(lsp.rssBytes <= lspTargets.rssBytes, false)})`);
  console.log(`  engine    the edits run in process on the server's engine (src/lsp/workspace.ts), without the 50 ms debounce; ${lsp.docs.toLocaleString('en')} generated docs`);
}

// ───────────────────────────── metrics ─────────────────────────────

/**
 * `npm run metrics` as a user runs it: through npm when the bench runs under npm (npm_execpath), else the same
 * entry npm would start. The process tree (npm, its shell, node and its workers) is sampled for memory.
 */
async function benchMetrics(tmp: string, count: number, seed: number, runs: number, rssFile: string): Promise<Measure> {
  const vault = path.join(tmp, 'metrics-vault');
  process.stderr.write(`Generating ${count.toLocaleString('en')} runs in ${vault}…\n`);
  const started = performance.now();
  const generated = await writeMetricsVault(vault, { runs: count, seed });
  const generateSeconds = (performance.now() - started) / 1000;
  const args = ['--content', vault, '--format', 'json', '--from', metricsWindow.from, '--to', metricsWindow.to];
  const npm = process.env.npm_execpath;
  const command = npm ? [npm, 'run', '--silent', 'metrics', '--', ...args] : ['--disable-warning=ExperimentalWarning', cliEntry, 'metrics', ...args];
  const metrics = await measure('npm run metrics', runs, () => runNode(command, repoRoot, rssFile, { sampleTree: true }), (result) => (result.exitCode === 0 ? metricsSanity(result.stdout) : exitFailure(result) ?? `exit ${result.exitCode}`));
  const seconds = medianSeconds(metrics);
  const peak = buildPeakBytes(metrics);
  console.log('');
  console.log('Metrics bench');
  console.log(
    `  data    ${generated.runs.toLocaleString('en')} runs · ${generated.incidents.toLocaleString('en')} incidents · ${fmtBytes(generated.bytes)} NDJSON · seed ${seed} · generated in ${generateSeconds.toFixed(2)} s (not timed)`,
  );
  console.log(`  command ${npm ? 'npm run metrics --' : 'node src/cli/bin.mjs metrics (not under npm: no npm_execpath)'} ${args.join(' ')}`);
  console.log('');
  console.log(
    table([
      ['measure', 'shipshape', 'target', 'ratio', 'result'],
      ['metrics, wall time', fmtSeconds(seconds), `< ${targets.metricsSeconds} s`, fmtRatio(seconds, targets.metricsSeconds), verdict(seconds === undefined ? undefined : seconds < targets.metricsSeconds, failed(metrics))],
      ['peak memory (process tree)', fmtBytes(peak), `< ${fmtBytes(targets.metricsPeakBytes)}`, fmtRatio(peak, targets.metricsPeakBytes), verdict(peak === undefined ? undefined : peak < targets.metricsPeakBytes, failed(metrics))],
    ]),
  );
  console.log('');
  const each = metrics.failure !== undefined ? 'failed' : metrics.runs.map((r) => `${r.seconds.toFixed(2)} s / ${fmtBytes(Math.max(r.maxRssTreeBytes ?? 0, r.sampledTreeBytes ?? 0))}`).join(', ');
  console.log(`  runs    ${each} (median time; peak: the largest of each Node process's ru_maxrss and the tree's RSS sum sampled every 100 ms)`);
  return metrics;
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '3000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      // Builds take 20–60 s each on a 2-core machine, so one run each by default.
      'site-runs': { type: 'string', default: '1' },
      'no-site': { type: 'boolean', default: false },
      'metrics-runs': { type: 'string', default: '1000000' },
      'no-metrics': { type: 'boolean', default: false },
      'no-run-data': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const docs = Number(values.docs);
  const runs = Number(values.runs);
  const siteRuns = Number(values['site-runs']);
  const seed = Number(values.seed);
  const metricsRuns = Number(values['metrics-runs']);
  if (!Number.isInteger(docs) || docs < 10 || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(siteRuns) || siteRuns < 1 || !Number.isInteger(seed) || !Number.isInteger(metricsRuns) || metricsRuns < 1) {
    console.error('Usage: node scripts/bench.ts [--docs 3000] [--runs 3] [--site-runs 1] [--no-site] [--metrics-runs 1000000] [--no-metrics] [--no-run-data] [--seed 1] [--keep]');
    return 1;
  }

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-'));
  const vault = path.join(tmp, 'vault');
  const rssFile = path.join(tmp, 'rss.txt');
  // The baseline project must sit under the repo for `astro` to resolve; .bench/ is gitignored.
  let work: string | undefined;
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

    // Pre-commit with a baseline: record the whole vault's problems (a cache-warm run), then each run adds a link to
    // another doc to the edited one (so the cross-file pass runs again) and checks that file alone, as a hook does.
    const baselineFile = path.join(tmp, 'shipshape-baseline.json');
    const target = docPaths.find((p) => p !== edited)?.replace(/\.md$/, '').split('/').pop();
    const baselineWrite: Measure =
      warm.failure !== undefined || target === undefined
        ? { label: 'shipshape --baseline-write', runs: [], failure: warm.failure ?? 'no doc to link' }
        : await measure('shipshape --baseline-write', 1, () => ours(['--cache-dir', cacheDir, '--baseline', baselineFile, '--baseline-write']), checkOurs);
    const precommit: Measure =
      baselineWrite.failure !== undefined
        ? { label: 'shipshape pre-commit (1 file, baseline)', runs: [], failure: 'the baseline could not be written' }
        : await measure(
            'shipshape pre-commit (1 file, baseline)',
            runs,
            () => {
              edits++;
              appendFileSync(path.join(vault, edited!), `\nSee [[${target}]], added by the bench, run ${edits}.\n`);
              return ours(['--cache-dir', cacheDir, '--baseline', baselineFile, edited!]);
            },
            checkOurs,
          );

    // ── report ──
    const coldS = medianSeconds(cold);
    const mlS = medianSeconds(markdownlint);
    const warmS = medianSeconds(warm);
    const precommitS = medianSeconds(precommit);
    const coldPeak = peakBytes(cold);
    const mlPeak = peakBytes(markdownlint);
    const ratio = coldS !== undefined && mlS !== undefined ? coldS / mlS : undefined;

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
        ['pre-commit: 1 doc + link, baseline', fmtSeconds(precommitS), '—', '—', `≤ ${targets.precommitSeconds} s`, verdict(precommitS === undefined ? undefined : precommitS <= targets.precommitSeconds, failed(precommit))],
        ['peak memory (max RSS)', fmtBytes(coldPeak), fmtBytes(mlPeak), fmtRatio(coldPeak, mlPeak), `< ${fmtBytes(targets.peakBytes)}`, verdict(coldPeak === undefined ? undefined : coldPeak < targets.peakBytes, failed(cold))],
      ]),
    );
    console.log('');
    const each = (m: Measure): string => (m.failure !== undefined ? 'failed' : m.runs.map((r) => r.seconds.toFixed(2)).join(', ') + ' s');
    console.log(`  runs      cold: ${each(cold)} · markdownlint-cli2: ${each(markdownlint)} · warm: ${each(warm)} (populate: ${each(populate)})`);
    console.log(`            pre-commit with a baseline: ${each(precommit)} (--baseline-write: ${each(baselineWrite)})`);
    console.log(
      `  findings  shipshape: ${diagnostics?.toLocaleString('en') ?? '?'} diagnostics (exit ${firstCold?.exitCode ?? '—'}) · markdownlint-cli2: ${mlIssues?.toLocaleString('en') ?? '?'} issues (exit ${firstMl?.exitCode ?? '—'})`,
    );
    console.log(`  memory    max RSS over all runs, worker threads included (ru_maxrss via scripts/rss-probe.mjs); warm: ${fmtBytes(peakBytes(warm))}`);
    if (edited !== undefined) console.log(`  edited    ${edited}`);

    // `shipshape mv` of a doc linked from 200 others, in a git copy of the vault with a warm cache (scripts/bench-mv.ts).
    const mvRun = await benchMv({ files, dir: tmp, runs });
    const mvS = mvRun.seconds.length > 0 && mvRun.failure === undefined ? median(mvRun.seconds) : undefined;
    const mv: Measure = { label: 'shipshape mv', runs: [], ...(mvRun.failure === undefined ? {} : { failure: mvRun.failure }) };
    console.log(`  mv        ${fmtSeconds(mvS)} (target ≤ ${mvTargetSeconds} s: ${verdict(mvS === undefined ? undefined : mvS <= mvTargetSeconds, failed(mv))}) · ${mvRun.seconds.map((x) => x.toFixed(2)).join(', ')} s · a doc linked from 200 others moved and renamed: ${mvRun.links} links rewritten in ${mvRun.files} files`);

    // `shipshape lsp` on a vault of the same size (scripts/bench-lsp.ts: the engine in process, then the protocol).
    const lsp = await benchLsp(docs);
    printLsp(lsp, coldS);

    let site: SiteBench | undefined;
    let dev: DevBench | { failure: string } | undefined;
    if (!values['no-site']) {
      mkdirSync(path.join(repoRoot, '.bench'), { recursive: true });
      work = mkdtempSync(path.join(repoRoot, '.bench', 'bench-'));
      process.stderr.write(`Building the site and the Astro baseline (${work})…\n`);
      site = await benchSite(vault, tmp, work, siteRuns, rssFile);
      printSite(site, siteRuns);
      dev = await benchDev(docs);
      printDev(dev);
    }

    // After the site: its cold build is the whole the query pass is a share of.
    const queries = docs >= queriesMinDocs ? await benchQueries(docs) : undefined;
    if (queries) printQueries(queries, site ? medianSeconds(site.oursCold) : undefined);
    else console.log(`\nQueries (Bases and Dataview, at build time)\n\n  n/a: the queries need --docs ${queriesMinDocs} or more (19 service folders)`);

    const runData = values['no-run-data'] ? undefined : await benchRunData(tmp, [10_000, 100_000], seed, rssFile);
    if (runData) printRunData(runData);

    // Last: its 1 GB of NDJSON would otherwise sit in the page cache during the timings above.
    const metrics = values['no-metrics'] ? undefined : await benchMetrics(tmp, metricsRuns, seed, runs, rssFile);

    const failures = [cold, markdownlint, populate, warm, mv, baselineWrite, precommit, ...('failure' in lsp ? [{ label: 'shipshape lsp', runs: [], failure: lsp.failure }] : []), ...(queries && 'failure' in queries ? [{ label: 'query pass', runs: [], failure: queries.failure }] : []), ...(dev && 'failure' in dev ? [{ label: 'shipshape dev', runs: [], failure: dev.failure }] : []), ...(metrics ? [metrics] : []), ...(runData ?? []).flatMap((p) => [p.check, p.metrics, p.build]), ...(site ? [site.baselineCold, site.baselineWarm, site.oursCold, site.oursWarm] : [])].filter(failed);
    for (const m of failures) console.log(`\n  FAILED ${m.label}: ${m.failure}`);
    if (site?.distFailure !== undefined) console.log(`\n  FAILED reading our dist: ${site.distFailure}`);
    if (values.keep) console.log(`\n  kept ${[tmp, work].filter((d) => d !== undefined).join(' and ')}`);
    return failures.length > 0 || site?.distFailure !== undefined ? 1 : 0;
  } finally {
    if (!values.keep) {
      rmSync(tmp, { recursive: true, force: true });
      if (work !== undefined) rmSync(work, { recursive: true, force: true });
    }
  }
}

process.exitCode = await main();
