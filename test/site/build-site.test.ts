import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import { buildSite, type DocPage, type SiteModel } from '../../src/site/build-site.ts';
import { maxEmbedDepth } from '../../src/site/link-html.ts';
import { loadConfig } from '../../src/vault/config.ts';

const vault = join(import.meta.dirname, '../fixtures/site-vault');

async function siteOf(env: Record<string, string> = {}): Promise<SiteModel> {
  const config = await loadConfig({ cwd: vault, content: vault, env });
  const analysis = await analyzeVault({ config, cacheDir: false, render: true });
  return buildSite(analysis, config, { dashboards: { dashboards: config.dashboards, environments: config.environments, now } });
}

const now = new Date('2026-11-27T00:00:00Z');

let site: SiteModel;
const page = (path: string): DocPage => {
  const found = site.pages.find((p) => p.path === path);
  if (!found) throw new Error(`no page for ${path}`);
  return found;
};

beforeAll(async () => {
  site = await siteOf();
});

describe('buildSite on the site fixture vault', () => {
  it('publishes every doc but the templates, at slugged URLs', () => {
    expect(site.pages.map((p) => p.url).sort()).toEqual([
      '/deployment-strategy/',
      '/embedded-section/',
      '/index/',
      '/odd-names/café-1/',
      '/odd-names/long-heading/',
      '/runbooks/rollback/',
      '/self-embed/',
      '/services/checkout-api/',
    ]);
  });

  it('links a wikilink with a heading to the heading’s id on the target page', () => {
    expect(page('Deployment Strategy.md').html).toContain('<a href="/runbooks/rollback/#steps" class="internal">rollback steps</a>');
  });

  it('renders a link to a missing doc as unresolved text that says why, not as a link', () => {
    const html = page('Deployment Strategy.md').html;
    expect(html).toMatch(/<span class="unresolved" title="No doc or file named “Missing Page” in this vault">Missing Page<\/span>/);
    expect(html).not.toMatch(/href="[^"]*missing/i);
  });

  it('lists backlinks with the linking sentence as context', () => {
    const backlink = page('runbooks/rollback.md').backlinks.find((b) => b.title === 'Deployment Strategy');
    expect(backlink?.url).toBe('/deployment-strategy/');
    expect(backlink?.contexts.join(' ')).toContain('When a canary fails we follow the rollback steps at once.');
    expect(page('Deployment Strategy.md').outgoing.map((o) => o.title)).toContain('Rollback Runbook');
  });

  it('transcludes exactly the embedded heading’s section, without its ids', () => {
    const html = page('Deployment Strategy.md').html;
    const embed = html.slice(html.indexOf('<div class="embed">'));
    expect(embed).toContain('Verify the health checks after each step.');
    expect(embed).not.toContain('Not part of the embed');
    expect(embed).not.toContain('Intro text');
    expect(embed.slice(0, embed.indexOf('</div></div>'))).not.toMatch(/ id="/);
  });

  it('shows a notice instead of repeating a note that embeds itself', () => {
    const html = page('Self Embed.md').html;
    expect(html).toContain('This note embeds itself here; it is not repeated.');
    expect(html.match(/class="embed[ "]/g)).toHaveLength(1);
  });

  it('embeds an image attachment with its size', () => {
    expect(page('Deployment Strategy.md').html).toContain('<img src="/attachments/flow.svg" alt="" width="300" loading="lazy" decoding="async">');
    expect(site.attachments.map((a) => a.url)).toContain('/attachments/flow.svg');
  });

  it('drops the body’s own level-1 title, shown once in the page header', () => {
    expect(page('runbooks/rollback.md').html).not.toMatch(/<h1/);
    expect(page('runbooks/rollback.md').toc.map((t) => t.text)).toEqual(['Rollback Runbook', 'Steps', 'Aftermath']);
  });

  it('takes metadata from the frontmatter and keeps HTML in it as text', () => {
    const strategy = page('Deployment Strategy.md');
    expect(strategy).toMatchObject({ owner: 'platform-team', status: 'active', created: '2026-01-05', updated: '2026-11-20', type: 'strategy' });
    expect(strategy.description).toBe('How code reaches production <script>alert("frontmatter")</script>');
    expect(strategy.tags.map((t) => t.url)).toEqual(['/tags/deployment/', '/tags/strategy/']);
  });

  it('removes scripts and event handlers from raw HTML in the body', () => {
    const html = page('Deployment Strategy.md').html;
    expect(html).toContain('<b>HTML</b>');
    expect(html).not.toMatch(/<script|onclick|alert\("body"\)/);
  });

  it('builds folder pages, tag pages, previous/next and the health summary', () => {
    const root = site.folders.find((f) => f.path === '')!;
    expect(root.folders.map((f) => f.title)).toEqual(['odd names', 'runbooks', 'services']);
    expect(site.tags.find((t) => t.name === 'deployment')?.docs.map((d) => d.title)).toEqual(['Deployment Strategy']);
    expect(page('odd names/Café #1?.md').next?.title).toBe('Long Heading');
    expect(site.health.byRule.find((r) => r.key === 'broken-link')?.errors).toBe(1);
    expect(site.health.worst[0]?.url).toBe('/deployment-strategy/');
  });

  it('handles a 10,000-character heading', () => {
    const long = page('odd names/Long Heading.md');
    expect(long.toc[1]?.text).toHaveLength(10_000);
    expect(long.html).toContain('Body after the long heading.');
  });

  it('puts every URL under the configured base path', async () => {
    const based = await siteOf({ SHIPSHAPE_BASE: 'kb' });
    const strategy = based.pages.find((p) => p.path === 'Deployment Strategy.md')!;
    expect(strategy.url).toBe('/kb/deployment-strategy/');
    expect(strategy.html).toContain('href="/kb/runbooks/rollback/#steps"');
    expect(strategy.html).toContain('src="/kb/attachments/flow.svg"');
    expect(strategy.tags[0]?.url).toBe('/kb/tags/deployment/');
  });
});

