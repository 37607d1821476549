/**
 * DORA metrics per service over a window `[from, to)` of `finishedAt`, UTC, as pure functions over runs and incidents.
 * Streaming-friendly: `createMetricsAccumulator` takes runs and incidents one at a time, in any order, and keeps only
 * production deployments (compactly) and event times; `metricsFor` is the same over arrays. One accumulator answers
 * for any sub-window of its window (`result(sub)`, weekly buckets for dashboards) and for all services pooled
 * (`overall()`); accumulators fed on several threads combine with `state()` and `merge()` (`vault-metrics.ts`).
 *
 * In: `metricsFor(runs, incidents, { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' })`
 * Out: `{ version: 1, window: { from, to }, services: [{ service: 'api', deployments: 3, deploymentsPerDay: 0.4286, … }] }`
 *
 * Definitions (issue 4):
 * - deployment: a `success` run in a production-tier environment (any `kind`); `failure` runs there are `failedAttempts`;
 * - lead time: median hours from `commit.timestamp` to `finishedAt`, over commits shipped to the service's production
 *   for the first time (by any earlier production deployment, even before the window);
 * - change fail: an incident's `causedBy` names the deployment's id or sha (7 hex digits or more of it), or the next production deployment of the
 *   service is a `rollback` or `hotfix`;
 * - recovery: from a failed deployment's `finishedAt` to the latest `resolvedAt` of its incidents (all resolved),
 *   else to the `finishedAt` of the remediating next deployment; otherwise left out;
 * - rework: unplanned deployments (`planned: false`, or kind rollback/hotfix when `planned` is absent).
 * `null` means "no data", never 0. Rates are rounded to 4 decimals, hours to 2.
 */
import { tierOfTable } from './tiers.ts';
import type { EnvironmentTier, Incident, Run, RunCommit, RunKind } from './types.ts';

export interface MetricsOptions {
  /** Window start, inclusive (RFC 3339 or Date). */
  from: string | Date;
  /** Window end, exclusive (RFC 3339 or Date). */
  to: string | Date;
  /** Only these services (reported even without data); default every service seen. */
  services?: readonly string[];
  /** The tier of an environment without `environmentTier`; default: by `tiers`, else by its name (`tierFromName`). */
  tierOf?: (environment: string) => EnvironmentTier | undefined;
  /** Lower-cased environment name → tier, as the vault's environment docs and config say (`tierTable`): data, for worker threads. */
  tiers?: Readonly<Record<string, EnvironmentTier>>;
}

export interface ServiceMetrics {
  service: string;
  deployments: number;
  failedAttempts: number;
  deploymentsPerDay: number | null;
  deployDaysPerWeek: number | null;
  leadTimeHours: number | null;
  changeFailRate: number | null;
  recoveryTimeHours: number | null;
  reworkRate: number | null;
  coverage: { deploymentsWithCommits: number; incidents: number };
}

export interface MetricsReport {
  version: 1;
  window: { from: string; to: string };
  services: ServiceMetrics[];
}

/** A sub-window `[from, to)` of the accumulator's window. */
export interface SubWindow {
  from: string | Date;
  to: string | Date;
}

export interface MetricsAccumulator {
  addRun(run: Run): void;
  addIncident(incident: Incident): void;
  /**
   * The report over the accumulator's window, or over `window` inside it: the same as `metricsFor` over that window
   * with the same data. Throws a RangeError for a window not inside the accumulator's.
   */
  result(window?: SubWindow): MetricsReport;
  /**
   * All services (those `result` reports) pooled as one, `service: '*'`: counts summed, deploy days distinct over all
   * services, lead and recovery times the median over every service's values, rates over the summed counts.
   */
  overall(window?: SubWindow): ServiceMetrics;
  /**
   * What the accumulator holds, as columns: each string once in a table, numbers in typed arrays. Cheap to post to
   * another thread (`stateBuffers` can be transferred); a Map of a million objects takes seconds to clone.
   */
  state(): MetricsState;
  /** Adds another accumulator's `state()` (same window and services): as if its runs and incidents were added here. */
  merge(state: MetricsState): void;
}

