/**
 * Which pages the integration injects: the optional sections only when the vault has them, and none at a fixed URL
 * where the project has a page of its own.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ownsPage, routesOf } from '../../src/astro/routes.ts';

const patterns = (site: Parameters<typeof routesOf>[0]) => routesOf(site).map((route) => route.pattern);

test('the deployment and checklist pages only for a vault that has run data and checklists', () => {
  expect(patterns(undefined)).toEqual(['/', '/[...slug]', '/tags', '/tags/[...tag]', '/graph', '/health', '/404']);
  const withBoth = patterns({ dashboards: {} as never, checklists: {} as never });
  expect(withBoth).toContain('/deployments/runs/[run]');
  expect(withBoth).toContain('/checklists/[checklist]');
  expect(patterns({ checklists: {} as never }).some((pattern) => pattern.startsWith('/deployments'))).toBe(false);
});

test('every route is a file of the package', () => {
  for (const route of routesOf({ dashboards: {} as never, checklists: {} as never })) expect(route.entrypoint).toMatch(/\/routes\/[\w-]+\.astro$/);
});

test("a project's own page at a fixed URL, as index or file, in any of Astro's page formats", () => {
  const pages = join(mkdtempSync(join(tmpdir(), 'shipshape-pages-')), 'src/pages');
  mkdirSync(join(pages, 'health'), { recursive: true });
  writeFileSync(join(pages, 'index.md'), '# Home\n');
  writeFileSync(join(pages, 'health/index.astro'), '<h1>ok</h1>\n');
  writeFileSync(join(pages, 'graph.html'), '<h1>graph</h1>\n');
  expect(ownsPage(pages, '/')).toBe(true);
  expect(ownsPage(pages, '/health')).toBe(true);
  expect(ownsPage(pages, '/graph')).toBe(true);
  expect(ownsPage(pages, '/tags')).toBe(false);
  expect(ownsPage(join(pages, 'missing'), '/')).toBe(false);
});