describe('buildSite on hostile vaults', () => {
  it('stops a 1,000-level embed chain at the depth limit, on every page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-chain-'));
    for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `n${i}.md`), `# Note ${i}\n\nLevel ${i}.\n\n${i < 999 ? `![[n${i + 1}]]` : 'The end.'}\n`);
    const config = await loadConfig({ cwd: dir, content: dir, env: {} });
    const chain = buildSite(await analyzeVault({ config, cacheDir: false, render: true }), config);
    const first = chain.pages.find((p) => p.path === 'n0.md')!;
    expect(first.html).toContain('Level 6.');
    expect(first.html).not.toContain('Level 7.');
    expect(first.html).toContain(`Embeds nest more than ${maxEmbedDepth} deep here; open the note to read on.`);
    expect(chain.pages.find((p) => p.path === 'n999.md')!.backlinks.map((b) => b.title)).toEqual(['Note 998']);
  }, 120_000);

  it('stops an embed loop between two notes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-loop-'));
    writeFileSync(join(dir, 'a.md'), '# A\n\nA text.\n\n![[b]]\n');
    writeFileSync(join(dir, 'b.md'), '# B\n\nB text.\n\n![[a]]\n');
    const config = await loadConfig({ cwd: dir, content: dir, env: {} });
    const loop = buildSite(await analyzeVault({ config, cacheDir: false, render: true }), config);
    const a = loop.pages.find((p) => p.path === 'a.md')!.html;
    expect(a).toContain('B text.');
    expect(a).toContain('This note embeds itself here; it is not repeated.');
    expect(a.match(/A text\./g)).toHaveLength(1);
  });
});

