/**
 * The published site in a real browser: the fixture vault `test/fixtures/site-vault` is built once (as
 * `npm run build` does, errors allowed), served as a static host serves it, and driven with Chromium the way a
 * reader would — clicking links, searching, toggling the theme. Every console error and page error of every visited
 * page is collected and must be none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build.ts';
import { chromiumFlags, requireChromium } from './chromium.ts';
import { serve, type StaticServer } from './serve.ts';

let outDir: string;
let server: StaticServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Console errors, uncaught page errors and failed requests, with the page they happened on. */
const problems: string[] = [];

beforeAll(async () => {
  const executablePath = requireChromium();
  outDir = await mkdtemp(join(tmpdir(), 'shipshape-e2e-'));
  await buildSite({ content: 'test/fixtures/site-vault', outDir, env: { SHIPSHAPE_FAIL_ON: 'never' } });
  server = await serve(outDir);
  browser = await chromium.launch({ executablePath, args: chromiumFlags, timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** A page in a fresh context (own storage), reporting everything that goes wrong on it into `problems`. */
async function open(path = ''): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request cut short by the next navigation (a hover preview, say) is not a failure of the site.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed on ${page.url()}: ${request.url()} ${request.failure()?.errorText}`);
  });
  const response = await page.goto(server.url + path);
  expect(response?.status(), `GET /${path}`).toBe(200);
  return page;
}

/** Clicks a link and waits until the page it leads to has loaded; returns that page's HTTP status. */
async function follow(page: Page, link: ReturnType<Page['locator']>): Promise<number> {
  const href = await link.getAttribute('href');
  expect(href, 'the link has an href').toBeTruthy();
  const target = new URL(href!, page.url());
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()),
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    link.click(),
  ]);
  await page.waitForLoadState('load');
  expect(new URL(page.url()).pathname).toBe(target.pathname);
  return response.status();
}

describe('the published site in a browser', () => {
  it('reaches the deployment strategy from the home page by clicking', async () => {
    const page = await open();
    expect(await page.locator('h1').textContent()).toBe('Operations Knowledge Base');
    const link = page.locator('main a', { hasText: 'Deployment Strategy' }).first();
    expect(await follow(page, link)).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/deployment-strategy/');
    const title = page.locator('article h1');
    await title.waitFor({ state: 'visible' });
    expect(await title.textContent()).toBe('Deployment Strategy');
    expect(await page.title()).toMatch(/^Deployment Strategy/);
  });

  it('follows the wikilink to the rollback steps, and the runbook shows where it is linked from', async () => {
    const page = await open('deployment-strategy/');
    const link = page.locator('.doc-body a.internal', { hasText: 'rollback steps' });
    expect(await follow(page, link)).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/runbooks/rollback/');
    expect(url.hash).toBe('#steps');
    const target = page.locator('#steps');
    expect(await target.evaluate((el) => el.tagName)).toBe('H2');
    expect(await target.textContent()).toBe('Steps');
    await page.waitForFunction(() => {
      const box = document.getElementById('steps')!.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    });

    const backlinks = page.locator('section.backlinks');
    expect(await backlinks.locator('h2').textContent()).toBe('Linked from');
    const from = backlinks.locator('li', { has: page.locator('a', { hasText: 'Deployment Strategy' }) });
    expect(await from.locator('a').getAttribute('href')).toBe('/deployment-strategy/');
    expect(await from.locator('blockquote').textContent()).toContain('When a canary fails we follow the rollback steps at once.');
  });

  it('finds a word that only one doc has, and the result links to that doc', async () => {
    const page = await open();
    await page.locator('#search button.search-open').click();
    const input = page.locator('#search input');
    await input.waitFor({ state: 'visible' });
    // "Redeploy" is only in the rollback runbook's steps (Pagefind matches prefixes, so not "deploy" elsewhere).
    await input.fill('redeploy');
    const results = page.locator('#search .pagefind-ui__result');
    await results.first().waitFor({ state: 'visible' });
    expect(await results.count()).toBe(1);
    const link = results.first().locator('a.pagefind-ui__result-link').first();
    expect(await link.textContent()).toBe('Rollback Runbook');
    expect(new URL((await link.getAttribute('href'))!, server.url).pathname).toBe('/runbooks/rollback/');
    expect(await follow(page, link)).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/runbooks/rollback/');
  });

  it('draws the mermaid diagram as an SVG in a figure', async () => {
    const page = await open('deployment-strategy/');
    // Diagrams are drawn when they near the viewport (in one step: the block may be replaced as we scroll).
    await page.evaluate(() => document.querySelector('.doc-body :is(pre.mermaid, figure.diagram)')?.scrollIntoView());
    const svg = page.locator('.doc-body figure.diagram svg');
    await svg.waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.locator('figure.diagram-error').count()).toBe(0);
    expect(await page.locator('pre.mermaid').count()).toBe(0);
    const text = await svg.textContent();
    for (const node of ['Merge', 'Canary', 'Production']) expect(text).toContain(node);
    // A theme switch redraws it in the other theme.
    const before = await svg.evaluate((el) => el.outerHTML);
    await page.locator('button.theme-toggle').click();
    await page.waitForFunction((old) => {
      const now = document.querySelector('.doc-body figure.diagram svg');
      return now !== null && now.outerHTML !== old;
    }, before);
    expect(await page.locator('figure.diagram-error').count()).toBe(0);
  });

  it('shows a link to a missing page as text with the reason, not as a link', async () => {
    const page = await open('deployment-strategy/');
    const missing = page.locator('.doc-body .unresolved', { hasText: 'Missing Page' });
    expect(await missing.evaluate((el) => el.tagName)).toBe('SPAN');
    expect(await missing.getAttribute('href')).toBeNull();
    expect(await missing.evaluate((el) => el.closest('a'))).toBeNull();
    expect(await missing.getAttribute('title')).toMatch(/Missing Page/);
    const before = page.url();
    let navigated = false;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigated = true;
    });
    await missing.click();
    await page.waitForTimeout(500);
    expect(navigated).toBe(false);
    expect(page.url()).toBe(before);
  });

  it('switches the theme and remembers the choice across a reload', async () => {
    const page = await open();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const first = await theme();
    expect(['light', 'dark']).toContain(first);
    const flipped = first === 'dark' ? 'light' : 'dark';
    const toggle = page.locator('button.theme-toggle');
    await toggle.click();
    expect(await theme()).toBe(flipped);
    expect(await toggle.getAttribute('aria-pressed')).toBe(String(flipped === 'dark'));
    await page.reload();
    expect(await theme()).toBe(flipped);
    await toggle.click();
    expect(await theme()).toBe(first);
  });

  it('opens the odd file name and the long heading from their folder page', async () => {
    const page = await open();
    expect(await follow(page, page.locator('main a', { hasText: 'odd names/' }).first())).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/odd-names/');
    for (const title of ['Café #1?', 'Long Heading']) {
      const folder = page.url();
      expect(await follow(page, page.locator('main .doc-list a', { hasText: title }))).toBe(200);
      expect(await page.locator('article h1').textContent()).toBe(title);
      // Nothing, not even a 10,000-character heading, may push the page wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.goto(folder);
    }
  });

  it('says that a note embeds itself instead of showing nothing', async () => {
    const page = await open();
    expect(await follow(page, page.locator('main a', { hasText: 'Self Embed' }).first())).toBe(200);
    const body = page.locator('.doc-body');
    const notice = body.locator('.embed-stopped');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('embeds itself');
    expect((await body.innerText()).trim()).toContain('This note embeds itself:');
  });

  it('goes from the deployments overview to a run of the service, with a chart and its data table', async () => {
    const page = await open();
    expect(await follow(page, page.locator('header a', { hasText: 'Deployments' }))).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Deployments');
    const chart = page.locator('figure.chart').first();
    expect(await chart.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Deployment frequency per week');
    await chart.locator('summary', { hasText: 'Data table' }).click();
    expect(await chart.locator('tbody tr').count()).toBe(26);
    expect(await follow(page, page.locator('table.deployed a', { hasText: 'checkout-api' }))).toBe(200);
    expect(await follow(page, page.locator('table.runs a', { hasText: '2026-11-04 10:10 UTC' }))).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Run run-3');
    expect(await page.locator('main').innerText()).toContain('Remediates:');
  });

  it('shows hostile run data as text: no element, no script, no javascript: link', async () => {
    const dialogs: string[] = [];
    const page = await open('deployments/runs/run-1/');
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const main = page.locator('main');
    const text = await main.innerText();
    expect(text).toContain('<img src=x onerror=alert(1)> fix checkout');
    expect(text).toContain("<script>alert('label')</script>");
    expect(text).toContain("<img src=x onerror=alert('incident')>");
    expect(await main.locator('img, script, b').count()).toBe(0);
    expect(await main.locator('a[href^="javascript:"]').count()).toBe(0);
    // Hover and click everything that would run a handler, had one been let through.
    for (const cell of await main.locator('td, dd').all()) await cell.hover();
    for (const other of ['deployments/', 'deployments/services/checkout-api/', 'services/checkout-api/']) {
      const next = await open(other);
      next.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      expect(await next.locator('main img[src="x"]').count()).toBe(0);
      await next.waitForTimeout(100);
    }
    await page.waitForTimeout(100);
    expect(dialogs).toEqual([]);
  });

  it('keeps a checklist’s ticks per service and commit, keyed by item id, across a reload', async () => {
    const page = await open('checklists/');
    expect(await follow(page, page.locator('main a', { hasText: 'Fixture deployment' }))).toBe(200);
    await page.fill('input[name="service"]', 'checkout-api');
    await page.fill('input[name="sha"]', '1111111');
    await page.check('input[data-item="target"]');
    await page.reload();
    expect(await page.inputValue('input[name="service"]')).toBe('checkout-api');
    expect(await page.isChecked('input[data-item="target"]')).toBe(true);
    expect(await page.isChecked('input[data-item="smoke"]')).toBe(false);
    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(JSON.parse(stored['shipshape:checklist:fixture-deploy:checkout-api@1111111']!)).toEqual(['target']);
    // Another commit has its own ticks; coming back finds them again.
    await page.fill('input[name="sha"]', '2222222');
    expect(await page.isChecked('input[data-item="target"]')).toBe(false);
    await page.fill('input[name="sha"]', '1111111');
    expect(await page.isChecked('input[data-item="target"]')).toBe(true);
    // Printed, the page keeps the checkboxes and adds signature lines, without the site's header.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.signatures').isVisible()).toBe(true);
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.locator('input[type="checkbox"]').count()).toBe(3);
  });

  it('had no console errors, page errors or failed requests on any page', async () => {
    // Give late errors (diagrams, search) a moment, then close everything so nothing is still loading.
    await new Promise((done) => setTimeout(done, 200));
    await Promise.all(contexts.map((context) => context.close()));
    expect(problems).toEqual([]);
  });
});
