/**
 * `unpublished-link` with the publish scope the config sets (the examples cover the frontmatter keys).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import type { SiteConfig } from '../../src/vault/config-types.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { checkFiles } from '../helpers/check-files.ts';

const report = async (files: Record<string, string>, site: Partial<SiteConfig>) =>
  (await checkFiles(files, { site })).filter((d) => d.rule === 'unpublished-link').map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`);

describe('unpublished-link', () => {
  it.each<[string, Record<string, string>, Partial<SiteConfig>, string[]]>([
    [
      'a link into a site.exclude folder, at info by default, and not a broken link',
      { 'index.md': 'See [[keys]].\n', 'private/keys.md': '# Keys\n' },
      { exclude: ['private/**'] },
      ['index.md:1:5 info Unpublished target of [[keys]]: private/keys.md is left out (site.exclude); the site shows the link as plain text'],
    ],
    [
      'a file site.exclude matches',
      { 'index.md': 'The [inventory](ops/inventory.ini).\n', 'ops/inventory.ini': '[prod]\n' },
      { exclude: ['**/*.ini'] },
      ['index.md:1:5 info Unpublished target of [inventory](ops/inventory.ini): ops/inventory.ini is left out (site.exclude); the site shows the link as plain text'],
    ],
    [
      'run data, which the site publishes as dashboards',
      { 'index.md': '![[deploys.ndjson]]\n', 'runs/deploys.ndjson': '' },
      {},
      ['index.md:1:1 info Unpublished target of ![[deploys.ndjson]]: runs/deploys.ndjson is left out (run data); the site shows “not published” in its place'],
    ],
    [
      'explicit publishing: a link from a published doc to one without publish: true',
      { 'index.md': '---\npublish: true\n---\nSee [[other]].\n', 'other.md': '# Other\n' },
      { publish: 'explicit' },
      ['index.md:4:5 info Unpublished target of [[other]]: other.md is left out (not publish: true); the site shows the link as plain text'],
    ],
    [
      'explicit publishing: a doc that is not published itself is not reported',
      { 'index.md': 'See [[other]].\n', 'other.md': '# Other\n' },
      { publish: 'explicit' },
      [],
    ],
    [
      'a template',
      { 'index.md': 'Start from [[templates/runbook|the template]].\n', 'templates/runbook.md': '# <% tp.file.title %>\n' },
      {},
      ['index.md:1:12 info Unpublished target of [[templates/runbook|the template]]: templates/runbook.md is left out (template); the site shows the link as plain text'],
    ],
  ])('%s', async (_, files, site, expected) => {
    expect(await report(files, site)).toEqual(expected);
  });

  it('leaves a link to an unpublished doc resolved: no broken-link', async () => {
    const all = await checkFiles({ 'index.md': 'See [[keys]].\n', 'private/keys.md': '# Keys\n' }, { site: { exclude: ['private/**'] } });
    expect(all.filter((d) => d.rule === 'broken-link')).toEqual([]);
  });

  it('follows a change of the publish scope through the cache: the cross-file pass runs again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-scope-cache-'));
    mkdirSync(join(dir, 'private'));
    writeFileSync(join(dir, 'index.md'), 'See [[keys]].\n');
    writeFileSync(join(dir, 'private/keys.md'), '# Keys\n');
    const config = await loadConfig({ cwd: dir, content: dir });
    const cacheDir = join(dir, '.cache');
    const rules = async (site: Partial<SiteConfig>) =>
      (await checkVault({ config: { ...config, site: { ...config.site, ...site } }, cacheDir })).diagnostics.map((d) => d.rule);
    expect(await rules({})).toEqual([]);
    expect(await rules({ exclude: ['private/**'] })).toEqual(['unpublished-link']);
    expect(await rules({})).toEqual([]);
  });
});