describe('deployment dashboards on the site fixture vault', () => {
  it('publishes an overview, a page per service and environment, and a page per run', () => {
    const dashboards = site.dashboards!;
    expect(dashboards.overviewUrl).toBe('/deployments/');
    expect(dashboards.services.map((s) => s.url)).toEqual(['/deployments/services/checkout-api/']);
    expect(dashboards.model.environmentNames).toEqual(['staging', 'production']);
    expect([...dashboards.runPages.values()].map((r) => r.url).sort()).toEqual([
      '/deployments/runs/run-1/',
      '/deployments/runs/run-2/',
      '/deployments/runs/run-3/',
      '/deployments/runs/run-4/',
    ]);
    expect(dashboards.serviceDocs.get('checkout-api')).toEqual([{ url: '/services/checkout-api/', title: 'checkout-api' }]);
  });

  it('links incidents to the run that caused them and the run that remediated them', () => {
    const runs = site.dashboards!.model.runPages;
    expect(runs.get('run-1')!.causedIncidents.map((i) => i.id)).toEqual(['INC-1']);
    expect(runs.get('run-3')!.remediatedIncidents.map((i) => i.id)).toEqual(['INC-1']);
    expect(runs.get('run-3')!.previous?.id).toBe('run-2');
  });

  it('draws the dashboard blocks of a doc from the run data, escaping what the runs say', () => {
    const html = page('services/checkout-api.md').html;
    expect(html).not.toContain('data-ss-dashboard');
    expect(html).toContain('<p class="tile-value">0.2/week</p>');
    expect(html).toContain('<a href="/deployments/runs/run-4/">2026-11-05 10:10 UTC</a>');
    // run-1's actor is markup: the table shows it as text.
    expect(html).toContain('<td>&#x3C;img src=x onerror=alert(1)></td>');
    expect(html).not.toContain('<img src=x');
  });

  it('publishes run data as dashboards, not as files', () => {
    expect(site.attachments.map((a) => a.path).filter((path) => /^(runs|incidents)\//.test(path))).toEqual([]);
  });

  it('has no dashboards without run data, and a block there says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-no-runs-'));
    writeFileSync(join(dir, 'a.md'), '# A\n\n```dashboard\nview: recent-runs\n```\n\n```dashboard\nmetric: lead-time\n```\n');
    const config = await loadConfig({ cwd: dir, content: dir });
    const analysis = await analyzeVault({ config, cacheDir: false, render: true });
    const empty = buildSite(analysis, config, { dashboards: { dashboards: config.dashboards, environments: config.environments, now } });
    expect(empty.dashboards).toBeUndefined();
    const html = empty.pages[0]!.html;
    expect(html).toContain('No runs recorded.');
    expect(html).toContain('<p class="tile-value">no data</p>');
    expect(html).toContain('No run is in a production-tier environment');
  });
});

describe('checklists on the site fixture vault', () => {
  it('publishes each checklist with where it is defined', () => {
    const checklists = site.checklists!;
    expect(checklists.indexUrl).toBe('/checklists/');
    expect(checklists.checklists.map((c) => [c.checklist.id, c.url])).toEqual([['fixture-deploy', '/checklists/fixture-deploy/']]);
    expect(checklists.definedIn.get('fixture-deploy')).toMatchObject({ url: '/services/checkout-api/', title: 'checkout-api' });
  });

  it('evaluates the checklists that apply to a production deployment as of when it finished', () => {
    const checklists = site.checklists!;
    const runs = site.dashboards!.model.runPages;
    const [first] = checklists.forRun(runs.get('run-1')!.run);
    expect(first!.evaluation.items.map((i) => [i.id, i.status])).toEqual([
      ['smoke', 'satisfied'],
      ['target', 'missing'], // run-1 is the first production deployment: nothing to roll back to
      ['signed-off', 'missing'],
    ]);
    expect(first!.evaluation.verdict).toBe('no-go');
    expect(checklists.forRun(runs.get('run-4')!.run)).toEqual([]); // staging
    expect(checklists.forRun(runs.get('run-2')!.run)).toEqual([]); // failed
  });

  it('draws a checklist block with its evaluation for the service’s latest production deployment, text escaped', () => {
    const html = page('services/checkout-api.md').html;
    expect(html).not.toContain('data-ss-checklist');
    expect(html).toContain('<a href="/checklists/fixture-deploy/">Fixture deployment</a>');
    expect(html).toContain('Smoke tests &#x3C;b>passed&#x3C;/b>');
    expect(html).toMatch(/class="evaluation verdict-(go|no-go)" data-checklist="fixture-deploy"/);
    expect(html).toContain('latest deployment, 2026-11-04');
  });
});

describe('checklists of manual items only', () => {
  it('are published, but not evaluated on every run page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-manual-'));
    writeFileSync(join(dir, 'rollback.md'), '# Rollback\n\n## Rollback checklist\n\n- [ ] Traffic drained ^drained\n- [ ] Incident opened\n');
    mkdirSync(join(dir, 'runs'));
    writeFileSync(join(dir, 'runs/r.ndjson'), '{"id":"p1","service":"api","environment":"production","status":"success","sha":"abc1234","finishedAt":"2026-11-20T10:00:00Z"}\n');
    const config = await loadConfig({ cwd: dir, content: dir });
    const analysis = await analyzeVault({ config, cacheDir: false, render: true });
    const manual = buildSite(analysis, config, { dashboards: { dashboards: config.dashboards, environments: config.environments, now } });
    expect(manual.checklists!.checklists.map((c) => c.checklist.id)).toEqual(['rollback-rollback-checklist']);
    expect(manual.checklists!.checklists[0]!.checklist.items.map((i) => i.id)).toEqual(['drained', 'incident-opened']);
    expect(manual.checklists!.forRun(manual.dashboards!.model.runPages.get('p1')!.run)).toEqual([]);
  });
});
