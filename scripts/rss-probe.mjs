/**
 * Peak-memory probe for scripts/bench.ts, preloaded into a child with
 * `NODE_OPTIONS=--import=<absolute path of this file>`.
 *
 * At exit the main thread appends `<pid> <ppid> <maxRSS KiB>` to the file named by
 * SHIPSHAPE_RSS_FILE. `process.resourceUsage().maxRSS` is getrusage(RUSAGE_SELF)'s
 * ru_maxrss: the whole process's peak resident set, so worker threads (which share
 * the process) are included. Node processes the child spawns load the probe too and
 * append their own line; the bench reports the child's line and the largest one.
 *
 * In:  SHIPSHAPE_RSS_FILE=/tmp/rss.txt NODE_OPTIONS=--import=/abs/scripts/rss-probe.mjs node app.js
 * Out: /tmp/rss.txt gains a line like `4242 4200 187344`
 */
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SHIPSHAPE_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    appendFileSync(file, `${process.pid} ${process.ppid} ${process.resourceUsage().maxRSS}\n`);
  });
}
