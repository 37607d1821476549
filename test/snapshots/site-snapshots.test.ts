/**
 * The built site pinned, page by page: each fixture vault is analysed and built in-process, as `npm run build`
 * does, and every published doc's HTML, the model around the pages (backlinks, outgoing links, tables of contents,
 * folders, tags, the graph, health) and the dashboards' and checklists' HTML are compared with files under
 * `test/snapshots/<scenario>/`. A refactor that changes what readers get shows as a diff of those files; an intended
 * change is accepted with `npx vitest run test/snapshots -u` and reviewed in the diff.
 *
 * Deterministic: `now` is fixed, no git dates are read, no cache is used and the environment is empty.
 *
 * In: `test/fixtures/obsidian-syntax/notes/Callouts.md` → `test/snapshots/obsidian-syntax/pages/notes/callouts.html`
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checklistItemsHtml, evaluationHtml } from '../../src/checklists/checklist-html.ts';
import { deployedMatrixHtml, incidentsTableHtml, runsTableHtml, tilesHtml, trendsHtml } from '../../src/dashboards/dashboard-html.ts';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import { buildSite, type SiteModel } from '../../src/site/build-site.ts';
import { loadConfig } from '../../src/vault/config.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
const snapshots = import.meta.dirname;
const now = new Date('2026-11-27T00:00:00Z');

/** Each scenario: a fixture vault, with its config file (beside the vault, in `test/fixtures/`) when it has one. */
const scenarios: Array<{ name: string; content?: string; configFile?: string }> = [
  { name: 'site-vault', content: 'site-vault' },
  { name: 'publish-vault', configFile: 'publish-vault.config.json' },
  { name: 'obsidian-syntax', content: 'obsidian-syntax' },
  { name: 'run-data', configFile: 'run-data.config.json' },
  { name: 'messy-vault', configFile: 'messy-vault.config.json' },
  { name: 'sub-path', configFile: 'sub-path.config.json' },
];

async function siteOf(scenario: (typeof scenarios)[number]): Promise<SiteModel> {
  const config = await loadConfig({
    cwd: fixtures,
    env: {},
    ...(scenario.content ? { content: join(fixtures, scenario.content) } : {}),
    ...(scenario.configFile ? { configFile: scenario.configFile } : {}),
  });
  const analysis = await analyzeVault({ config, cacheDir: false, render: true, now });
  return buildSite(analysis, config, { dashboards: { dashboards: config.dashboards, environments: config.environments, now } });
}

/** Stable JSON: Maps as entries, Sets as arrays, functions left out; one trailing newline. */
function json(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v), 2)}\n`;
}

/** The files pinned for one site: `pages/<slug>.html` for each doc, JSON for the model, HTML for run data. */
function snapshotFiles(site: SiteModel): Map<string, string> {
  const files = new Map<string, string>();
  for (const { html, ...page } of site.pages) {
    files.set(`pages/${page.slug}.html`, `${html}\n`);
  }
  files.set('pages.json', json(site.pages.map(({ html: _html, ...page }) => page)));
  files.set('folders.json', json(site.folders));
  files.set('tags.json', json(site.tags));
  files.set('health.json', json(site.health));
  files.set('graph.json', json(site.graph));
  files.set(
    'site.json',
    json({
      config: site.config,
      attachments: site.attachments.map(({ file: _file, ...attachment }) => attachment),
      recent: site.recent,
      warnings: site.warnings,
      leftOut: site.leftOut,
    }),
  );
  const { dashboards, checklists } = site;
  if (dashboards) {
    const { model, links } = dashboards;
    files.set(
      'dashboards.json',
      json({
        overviewUrl: dashboards.overviewUrl,
        services: dashboards.services,
        environments: dashboards.environments,
        runPages: dashboards.runPages,
        serviceDocs: dashboards.serviceDocs,
        environmentDocs: dashboards.environmentDocs,
        model,
      }),
    );
    const metrics = (view: Parameters<typeof tilesHtml>[0], subject: string) => [tilesHtml(view), trendsHtml(view, subject)];
    files.set(
      'deployments/overview.html',
      page([
        ...metrics(model.overall, 'all services'),
        deployedMatrixHtml(model, links),
        runsTableHtml(model.recentFailures, links, 'The latest failed runs, all environments'),
        incidentsTableHtml(model.recentIncidents, links, 'The latest incidents'),
      ]),
    );
    for (const { name, slug } of dashboards.services) {
      const service = model.services.find((s) => s.name === name)!;
      files.set(
        `deployments/services/${slug}.html`,
        page([
          ...metrics(service, name),
          deployedMatrixHtml(model, links, { service: name }),
          runsTableHtml(service.recentRuns, links, `The latest runs of ${name}`),
          incidentsTableHtml(service.incidents.slice(0, 20), links, `The latest incidents of ${name}`),
        ]),
      );
    }
    for (const { name, slug } of dashboards.environments) {
      const environment = model.environments.find((e) => e.name === name)!;
      files.set(
        `deployments/environments/${slug}.html`,
        page([deployedMatrixHtml(model, links, { environment: name }), runsTableHtml(environment.recentRuns, links, `The latest runs in ${name}`)]),
      );
    }
    if (checklists) {
      for (const { name, slug } of dashboards.runPages.values()) {
        const { run } = model.runPages.get(name)!;
        const evaluations = checklists.forRun(run).map(({ checklist, evaluation }) => evaluationHtml(evaluation, checklist, checklists.links, checklist.title));
        if (evaluations.length > 0) files.set(`deployments/runs/${slug}.html`, page(evaluations));
      }
    }
  }
  if (checklists) {
    files.set('checklists.json', json({ indexUrl: checklists.indexUrl, checklists: checklists.checklists, definedIn: checklists.definedIn }));
    for (const { checklist, slug } of checklists.checklists) {
      files.set(`${slug}.html`, page([checklistItemsHtml(checklist, true, 'h2')]));
    }
  }
  return files;
}

/** The files already pinned for a scenario, relative to its folder. */
function pinnedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Pieces of one page, one to a paragraph, so a diff shows which piece changed. */
const page = (pieces: string[]) => `${pieces.join('\n\n')}\n`;

describe.each(scenarios)('the site of test/fixtures/$name', (scenario) => {
  it('matches its snapshot files', async () => {
    const files = snapshotFiles(await siteOf(scenario));
    for (const [file, text] of files) {
      await expect.soft(text).toMatchFileSnapshot(join(snapshots, scenario.name, file));
    }
    // A page that is gone leaves its file behind: delete it after checking that it should be gone.
    expect(pinnedFiles(join(snapshots, scenario.name)).filter((file) => !files.has(file))).toEqual([]);
  });
});
