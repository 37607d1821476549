/**
 * Checklist evaluation on hand-made runs and incidents: each evidence kind satisfied, failed and missing, the clock
 * edges (`minAge` and soak durations exactly reached, records after the evaluation time), abbreviated shas, and a
 * sha that was rolled back.
 */
import { describe, expect, test } from 'vitest';
import { evaluateChecklist, type Candidate } from '../../src/checklists/evaluate.ts';
import { sameSha } from '../../src/runs/shas.ts';
import type { Checklist, Evidence, ItemResult } from '../../src/checklists/types.ts';
import type { Incident, Run } from '../../src/runs/types.ts';
import { tierFromName } from '../../src/runs/tiers.ts';

const sha = '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345';
const previous = 'aaaaaaa1111111111111111111111111111111111';
/** `11-20T10:00` → `2026-11-20T10:00:00Z`. */
const at = (short: string) => `2026-${short}:00Z`;

function run(id: string, environment: string, finished: string, extra: Partial<Run> = {}): Run {
  return { id, service: 'api', environment, status: 'success', sha, finishedAt: at(finished), ...extra };
}

function incident(id: string, opened: string, extra: Partial<Incident> = {}): Incident {
  return { id, service: 'api', openedAt: at(opened), ...extra };
}

const item = (id: string, evidence: Evidence, required = true) => ({ id, text: id, phase: 'pre-deploy' as const, required, evidence });

function checklist(...items: Checklist['items']): Checklist {
  return { id: 'prod', title: 'Production', items, source: { path: 'a.md', line: 1 } };
}

const candidate = (when: string, extra: Partial<Candidate> = {}): Candidate => ({
  service: 'api',
  environment: 'production',
  sha,
  at: new Date(at(when)),
  tierOf: (environment) => tierFromName(environment) ?? 'other',
  ...extra,
});

function only(evidence: Evidence, runs: Run[], incidents: Incident[], when: string, extra: Partial<Candidate> = {}): ItemResult {
  return evaluateChecklist(checklist(item('x', evidence)), runs, incidents, candidate(when, extra)).items[0]!;
}

describe('sameSha', () => {
  test.each([
    [sha, sha, true],
    [sha, sha.slice(0, 7), true],
    [sha.slice(0, 7).toUpperCase(), sha, true],
    [sha, sha.slice(0, 6), false],
    [sha, previous, false],
  ])('%s ~ %s → %s', (a, b, same) => {
    expect(sameSha(a, b)).toBe(same);
  });
});

