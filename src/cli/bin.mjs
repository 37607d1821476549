#!/usr/bin/env node
/**
 * The `shipshape` command's one entry point: every command starts here. It checks the Node version first, then
 * loads the rest (start.mjs: caches, warnings, the dispatcher) by dynamic import.
 * Plain JavaScript that Node 20 and older can still load and run, so an old Node gets a sentence, not a stack trace:
 * start.mjs imports `enableCompileCache`, which Node 20 does not have, and would fail before any code of ours ran.
 *
 * In: `node src/cli/bin.mjs metrics --format json` on Node 20.20.2
 * Out: stderr `shipshape needs Node ≥ 22.18 (this is 20.20.2)…`, exit 2
 */
const needed = [22, 18];
// Tests only: pretend to be another Node version where no old Node binary is at hand.
const version = process.env.SHIPSHAPE_TEST_NODE_VERSION || process.versions.node;
const [major, minor] = version.split('.').map(Number);

if (major < needed[0] || (major === needed[0] && minor < needed[1])) {
  process.stderr.write(
    `shipshape needs Node ≥ ${needed.join('.')} (this is ${version}).\n` +
      'Install a newer Node with a version manager (nvm install 22, fnm install 22, volta install node@22),\n' +
      'from https://nodejs.org, or per project: npm install --save-dev node@22 (npm scripts then use it).\n',
  );
  process.exitCode = 2;
} else {
  await import('./start.mjs');
}
