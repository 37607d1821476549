/**
 * The dev server on the bench vault (issue 14): how long a save in the vault takes to show on the open page. Starts
 * `astro dev` on a generated vault, opens a doc's page once (Vite compiles the routes), then saves that doc again and
 * again — a word of prose added, a link to a missing doc added — and times each save from the write to the moment the
 * page served has the change (what a browser's reload then shows; the reload's own request is the last of the polls).
 *
 * In: `node scripts/bench-dev.ts --docs 3000 --saves 20 [--json]`
 * Out: `save → page shows it (20): p50 310 ms, p95 420 ms`; with `--json`, one JSON object (what `npm run bench` reads).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateVault, writeVault } from './generate-vault.ts';
import { assignSlugs, pageUrl } from '../src/site/urls.ts';
import { astroEntry, astroEnv } from './bench-site.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '3000' }, saves: { type: 'string', default: '20' }, keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const repoRoot = path.resolve(import.meta.dirname, '..');
const docs = Number(values.docs);
const saves = Number(values.saves);

const root = mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-dev-'));
const vault = path.join(root, 'vault');
const files = generateVault({ docs, seed: 1 });
writeVault(vault, files);

const log = (text: string) => {
  if (!values.json) process.stdout.write(`${text}\n`);
};
const percentile = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)]!;

// A doc outside the templates folder, with prose to add to.
const docPaths = [...files.keys()].filter((file) => file.endsWith('.md') && !file.startsWith('templates/'));
const target = docPaths.find((file) => file.startsWith('services/')) ?? docPaths[0]!;
const slug = assignSlugs(docPaths).docs.get(target)!;
const port = 20_000 + Math.floor(Math.random() * 20_000);
const url = `http://127.0.0.1:${port}${pageUrl('/', slug)}`;

let output = '';
const server = spawn(process.execPath, [astroEntry(repoRoot), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
  cwd: repoRoot,
  env: { ...process.env, ...astroEnv, NO_COLOR: '1', SHIPSHAPE_CONTENT: vault, SHIPSHAPE_CACHE_DIR: path.join(root, 'cache') },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.on('data', (chunk: Buffer) => (output += chunk));
server.stderr.on('data', (chunk: Buffer) => (output += chunk));

const page = async (): Promise<string | undefined> => {
  try {
    const response = await fetch(url);
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
};
const until = async (test: (html: string) => boolean, seconds: number): Promise<number> => {
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const html = await page();
    if (html !== undefined && test(html)) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // The log's end: its start is the check's report of every doc.
  throw new Error(`the page ${url} did not show the change within ${seconds} s; the end of the server's log:\n${output.split('\n').slice(-60).join('\n')}`);
};

try {
  const startMs = await until(() => true, 300);
  log(`${docs} docs; dev server up and ${target}'s page served after ${(startMs / 1000).toFixed(1)} s`);
  const original = readFileSync(path.join(vault, target), 'utf8');
  const times: number[] = [];
  const prose: number[] = [];
  const links: number[] = [];
  for (let i = 0; i < saves; i++) {
    // Prose and links alternately: a link to a missing doc changes the cross-file diagnostics too.
    const marker = i % 2 === 0 ? `benchword${i}` : `missing-bench-${i}`;
    const start = performance.now();
    if (i % 2 === 0) appendFileSync(path.join(vault, target), `\n${marker}\n`);
    else appendFileSync(path.join(vault, target), `\nSee [[${marker}]].\n`);
    await until((html) => html.includes(marker), 60);
    times.push(performance.now() - start);
    (i % 2 === 0 ? prose : links).push(performance.now() - start);
  }
  writeFileSync(path.join(vault, target), original);
  const figures = {
    docs,
    saves: times.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
    prose: { p50Ms: percentile(prose, 50), p95Ms: percentile(prose, 95) },
    links: { p50Ms: percentile(links, 50), p95Ms: percentile(links, 95) },
  };
  const ms = (value: number) => `${Math.round(value)} ms`;
  log(`save → page shows it (${times.length}): p50 ${ms(figures.p50Ms)}, p95 ${ms(figures.p95Ms)}, max ${ms(figures.maxMs)}`);
  log(`  prose saved (${prose.length}): p50 ${ms(figures.prose.p50Ms)}, p95 ${ms(figures.prose.p95Ms)}; a link saved (${links.length}): p50 ${ms(figures.links.p50Ms)}, p95 ${ms(figures.links.p95Ms)}`);
  if (process.env.BENCH_DEV_LOG) log(output);
  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  server.kill();
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
