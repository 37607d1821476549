/**
 * Bases and Dataview queries on the site, from the fixture vault `test/fixtures/query-vault` (as of its config's
 * `queries.asOf`, 2026-12-01): each query's result table as a reader sees it, the publish scope (a doc under
 * `private/`, excluded, is never a row), what only Obsidian runs left as written, and a `.base` file as a page.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import type { SiteModel } from '../../src/site/build-site.ts';
import { loadSite } from '../../src/site/load-site.ts';
import { loadConfig } from '../../src/vault/config.ts';

let dir: string;
let site: SiteModel;
let result: CheckResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipshape-queries-'));
  cpSync(join(import.meta.dirname, '../fixtures/query-vault'), dir, { recursive: true });
  const config = await loadConfig({ cwd: dir, env: { SHIPSHAPE_CACHE_DIR: join(dir, '.cache') } });
  ({ site, result } = await loadSite(config));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const page = (path: string) => site.pages.find((p) => p.path === path)!;

/** Each query result on a page: its caption, and its rows as the text of their cells. */
function tables(html: string) {
  const { document } = parseHTML(`<body>${html}</body>`);
  return [...document.querySelectorAll('figure.query')].map((figure) => ({
    name: figure.querySelector('figcaption')?.textContent ?? undefined,
    rows: [...figure.querySelectorAll('tbody tr:not(.query-group):not(.query-summary), li')].map((row) =>
      [...row.querySelectorAll('th, td, label, a')].length > 0 && row.tagName === 'TR'
        ? [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())
        : [row.textContent!.replace(/\s+/g, ' ').trim()],
    ),
  }));
}

describe('queries on the site', () => {
  it('runs each query of a doc into the table a reader sees', () => {
    expect(tables(page('index.md').html)).toEqual([
      // ![[runbooks.base#Active]]: the Active view alone; days since review as of 2026-12-01.
      { name: 'Active', rows: [['failover.md', 'dba', '183'], ['rollback.md', 'sre', '11']] },
      // ```base: services without an owner.
      { name: 'Unowned services', rows: [['search.md']] },
      // ```dataview TABLE … FROM #runbook.
      { name: undefined, rows: [['failover', 'dba', 'active'], ['restore', 'dba', 'draft'], ['rollback', 'sre', 'active']] },
      // ```dataview TASK: the open tasks, each with its doc.
      { name: undefined, rows: [['Write the steps Restore'], ['Tell the team Rollback']] },
    ]);
  });

  it('never shows a doc the site does not publish', () => {
    const secret = /secret/i;
    for (const p of site.pages) expect(p.html).not.toMatch(secret);
  });

  it('leaves what only Obsidian runs as written, and says so as an info', () => {
    const html = page('index.md').html;
    expect(html).toContain('<code>dv.list(dv.pages("#runbook").file.link)</code>');
    expect(html).toContain('<code>= this.owner</code>');
    const queries = result.diagnostics.filter((d) => d.rule === 'dataview' || d.rule === 'bases');
    expect(queries.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      'index.md:26:1 info A dataviewjs block needs Obsidian: it is left as it is in the published site',
      'index.md:29:21 info An inline Dataview query (`= …`) needs Obsidian: it is left as it is in the published site',
    ]);
  });

  it('gives a .base file a page of its own, with every view, and does not copy it as a file', () => {
    const base = page('runbooks.base');
    expect(base.url).toBe('/runbooks.base/');
    expect(tables(base.html)).toEqual([
      { name: 'Active', rows: [['failover.md', 'dba', '183'], ['rollback.md', 'sre', '11']] },
      // Grouped by owner; each group ends with its Filled count.
      { name: 'By owner', rows: [['failover.md', 'active'], ['restore.md', 'draft'], ['rollback.md', 'active']] },
    ]);
    expect(base.html).toMatch(/<th scope="rowgroup"[^>]*>dba<\/th>[\s\S]*Filled<\/span> 2[\s\S]*>sre<\/th>[\s\S]*Filled<\/span> 1/);
    expect(site.attachments.map((a) => a.path)).not.toContain('runbooks.base');
    expect(page('index.md').html).toContain('<a href="/runbooks.base/" class="internal">the runbooks base</a>');
  });
});
