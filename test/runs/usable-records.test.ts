/**
 * What the dashboards and checklists take from unvalidated run data: records with the fields they read, of the
 * right types; a bad optional field is dropped (the record stays), a bad required one drops the record.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { recordProblem, requiredKeys, runStatuses, usableIncident, usableRecords, usableRun } from '../../src/runs/usable-records.ts';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8')) as { required: string[]; properties: Record<string, { enum?: string[] }> };

describe('recordProblem', () => {
  test('requires what the schemas require', () => {
    expect(requiredKeys.run.map(([key]) => key)).toEqual(schema('run').required);
    expect(requiredKeys.incident.map(([key]) => key)).toEqual(schema('incident').required);
    expect([...runStatuses]).toEqual(schema('run').properties.status!.enum);
  });

  test.each([
    ['run', { id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc1234' }, undefined],
    ['run', { id: 'r1' }, 'Incomplete run, expected string id, service, environment, status and sha'],
    ['run', { id: 'r1', service: 'api', environment: 'prod', status: 'done', sha: 'abc1234' }, 'Unexpected status "done", expected one of success, failure, cancelled, running, queued, skipped'],
    ['run', [1, 2], 'Unexpected array, expected an object'],
    ['incident', 'nonsense', 'Unexpected string, expected an object'],
    ['incident', { id: 'i1', service: 'api' }, 'Incomplete incident, expected string id, service and openedAt'],
    ['incident', { id: 'i1', service: 'api', openedAt: 'last week' }, 'Unexpected openedAt "last week", expected an RFC 3339 time'],
  ] as const)('%s %j → %s', (kind, data, problem) => {
    expect(recordProblem(kind, data)).toBe(problem);
  });
});

const run = { id: 'r1', service: 'api', environment: 'prod', status: 'success', sha: 'abc1234', finishedAt: '2026-11-20T10:00:00Z' };

describe('usableRun', () => {
  test('a well-formed run is taken as it is, not copied', () => {
    const data = { ...run, commits: [{ sha: 'abc1234', timestamp: '2026-11-20T09:00:00Z' }], checks: [{ id: 'smoke', name: 'Smoke', status: 'success' }] };
    expect(usableRun(data)).toBe(data);
  });

  test.each([
    ['commits', 'oops'],
    ['commits', [{ sha: 1, timestamp: 'x' }]],
    ['checks', [{ id: 'smoke' }]],
    ['finishedAt', 'yesterday'],
    ['labels', { version: 2 }],
    ['planned', 'no'],
    ['remediates', 'INC-1'],
    ['actor', { name: 'x' }],
  ])('a malformed %s is dropped, the run kept', (key, value) => {
    const used = usableRun({ ...run, [key]: value });
    expect(used).toBeDefined();
    expect(used).not.toHaveProperty(key);
    expect(used?.id).toBe('r1');
  });

  test.each([
    ['no id', { ...run, id: undefined }],
    ['a numeric sha', { ...run, sha: 1234567 }],
    ['an unknown status', { ...run, status: 'done' }],
    ['not an object', ['r1']],
    ['null', null],
  ])('%s: no run', (_, data) => {
    expect(usableRun(data)).toBeUndefined();
  });
});

describe('usableIncident', () => {
  test('keeps a good incident and drops a bad resolvedAt', () => {
    expect(usableIncident({ id: 'i1', service: 'api', openedAt: '2026-11-20T10:00:00Z', resolvedAt: 'soon', severity: 'sev2' })).toEqual({
      id: 'i1',
      service: 'api',
      openedAt: '2026-11-20T10:00:00Z',
      severity: 'sev2',
    });
  });

  test('an incident without a readable openedAt is no incident', () => {
    expect(usableIncident({ id: 'i1', service: 'api', openedAt: 'last week' })).toBeUndefined();
  });
});

describe('usableRecords', () => {
  test('splits loaded records into usable runs and incidents, dropping the rest', () => {
    const origin = { file: 'runs/a.ndjson', line: 1, column: 1 };
    const record = (kind: 'run' | 'incident', data: unknown) => ({ kind, data, origin, nodeOffset: 0, lines: undefined as never });
    const loaded = {
      records: [record('run', run), record('run', { id: 'bad' }), record('incident', { id: 'i1', service: 'api', openedAt: '2026-11-20T10:00:00Z' }), record('incident', { id: 'i2' })],
      problems: [],
    };
    const { runs, incidents } = usableRecords(loaded);
    expect(runs.map((r) => r.id)).toEqual(['r1']);
    expect(incidents.map((i) => i.id)).toEqual(['i1']);
    expect(usableRecords(undefined)).toEqual({ runs: [], incidents: [] });
  });
});