describe('check evidence', () => {
  const checks = (status: string, when: string) => [{ id: 'integration-tests', name: 'Integration tests', status, at: at(when) }];

  test('the latest record of the check wins: a later success after a failure satisfies', () => {
    const runs = [run('r1', 'staging', '11-20T10:00', { checks: checks('failure', '11-20T09:50') }), run('r2', 'staging', '11-20T11:00', { attempt: 2, checks: checks('success', '11-20T10:50') })];
    const result = only({ kind: 'check', check: 'integration-tests' }, runs, [], '11-20T12:00');
    expect(result.status).toBe('satisfied');
    expect(result.evidence).toEqual([{ kind: 'check', id: 'integration-tests', detail: `success at ${at('11-20T10:50')}`, run: 'r2' }]);
  });

  test('a later failure fails the item', () => {
    const runs = [run('r1', 'staging', '11-20T10:00', { checks: checks('success', '11-20T09:50') }), run('r2', 'staging', '11-20T11:00', { checks: checks('failure', '11-20T10:50') })];
    expect(only({ kind: 'check', check: 'integration-tests' }, runs, [], '11-20T12:00').status).toBe('failed');
  });

  test('a record after the evaluation time does not count yet', () => {
    const runs = [run('r1', 'staging', '11-20T10:00', { checks: checks('success', '11-20T09:50') })];
    expect(only({ kind: 'check', check: 'integration-tests' }, runs, [], '11-20T09:49').status).toBe('missing');
    expect(only({ kind: 'check', check: 'integration-tests' }, runs, [], '11-20T09:50').status).toBe('satisfied');
  });

  test('a check of another sha or service is no evidence; an abbreviated candidate sha finds the run', () => {
    const runs = [run('r1', 'staging', '11-20T10:00', { sha: previous, checks: checks('success', '11-20T09:50') }), run('r2', 'staging', '11-20T10:00', { service: 'web', checks: checks('success', '11-20T09:50') })];
    expect(only({ kind: 'check', check: 'integration-tests' }, runs, [], '11-20T12:00').status).toBe('missing');
    const mine = [run('r3', 'staging', '11-20T10:00', { checks: checks('success', '11-20T09:50') })];
    expect(only({ kind: 'check', check: 'integration-tests' }, mine, [], '11-20T12:00', { sha: sha.slice(0, 7) }).status).toBe('satisfied');
  });

  test('a pending check is missing, with the record as evidence', () => {
    const result = only({ kind: 'check', check: 'integration-tests' }, [run('r1', 'staging', '11-20T10:00', { checks: checks('running', '11-20T09:50') })], [], '11-20T12:00');
    expect(result.status).toBe('missing');
    expect(result.evidence).toHaveLength(1);
  });

  test('manual: only a check whose id is the item id satisfies it', () => {
    const runs = [run('r1', 'production', '11-20T10:00', { checks: [{ id: 'x', name: 'Signed off by release manager', status: 'success' }] })];
    expect(only({ kind: 'manual' }, runs, [], '11-20T12:00').status).toBe('satisfied');
    expect(only({ kind: 'manual' }, [run('r1', 'production', '11-20T10:00')], [], '11-20T12:00').status).toBe('missing');
  });
});

describe('deployed-before', () => {
  const evidence: Evidence = { kind: 'deployed-before', environment: 'staging', minAge: 2 * 3_600_000 };
  const runs = [run('s1', 'staging', '11-20T10:00')];

  test.each([
    ['11-20T11:59', 'missing'],
    ['11-20T12:00', 'satisfied'], // minAge exactly reached
    ['11-21T00:00', 'satisfied'],
    ['11-20T09:00', 'missing'], // before it was deployed at all
  ])('at %s → %s', (when, status) => {
    expect(only(evidence, runs, [], when).status).toBe(status);
  });

  test('a failed run in that environment is no evidence', () => {
    expect(only(evidence, [run('s1', 'staging', '11-20T10:00', { status: 'failure' })], [], '11-21T00:00').status).toBe('missing');
  });
});

describe('no-open-incident', () => {
  const incidents = [incident('i1', '11-20T10:00', { severity: 'sev3' }), incident('i2', '11-20T11:00', { severity: 'sev1', resolvedAt: at('11-20T12:00') })];

  test.each([
    [undefined, '11-20T09:00', 'satisfied'],
    [undefined, '11-20T10:00', 'failed'], // opened exactly now: open
    [['sev1'], '11-20T11:30', 'failed'],
    [['sev1'], '11-20T12:00', 'satisfied'], // resolved exactly now: closed
    [['sev1', 'sev2'], '11-20T10:30', 'satisfied'], // only a sev3 is open
  ])('severity %j at %s → %s', (severity, when, status) => {
    const result = only({ kind: 'no-open-incident', ...(severity ? { severity } : {}) }, [], incidents, when);
    expect(result.status).toBe(status);
  });

  test('names the open incidents as evidence', () => {
    expect(only({ kind: 'no-open-incident' }, [], incidents, '11-20T11:30').evidence.map((e) => e.id)).toEqual(['i1', 'i2']);
  });
});

