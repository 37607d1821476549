/**
 * The run and incident records the dashboards can use. `run-schema` reports what is wrong with the others, and a
 * build with errors stops; with `failOn: never` the site is still built, from the records that have the fields the
 * dashboards read, each of the right type (a malformed list of commits or checks is dropped, not trusted).
 *
 * In: `usableRun({ id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc', commits: 'oops' })`
 * Out: `{ id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc' }`
 */
import type { Incident, Run, RunStatus } from '../runs/types.ts';

const statuses: ReadonlySet<string> = new Set<RunStatus>(['success', 'failure', 'cancelled', 'running', 'queued', 'skipped']);
const isString = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

/** The same object when each optional field the dashboards read has its type, else a copy without the others. */
export function usableRun(data: unknown): Run | undefined {
  if (!isObject(data)) return undefined;
  const { id, service, environment, status, sha } = data;
  if (![id, service, environment, sha].every(isString) || !isString(status) || !statuses.has(status)) return undefined;
  const run = { ...data } as Record<string, unknown>;
  for (const key of ['finishedAt', 'startedAt'] as const) if (run[key] !== undefined && !isTime(run[key])) delete run[key];
  for (const key of ['ref', 'repo', 'url', 'actor', 'source', 'environmentTier', 'kind'] as const) if (run[key] !== undefined && !isString(run[key])) delete run[key];
  if (run.commits !== undefined && !(Array.isArray(run.commits) && run.commits.every((c) => isObject(c) && isString(c.sha) && isTime(c.timestamp)))) delete run.commits;
  if (run.checks !== undefined && !(Array.isArray(run.checks) && run.checks.every((c) => isObject(c) && isString(c.id) && isString(c.status)))) delete run.checks;
  if (run.remediates !== undefined && !(Array.isArray(run.remediates) && run.remediates.every(isString))) delete run.remediates;
  if (run.labels !== undefined && !(isObject(run.labels) && Object.values(run.labels).every(isString))) delete run.labels;
  if (run.planned !== undefined && typeof run.planned !== 'boolean') delete run.planned;
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