/** An accumulator's data, for `merge`; its shape is this module's business. */
export interface MetricsState {
  from: number;
  to: number;
  /** Every string of the state, joined by \n when none contains one (one string clones at memory speed), else a list. */
  strings: string | string[];
  services: ServiceColumns[];
}

/** One service's data as columns; `…Ref` columns index the state's strings. */
interface ServiceColumns {
  serviceRef: number;
  /** Production deployments in the window, then the first after it when flagged `firstAfterFlag`. */
  deployments: { idRef: Uint32Array; shaRef: Uint32Array; at: Float64Array; kind: Uint8Array; flags: Uint8Array; commitCount: Uint32Array };
  /** The deployments' commits, in deployment order. */
  commits: { shaRef: Uint32Array; at: Float64Array };
  shippedBefore: { idRef: Uint32Array; shaRef: Uint32Array; at: Float64Array; commitCount: Uint32Array };
  /** The commit shas of `shippedBefore`, in its order. */
  shippedBeforeCommits: Uint32Array;
  failures: Float64Array;
  incidentsOpened: Float64Array;
  causes: { keyRef: Uint32Array; latestResolved: Float64Array; unresolved: Uint8Array };
}

const unplannedFlag = 1;
const firstAfterFlag = 2;
/** Kinds by code; a kind outside the list is coded as `deploy` (only rollback and hotfix mean anything here). */
const kinds: readonly RunKind[] = ['deploy', 'rollback', 'hotfix', 'config'];

/** The buffers of a state's typed arrays: pass them as postMessage's transfer list to move, not copy, them. */
export function stateBuffers(state: MetricsState): ArrayBuffer[] {
  return state.services.flatMap((columns) =>
    [
      ...Object.values(columns.deployments),
      ...Object.values(columns.commits),
      ...Object.values(columns.shippedBefore),
      columns.shippedBeforeCommits,
      columns.failures,
      columns.incidentsOpened,
      ...Object.values(columns.causes),
    ].map(
      (array: Uint8Array | Uint32Array | Float64Array) => array.buffer as ArrayBuffer,
    ),
  );
}

const hour = 3_600_000;
const day = 24 * hour;

/** The window of equal length just before `[from, to)`: call `metricsFor` with it for the "previous" column. */
export function previousWindow(options: Pick<MetricsOptions, 'from' | 'to'>): { from: string; to: string } {
  const from = toMs(options.from, 'from');
  const to = toMs(options.to, 'to');
  return { from: new Date(from - (to - from)).toISOString(), to: new Date(from).toISOString() };
}

/** The metrics of `runs` and `incidents` over one window. */
export function metricsFor(runs: Iterable<Run>, incidents: Iterable<Incident>, options: MetricsOptions): MetricsReport {
  const accumulator = createMetricsAccumulator(options);
  for (const run of runs) accumulator.addRun(run);
  for (const incident of incidents) accumulator.addIncident(incident);
  return accumulator.result();
}

/** A production deployment as kept in memory: what "next deployment" and first-shipped commits need. */
interface Deployment {
  id: string;
  sha: string;
  at: number;
  kind: RunKind;
  /** In the window only, when it lists commits: their shas, once each, and timestamps in ms (NaN: unreadable). */
  commitShas?: string[] | undefined;
  commitTimes?: number[] | undefined;
  unplanned: boolean;
}

/** A production deployment before the window: only what it shipped matters, for first-shipped commits. */
interface Shipment {
  at: number;
  id: string;
  sha: string;
  commitShas?: string[] | undefined;
}

/** What incidents say about one `causedBy` value. */
interface Cause {
  latestResolved: number;
  unresolved: boolean;
}

