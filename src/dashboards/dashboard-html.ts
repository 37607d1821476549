/**
 * The dashboards' pieces as HTML: metric tiles, trend charts with their data tables, what is deployed where, run
 * and incident tables. Shared by the dashboard pages and the `dashboard` blocks in docs. Built as hast trees, so
 * every string from run data (service names, actors, commit messages…) is escaped by construction; only the
 * charts' SVG, drawn from numbers, is inserted as markup.
 *
 * In: `tilesHtml(dashboards.overall)` → `<div class="tiles"><article class="tile">…<p class="tile-value">2.1/day</p>…</article>…</div>`
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Incident, Run } from '../runs/types.ts';
import type { Deployed, Dashboards, MetricTile, MetricTrend, MetricsView } from './build-dashboards.ts';
import { trendSvg } from './charts.ts';
import { formatHours, formatMetric } from './metric-definitions.ts';

/** Where the dashboards' own pages are; `run` is undefined for a run without a page. */
export interface DashboardLinks {
  service(name: string): string;
  environment(name: string): string;
  run(id: string): string | undefined;
}

const render = (nodes: ElementContent | ElementContent[]): string =>
  toHtml({ type: 'root', children: Array.isArray(nodes) ? nodes : [nodes] } as Root, { allowDangerousHtml: true });

const raw = (value: string): ElementContent => ({ type: 'raw', value }) as unknown as ElementContent;

export const shortSha = (sha: string) => (/^[0-9a-f]{12,}$/i.test(sha) ? sha.slice(0, 7) : sha);

/** `2026-11-19 14:07 UTC`. */
export const formatTime = (time: string | undefined): string => {
  const ms = Date.parse(time ?? '');
  return Number.isNaN(ms) ? '—' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

export const formatAge = (ms: number): string => (ms < 0 ? 'in the future' : `${formatHours(ms / 3_600_000)} ago`);

/** The duration of a run from start to finish, when both are known. */
export const runDuration = (run: Run): string | undefined => {
  const ms = Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt ?? '');
  if (Number.isNaN(ms) || ms < 0) return undefined;
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : formatHours(ms / 3_600_000);
};

/** Only web links are links: run data may carry `javascript:` or anything else. */
export const safeUrl = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined);

function tile(tile: MetricTile): Element {
  const { definition } = tile;
  return h('article.tile', { dataMetric: definition.name }, [
    h('h3.tile-label', definition.label),
    h('p.tile-value', formatMetric(definition.key, tile.value)),
    h('p.tile-change', { className: [`trend-${tile.change.trend}`] }, [
      tile.change.text,
      tile.previous !== null ? ` (previous window: ${formatMetric(definition.key, tile.previous)})` : '',
    ]),
    ...(tile.level ? [h('p.tile-level', [h('span.badge', tile.level.level), ` per ${tile.level.source}`])] : []),
    ...tile.notes.map((note) => h('p.tile-note', { role: 'note' }, note)),
    h('p.tile-definition', definition.definition),
  ]);
}

/** Headline tiles, one per metric, and the view's warnings above them. */
export function tilesHtml(view: MetricsView, only?: string): string {
  const tiles = view.tiles.filter((t) => only === undefined || t.definition.name === only);
  return render([...warnings(view.warnings), h('div.tiles', tiles.map(tile))]);
}

function warnings(list: readonly string[]): Element[] {
  return list.map((text) => h('p.dashboard-warning', { role: 'note' }, text));
}

function trendFigure(trend: MetricTrend, caption: string): Element {
  const { definition } = trend;
  return h('figure.chart', [
    h('figcaption', caption),
    raw(trendSvg(trend)),
    h('details.chart-data', [
      h('summary', 'Data table'),
      h('table', [
        h('thead', h('tr', [h('th', { scope: 'col' }, 'Week from'), h('th', { scope: 'col' }, definition.label)])),
        h(
          'tbody',
          trend.points.map((point) => h('tr', [h('td', point.from.slice(0, 10)), h('td', formatMetric(definition.key, point.value))])),
        ),
      ]),
    ]),
  ]);
}

/** Weekly trend charts, each with its data table; `only` keeps one metric. */
export function trendsHtml(view: MetricsView, subject: string, only?: string): string {
  const trends = view.trends.filter((t) => only === undefined || t.definition.name === only);
  return render(h('div.charts', trends.map((trend) => trendFigure(trend, `${trend.definition.label}, weekly — ${subject}`))));
}

