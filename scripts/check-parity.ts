/**
 * Holds a refactor to "behaviour stays": saves `check --format json` of some vaults before the change, and compares
 * after it, byte for byte. Each vault is checked by the CLI as a user runs it, without the cache.
 *
 * In:  node scripts/check-parity.ts --save /tmp/parity content ../shared/seed ../shared/corpora/ops-vault-sample
 *      … refactor …
 *      node scripts/check-parity.ts --compare /tmp/parity content ../shared/seed ../shared/corpora/ops-vault-sample
 * Out: one line per vault, `same` or `DIFFERS` with the first differing line; exit 1 when any differs or is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const repoRoot = resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({ options: { save: { type: 'string' }, compare: { type: 'string' } }, allowPositionals: true });
const dir = values.save ?? values.compare;
if (!dir || (values.save && values.compare) || positionals.length === 0) {
  process.stderr.write('usage: node scripts/check-parity.ts (--save DIR | --compare DIR) VAULT…\n');
  process.exit(2);
}

/** The check's JSON, pretty-printed so that a difference shows as a line. */
function checkJson(vault: string): string {
  const run = spawnSync(process.execPath, ['src/cli/bin.mjs', '--content', resolve(vault), '--format', 'json', '--no-cache'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`check of ${vault} exited with ${run.status}: ${run.stderr}`);
  return `${JSON.stringify(JSON.parse(run.stdout), null, 1)}\n`;
}

const fileOf = (vault: string) => join(dir, `${resolve(vault).replace(/[^\w.-]+/g, '_')}.json`);
let failed = false;
mkdirSync(dir, { recursive: true });
for (const vault of positionals) {
  const now = checkJson(vault);
  if (values.save) {
    writeFileSync(fileOf(vault), now);
    process.stdout.write(`saved  ${vault}\n`);
    continue;
  }
  if (!existsSync(fileOf(vault))) {
    process.stdout.write(`MISSING ${vault}: no saved check to compare with\n`);
    failed = true;
    continue;
  }
  const before = readFileSync(fileOf(vault), 'utf8');
  if (before === now) {
    process.stdout.write(`same   ${vault}\n`);
    continue;
  }
  failed = true;
  const a = before.split('\n');
  const b = now.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  process.stdout.write(`DIFFERS ${vault} at line ${line + 1}:\n  before: ${a[line]}\n  after:  ${b[line]}\n`);
}
process.exitCode = failed ? 1 : 0;
