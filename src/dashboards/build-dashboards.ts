/**
 * The deployment dashboards as data: from runs, incidents and the environment tiers to headline tiles (each metric
 * against the previous window), weekly trends, what is deployed where, recent failures and incidents, a view per
 * service and per environment, and the runs that get pages of their own. One metrics accumulator answers every
 * window, so the cost is one pass over the run data whatever the number of tiles and charts. Pure: the time the
 * windows end at is an input.
 *
 * In: `buildDashboards({ runs, incidents, tierOf, config: { windowDays: 90, asOf: 'latest-run', … }, now })`
 * Out: `{ window: { from, to }, overall: { tiles: [{ definition, value: 2.1, previous: 1.8, … }], trends }, services: [...], deployed, runPages, … }`
 */
import { createMetricsAccumulator, metricsFor, type MetricsAccumulator, type ServiceMetrics } from '../runs/metrics.ts';
import { sameSha } from '../runs/shas.ts';
import { environmentTiers } from '../runs/tiers.ts';
import type { EnvironmentTier, Incident, Run } from '../runs/types.ts';
import type { DashboardsConfig } from '../vault/config-types.ts';
import { levelOf } from './benchmarks.ts';
import { metricChange, metricDefinitions, type MetricDefinition, type MetricKey } from './metric-definitions.ts';

const hour = 3_600_000;
const day = 24 * hour;
const week = 7 * day;

export interface Window {
  from: string;
  to: string;
}

export interface MetricTile {
  definition: MetricDefinition;
  value: number | null;
  previous: number | null;
  change: ReturnType<typeof metricChange>;
  /** The benchmark level, when the config names a benchmark. */
  level?: { level: string; source: string };
  /** What the figure is missing, in words. */
  notes: string[];
}

export interface TrendPoint {
  /** Week start, RFC 3339. */
  from: string;
  value: number | null;
}

export interface MetricTrend {
  definition: MetricDefinition;
  points: TrendPoint[];
}

export interface MetricsView {
  metrics: ServiceMetrics;
  tiles: MetricTile[];
  trends: MetricTrend[];
  /** Whole-view warnings (no production deployments, no production environment…). */
  warnings: string[];
}

export interface Deployed {
  service: string;
  environment: string;
  run: Run;
  /** Milliseconds from the deployment to `asOf`. */
  age: number;
}

export interface ServiceView extends MetricsView {
  name: string;
  /** The latest successful run per environment, environments in tier order. */
  deployed: Deployed[];
  recentRuns: Run[];
  incidents: Incident[];
}

export interface EnvironmentView {
  name: string;
  tier: EnvironmentTier;
  deployed: Deployed[];
  recentRuns: Run[];
  /** Runs per status in the window, per service: pipeline health. */
  outcomes: Array<{ service: string; success: number; failure: number; other: number }>;
}

export interface RunPage {
  run: Run;
  tier: EnvironmentTier;
  /** Incidents that name this run (id or sha) as their cause. */
  causedIncidents: Incident[];
  /** Incidents this run remediates (by `remediates`). */
  remediatedIncidents: Incident[];
  /** Runs that name this run in `remediates`. */
  remediatedBy: Run[];
  /** The service's previous and next run in the same environment. */
  previous?: Run;
  next?: Run;
}

export interface Dashboards {
  asOf: string;
  window: Window;
  previousWindow: Window;
  overall: MetricsView;
  services: ServiceView[];
  environments: EnvironmentView[];
  /** Environments in tier order (development → production → other), then by name. */
  environmentNames: string[];
  recentFailures: Run[];
  recentIncidents: Incident[];
  /** The latest `runPages` runs of each service, by id. */
  runPages: Map<string, RunPage>;
  runCount: number;
  incidentCount: number;
  /** Metrics of one service (or all, `*`) over the `days` up to `asOf`, with `environment` as the only production one when given. */
  metricsView(query: { service?: string; environment?: string; days?: number }): MetricsView;
  /** The latest runs of a service and/or environment (all when neither), newest first. */
  recentRuns(query: { service?: string; environment?: string }, limit: number): Run[];
}

export interface DashboardInput {
  runs: readonly Run[];
  incidents: readonly Incident[];
  tierOf: (environment: string) => EnvironmentTier;
  config: DashboardsConfig;
  /** The build time: where windows end with `asOf: now`. */
  now: Date;
}

