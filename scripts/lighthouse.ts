/**
 * `npm run lighthouse`: builds the bundled vault (content/) as `npm run build` does, serves it as a static host
 * would, and runs Lighthouse on a home, a doc and a tag page, on desktop and on a throttled phone. Prints the four
 * category scores per page, marks any below 95 and names the audits that failed; exits 1 if a score is below 95.
 *
 * In:  npm run lighthouse [-- --dir dist] [--only desktop] [--dark] [--save reports/]
 * Out: page                       form     perf  a11y  b-p  seo
 *      /                          desktop   100   100  100  100
 *      …
 *
 * `--dir DIR` audits an already built site instead of building one (its canonical URLs then point wherever it was
 * built for); `--only desktop|mobile` runs one form factor; `--dark` audits the dark theme (Chromium reports a dark
 * system preference, which the site follows); `--save DIR` keeps each full report as JSON there.
 * Chromium is the system one (/usr/bin/chromium, or CHROMIUM_PATH), started here with a debugging port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { buildSite } from '../test/e2e/build.ts';
import { chromiumFlags, requireChromium } from '../test/e2e/chromium.ts';
import { serve } from '../test/e2e/serve.ts';

/** Site-relative paths of the pages audited: one of each kind the bundled vault has. */
const pages = ['', 'strategy/deployment-strategy/', 'tags/deployment/', 'deployments/', 'deployments/services/checkout-api/', 'checklists/production-deploy/'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const labels = ['perf', 'a11y', 'b-p', 'seo'];
const threshold = 95;
type FormFactor = 'desktop' | 'mobile';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    only: { type: 'string' },
    save: { type: 'string' },
    dark: { type: 'boolean' },
  },
});
const formFactors: FormFactor[] = values.only === 'desktop' || values.only === 'mobile' ? [values.only] : ['desktop', 'mobile'];

const executable = requireChromium();
const temp = await mkdtemp(join(tmpdir(), 'shipshape-lighthouse-'));
const siteDir = values.dir ? resolve(values.dir) : join(temp, 'site');
// The server starts first, so the build knows the origin it will be served from and writes canonical URLs for it
// (as a real deployment with `site.url` does). It reads files per request, so an empty folder is fine until then.
const server = await serve(siteDir);
let chrome: ChildProcess | undefined;
try {
  if (!values.dir) {
    process.stderr.write(`Building content/ into ${siteDir} …\n`);
    await buildSite({ outDir: siteDir, env: { SHIPSHAPE_SITE_URL: server.url } });
  }
  const started = await startChromium(executable, join(temp, 'profile'), values.dark ? ['--force-dark-mode'] : []);
  chrome = started.process;

  const rows: Row[] = [];
  for (const path of pages) {
    for (const formFactor of formFactors) {
      process.stderr.write(`Lighthouse: /${path} (${formFactor}) …\n`);
      rows.push(await audit(server.url + path, formFactor, started.port));
    }
  }
  process.stdout.write(report(rows));
  if (rows.some((row) => row.scores.some((score) => score < threshold))) process.exitCode = 1;
} finally {
  // Chromium writes to its profile until it has exited; removing the folder before that fails.
  if (chrome && chrome.exitCode === null) await new Promise((done) => chrome!.once('exit', done).kill());
  await server.close();
  await rm(temp, { recursive: true, force: true });
}

interface Row {
  path: string;
  formFactor: FormFactor;
  /** 0–100, in the order of `categories`. */
  scores: number[];
  /** Titles of the audits that failed, with the category they count in. */
  failed: string[];
}

async function audit(url: string, formFactor: FormFactor, port: number): Promise<Row> {
  const result = await lighthouse(
    url,
    { port, logLevel: 'error', output: 'json', onlyCategories: [...categories] },
    formFactor === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  if (values.save) {
    await mkdir(values.save, { recursive: true });
    const name = `${new URL(url).pathname.replace(/^\/|\/$/g, '').replaceAll('/', '_') || 'home'}.${formFactor}.json`;
    await writeFile(join(values.save, name), JSON.stringify(lhr, null, 2));
  }
  const failed: string[] = [];
  const scores = categories.map((id) => {
    const category = lhr.categories[id]!;
    for (const ref of category.auditRefs) {
      const result = lhr.audits[ref.id]!;
      // What the report shows as failed: scored audits below its "pass" mark of 0.9 (metrics that merely weigh in are not named).
      if (result.score !== null && result.score < 0.9 && (ref.weight > 0 || result.scoreDisplayMode === 'binary')) {
        failed.push(`${labels[categories.indexOf(id)]}: ${result.title}${result.displayValue ? ` (${result.displayValue})` : ''}`);
      }
    }
    return Math.round((category.score ?? 0) * 100);
  });
  return { path: `/${new URL(url).pathname.slice(1)}`, formFactor, scores, failed };
}

function report(rows: readonly Row[]): string {
  const width = Math.max(4, ...rows.map((row) => row.path.length)) + 2;
  const lines = [`${'page'.padEnd(width)}${'form'.padEnd(9)}${labels.map((label) => label.padStart(6)).join('')}`];
  for (const row of rows) {
    const cells = row.scores.map((score) => `${score < threshold ? '✗' : ' '}${score}`.padStart(6));
    lines.push(`${row.path.padEnd(width)}${row.formFactor.padEnd(9)}${cells.join('')}`);
  }
  const failing = rows.filter((row) => row.failed.length > 0);
  if (failing.length > 0) {
    lines.push('', 'Failed audits:');
    for (const row of failing) {
      lines.push(`  ${row.path} (${row.formFactor})`);
      for (const title of row.failed) lines.push(`    - ${title}`);
    }
  }
  const low = rows.some((row) => row.scores.some((score) => score < threshold));
  lines.push('', low ? `✗ marks a score below ${threshold}.` : `Every score is ${threshold} or more.`, '');
  return lines.join('\n');
}

/** Starts Chromium with a DevTools port the OS picks, and reads the port from the line Chromium prints. */
function startChromium(executable: string, profile: string, flags: string[]): Promise<{ process: ChildProcess; port: number }> {
  const child = spawn(executable, [...chromiumFlags, ...flags, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not open a DevTools port in 30 s:\n${output}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        done({ process: child, port: Number(port) });
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Chromium exited (${code}) before opening a DevTools port:\n${output}`));
    });
  });
}
