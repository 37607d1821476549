/**
 * The run rules on temp vaults, through `checkVault`: each rule's findings and non-findings, table-driven.
 * Rows are `[name, files, expected]` with expected as `file:line:column rule message-substring`.
 */
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../helpers/check-files.ts';

const now = new Date('2026-11-27T12:00:00Z');

const docs = {
  'services/checkout-api.md': '---\ntitle: Checkout API\ntype: service\naliases: [checkout]\n---\n',
  'environments/production.md': '---\ntitle: Production\ntype: environment\naliases: [prod]\n---\n',
};

type Fields = Record<string, unknown>;
const run = (fields: Fields = {}): Fields => ({
  id: 'gha-1',
  service: 'checkout-api',
  environment: 'production',
  status: 'success',
  sha: '3f9c2a1b',
  startedAt: '2026-11-20T14:00:00Z',
  finishedAt: '2026-11-20T14:05:00Z',
  ...fields,
});
const ndjson = (...records: Fields[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

const runRules = ['run-schema', 'run-duplicate-id', 'run-reference', 'run-time-order'];

async function check(files: Record<string, string>): Promise<string[]> {
  const diagnostics = await checkFiles({ ...docs, ...files }, { now });
  return diagnostics.filter((d) => runRules.includes(d.rule)).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.severity} ${d.message}`);
}

function expectReports(found: string[], expected: string[]): void {
  expect(found, found.join('\n')).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    const [where, rule, ...rest] = e.split(' ');
    expect(found[i]!.startsWith(`${where} ${rule} `), found[i]).toBe(true);
    expect(found[i]).toContain(rest.join(' '));
  });
}

describe('clean run data', () => {
  it.each<[string, Record<string, string>]>([
    ['an NDJSON file of valid runs', { 'runs/a.ndjson': ndjson(run(), run({ id: 'gha-2', environment: 'Prod', service: 'checkout' })) }],
    ['a JSON array', { 'runs/a.json': JSON.stringify([run(), run({ id: 'gha-2', status: 'running', finishedAt: undefined })], null, 2) }],
    ['a YAML incident caused by a run', { 'runs/a.ndjson': ndjson(run()), 'incidents/i.yaml': 'id: INC-1\nservice: Checkout API\nopenedAt: 2026-11-20T15:00:00Z\ncausedBy: gha-1\n' }],
    ['an incident caused by an abbreviated sha', { 'runs/a.ndjson': ndjson(run()), 'incidents/i.ndjson': ndjson({ id: 'INC-1', service: 'checkout', openedAt: '2026-11-20T15:00:00Z', causedBy: '3f9c2a1' }) }],
    ['a queued run without times', { 'runs/a.ndjson': ndjson(run({ status: 'queued', startedAt: undefined, finishedAt: undefined })) }],
    ['the same id for a run and an incident', { 'runs/a.ndjson': ndjson(run({ id: 'X-1' })), 'incidents/i.ndjson': ndjson({ id: 'X-1', service: 'checkout', openedAt: '2026-11-20T15:00:00Z' }) }],
    ['JSON files outside runs/ and incidents/', { 'attachments/data.json': '{"not": "a run"}' }],
  ])('%s: no reports', async (_, files) => {
    expect(await check(files)).toEqual([]);
  });
});

describe('run-schema', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'a bad status on the second NDJSON line',
      { 'runs/a.ndjson': ndjson(run(), run({ id: 'gha-2', status: 'done' })) },
      ['runs/a.ndjson:2:76 run-schema error Unexpected value "done" for status'],
    ],
    [
      'a final status without finishedAt',
      { 'runs/a.ndjson': ndjson(run({ finishedAt: undefined })) },
      ['runs/a.ndjson:1:1 run-schema error Missing required key finishedAt'],
    ],
    [
      'a time that is not RFC 3339, in YAML',
      { 'runs/a.yaml': '- id: gha-1\n  service: checkout-api\n  environment: production\n  status: running\n  sha: 3f9c2a1b\n  startedAt: 20 Nov 2026\n' },
      ['runs/a.yaml:6:14 run-schema error Unexpected "20 Nov 2026" for startedAt'],
    ],
    [
      'an unknown key, with a suggestion',
      { 'runs/a.ndjson': ndjson(run({ enviromentTier: 'production' })) },
      ['runs/a.ndjson:1:174 run-schema error Unexpected key "enviromentTier"'],
    ],
    [
      'a malformed NDJSON line, the rest still checked',
      { 'runs/a.ndjson': `${JSON.stringify(run())}\n{"id":\n${JSON.stringify(run({ id: 'gha-3', status: 'done' }))}\n` },
      ['runs/a.ndjson:2:1 run-schema error Unparsable JSON line', 'runs/a.ndjson:3:76 run-schema error Unexpected value "done"'],
    ],
    ['a malformed JSON file', { 'runs/a.json': '[\n  {"id": "gha-1"\n]\n' }, ['runs/a.json:3:1 run-schema error Unparsable JSON']],
    [
      'an incident without openedAt',
      { 'incidents/i.yaml': 'id: INC-1\nservice: checkout-api\n' },
      ['incidents/i.yaml:1:1 run-schema error Missing required key openedAt'],
    ],
  ])('%s', async (_, files, expected) => {
    expectReports(await check(files), expected);
  });
});

describe('run-duplicate-id', () => {
  it('reports the second use of an id, naming the first', async () => {
    const diagnostics = await checkFiles(
      { ...docs, 'runs/a.ndjson': ndjson(run()), 'runs/b.json': JSON.stringify([run({ id: 'gha-2' }), run()], null, 2) },
      { now },
    );
    const found = diagnostics.filter((d) => d.rule === 'run-duplicate-id');
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} (${d.hint})`)).toEqual([
      'runs/b.json:12:11 error Unexpected duplicate run id "gha-1", expected unique ids (first used at runs/a.ndjson:1)',
    ]);
  });

  it('reports a duplicate within one file', async () => {
    expectReports(await check({ 'runs/a.ndjson': ndjson(run(), run()) }), ['runs/a.ndjson:2:7 run-duplicate-id error Unexpected duplicate run id "gha-1"']);
  });
});