interface ServiceState {
  /** Production deployments in the window, in deployment order once `sorted`. */
  inWindow: Deployment[];
  sorted: boolean;
  /** The earliest production deployment at or after `to`: the "next" of the window's last one. */
  firstAfter: Deployment | undefined;
  /** Production deployments before the window. */
  shippedBefore: Shipment[];
  /**
   * The window's commit shas → the earliest production deployment (time, id) that shipped each, over all time; built
   * when first needed (not per run: on worker threads that would be built twice), dropped when data is added.
   */
  firstShipped: Map<string, { at: number; id: string }> | undefined;
  /** `finishedAt` of failed production attempts in the window, ms; sorted once `sorted`. */
  failures: number[];
  /** `openedAt` of incidents opened in the window, ms; sorted once `sorted`. */
  incidentsOpened: number[];
  causes: Map<string, Cause>;
}

/** What one service's metrics are computed from, over one window: summable across services for `overall`. */
interface Figures {
  deployments: number;
  failedAttempts: number;
  deployDays: Set<number>;
  leadTimes: number[];
  recoveries: number[];
  failed: number;
  unplanned: number;
  withCommits: number;
  incidents: number;
}

function newState(): ServiceState {
  return { inWindow: [], sorted: true, firstAfter: undefined, shippedBefore: [], firstShipped: undefined, failures: [], incidentsOpened: [], causes: new Map() };
}

/** See `ServiceState.firstShipped`. */
function firstShippedOf(state: ServiceState): Map<string, { at: number; id: string }> {
  if (state.firstShipped) return state.firstShipped;
  const shipped = new Map<string, { at: number; id: string }>();
  const mark = (sha: string, position: { at: number; id: string }) => {
    const seen = shipped.get(sha);
    if (!seen || before(position, seen)) shipped.set(sha, position);
  };
  // Keys: the window's commits. Then every other shipping (a deployment's own sha, earlier deployments) of those.
  for (const deployment of state.inWindow) for (const sha of deployment.commitShas ?? []) mark(sha, deployment);
  for (const deployment of state.inWindow) if (shipped.has(deployment.sha)) mark(deployment.sha, deployment);
  for (const shipment of state.shippedBefore) {
    if (shipped.has(shipment.sha)) mark(shipment.sha, shipment);
    for (const sha of shipment.commitShas ?? []) if (shipped.has(sha)) mark(sha, shipment);
  }
  return (state.firstShipped = shipped);
}

