/**
 * What the dashboards and checklists take from unvalidated run data: records with the fields they read, of the
 * right types; a bad optional field is dropped (the record stays), a bad required one drops the record.
 */
import { describe, expect, test } from 'vitest';
import { usableIncident, usableRecords, usableRun } from '../../src/runs/usable-records.ts';

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