describe('run-reference', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'an unknown service and environment',
      { 'runs/a.ndjson': ndjson(run({ service: 'checkout-apii', environment: 'qa' })) },
      ['runs/a.ndjson:1:25 run-reference warning Unresolved service "checkout-apii"', 'runs/a.ndjson:1:55 run-reference warning Unresolved environment "qa"'],
    ],
    [
      'a service doc that is a template does not count',
      { 'templates/svc.md': '---\ntitle: payments\ntype: service\n---\n', 'runs/a.ndjson': ndjson(run({ service: 'payments' })) },
      ['runs/a.ndjson:1:25 run-reference warning Unresolved service "payments"'],
    ],
    [
      'an incident caused by no known run or sha',
      { 'runs/a.ndjson': ndjson(run()), 'incidents/i.yaml': 'id: INC-1\nservice: checkout-api\nopenedAt: 2026-11-20T15:00:00Z\ncausedBy: gha-9\n' },
      ['incidents/i.yaml:4:11 run-reference warning Unresolved causedBy "gha-9"'],
    ],
  ])('%s', async (_, files, expected) => {
    expectReports(await check(files), expected);
  });

  it('suggests close names', async () => {
    const diagnostics = await checkFiles({ ...docs, 'runs/a.ndjson': ndjson(run({ service: 'checkout-apii' })) }, { now });
    expect(diagnostics.find((d) => d.rule === 'run-reference')?.suggestions).toContain('checkout-api');
  });
});

describe('run-time-order', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'finished before it started: an error',
      { 'runs/a.ndjson': ndjson(run({ finishedAt: '2026-11-20T13:00:00Z' })) },
      ['runs/a.ndjson:1:151 run-time-order error Unexpected finishedAt 2026-11-20T13:00:00Z before startedAt'],
    ],
    [
      'resolved before it opened: an error',
      { 'incidents/i.yaml': 'id: INC-1\nservice: checkout-api\nopenedAt: 2026-11-20T15:00:00Z\nresolvedAt: 2026-11-20T14:00:00Z\n' },
      ['incidents/i.yaml:4:13 run-time-order error Unexpected resolvedAt'],
    ],
    [
      'a time in the future: a warning',
      { 'runs/a.ndjson': ndjson(run({ status: 'running', startedAt: '2026-11-28T00:00:00Z', finishedAt: undefined })) },
      ['runs/a.ndjson:1:115 run-time-order warning Unexpected startedAt 2026-11-28T00:00:00Z in the future'],
    ],
    [
      'a commit in the future',
      { 'runs/a.ndjson': ndjson(run({ commits: [{ sha: '3f9c2a1b', timestamp: '2027-01-01T00:00:00+01:00' }] })) },
      ['runs/a.ndjson:1:215 run-time-order warning Unexpected commits[0].timestamp'],
    ],
  ])('%s', async (_, files, expected) => {
    expectReports(await check(files), expected);
  });

  it('reports future times at the configured cap, or not at all', async () => {
    const files = { ...docs, 'runs/a.ndjson': ndjson(run({ finishedAt: '2027-01-01T00:00:00Z' })) };
    const asError = await checkFiles(files, { now, rules: { 'run-time-order': ['error', { future: 'error' }] } });
    expect(asError.filter((d) => d.rule === 'run-time-order').map((d) => d.severity)).toEqual(['error']);
    const off = await checkFiles(files, { now, rules: { 'run-time-order': ['error', { future: 'off' }] } });
    expect(off.filter((d) => d.rule === 'run-time-order')).toEqual([]);
    const warnRule = await checkFiles(files, { now, rules: { 'run-time-order': ['warn', { future: 'error' }] } });
    expect(warnRule.filter((d) => d.rule === 'run-time-order').map((d) => d.severity)).toEqual(['warning']);
  });
});
