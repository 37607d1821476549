/**
 * The dashboards' HTML pieces (`src/dashboards/dashboard-html.ts`), parsed back with linkedom: run data is text,
 * never markup (hostile names come out escaped), only web URLs become links, and each piece has the structure its
 * readers rely on (no data, notes, one figure per metric with an accessible SVG and a data table, empty messages).
 *
 * In: a run whose service is `<img src=x onerror=alert(1)>` → `<a href="/deployments/services/…">&#x3C;img src=x onerror=alert(1)></a>`, no `<img>`
 */
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { buildDashboards } from '../../src/dashboards/build-dashboards.ts';
import {
  deployedMatrixHtml,
  formatAge,
  formatTime,
  incidentsTableHtml,
  runDuration,
  runsTableHtml,
  safeUrl,
  shortSha,
  tilesHtml,
  trendsHtml,
  type DashboardLinks,
} from '../../src/dashboards/dashboard-html.ts';
import { tierResolver } from '../../src/runs/tiers.ts';
import type { Incident, Run } from '../../src/runs/types.ts';

const evil = '<img src=x onerror=alert(1)>';

/** The HTML as a document, to query. */
function parse(html: string) {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}

/** No markup from data: no element that run data could have injected, no event handler attribute, no `<img` in the source. */
function expectInert(html: string): void {
  // Outside quoted attribute values (where `<` is inert), no tag starts from data.
  const markup = html.replace(/"[^"]*"/g, '""');
  expect(markup).not.toMatch(/<img/i);
  expect(markup).not.toMatch(/<script/i);
  const document = parse(html);
  expect(document.querySelectorAll('img, script, iframe, object').length).toBe(0);
  for (const element of document.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) expect(name).not.toMatch(/^on/i);
    const href = element.getAttribute('href');
    if (href !== null) expect(href).not.toMatch(/^\s*javascript:/i);
  }
}

const links: DashboardLinks = {
  service: (name) => `/deployments/services/${encodeURIComponent(name)}/`,
  environment: (name) => `/deployments/environments/${encodeURIComponent(name)}/`,
  run: (id) => (id.startsWith('r') || id === evil ? `/deployments/runs/${id}/` : undefined),
};

const config = { windowDays: 7, asOf: '2026-03-09T00:00:00Z', trendWeeks: 3, runPages: 10 };
const now = new Date('2026-03-20T00:00:00Z');

const hostileRun: Run = {
  id: evil,
  service: evil,
  environment: evil,
  environmentTier: 'production',
  status: 'success',
  sha: evil,
  finishedAt: '2026-03-05T10:00:00Z',
  actor: evil,
  kind: 'deploy',
  commits: [{ sha: evil, timestamp: '2026-03-05T08:00:00Z', message: evil }],
  labels: { version: evil },
  url: 'javascript:alert(1)',
};
const hostileIncident: Incident = {
  id: evil,
  service: evil,
  openedAt: '2026-03-05T11:00:00Z',
  severity: evil,
  causedBy: evil,
  title: evil,
  url: 'javascript:alert(1)',
};

