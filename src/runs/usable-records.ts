/**
 * The run and incident records the dashboards and checklists can use. `run-schema` reports what is wrong with the others, and a
 * build with errors stops; with `failOn: never` the site is still built, from the records that have the fields the
 * dashboards read, each of the right type (a malformed list of commits or checks is dropped, not trusted).
 *
 * In: `usableRun({ id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc', commits: 'oops' })`
 * Out: `{ id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc' }`
 */
import type { LoadedRuns } from './load-runs.ts';
import type { Incident, Run, RunStatus } from './types.ts';

const statuses: ReadonlySet<string> = new Set<RunStatus>(['success', 'failure', 'cancelled', 'running', 'queued', 'skipped']);
const isString = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

/** Optional fields and whether a value is of the type the dashboards read; the schema says the rest. */
const runFields: ReadonlyArray<[string, (value: unknown) => boolean]> = [
  ['finishedAt', isTime],
  ['startedAt', isTime],
  ...(['ref', 'repo', 'url', 'actor', 'source', 'environmentTier', 'kind'] as const).map((key): [string, (value: unknown) => boolean] => [key, isString]),
  // Commit timestamps are parsed where they are used (a bad one counts as no lead time), not here: there are many.
  ['commits', (value) => Array.isArray(value) && value.every((c) => isObject(c) && isString(c.sha) && isString(c.timestamp))],
  ['checks', (value) => Array.isArray(value) && value.every((c) => isObject(c) && isString(c.id) && isString(c.status))],
  ['remediates', (value) => Array.isArray(value) && value.every(isString)],
  ['labels', (value) => isObject(value) && Object.values(value).every(isString)],
  ['planned', (value) => typeof value === 'boolean'],
];

/** The same object when each optional field the dashboards read has its type (the usual case), else a copy without the others. */
export function usableRun(data: unknown): Run | undefined {
  if (!isObject(data)) return undefined;
  const { id, service, environment, status, sha } = data;
  if (![id, service, environment, sha].every(isString) || !isString(status) || !statuses.has(status)) return undefined;
  const bad = runFields.filter(([key, valid]) => data[key] !== undefined && !valid(data[key])).map(([key]) => key);
  if (bad.length === 0) return data as unknown as Run;
  const run = { ...data };
  for (const key of bad) delete run[key];
  return run as unknown as Run;
}

export function usableIncident(data: unknown): Incident | undefined {
  if (!isObject(data)) return undefined;
  const { id, service, openedAt } = data;
  if (!isString(id) || !isString(service) || !isTime(openedAt)) return undefined;
  const incident = { ...data } as Record<string, unknown>;
  if (incident.resolvedAt !== undefined && !isTime(incident.resolvedAt)) delete incident.resolvedAt;
  for (const key of ['severity', 'causedBy', 'title', 'url'] as const) if (incident[key] !== undefined && !isString(incident[key])) delete incident[key];
  return incident as unknown as Incident;
}

/** The usable runs and incidents among loaded records, in record order. */
export function usableRecords(loaded: LoadedRuns | undefined): { runs: Run[]; incidents: Incident[] } {
  const runs: Run[] = [];
  const incidents: Incident[] = [];
  for (const record of loaded?.records ?? []) {
    if (record.kind === 'run') {
      const run = usableRun(record.data);
      if (run) runs.push(run);
    } else {
      const incident = usableIncident(record.data);
      if (incident) incidents.push(incident);
    }
  }
  return { runs, incidents };
}