function toMs(value: string | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid ${name} time: ${String(value)}`);
  return ms;
}

/** Deployment order: by `finishedAt`, then by id so that equal times order the same whatever the input order. */
function before(a: { at: number; id: string }, b: { at: number; id: string }): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

function byDeploymentOrder(a: Deployment, b: Deployment): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/** The index of the first item whose time is at or after `at`, in items sorted by time. */
function firstAtOrAfter<T>(items: readonly T[], at: number, timeOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timeOf(items[middle]!) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

const self = (at: number): number => at;

/** How many of the sorted `times` fall in `[from, to)`. */
function countIn(times: readonly number[], from: number, to: number): number {
  return firstAtOrAfter(times, to, self) - firstAtOrAfter(times, from, self);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function median(list: number[]): number | null {
  if (list.length === 0) return null;
  // A typed array sorts numerically, natively: several times faster than sort with a comparator.
  const values = Float64Array.from(list).sort();
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

/** The metrics of `figures` over a window of `days` days. */
function metricsOf(service: string, figures: Figures, days: number): ServiceMetrics {
  const count = figures.deployments;
  const leadTime = median(figures.leadTimes);
  const recovery = median(figures.recoveries);
  return {
    service,
    deployments: count,
    failedAttempts: figures.failedAttempts,
    deploymentsPerDay: round(count / days, 4),
    deployDaysPerWeek: round(figures.deployDays.size / (days / 7), 4),
    leadTimeHours: leadTime === null ? null : round(leadTime, 2),
    changeFailRate: count === 0 ? null : round(figures.failed / count, 4),
    recoveryTimeHours: recovery === null ? null : round(recovery, 2),
    reworkRate: count === 0 ? null : round(figures.unplanned / count, 4),
    coverage: { deploymentsWithCommits: figures.withCommits, incidents: figures.incidents },
  };
}

/** Aggregates runs and incidents one at a time, in any order; `result()` can be called at any point. */
export function createMetricsAccumulator(options: MetricsOptions): MetricsAccumulator {
  const from = toMs(options.from, 'from');
  const to = toMs(options.to, 'to');
  if (to <= from) throw new RangeError(`Empty window: from ${String(options.from)} is not before to ${String(options.to)}`);
  const tierOf = options.tierOf ?? tierOfTable(options.tiers ?? {});
  const only = options.services ? new Set(options.services) : undefined;
  const states = new Map<string, ServiceState>();
  for (const service of options.services ?? []) states.set(service, newState());

  const stateOf = (service: string): ServiceState | undefined => {
    if (only && !only.has(service)) return undefined;
    let state = states.get(service);
    if (!state) states.set(service, (state = newState()));
    return state;
  };

  function addRun(run: Run): void {
    const state = stateOf(run.service);
    if (!state || run.finishedAt === undefined) return;
    if ((run.environmentTier ?? tierOf(run.environment)) !== 'production') return;
    const at = Date.parse(run.finishedAt);
    if (Number.isNaN(at)) return;
    if (run.status === 'failure') {
      if (at >= from && at < to) {
        state.failures.push(at);
        state.sorted = false;
      }
      return;
    }
    if (run.status !== 'success') return;
    const kind = run.kind ?? 'deploy';
    // Unvalidated input (the CLI's reader) may carry anything under `commits`: use the well-formed ones.
    const listed: unknown[] = Array.isArray(run.commits) ? run.commits : [];
    let commitShas: string[] | undefined;
    const commitTimes: number[] = [];
    for (const commit of listed as Partial<RunCommit>[]) {
      if (typeof commit?.sha !== 'string' || typeof commit.timestamp !== 'string') continue;
      commitShas ??= [];
      // Before the window only the sha matters.
      const committed = at < from ? Number.NaN : Date.parse(commit.timestamp);
      // A sha listed twice counts once, with its last readable timestamp.
      const index = commitShas.indexOf(commit.sha);
      if (index < 0) commitShas.push(commit.sha), commitTimes.push(committed);
      else if (!Number.isNaN(committed)) commitTimes[index] = committed;
    }
    if (at < from) {
      state.shippedBefore.push({ at, id: run.id, sha: run.sha, commitShas });
      state.firstShipped = undefined;
      return;
    }
    const unplanned = run.planned === undefined ? kind === 'rollback' || kind === 'hotfix' : !run.planned;
    if (at >= to) {
      // Later deployments never ship anything first for the window: only the next deployment matters.
      if (!state.firstAfter || before({ at, id: run.id }, state.firstAfter)) state.firstAfter = { id: run.id, sha: run.sha, at, kind, unplanned };
      return;
    }
    state.inWindow.push({ id: run.id, sha: run.sha, at, kind, commitShas, commitTimes: commitShas ? commitTimes : undefined, unplanned });
    state.sorted = false;
    state.firstShipped = undefined;
  }

  function addIncident(incident: Incident): void {
    const state = stateOf(incident.service);
    if (!state) return;
    const opened = Date.parse(incident.openedAt);
    if (opened >= from && opened < to) {
      state.incidentsOpened.push(opened);
      state.sorted = false;
    }
    if (incident.causedBy === undefined) return;
    const cause = state.causes.get(incident.causedBy) ?? { latestResolved: -Infinity, unresolved: false };
    const resolved = incident.resolvedAt === undefined ? Number.NaN : Date.parse(incident.resolvedAt);
    if (Number.isNaN(resolved)) cause.unresolved = true;
    else cause.latestResolved = Math.max(cause.latestResolved, resolved);
    state.causes.set(incident.causedBy, cause);
  }

  /** `[from, to)` in ms: the accumulator's window, or a sub-window of it. */
  function windowOf(sub: SubWindow | undefined): [number, number] {
    if (!sub) return [from, to];
    const subFrom = toMs(sub.from, 'from');
    const subTo = toMs(sub.to, 'to');
    if (subTo <= subFrom) throw new RangeError(`Empty window: from ${String(sub.from)} is not before to ${String(sub.to)}`);
    if (subFrom < from || subTo > to) {
      throw new RangeError(`Window ${new Date(subFrom).toISOString()} → ${new Date(subTo).toISOString()} is not inside ${new Date(from).toISOString()} → ${new Date(to).toISOString()}`);
    }
    return [subFrom, subTo];
  }

  function figuresOf(state: ServiceState, windowFrom: number, windowTo: number): Figures {
    if (!state.sorted) {
      // Sorted once after additions, so that many sub-windows (weekly buckets) each cost a binary search.
      state.inWindow.sort(byDeploymentOrder);
      state.failures.sort((a, b) => a - b);
      state.incidentsOpened.sort((a, b) => a - b);
      state.sorted = true;
    }
    const all = state.inWindow;
    const start = firstAtOrAfter(all, windowFrom, (d) => d.at);
    const end = firstAtOrAfter(all, windowTo, (d) => d.at);
    const firstShipped = start < end ? firstShippedOf(state) : new Map<string, { at: number; id: string }>();
    const figures: Figures = {
      deployments: end - start,
      failedAttempts: countIn(state.failures, windowFrom, windowTo),
      deployDays: new Set(),
      leadTimes: [],
      recoveries: [],
      failed: 0,
      unplanned: 0,
      withCommits: 0,
      incidents: countIn(state.incidentsOpened, windowFrom, windowTo),
    };
    // Incidents may name a sha by an abbreviation (7 hex digits or more), as `run-reference` and git accept.
    const abbreviations = [...state.causes].filter(([key]) => /^[0-9a-f]{7,39}$/i.test(key)).map(([key, cause]) => [key.toLowerCase(), cause] as const);
    for (let index = start; index < end; index++) {
      const deployment = all[index]!;
      figures.deployDays.add(Math.floor(deployment.at / day));
      const shas = deployment.commitShas ?? [];
      if (shas.length > 0) figures.withCommits++;
      for (let i = 0; i < shas.length; i++) {
        const committed = deployment.commitTimes![i]!;
        if (!Number.isNaN(committed) && firstShipped.get(shas[i]!)?.id === deployment.id) figures.leadTimes.push((deployment.at - committed) / hour);
      }
      if (deployment.unplanned) figures.unplanned++;
      // The next deployment is the next one in the data, in this window or after it.
      const next = all[index + 1] ?? state.firstAfter;
      const remediation = next && (next.kind === 'rollback' || next.kind === 'hotfix') ? next : undefined;
      const keys = deployment.sha === deployment.id ? [deployment.id] : [deployment.id, deployment.sha];
      const causes = keys.map((key) => state.causes.get(key)).filter((cause) => cause !== undefined);
      if (abbreviations.length > 0) {
        const sha = deployment.sha.toLowerCase();
        for (const [key, cause] of abbreviations) if (key !== sha && sha.startsWith(key)) causes.push(cause);
      }
      if (causes.length === 0 && !remediation) continue;
      figures.failed++;
      // Recovered when every incident it caused is resolved; while one is open, only a remediating deployment counts.
      const allResolved = causes.length > 0 && causes.every((cause) => !cause.unresolved);
      const recoveredAt = allResolved ? Math.max(...causes.map((cause) => cause.latestResolved)) : remediation?.at;
      if (recoveredAt !== undefined) figures.recoveries.push((recoveredAt - deployment.at) / hour);
    }
    return figures;
  }

  const servicesInOrder = (): string[] => [...states.keys()].sort();

  /** Adds one service's columns (strings from `strings`) to its state here. */
  function mergeColumns(state: ServiceState, columns: ServiceColumns, strings: readonly string[]): void {
    const { deployments, commits, shippedBefore, shippedBeforeCommits, causes } = columns;
    const shasOf = (shaRefs: Uint32Array, start: number, count: number) => {
      const shas: string[] = [];
      for (let i = start; i < start + count; i++) shas.push(strings[shaRefs[i]!]!);
      return shas;
    };
    let commit = 0;
    for (let i = 0; i < deployments.at.length; i++) {
      const count = deployments.commitCount[i]!;
      const flags = deployments.flags[i]!;
      const deployment: Deployment = {
        id: strings[deployments.idRef[i]!]!,
        sha: strings[deployments.shaRef[i]!]!,
        at: deployments.at[i]!,
        kind: kinds[deployments.kind[i]!]!,
        commitShas: count > 0 ? shasOf(commits.shaRef, commit, count) : undefined,
        commitTimes: count > 0 ? Array.from(commits.at.subarray(commit, commit + count)) : undefined,
        unplanned: (flags & unplannedFlag) !== 0,
      };
      commit += count;
      if ((flags & firstAfterFlag) === 0) state.inWindow.push(deployment);
      else if (!state.firstAfter || before(deployment, state.firstAfter)) state.firstAfter = deployment;
    }
    commit = 0;
    for (let i = 0; i < shippedBefore.at.length; i++) {
      const count = shippedBefore.commitCount[i]!;
      state.shippedBefore.push({
        at: shippedBefore.at[i]!,
        id: strings[shippedBefore.idRef[i]!]!,
        sha: strings[shippedBefore.shaRef[i]!]!,
        commitShas: count > 0 ? shasOf(shippedBeforeCommits, commit, count) : undefined,
      });
      commit += count;
    }
    for (const at of columns.failures) state.failures.push(at);
    for (const at of columns.incidentsOpened) state.incidentsOpened.push(at);
    for (let i = 0; i < causes.keyRef.length; i++) {
      const key = strings[causes.keyRef[i]!]!;
      const mine = state.causes.get(key) ?? { latestResolved: -Infinity, unresolved: false };
      state.causes.set(key, { latestResolved: Math.max(mine.latestResolved, causes.latestResolved[i]!), unresolved: mine.unresolved || causes.unresolved[i] === 1 });
    }
    state.sorted = false;
    state.firstShipped = undefined;
  }

  function stateColumns(): MetricsState {
    // Strings are listed as they come, without deduplication: hashing millions of them into a Map costs more than
    // posting the repeats.
    const strings: string[] = [];
    const ref = (value: string): number => strings.push(value) - 1;
    const services = [...states].map(([service, state]): ServiceColumns => {
      const all = state.firstAfter ? [...state.inWindow, state.firstAfter] : state.inWindow;
      const commitTotal = all.reduce((sum, d) => sum + (d.commitShas?.length ?? 0), 0);
      const deployments = {
        idRef: new Uint32Array(all.length),
        shaRef: new Uint32Array(all.length),
        at: new Float64Array(all.length),
        kind: new Uint8Array(all.length),
        flags: new Uint8Array(all.length),
        commitCount: new Uint32Array(all.length),
      };
      const commits = { shaRef: new Uint32Array(commitTotal), at: new Float64Array(commitTotal) };
      let commit = 0;
      all.forEach((d, i) => {
        deployments.idRef[i] = ref(d.id);
        deployments.shaRef[i] = ref(d.sha);
        deployments.at[i] = d.at;
        deployments.kind[i] = Math.max(0, kinds.indexOf(d.kind));
        deployments.flags[i] = (d.unplanned ? unplannedFlag : 0) | (d === state.firstAfter ? firstAfterFlag : 0);
        deployments.commitCount[i] = d.commitShas?.length ?? 0;
        d.commitShas?.forEach((sha, j) => {
          commits.shaRef[commit] = ref(sha);
          commits.at[commit++] = d.commitTimes![j]!;
        });
      });
      const earlier = state.shippedBefore;
      const shippedBefore = { idRef: new Uint32Array(earlier.length), shaRef: new Uint32Array(earlier.length), at: new Float64Array(earlier.length), commitCount: new Uint32Array(earlier.length) };
      const shippedBeforeCommits = new Uint32Array(earlier.reduce((sum, shipment) => sum + (shipment.commitShas?.length ?? 0), 0));
      commit = 0;
      earlier.forEach((shipment, j) => {
        shippedBefore.idRef[j] = ref(shipment.id);
        shippedBefore.shaRef[j] = ref(shipment.sha);
        shippedBefore.at[j] = shipment.at;
        shippedBefore.commitCount[j] = shipment.commitShas?.length ?? 0;
        for (const sha of shipment.commitShas ?? []) shippedBeforeCommits[commit++] = ref(sha);
      });
      let i = 0;
      const causes = { keyRef: new Uint32Array(state.causes.size), latestResolved: new Float64Array(state.causes.size), unresolved: new Uint8Array(state.causes.size) };
      i = 0;
      for (const [key, cause] of state.causes) {
        causes.keyRef[i] = ref(key);
        causes.latestResolved[i] = cause.latestResolved;
        causes.unresolved[i++] = cause.unresolved ? 1 : 0;
      }
      return {
        serviceRef: ref(service),
        deployments,
        commits,
        shippedBefore,
        shippedBeforeCommits,
        failures: Float64Array.from(state.failures),
        incidentsOpened: Float64Array.from(state.incidentsOpened),
        causes,
      };
    });
    return { from, to, strings: strings.some((value) => value.includes('\n')) ? strings : strings.join('\n'), services };
  }

  return {
    addRun,
    addIncident,
    result(sub) {
      const [windowFrom, windowTo] = windowOf(sub);
      const days = (windowTo - windowFrom) / day;
      const services = servicesInOrder().map((service) => metricsOf(service, figuresOf(states.get(service)!, windowFrom, windowTo), days));
      return { version: 1, window: { from: new Date(windowFrom).toISOString(), to: new Date(windowTo).toISOString() }, services };
    },
    overall(sub) {
      const [windowFrom, windowTo] = windowOf(sub);
      const pooled: Figures = { deployments: 0, failedAttempts: 0, deployDays: new Set(), leadTimes: [], recoveries: [], failed: 0, unplanned: 0, withCommits: 0, incidents: 0 };
      for (const service of servicesInOrder()) {
        const figures = figuresOf(states.get(service)!, windowFrom, windowTo);
        pooled.deployments += figures.deployments;
        pooled.failedAttempts += figures.failedAttempts;
        for (const deployDay of figures.deployDays) pooled.deployDays.add(deployDay);
        // A loop, not push(...values): a spread of a million values overflows the stack.
        for (const value of figures.leadTimes) pooled.leadTimes.push(value);
        for (const value of figures.recoveries) pooled.recoveries.push(value);
        pooled.failed += figures.failed;
        pooled.unplanned += figures.unplanned;
        pooled.withCommits += figures.withCommits;
        pooled.incidents += figures.incidents;
      }
      return metricsOf('*', pooled, (windowTo - windowFrom) / day);
    },
    state: stateColumns,
    merge(other) {
      if (other.from !== from || other.to !== to) throw new RangeError('Cannot merge the state of an accumulator over another window');
      const strings = typeof other.strings === 'string' ? other.strings.split('\n') : other.strings;
      for (const columns of other.services) {
        const mine = stateOf(strings[columns.serviceRef]!);
        if (mine) mergeColumns(mine, columns, strings);
      }
    },
  };
}