const recentLimit = 20;

/** When a run happened, for ordering: finished, else started, else never (first). Parsed once per run: sorts ask often. */
const runTimes = new WeakMap<Run, number>();
const runTime = (run: Run): number => {
  let at = runTimes.get(run);
  if (at === undefined) runTimes.set(run, (at = Date.parse(run.finishedAt ?? run.startedAt ?? '') || 0));
  return at;
};
const newestFirst = (a: Run, b: Run): number => runTime(b) - runTime(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Where the windows end: `now`, the day after the latest run (`latest-run`), or the configured time. */
export function asOfTime(config: DashboardsConfig, runs: readonly Run[], now: Date): number {
  if (config.asOf === 'now') return now.getTime();
  if (config.asOf !== 'latest-run') return Date.parse(config.asOf);
  let latest = -Infinity;
  for (const run of runs) {
    const at = run.finishedAt === undefined ? Number.NaN : runTime(run);
    if (at > latest) latest = at;
  }
  return Number.isFinite(latest) ? (Math.floor(latest / day) + 1) * day : now.getTime();
}

export function buildDashboards(input: DashboardInput): Dashboards {
  const { runs, incidents, tierOf, config } = input;
  const tierOfRun = (run: Run): EnvironmentTier => run.environmentTier ?? tierOf(run.environment);
  const to = asOfTime(config, runs, input.now);
  const windowMs = config.windowDays * day;
  const from = to - windowMs;
  const previousFrom = from - windowMs;
  const trendFrom = to - config.trendWeeks * week;
  const window = { from: iso(from), to: iso(to) };
  const previousWindow = { from: iso(previousFrom), to: iso(from) };

  // One accumulator answers every window a view shows (its own, the previous one, the trend's weeks); a block with
  // its own window or environment gets its own, built once per distinct pair.
  const accumulators = new Map<string, Figures>();
  function accumulatorFor(environment: string | undefined, days: number): Figures {
    const key = `${environment ?? ''}\0${days}`;
    let figures = accumulators.get(key);
    if (!figures) {
      const tierFor = environment === undefined ? tierOf : (name: string): EnvironmentTier => (name === environment ? 'production' : 'other');
      const start = Math.min(to - 2 * days * day, trendFrom);
      const accumulator = createMetricsAccumulator({ from: new Date(start), to: new Date(to), tierOf: tierFor });
      for (const run of runs) accumulator.addRun(environment === undefined ? run : { ...run, environmentTier: tierFor(run.environment) });
      for (const incident of incidents) accumulator.addIncident(incident);
      figures = figuresOf(accumulator);
      accumulators.set(key, figures);
    }
    return figures;
  }

  const servicesWithIncidents = new Set(incidents.map((incident) => incident.service));
  const productionEnvironments = new Set(runs.filter((run) => tierOfRun(run) === 'production').map((run) => run.environment));

  /** The metrics of one service (or all pooled) over the `days` up to `asOf`, against the `days` before, with weekly trends. */
  function view(service: string | undefined, environment: string | undefined, days: number): MetricsView {
    const figures = accumulatorFor(environment, days);
    const pick = (start: number, end: number): ServiceMetrics => {
      if (service === undefined) return figures.overall(start, end);
      // A service with no run or incident at all (a block naming it) has the metrics of no data.
      return figures.service(start, end, service) ?? metricsFor([], [], { from: new Date(start), to: new Date(end), services: [service] }).services[0]!;
    };
    const start = to - days * day;
    const current = pick(start, to);
    const previous = pick(start - days * day, start);
    const weeks = Array.from({ length: config.trendWeeks }, (_, i) => trendFrom + i * week);
    const weekly = weeks.map((weekStart) => pick(weekStart, weekStart + week));
    const warnings: string[] = [];
    if (environment === undefined && productionEnvironments.size === 0) {
      warnings.push(
        'No run is in a production-tier environment, so there are no deployments to measure: give the production environment’s doc `tier: production`, or name its tier in the config’s `environments`.',
      );
    } else if (current.deployments === 0) {
      warnings.push(`No ${environment === undefined ? 'production ' : ''}deployment in this window.`);
    }
    return {
      metrics: current,
      tiles: metricDefinitions.map((definition) => tile(definition, current, previous, service)),
      trends: metricDefinitions.map((definition) => ({
        definition,
        points: weeks.map((weekStart, i) => ({ from: iso(weekStart), value: weekly[i]![definition.key] })),
      })),
      warnings,
    };
  }

  function tile(definition: MetricDefinition, current: ServiceMetrics, previous: ServiceMetrics, service: string | undefined): MetricTile {
    const value = current[definition.key];
    const before = previous[definition.key];
    const notes = notesFor(definition.key, current, service);
    const level = config.benchmark ? levelOf(config.benchmark, definition.key, value) : undefined;
    return { definition, value, previous: before, change: metricChange(definition, value, before), ...(level ? { level } : {}), notes };
  }

  function notesFor(key: MetricKey, metrics: ServiceMetrics, service: string | undefined): string[] {
    const noIncidents = service === undefined ? servicesWithIncidents.size === 0 : !servicesWithIncidents.has(service);
    const { deployments, coverage } = metrics;
    switch (key) {
      case 'leadTimeHours': {
        const without = deployments - coverage.deploymentsWithCommits;
        if (deployments === 0 || without === 0) return [];
        return coverage.deploymentsWithCommits === 0
          ? ['No deployment in this window records its commits: import runs with their commits to measure lead time.']
          : [`Based on ${coverage.deploymentsWithCommits} of ${deployments} deployments: ${without} record no commits.`];
      }
      case 'changeFailRate':
        return noIncidents ? ['No incidents recorded: based on rollbacks and hotfixes only.'] : [];
      case 'recoveryTimeHours':
        return noIncidents ? ['No incidents recorded: measured to the remediating rollback or hotfix only.'] : [];
      default:
        return [];
    }
  }

  // Runs by service and environment, newest first.
  // Runs after `asOf` are the future of these pages (an archived `asOf`): they count nowhere. Sorted newest first
  // once, on times parsed once; the groups below keep that order.
  const past = runs
    .map((run) => ({ run, at: runTime(run) }))
    .filter(({ at }) => at < to)
    .sort((a, b) => b.at - a.at || (a.run.id < b.run.id ? 1 : a.run.id > b.run.id ? -1 : 0))
    .map(({ run }) => run);
  const byService = groupBy(past, (run) => run.service);
  const byEnvironment = groupBy(past, (run) => run.environment);
  // An environment's tier is what its runs say, when they say it, else what the docs, config or name say.
  const tierOfEnvironment = (name: string): EnvironmentTier => byEnvironment.get(name)?.find((run) => run.environmentTier)?.environmentTier ?? tierOf(name);
  const environmentNames = [...byEnvironment.keys()].sort(
    (a, b) => environmentTiers.indexOf(tierOfEnvironment(a)) - environmentTiers.indexOf(tierOfEnvironment(b)) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const serviceNames = [...new Set([...byService.keys(), ...incidents.map((incident) => incident.service)])].sort();

  const latestSuccess = new Map<string, Run>();
  for (const run of runs) {
    if (run.status !== 'success' || run.finishedAt === undefined || runTime(run) >= to) continue;
    const key = `${run.service}\0${run.environment}`;
    const seen = latestSuccess.get(key);
    if (!seen || newestFirst(run, seen) < 0) latestSuccess.set(key, run);
  }
  const deployedOf = (service: string, environment: string): Deployed | undefined => {
    const run = latestSuccess.get(`${service}\0${environment}`);
    return run && { service, environment, run, age: to - runTime(run) };
  };

  const incidentsNewestFirst = [...incidents].sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.id < b.id ? 1 : -1));
  const inWindow = (run: Run) => {
    const at = runTime(run);
    return at >= from && at < to;
  };

  const services: ServiceView[] = serviceNames.map((name) => ({
    name,
    ...view(name, undefined, config.windowDays),
    deployed: environmentNames.flatMap((environment) => deployedOf(name, environment) ?? []),
    recentRuns: (byService.get(name) ?? []).slice(0, recentLimit),
    incidents: incidentsNewestFirst.filter((incident) => incident.service === name),
  }));

  const environments: EnvironmentView[] = environmentNames.map((name) => {
    const list = byEnvironment.get(name)!;
    const outcomes = new Map<string, { service: string; success: number; failure: number; other: number }>();
    for (const run of list) {
      if (!inWindow(run)) continue;
      const row = outcomes.get(run.service) ?? { service: run.service, success: 0, failure: 0, other: 0 };
      if (run.status === 'success') row.success++;
      else if (run.status === 'failure') row.failure++;
      else row.other++;
      outcomes.set(run.service, row);
    }
    return {
      name,
      tier: tierOfEnvironment(name),
      deployed: serviceNames.flatMap((service) => deployedOf(service, name) ?? []),
      recentRuns: list.slice(0, recentLimit),
      outcomes: [...outcomes.values()].sort((a, b) => (a.service < b.service ? -1 : 1)),
    };
  });

  const runPages = new Map<string, RunPage>();
  const byId = new Map<string, Run>();
  for (const run of runs) if (!byId.has(run.id)) byId.set(run.id, run);
  const remediators = new Map<string, Run[]>();
  for (const run of runs) {
    for (const target of run.remediates ?? []) {
      const list = remediators.get(target);
      if (list) list.push(run);
      else remediators.set(target, [run]);
    }
  }
  const incidentsById = new Map(incidents.map((incident) => [incident.id, incident]));
  for (const [service, list] of byService) {
    // Each run's neighbours in its environment, newest first as `list` is.
    const neighbours = new Map<Run, { previous?: Run; next?: Run }>();
    const newest = new Map<string, Run>();
    for (const run of list) {
      const newer = newest.get(run.environment);
      neighbours.set(run, newer ? { next: newer } : {});
      if (newer) neighbours.get(newer)!.previous = run;
      newest.set(run.environment, run);
    }
    for (const run of list.slice(0, config.runPages)) {
      if (runPages.has(run.id) || byId.get(run.id) !== run) continue;
      const { previous, next } = neighbours.get(run)!;
      runPages.set(run.id, {
        run,
        tier: tierOfRun(run),
        causedIncidents: incidentsNewestFirst.filter((incident) => incident.service === service && incident.causedBy !== undefined && (incident.causedBy === run.id || sameSha(incident.causedBy, run.sha))),
        remediatedIncidents: (run.remediates ?? []).flatMap((id) => incidentsById.get(id) ?? []),
        remediatedBy: remediators.get(run.id) ?? [],
        ...(previous ? { previous } : {}),
        ...(next ? { next } : {}),
      });
    }
  }

  return {
    asOf: iso(to),
    window,
    previousWindow,
    overall: view(undefined, undefined, config.windowDays),
    services,
    environments,
    environmentNames,
    recentFailures: past.filter((run) => run.status === 'failure').slice(0, 10),
    recentIncidents: incidentsNewestFirst.filter((incident) => Date.parse(incident.openedAt) < to).slice(0, 10),
    runPages,
    runCount: runs.length,
    incidentCount: incidents.length,
    metricsView({ service, environment, days }) {
      return view(service, environment, days ?? config.windowDays);
    },
    recentRuns({ service, environment }, limit) {
      const list = service !== undefined ? byService.get(service) : environment !== undefined ? byEnvironment.get(environment) : past;
      return (list ?? []).filter((run) => environment === undefined || run.environment === environment).slice(0, limit);
    },
  };
}

/** An accumulator's reports by window, each computed once however many views ask (every service view asks for every week). */
interface Figures {
  overall(start: number, end: number): ServiceMetrics;
  service(start: number, end: number, name: string): ServiceMetrics | undefined;
}

function figuresOf(accumulator: MetricsAccumulator): Figures {
  const overall = new Map<string, ServiceMetrics>();
  const reports = new Map<string, Map<string, ServiceMetrics>>();
  const sub = (start: number, end: number) => ({ from: new Date(start), to: new Date(end) });
  return {
    overall(start, end) {
      const key = `${start}\0${end}`;
      let figures = overall.get(key);
      if (!figures) overall.set(key, (figures = accumulator.overall(sub(start, end))));
      return figures;
    },
    service(start, end, name) {
      const key = `${start}\0${end}`;
      let report = reports.get(key);
      if (!report) reports.set(key, (report = new Map(accumulator.result(sub(start, end)).services.map((s) => [s.service, s]))));
      return report.get(name);
    },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