describe('rollback-target', () => {
  test('an earlier successful production deployment with another sha', () => {
    const runs = [run('p1', 'production', '11-19T10:00', { sha: previous }), run('p2', 'production', '11-20T10:00')];
    const result = only({ kind: 'rollback-target' }, runs, [], '11-20T12:00');
    expect(result.status).toBe('satisfied');
    expect(result.evidence.map((e) => e.id)).toEqual(['p1']);
  });

  test('none when production only ever ran this sha, or the other sha failed or ran in staging', () => {
    const runs = [run('p1', 'production', '11-19T10:00', { sha: previous, status: 'failure' }), run('s1', 'staging', '11-19T10:00', { sha: previous }), run('p2', 'production', '11-20T10:00')];
    expect(only({ kind: 'rollback-target' }, runs, [], '11-20T12:00').status).toBe('missing');
  });
});

describe('soak', () => {
  const evidence: Evidence = { kind: 'soak', environment: 'staging', duration: 2 * 3_600_000 };

  test.each([
    ['11-20T11:00', 'missing'],
    ['11-20T12:00', 'satisfied'], // the duration exactly reached
  ])('at %s → %s', (when, status) => {
    expect(only(evidence, [run('s1', 'staging', '11-20T10:00')], [], when).status).toBe(status);
  });

  test('an incident naming the sha or one of its runs since it arrived fails it; one before, or about another sha, does not', () => {
    const runs = [run('s1', 'staging', '11-20T10:00')];
    expect(only(evidence, runs, [incident('i1', '11-20T11:00', { causedBy: 's1' })], '11-20T13:00').status).toBe('failed');
    expect(only(evidence, runs, [incident('i1', '11-20T11:00', { causedBy: sha.slice(0, 8) })], '11-20T13:00').status).toBe('failed');
    expect(only(evidence, runs, [incident('i1', '11-20T09:00', { causedBy: sha })], '11-20T13:00').status).toBe('satisfied');
    expect(only(evidence, runs, [incident('i1', '11-20T11:00', { causedBy: previous })], '11-20T13:00').status).toBe('satisfied');
    // Opened after the evaluation time: not known yet.
    expect(only(evidence, runs, [incident('i1', '11-20T14:00', { causedBy: 's1' })], '11-20T13:00').status).toBe('satisfied');
  });
});

describe('verdict', () => {
  const list = checklist(
    item('staging', { kind: 'deployed-before', environment: 'staging', minAge: 3_600_000 }),
    item('target', { kind: 'rollback-target' }),
    item('dashboards', { kind: 'manual' }, false),
  );

  test('go when every required item is satisfied, whatever the optional ones say', () => {
    const runs = [run('p0', 'production', '11-18T10:00', { sha: previous }), run('s1', 'staging', '11-20T08:00')];
    const evaluation = evaluateChecklist(list, runs, [], candidate('11-20T10:00'));
    expect(evaluation).toMatchObject({ version: 1, checklist: 'prod', service: 'api', environment: 'production', sha, verdict: 'go' });
    expect(evaluation.items.map((i) => [i.id, i.status])).toEqual([
      ['staging', 'satisfied'],
      ['target', 'satisfied'],
      ['dashboards', 'missing'],
    ]);
  });

  test('a sha that was rolled back: its incident fails the soak, and the rollback target is the sha before it', () => {
    const rolled = checklist(item('soak', { kind: 'soak', environment: 'production', duration: 3_600_000 }), item('target', { kind: 'rollback-target' }));
    const runs = [
      run('p0', 'production', '11-18T10:00', { sha: previous }),
      run('p1', 'production', '11-20T10:00'),
      run('p2', 'production', '11-20T10:30', { sha: previous, kind: 'rollback', planned: false, remediates: ['i1'] }),
    ];
    const incidents = [incident('i1', '11-20T10:20', { causedBy: 'p1', resolvedAt: at('11-20T10:40'), severity: 'sev2' })];
    const evaluation = evaluateChecklist(rolled, runs, incidents, candidate('11-21T10:00'));
    expect(evaluation.verdict).toBe('no-go');
    expect(evaluation.items.map((i) => [i.id, i.status])).toEqual([
      ['soak', 'failed'],
      ['target', 'satisfied'],
    ]);
    expect(evaluation.items[1]!.evidence.map((e) => e.id)).toEqual(['p2']);
  });
});
