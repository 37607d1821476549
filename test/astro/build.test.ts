/**
 * `astro build` end to end, as CI runs it: the build fails on error diagnostics (printing them as `check` does),
 * a failed build leaves the previous output alone, and SHIPSHAPE_FAIL_ON=never publishes a messy vault whose
 * awkward file names still get working pages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteEnv } from '../helpers/site-env.ts';

const root = join(import.meta.dirname, '../..');

const vault = join(root, 'test/fixtures/site-vault');

function build(outDir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    cwd: root,
    env: siteEnv({ SHIPSHAPE_CONTENT: vault, ...env }),
    encoding: 'utf8',
    timeout: 180_000,
  });
}

describe('astro build', () => {
  it('fails on error diagnostics, prints them, and keeps the previous output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-build-')), 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'previous.html'), 'the last good build');
    const result = build(out, {});
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/Deployment Strategy\.md\s*\n\s*\d+:\d+\s+error\s+.*Missing Page.*broken-link/);
    expect(result.stderr + result.stdout).toContain('SHIPSHAPE_FAIL_ON=never');
    expect(readFileSync(join(out, 'previous.html'), 'utf8')).toBe('the last good build');
  }, 200_000);

  it('publishes a messy vault with SHIPSHAPE_FAIL_ON=never, replacing the previous output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-build-')), 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'previous.html'), 'the last good build');
    const result = build(out, { SHIPSHAPE_FAIL_ON: 'never' });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(out, 'previous.html'))).toBe(false);
    for (const page of ['index.html', 'deployment-strategy/index.html', 'odd-names/café-1/index.html', 'odd-names/long-heading/index.html', 'self-embed/index.html', 'tags/deployment/index.html', 'health/index.html', 'graph/index.html', '404.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    expect(existsSync(join(out, 'attachments/flow.svg'))).toBe(true);
    for (const page of ['deployments/index.html', 'deployments/services/checkout-api/index.html', 'deployments/environments/production/index.html', 'deployments/runs/run-1/index.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    expect(existsSync(join(out, 'runs/deploys.ndjson')), 'run data is not copied as a file').toBe(false);
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>http://localhost:4321/odd-names/caf%C3%A9-1/</loc>');
    const strategy = readFileSync(join(out, 'deployment-strategy/index.html'), 'utf8');
    // The frontmatter's script is text inside a quoted attribute (quotes escaped), never an element; the body's is gone.
    expect(strategy).toContain('<meta name="description" content="How code reaches production <script>alert(&quot;frontmatter&quot;)</script>">');
    expect(strategy).not.toContain('alert("frontmatter")');
    expect(strategy).not.toContain('alert("body")');
    const folder = readFileSync(join(out, 'odd-names/index.html'), 'utf8');
    expect(folder).toContain('href="/odd-names/café-1/"');
  }, 200_000);

  it('serves from a sub-path with canonical URLs and an absolute sitemap', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-build-')), 'dist');
    const result = build(out, { SHIPSHAPE_FAIL_ON: 'never', SHIPSHAPE_BASE: '/kb/', SHIPSHAPE_SITE_URL: 'https://ops.example.com' });
    expect(result.status, result.stderr).toBe(0);
    const strategy = readFileSync(join(out, 'deployment-strategy/index.html'), 'utf8');
    expect(strategy).toContain('<link rel="canonical" href="https://ops.example.com/kb/deployment-strategy/">');
    expect(strategy).toContain('href="/kb/runbooks/rollback/#steps"');
    expect(strategy).toMatch(/<link rel="stylesheet" href="\/kb\/_astro\//);
    expect(strategy).toContain('data-base="/kb/"');
    expect(strategy).not.toMatch(/(href|src)="\/(?!kb\/)/);
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://ops.example.com/kb/deployment-strategy/</loc>');
  }, 200_000);

  it('builds a vault without run data: no deployment pages, no link to them', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-build-')), 'dist');
    const result = build(out, { SHIPSHAPE_CONTENT: join(root, 'test/fixtures/clean') });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(existsSync(join(out, 'deployments'))).toBe(false);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('Deployments</a>');
  }, 200_000);

  it('uses the components and stylesheets site.components and site.css name', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-build-')), 'dist');
    const result = build(out, { SHIPSHAPE_CONFIG: join(root, 'test/fixtures/site-theme/shipshape.config.json') });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    const strategy = readFileSync(join(out, 'deployment-strategy/index.html'), 'utf8');
    expect(strategy).toContain('<a href="/">ACME · Themed KB</a>');
    expect(strategy).toMatch(/<li><a href="\/deployments\/">Deployments<\/a><\/li>.*<li><a href="\/health\/">Health<\/a><\/li>/s);
    expect(strategy).not.toContain('class="site-header"');
    expect(strategy).toMatch(/<footer class="team-footer"[^>]*>ACME operations · \d+ docs · on-call: #ops<\/footer>/);
    expect(strategy).toContain('Internal: Deployment Strategy.md');
    // The default doc page is still there, inside the override.
    expect(strategy).toContain('class="doc-header"');
    const css = readdirSync(join(out, '_astro')).filter((file) => file.endsWith('.css')).map((file) => readFileSync(join(out, '_astro', file), 'utf8')).join('\n');
    const ownAccent = css.indexOf('--accent:#1f6feb');
    const teamAccent = css.indexOf('--accent:#ff5501');
    expect(ownAccent).toBeGreaterThanOrEqual(0);
    expect(teamAccent, 'the team stylesheet comes after Shipshape\'s own').toBeGreaterThan(ownAccent);
  }, 200_000);

  it('fails when a page fails to render, and keeps the previous output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shipshape-build-')), 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'previous.html'), 'the last good build');
    const result = build(out, { SHIPSHAPE_CONFIG: join(root, 'test/fixtures/site-failing/shipshape.config.json') });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain('this page fails on purpose');
    expect(readFileSync(join(out, 'previous.html'), 'utf8')).toBe('the last good build');
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  }, 200_000);
});