describe('hostile run data is escaped', () => {
  const dashboards = buildDashboards({ runs: [hostileRun], incidents: [hostileIncident], tierOf: tierResolver([], {}), config, now });

  test.each<[string, () => string, boolean]>([
    // Tiles show no name from run data: nothing to escape, nothing injected.
    ['tiles', () => tilesHtml(dashboards.services[0]!), false],
    ['trends', () => trendsHtml(dashboards.services[0]!, evil), true],
    ['deployed matrix', () => deployedMatrixHtml(dashboards, links), true],
    ['runs table', () => runsTableHtml([hostileRun], links, evil), true],
    ['incidents table', () => incidentsTableHtml([hostileIncident], links, evil), true],
  ])('%s', (_, html, showsData) => {
    const output = html();
    expectInert(output);
    if (showsData) expect(output).toMatch(/&#x3C;img|&lt;img/);
  });

  test('the hostile strings are shown as text', () => {
    const runs = parse(runsTableHtml([hostileRun], links, 'Runs'));
    const cells = [...runs.querySelectorAll('tbody td')].map((td) => td.textContent);
    // Service, environment, commit and actor columns read the strings as written.
    expect(cells.slice(1, 3)).toStrictEqual([evil, evil]);
    expect(cells.slice(5)).toStrictEqual([evil, evil]);
    const incidents = parse(incidentsTableHtml([hostileIncident], links, 'Incidents'));
    expect(incidents.querySelector('tbody tr td:nth-child(2)')!.textContent).toBe(`${evil}: ${evil}`);
    const matrix = parse(deployedMatrixHtml(dashboards, links));
    expect(matrix.querySelector('.version')!.textContent).toBe(evil);
    expect(matrix.querySelector('tbody th')!.textContent).toBe(evil);
  });

  test('hostile names in links are attribute values, not markup', () => {
    const matrix = parse(deployedMatrixHtml(dashboards, links));
    expect(matrix.querySelector('tbody th a')!.getAttribute('href')).toBe(links.service(evil));
    expect(matrix.querySelector('thead th a')!.getAttribute('href')).toBe(links.environment(evil));
    expect(matrix.querySelector('tbody td code a')!.getAttribute('href')).toBe(`/deployments/runs/${evil}/`);
  });
});

describe('safeUrl', () => {
  test.each<[string | undefined, string | undefined]>([
    ['https://status.example.com/incidents/1', 'https://status.example.com/incidents/1'],
    ['http://ci.example.com/run/2', 'http://ci.example.com/run/2'],
    ['HTTPS://EXAMPLE.COM/', 'HTTPS://EXAMPLE.COM/'],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['//evil.example.com/', undefined],
    ['/relative/path', undefined],
    ['ftp://example.com/', undefined],
    ['https:evil', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });
});

describe('incidentsTableHtml', () => {
  const base: Incident = { id: 'inc-1', service: 'api', openedAt: '2026-03-05T11:00:00Z', title: 'Checkout down' };

  test.each<[string, string | undefined, string | null]>([
    ['an https url is a link', 'https://status.example.com/1', 'https://status.example.com/1'],
    ['a javascript: url is not a link', 'javascript:alert(1)', null],
    ['no url, no link', undefined, null],
  ])('%s', (_, url, href) => {
    const document = parse(incidentsTableHtml([{ ...base, ...(url ? { url } : {}) }], links, 'Incidents'));
    const cell = document.querySelector('tbody td:nth-child(2)')!;
    expect(cell.textContent).toBe('inc-1: Checkout down');
    const anchor = cell.querySelector('a');
    expect(anchor?.getAttribute('href') ?? null).toBe(href);
    if (anchor) expect(anchor.getAttribute('rel')).toBe('nofollow noopener');
  });

  test('open incidents are marked; a cause with a run page links to it, a sha reads abbreviated', () => {
    const sha = 'abcdef1234567890abcdef1234567890abcdef12';
    const document = parse(
      incidentsTableHtml(
        [
          { ...base, id: 'inc-2', causedBy: 'r-17' },
          { ...base, id: 'inc-1', causedBy: sha, resolvedAt: '2026-03-05T13:30:00Z' },
        ],
        links,
        'Incidents',
      ),
    );
    const rows = [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toStrictEqual([
      ['2026-03-05 11:00 UTC', 'inc-2: Checkout down', 'api', '', 'open', 'r-17'],
      ['2026-03-05 11:00 UTC', 'inc-1: Checkout down', 'api', '', '2026-03-05 13:30 UTC', 'abcdef1'],
    ]);
    expect(document.querySelector('tbody tr td:last-child a')!.getAttribute('href')).toBe('/deployments/runs/r-17/');
    expect(document.querySelector('.status-open')!.textContent).toBe('open');
    expect(document.querySelector('caption')!.textContent).toBe('Incidents');
  });
});

test.each([
  ['abcdef1234567890abcdef1234567890abcdef12', 'abcdef1'],
  ['ABCDEF123456', 'ABCDEF1'],
  ['abcdef12345', 'abcdef12345'],
  ['v1.2.3', 'v1.2.3'],
])('shortSha(%j) → %j', (sha, expected) => {
  expect(shortSha(sha)).toBe(expected);
});

describe('empty tables', () => {
  test.each<[string, string, string]>([
    ['runs', runsTableHtml([], links, 'Runs'), 'No runs recorded.'],
    ['incidents', incidentsTableHtml([], links, 'Incidents'), 'No incidents recorded.'],
  ])('%s', (_, html, message) => {
    const document = parse(html);
    expect(document.querySelector('table')).toBeNull();
    expect(document.querySelector('p.empty')!.textContent).toBe(message);
  });
});

describe('tiles, trends and the deployed matrix', () => {
  const runs: Run[] = [
    { id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'a'.repeat(40), finishedAt: '2026-03-05T10:00:00Z', labels: { version: '1.4.0' } },
    { id: 'r2', service: 'api', environment: 'staging', status: 'success', sha: 'b'.repeat(40), finishedAt: '2026-03-04T10:00:00Z' },
    { id: 'r3', service: 'web', environment: 'staging', status: 'success', sha: 'c'.repeat(40), finishedAt: '2026-03-08T12:00:00Z' },
  ];
  const dashboards = buildDashboards({ runs, incidents: [], tierOf: tierResolver([], {}), config, now });

  test('tiles: "no data" for null, the change, the notes', () => {
    const document = parse(tilesHtml(dashboards.overall));
    const tiles = [...document.querySelectorAll('article.tile')];
    expect(tiles.map((t) => t.getAttribute('data-metric'))).toStrictEqual(['deployment-frequency', 'lead-time', 'change-fail-rate', 'recovery-time', 'rework-rate']);
    const value = (metric: string) => document.querySelector(`[data-metric="${metric}"] .tile-value`)!.textContent;
    expect(value('deployment-frequency')).toBe('1/week');
    expect(value('lead-time')).toBe('no data');
    expect(value('change-fail-rate')).toBe('0%');
    expect(value('recovery-time')).toBe('no data');
    expect(document.querySelector('[data-metric="deployment-frequency"] .tile-change')!.textContent).toBe('up from 0 (previous window: 0/day)');
    expect(document.querySelector('[data-metric="deployment-frequency"] .tile-change')!.getAttribute('class')).toContain('trend-better');
    const notes = [...document.querySelectorAll('[data-metric="change-fail-rate"] .tile-note')];
    expect(notes.map((n) => [n.getAttribute('role'), n.textContent])).toStrictEqual([['note', 'No incidents recorded: based on rollbacks and hotfixes only.']]);
    expect(document.querySelectorAll('[data-metric="lead-time"] .tile-note').length).toBe(1);
    expect(document.querySelectorAll('.dashboard-warning').length).toBe(0);
  });

  test('tiles: only one metric, and the view’s warnings above', () => {
    const document = parse(tilesHtml(dashboards.metricsView({ environment: 'dev' }), 'lead-time'));
    expect([...document.querySelectorAll('article.tile')].map((t) => t.getAttribute('data-metric'))).toStrictEqual(['lead-time']);
    expect(document.querySelector('p.dashboard-warning')!.textContent).toBe('No deployment in this window.');
  });

  test('trends: one figure per metric, an accessible SVG and a table of every week', () => {
    const document = parse(trendsHtml(dashboards.overall, 'all services'));
    const figures = [...document.querySelectorAll('figure')];
    expect(figures).toHaveLength(5);
    const labels = ['Deployment frequency', 'Change lead time', 'Change fail rate', 'Failed deployment recovery time', 'Deployment rework rate'];
    figures.forEach((figure, i) => {
      expect(figure.querySelector('figcaption')!.textContent).toBe(`${labels[i]}, weekly — all services`);
      const svg = figure.querySelector('svg');
      expect(svg!.getAttribute('role')).toBe('img');
      expect(svg!.getAttribute('aria-label')).toBe(`${labels[i]} per week`);
      // One name for the image: no label on its parts (a label on a plain group is not allowed).
      expect(svg!.querySelectorAll('[aria-label]')).toHaveLength(0);
      expect(svg!.querySelector('desc')!.textContent).toMatch(/^\d+ of 3 weeks with data/);
      expect(figure.querySelectorAll('tbody tr').length).toBe(3);
    });
    const table = (i: number) => [...figures[i]!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(table(0)).toStrictEqual([
      ['2026-02-16', '0/day'],
      ['2026-02-23', '0/day'],
      ['2026-03-02', '1/week'],
    ]);
    expect(table(1)).toStrictEqual([
      ['2026-02-16', 'no data'],
      ['2026-02-23', 'no data'],
      ['2026-03-02', 'no data'],
    ]);
    expect(table(2)[2]).toStrictEqual(['2026-03-02', '0%']);
  });

  test('trends: only one metric', () => {
    const document = parse(trendsHtml(dashboards.overall, 'api', 'rework-rate'));
    expect(document.querySelectorAll('figure').length).toBe(1);
    expect(document.querySelector('svg')!.getAttribute('aria-label')).toBe('Deployment rework rate per week');
  });

  const matrix = (filter?: { service?: string; environment?: string }) => {
    const document = parse(deployedMatrixHtml(dashboards, links, filter));
    const head = [...document.querySelectorAll('thead th')].map((th) => th.textContent);
    const rows = [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    return { head, rows, empty: document.querySelector('p.empty')?.textContent };
  };

  test.each<[string, { service?: string; environment?: string } | undefined, string[], string[][]]>([
    [
      'everything',
      undefined,
      ['Service', 'staging', 'prod'],
      [
        ['api', 'bbbbbbb4.6 d ago', 'aaaaaaa 1.4.03.6 d ago'],
        ['web', 'ccccccc12 h ago', '—'],
      ],
    ],
    ['one service', { service: 'web' }, ['Service', 'staging', 'prod'], [['web', 'ccccccc12 h ago', '—']]],
    [
      'one environment',
      { environment: 'prod' },
      ['Service', 'prod'],
      [
        ['api', 'aaaaaaa 1.4.03.6 d ago'],
        ['web', '—'],
      ],
    ],
  ])('deployed matrix: %s', (_, filter, head, rows) => {
    expect(matrix(filter)).toStrictEqual({ head, rows, empty: undefined });
  });

  test('deployed matrix: an empty cell is marked, a filter matching nothing says so', () => {
    const document = parse(deployedMatrixHtml(dashboards, links, { environment: 'prod' }));
    expect(document.querySelector('td.empty')!.textContent).toBe('—');
    expect(matrix({ service: 'nope' }).empty).toBe('No deployments recorded.');
    expect(matrix({ environment: 'nowhere' }).empty).toBe('No deployments recorded.');
  });
});

describe('times', () => {
  test.each<[string | undefined, string]>([
    ['2026-11-19T14:07:59Z', '2026-11-19 14:07 UTC'],
    ['2026-11-19T16:07:00+02:00', '2026-11-19 14:07 UTC'],
    ['not a time', '—'],
    [undefined, '—'],
  ])('formatTime(%j) → %j', (time, expected) => {
    expect(formatTime(time)).toBe(expected);
  });

  test.each<[number, string]>([
    [30 * 60_000, '30 min ago'],
    [5 * 3_600_000, '5 h ago'],
    [3 * 86_400_000, '3 d ago'],
    [-1, 'in the future'],
  ])('formatAge(%d) → %j', (ms, expected) => {
    expect(formatAge(ms)).toBe(expected);
  });

  const timed = (startedAt: string | undefined, finishedAt: string | undefined): Run => ({
    id: 'r1',
    service: 'api',
    environment: 'prod',
    status: 'success',
    sha: 'abc',
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
  });
  test.each<[string | undefined, string | undefined, string | undefined]>([
    ['2026-03-05T10:00:00Z', '2026-03-05T10:00:42Z', '42 s'],
    ['2026-03-05T10:00:00Z', '2026-03-05T10:12:00Z', '12 min'],
    ['2026-03-05T10:00:00Z', '2026-03-05T12:30:00Z', '2.5 h'],
    ['2026-03-05T10:00:00Z', '2026-03-05T09:00:00Z', undefined],
    [undefined, '2026-03-05T10:00:00Z', undefined],
    ['2026-03-05T10:00:00Z', undefined, undefined],
  ])('runDuration(%j → %j) → %j', (startedAt, finishedAt, expected) => {
    expect(runDuration(timed(startedAt, finishedAt))).toBe(expected);
  });
});
