/**
 * The site model built from the publish fixture: a doc left out leaves no trace in any part of the model that
 * pages are made from (the build's own list of what it left out aside), in either publishing mode.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import { buildSite, type SiteModel } from '../../src/site/build-site.ts';
import type { SiteConfig } from '../../src/vault/config-types.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { tempVault } from '../helpers/temp-vault.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
const now = new Date('2026-11-27T00:00:00Z');

async function siteOf(options: { configFile?: string; content?: string; site?: Partial<SiteConfig> }): Promise<SiteModel> {
  const loaded = await loadConfig({ cwd: fixtures, ...options });
  const config = { ...loaded, site: { ...loaded.site, ...options.site } };
  const analysis = await analyzeVault({ config, cacheDir: false, render: true });
  return buildSite(analysis, config, { dashboards: { dashboards: config.dashboards, environments: config.environments, now } });
}

/** Everything pages are made from, as text: Maps as entries; the build log's list and the config (its globs) left out. */
function pagesData(site: SiteModel): string {
  const { leftOut: _leftOut, config: _config, ...rest } = site;
  return JSON.stringify(rest, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value));
}

describe('the site model of a vault with docs left out', () => {
  it('holds nothing of them: pages, backlinks, tags, folders, graph, recent, health, dashboards, checklists', async () => {
    const site = await siteOf({ configFile: 'publish-vault.config.json' });
    expect(site.pages.map((page) => page.path).sort()).toEqual([
      'environments/production.md',
      'index.md',
      'notes/Notiz über Rollback.md'.normalize('NFD'),
      'runbooks/rollback.md',
      'services/checkout-api.md',
    ]);
    expect(pagesData(site).match(/zqsecret[\w-]*/gi) ?? []).toEqual([]);
    // What the fixture's left-out docs would have added, were they published:
    expect(site.tags.map((tag) => tag.name)).toEqual(['ops']);
    expect(site.folders.map((folder) => folder.path).sort()).toEqual(['', 'environments', 'notes', 'runbooks', 'services']);
    expect(site.pages.find((page) => page.path === 'runbooks/rollback.md')!.backlinks.map((link) => link.title)).toEqual(['checkout-api', 'Publish scope fixture']);
    expect(site.dashboards!.serviceDocs.get('checkout-api')!.map((link) => link.title).sort()).toEqual(['checkout-api']);
    expect(site.checklists).toBeUndefined();
    expect(site.health.files).toBe(5);
  });

  it('with site.publish: "explicit", publishes only publish: true docs and the files they use', async () => {
    const content = tempVault({
      'index.md': '---\ntitle: Home\npublish: true\n---\n# Home\n\nSee [[zqsecret-notes|the notes]], ![[public.png]] and ![[zqsecret-notes]].\n',
      'zqsecret-notes.md': '---\ntitle: ZQSECRET-TITLE\ntags: [zqsecret-tag]\n---\n# ZQSECRET-TITLE\n\nZQSECRET-BODY links [[index]]. ![[zqsecret.png]]\n',
      'public.png': 'png',
      'zqsecret.png': 'png',
    });
    const site = await siteOf({ content, site: { publish: 'explicit' } });
    expect(site.pages.map((page) => page.path)).toEqual(['index.md']);
    expect(site.attachments.map((file) => file.path)).toEqual(['public.png']);
    expect(site.pages[0]!.html).toContain('<span class="unpublished">the notes</span>');
    expect(site.pages[0]!.html).toContain('and <span class="embed-unpublished">not published</span>.');
    expect(pagesData(site).match(/zqsecret[\w-]*/gi) ?? []).toEqual([]);
    expect(Object.fromEntries(site.leftOut.docs)).toEqual({ 'zqsecret-notes.md': 'not publish: true' });
    expect(Object.fromEntries(site.leftOut.files)).toEqual({ 'zqsecret.png': 'unused' });
  });

  it('publishes every file but the excluded ones with attachments: "all"', async () => {
    const content = tempVault({ 'index.md': '# Home\n', 'a.png': 'png', 'scripts/x.ts': 'ts', 'private/k.ini': 'ini' });
    const site = await siteOf({ content, site: { attachments: 'all', exclude: ['private/**'] } });
    expect(site.attachments.map((file) => file.path).sort()).toEqual(['a.png', 'scripts/x.ts']);
  });
});
