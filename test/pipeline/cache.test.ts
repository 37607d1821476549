/**
 * The result cache never changes what a check reports: each step edits the vault, then a cached check must equal
 * a check without the cache — including for files that did not change but whose links did.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { analyzeVault, checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';

const vault = mkdtempSync(join(tmpdir(), 'shipshape-cache-vault-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'shipshape-cache-'));
afterAll(() => [vault, cacheDir].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const now = new Date('2026-11-27T12:00:00Z');
const run = (status: string) => `{"id":"r1","environment":"production","service":"api","status":"${status}","sha":"3f9c2a1","finishedAt":"2026-11-20T14:00:00Z"}`;

async function both(): Promise<{ cached: string[]; fresh: string[] }> {
  const config = await loadConfig({ cwd: process.cwd(), content: vault });
  const brief = (r: Awaited<ReturnType<typeof checkVault>>) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
  return {
    cached: brief(await checkVault({ config, cacheDir, now })),
    fresh: brief(await checkVault({ config, cacheDir: false, now })),
  };
}

test.each<[string, () => void, string[]]>([
  [
    'a first check',
    () => {
      writeFileSync(join(vault, 'a.md'), '# A\n\n## Steps\n\nText.\n');
      writeFileSync(join(vault, 'b.md'), '# B\n\nSee [[a#Steps]] and [[c]].\n');
    },
    ['b.md:3:21 broken-link'],
  ],
  ['an edit to prose only', () => writeFileSync(join(vault, 'a.md'), '# A\n\n## Steps\n\nMore text.\n'), ['b.md:3:21 broken-link']],
  [
    'a renamed heading breaks an anchor in an unchanged file',
    () => writeFileSync(join(vault, 'a.md'), '# A\n\n## Procedure\n\nMore text.\n'),
    ['b.md:3:5 broken-anchor', 'b.md:3:21 broken-link'],
  ],
  ['a new file mends a link of an unchanged file', () => writeFileSync(join(vault, 'c.md'), '# C\n'), ['b.md:3:5 broken-anchor']],
  ['a deleted file breaks it again', () => unlinkSync(join(vault, 'c.md')), ['b.md:3:5 broken-anchor', 'b.md:3:21 broken-link']],
  ['an unchanged vault', () => undefined, ['b.md:3:5 broken-anchor', 'b.md:3:21 broken-link']],
  [
    'a run file with a bad status',
    () => {
      mkdirSync(join(vault, 'runs'), { recursive: true });
      writeFileSync(join(vault, 'runs/a.ndjson'), `${run('failing')}\n`);
    },
    ['b.md:3:5 broken-anchor', 'b.md:3:21 broken-link', 'runs/a.ndjson:1:26 run-reference', 'runs/a.ndjson:1:49 run-reference', 'runs/a.ndjson:1:64 run-schema'],
  ],
  [
    // Same path, same size: only the bytes tell the cross-file pass that the run data changed.
    'the status fixed in place',
    () => writeFileSync(join(vault, 'runs/a.ndjson'), `${run('running')}\n`),
    ['b.md:3:5 broken-anchor', 'b.md:3:21 broken-link', 'runs/a.ndjson:1:26 run-reference', 'runs/a.ndjson:1:49 run-reference'],
  ],
])('after %s, cached and uncached checks agree', async (_, change, expected) => {
  change();
  const { cached, fresh } = await both();
  expect(fresh).toStrictEqual(expected);
  expect(cached).toStrictEqual(fresh);
});

test('facts read for another command (metrics) are not cached as check results', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-facts-only-'));
  const cache = mkdtempSync(join(tmpdir(), 'shipshape-facts-cache-'));
  try {
    writeFileSync(join(dir, 'prod.md'), '---\ntitle: Prod\ntype: environment\ntier: production\n---\n# Prod\n\n```mermaid\ngraph TD\n  A -->\n```\n');
    const config = await loadConfig({ cwd: process.cwd(), content: dir });
    const facts = await analyzeVault({ config, cacheDir: cache, factsOnly: true, now });
    expect(facts.facts.map((doc) => [doc.path, doc.frontmatter?.tier])).toEqual([['prod.md', 'production']]);
    expect(facts.result.diagnostics).toEqual([]);
    // A check after it still runs the rules: the facts-only read left nothing in the cache to pass for a result.
    expect((await checkVault({ config, cacheDir: cache, now })).diagnostics.map((d) => d.rule)).toContain('mermaid-syntax');
  } finally {
    [dir, cache].forEach((path) => rmSync(path, { recursive: true, force: true }));
  }
});
