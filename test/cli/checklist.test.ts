/**
 * `npm run checklist` end to end in-process: argv → a temp vault (a ```checklist block, runs, incidents) → a verdict
 * as a table or JSON, with exit 0 for go, 1 for no-go and 2 when it cannot evaluate. The cache goes to a temp folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runChecklist } from '../../src/cli/checklist.ts';

const sha = '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345';

const doc = [
  '# Deploying the API',
  '',
  '```checklist',
  'id: production-deploy',
  'title: Production deployment',
  'appliesTo:',
  '  services: [api]',
  '  environments: [production]',
  'items:',
  '  - id: tests',
  '    text: Integration tests passed',
  '    phase: pre-deploy',
  '    evidence: { check: integration-tests }',
  '  - id: staging-soak',
  '    text: Soaked in staging for 2 hours',
  '    phase: pre-deploy',
  '    evidence: { soak: { environment: staging, duration: 2h } }',
  '  - id: no-sev1',
  '    text: No sev1 incident is open',
  '    phase: pre-deploy',
  '    evidence: { no-open-incident: { severity: [sev1] } }',
  '  - id: dashboards',
  '    text: Dashboards show the new version',
  '    phase: post-deploy',
  '    required: false',
  '    evidence: manual',
  '```',
  '',
  '## Release checklist',
  '',
  '- [ ] Release notes written ^notes',
  '',
].join('\n');

const runs = [
  { id: 'api-stg-1', service: 'api', environment: 'staging', status: 'success', sha, finishedAt: '2026-11-20T10:00:00Z', checks: [{ id: 'integration-tests', name: 'Integration tests', status: 'success', at: '2026-11-20T09:50:00Z' }] },
];

const incidents = [
  '- id: INC-1',
  '  service: api',
  '  severity: sev1',
  '  title: Checkout down',
  '  openedAt: 2026-11-21T00:00:00Z',
  '  url: https://status.example.com/1',
  '',
].join('\n');

let dir: string;
let config: string;
let previousCache: string | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipshape-checklist-'));
  mkdirSync(join(dir, 'ops'));
  mkdirSync(join(dir, 'runs'));
  mkdirSync(join(dir, 'incidents'));
  writeFileSync(join(dir, 'ops/deploy.md'), doc);
  writeFileSync(join(dir, 'runs/api.ndjson'), `${runs.map((run) => JSON.stringify(run)).join('\n')}\n`);
  writeFileSync(join(dir, 'incidents/2026.yaml'), incidents);
  config = join(dir, 'shipshape.config.json');
  writeFileSync(config, JSON.stringify({ content: '.' }));
  previousCache = process.env.SHIPSHAPE_CACHE_DIR;
  process.env.SHIPSHAPE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'shipshape-checklist-cache-'));
});

afterAll(() => {
  if (previousCache === undefined) delete process.env.SHIPSHAPE_CACHE_DIR;
  else process.env.SHIPSHAPE_CACHE_DIR = previousCache;
});

async function checklist(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runChecklist(['--config', config, '--content', dir, ...argv], (text) => void (out += text), (text) => void (err += text));
  return { code, out, err };
}

const candidate = (at: string, ...extra: string[]) => ['production-deploy', '--service', 'api', '--environment', 'production', '--sha', sha, '--at', at, ...extra];

describe('npm run checklist: the verdict', () => {
  test('go: every required item satisfied, exit 0, the table ends in GO', async () => {
    const { code, out, err } = await checklist(candidate('2026-11-20T12:00:00Z'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(`Production deployment (production-deploy) for api ${sha} → production, as of 2026-11-20T12:00:00.000Z`);
    expect(out).toMatch(/✔ satisfied\s+pre-deploy\s+Integration tests passed\n/);
    expect(out).toMatch(/\? missing\s+post-deploy\s+Dashboards show the new version \(optional\)\n/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('GO: every required item is satisfied.');
  });

  test('no-go: an open sev1 incident, exit 1, the incident named as evidence', async () => {
    const { code, out } = await checklist(candidate('2026-11-21T01:00:00Z'));
    expect(code).toBe(1);
    expect(out).toMatch(/✖ failed\s+pre-deploy\s+No sev1 incident is open\n/);
    expect(out).toContain('· incident INC-1:');
    expect(out).toContain('https://status.example.com/1');
    expect(out.trimEnd().split('\n').at(-1)).toBe('NO-GO: 1 required item is not satisfied.');
  });

  test.each([
    ['one second before the soak duration is reached', '2026-11-20T11:59:59Z', 1, 'no-go', 'missing'],
    ['the soak duration exactly reached', '2026-11-20T12:00:00Z', 0, 'go', 'satisfied'],
  ])('--at %s', async (_name, at, exitCode, verdict, soak) => {
    const { code, out } = await checklist(candidate(at, '--format', 'json'));
    expect(code).toBe(exitCode);
    const evaluation = JSON.parse(out) as { verdict: string; items: Array<{ id: string; status: string }> };
    expect(evaluation.verdict).toBe(verdict);
    expect(evaluation.items.find((item) => item.id === 'staging-soak')?.status).toBe(soak);
  });

  test.each([
    ['an offset', '2026-11-20T13:00:00+01:00', 0],
    ['a date alone, midnight UTC', '2026-11-21', 1],
  ])('--at with %s', async (_name, at, exitCode) => {
    expect((await checklist(candidate(at))).code).toBe(exitCode);
  });

  test('--format json: exactly the documented keys, for the evaluation and each item', async () => {
    const { code, out } = await checklist(candidate('2026-11-20T12:00:00Z', '--format', 'json'));
    expect(code).toBe(0);
    const evaluation = JSON.parse(out) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    expect(Object.keys(evaluation).sort()).toEqual(['checklist', 'environment', 'items', 'service', 'sha', 'verdict', 'version']);
    expect(evaluation).toMatchObject({ version: 1, checklist: 'production-deploy', service: 'api', environment: 'production', sha, verdict: 'go' });
    expect(evaluation.items.map((item) => [item.id, item.phase, item.required, item.status])).toEqual([
      ['tests', 'pre-deploy', true, 'satisfied'],
      ['staging-soak', 'pre-deploy', true, 'satisfied'],
      ['no-sev1', 'pre-deploy', true, 'satisfied'],
      ['dashboards', 'post-deploy', false, 'missing'],
    ]);
    for (const item of evaluation.items) expect(Object.keys(item).sort()).toEqual(['evidence', 'id', 'phase', 'reason', 'required', 'status', 'text']);
    expect(evaluation.items[0]!.evidence).toEqual([{ kind: 'check', id: 'integration-tests', detail: 'success at 2026-11-20T09:50:00Z', run: 'api-stg-1' }]);
  });

  test('a task-list checklist is evaluated by its id; a manual item nobody ticked is no-go', async () => {
    const { code, out } = await checklist(['deploy-release-checklist', '--service', 'api', '--environment', 'production', '--sha', sha, '--at', '2026-11-20T12:00:00Z', '--format', 'json']);
    expect(code).toBe(1);
    expect((JSON.parse(out) as { items: Array<{ id: string; status: string }> }).items).toMatchObject([{ id: 'notes', status: 'missing' }]);
  });
});

describe('npm run checklist: cannot evaluate (exit 2)', () => {
  const base = ['--service', 'api', '--environment', 'production', '--sha', sha, '--at', '2026-11-20T12:00:00Z'];
  test.each([
    ['an unknown checklist id, listing the known ids', ['production-deplyo', ...base], 'No checklist "production-deplyo"', 'the vault defines: deploy-release-checklist, production-deploy'],
    ['a service the checklist does not apply to', ['production-deploy', ...base.slice(2), '--service', 'web'], 'applies to api, not to web', undefined],
    ['an environment the checklist does not apply to', ['production-deploy', '--service', 'api', '--environment', 'staging', '--sha', sha], 'applies to production, not to staging', undefined],
    ['a missing --sha', ['production-deploy', '--service', 'api', '--environment', 'production'], 'Missing --sha', 'Usage: shipshape checklist'],
    ['a missing --service', ['production-deploy', '--environment', 'production', '--sha', sha], 'Missing --service', 'Usage: shipshape checklist'],
    ['a --sha shorter than 7', ['production-deploy', '--service', 'api', '--environment', 'production', '--sha', '3f9c2a'], '--sha 3f9c2a is too short', 'Usage: shipshape checklist'],
    ['an invalid --at', ['production-deploy', ...base, '--at', 'yesterday'], 'Invalid --at time: yesterday', 'Usage: shipshape checklist'],
    ['an --at that Date would read as the year 2001', ['production-deploy', ...base, '--at', '1'], 'Invalid --at time: 1', 'Usage: shipshape checklist'],
    ['an --at without a time zone', ['production-deploy', ...base, '--at', '2026-11-20T12:00:00'], 'Invalid --at time: 2026-11-20T12:00:00', 'Usage: shipshape checklist'],
    ['an unknown --format', ['production-deploy', ...base, '--format', 'yaml'], 'Invalid --format yaml', 'Usage: shipshape checklist'],
    ['an unknown flag', ['production-deploy', ...base, '--shaa', sha], '--shaa', 'Usage: shipshape checklist'],
    ['no checklist id', base, 'Missing the checklist id', 'Usage: shipshape checklist'],
  ])('%s', async (_name, argv, message, also) => {
    const { code, out, err } = await checklist(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    if (also) expect(err).toContain(also);
    else expect(err).not.toContain('Usage:');
  });

  test('a checklist id defined twice: refused, naming both places', async () => {
    const twice = mkdtempSync(join(tmpdir(), 'shipshape-checklist-twice-'));
    const block = '```checklist\nid: gate\nitems:\n  - { id: a, text: A, phase: deploy, evidence: manual }\n```\n';
    writeFileSync(join(twice, 'a.md'), `# A\n\n${block}`);
    writeFileSync(join(twice, 'b.md'), `# B\n\n${block}`);
    let err = '';
    const code = await runChecklist(['--config', config, '--content', twice, 'gate', '--service', 'api', '--environment', 'production', '--sha', sha], () => {}, (text) => void (err += text));
    expect(code).toBe(2);
    expect(err).toContain('Checklist "gate" is defined 2 times: a.md:3, b.md:3');
  });

  test('--help prints the usage, exit 0', async () => {
    const { code, out, err } = await checklist(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: shipshape checklist <checklist-id>');
    expect(out).toContain('Exit codes: 0 go, 1 no-go, 2 could not evaluate.');
    expect(err).toBe('');
  });
});
