/**
 * What makes a loaded record a run (an incident): the one guard the metrics, the dashboards and the checklists
 * read run data through. A record is usable when it is an object whose required keys (the schema's `required`,
 * pinned to it by test/runs/usable-records.test.ts) have the types the code reads: strings, a known `status`, a
 * readable `openedAt`. Lengths and patterns are `run-schema`'s to report; a build with errors stops, and with
 * `failOn: never` the site is still built from the usable records. `usableRun` also drops a malformed optional
 * field the dashboards read (a list of commits or checks is dropped, not trusted).
 *
 * In: `recordProblem('run', { id: 'r1' })` → `'Incomplete run, expected string id, service, environment, status and sha'`
 * In: `usableRun({ id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc', commits: 'oops' })`
 * Out: `{ id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc' }`
 */
import type { Incident, ReadRecord, RecordKind, Run, RunStatus } from './types.ts';

export type RecordObject = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

export function isRecordObject(value: unknown): value is RecordObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const runStatuses: ReadonlySet<string> = new Set<RunStatus>(['success', 'failure', 'cancelled', 'running', 'queued', 'skipped']);

/** Each kind's required keys, in the schema's order, with what a value must be beyond a string (none: any string). */
export const requiredKeys = {
  run: [['id'], ['service'], ['environment'], ['status', (value) => runStatuses.has(value as string), `one of ${[...runStatuses].join(', ')}`], ['sha']],
  incident: [['id'], ['service'], ['openedAt', isTime, 'an RFC 3339 time']],
} satisfies { run: ReadonlyArray<[keyof Run, Check?, string?]>; incident: ReadonlyArray<[keyof Incident, Check?, string?]> };

const incomplete = Object.fromEntries(
  Object.entries(requiredKeys).map(([kind, keys]) => {
    const names = keys.map(([key]) => key);
    return [kind, `Incomplete ${kind}, expected string ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`];
  }),
) as Record<RecordKind, string>;

/** Why a loaded record is not a usable run (incident), or undefined when it is one. */
export function recordProblem(kind: RecordKind, data: unknown): string | undefined {
  if (!isRecordObject(data)) return `Unexpected ${data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data}, expected an object`;
  const keys: ReadonlyArray<readonly [string, Check?, string?]> = requiredKeys[kind];
  for (const [key, valid, expected] of keys) {
    const value = data[key];
    if (!isString(value)) return incomplete[kind];
    if (valid && !valid(value)) return `Unexpected ${key} ${JSON.stringify(value)}, expected ${expected}`;
  }
  return undefined;
}

/** Optional fields and whether a value is of the type the dashboards read; the schema says the rest. */
const runFields: ReadonlyArray<[string, Check]> = [
  ['finishedAt', isTime],
  ['startedAt', isTime],
  ...(['ref', 'repo', 'url', 'actor', 'source', 'environmentTier', 'kind'] as const).map((key): [string, Check] => [key, isString]),
  // Commit timestamps are parsed where they are used (a bad one counts as no lead time), not here: there are many.
  ['commits', (value) => Array.isArray(value) && value.every((c) => isRecordObject(c) && isString(c.sha) && isString(c.timestamp))],
  ['checks', (value) => Array.isArray(value) && value.every((c) => isRecordObject(c) && isString(c.id) && isString(c.status))],
  ['remediates', (value) => Array.isArray(value) && value.every(isString)],
  ['labels', (value) => isRecordObject(value) && Object.values(value).every(isString)],
  ['planned', (value) => typeof value === 'boolean'],
];
const incidentFields: ReadonlyArray<[string, Check]> = [['resolvedAt', isTime], ...(['severity', 'causedBy', 'title', 'url'] as const).map((key): [string, Check] => [key, isString])];

/** The same object when each optional field in `fields` has its type (the usual case), else a copy without the others. */
function withoutBad(data: RecordObject, fields: ReadonlyArray<[string, Check]>): RecordObject {
  const bad = fields.filter(([key, valid]) => data[key] !== undefined && !valid(data[key])).map(([key]) => key);
  if (bad.length === 0) return data;
  const copy = { ...data };
  for (const key of bad) delete copy[key];
  return copy;
}

export function usableRun(data: unknown): Run | undefined {
  return recordProblem('run', data) === undefined ? (withoutBad(data as RecordObject, runFields) as unknown as Run) : undefined;
}

export function usableIncident(data: unknown): Incident | undefined {
  return recordProblem('incident', data) === undefined ? (withoutBad(data as RecordObject, incidentFields) as unknown as Incident) : undefined;
}

/** The usable runs and incidents among loaded records, in record order. */
export function usableRecords(loaded: { records: readonly ReadRecord[] } | undefined): { runs: Run[]; incidents: Incident[] } {
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