function runLink(run: Run, links: DashboardLinks, text: string): ElementContent {
  const url = links.run(run.id);
  return url ? h('a', { href: url }, text) : h('span', text);
}

const statusBadge = (status: string): Element => h('span.status', { className: [`status-${status.replace(/[^a-z]/g, '')}`] }, status);

function deployedCell(deployed: Deployed | undefined, links: DashboardLinks): Element {
  if (!deployed) return h('td.empty', '—');
  const { run } = deployed;
  return h('td', [
    h('code', runLink(run, links, shortSha(run.sha))),
    run.labels?.version ? [' ', h('span.version', run.labels.version)] : [],
    h('br'),
    h('span.age', { title: formatTime(run.finishedAt) }, formatAge(deployed.age)),
  ]);
}

/** Services × environments: the latest successful sha in each, with its age. */
export function deployedMatrixHtml(dashboards: Dashboards, links: DashboardLinks, filter: { service?: string; environment?: string } = {}): string {
  const services = dashboards.services.filter((s) => filter.service === undefined || s.name === filter.service);
  const environments = dashboards.environmentNames.filter((e) => filter.environment === undefined || e === filter.environment);
  if (services.length === 0 || environments.length === 0) return render(h('p.empty', 'No deployments recorded.'));
  return render(
    h('div.table-scroll', h('table.deployed', [
      h('caption', 'What is deployed where: the latest successful run of each service in each environment'),
      h('thead', h('tr', [h('th', { scope: 'col' }, 'Service'), ...environments.map((e) => h('th', { scope: 'col' }, h('a', { href: links.environment(e) }, e)))])),
      h(
        'tbody',
        services.map((service) =>
          h('tr', [
            h('th', { scope: 'row' }, h('a', { href: links.service(service.name) }, service.name)),
            ...environments.map((environment) => deployedCell(service.deployed.find((d) => d.environment === environment), links)),
          ]),
        ),
      ),
    ])),
  );
}

/** Runs, newest first: when, service, environment, status, kind, sha, actor. */
export function runsTableHtml(runs: readonly Run[], links: DashboardLinks, caption: string): string {
  if (runs.length === 0) return render(h('p.empty', 'No runs recorded.'));
  return render(
    h('div.table-scroll', h('table.runs', [
      h('caption', caption),
      h('thead', h('tr', ['Finished', 'Service', 'Environment', 'Status', 'Kind', 'Commit', 'By'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        runs.map((run) =>
          h('tr', [
            h('td', runLink(run, links, formatTime(run.finishedAt ?? run.startedAt))),
            h('td', h('a', { href: links.service(run.service) }, run.service)),
            h('td', h('a', { href: links.environment(run.environment) }, run.environment)),
            h('td', statusBadge(run.status)),
            h('td', run.kind ?? 'deploy'),
            h('td', h('code', shortSha(run.sha))),
            h('td', run.actor ?? ''),
          ]),
        ),
      ),
    ])),
  );
}

/** Incidents, newest first, open ones marked. */
export function incidentsTableHtml(incidents: readonly Incident[], links: DashboardLinks, caption: string): string {
  if (incidents.length === 0) return render(h('p.empty', 'No incidents recorded.'));
  return render(
    h('div.table-scroll', h('table.incidents', [
      h('caption', caption),
      h('thead', h('tr', ['Opened', 'Incident', 'Service', 'Severity', 'Resolved', 'Caused by'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        incidents.map((incident) => {
          const url = safeUrl(incident.url);
          const name = incident.title ? `${incident.id}: ${incident.title}` : incident.id;
          return h('tr', [
            h('td', formatTime(incident.openedAt)),
            h('td', url ? h('a', { href: url, rel: 'nofollow noopener' }, name) : name),
            h('td', h('a', { href: links.service(incident.service) }, incident.service)),
            h('td', incident.severity ?? ''),
            h('td', incident.resolvedAt ? formatTime(incident.resolvedAt) : h('span.status.status-open', 'open')),
            h('td', incident.causedBy ? h('code', causeLink(incident.causedBy, links)) : ''),
          ]);
        }),
      ),
    ])),
  );
}

// A string, not a text node: hastscript takes a lone `{ type: 'text' }` object for properties (`<code type="text" value="…">`).
function causeLink(cause: string, links: DashboardLinks): ElementContent | string {
  const url = links.run(cause);
  return url ? h('a', { href: url }, cause) : shortSha(cause);
}
