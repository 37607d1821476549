/**
 * What the platforms' tools print, through `importText` (the entry `shipshape import` calls): one object, an array,
 * a list wrapper, `gh api --paginate` pages back to back, `--slurp` pages, NDJSON. The fixtures in `fixtures/` are
 * the documented example responses (GitHub "Get a workflow run", "Get a deployment" + "List deployment statuses";
 * GitLab "Get a specific deployment", "List project deployments"; Argo CD Application), with pages and lines made of
 * them. Then the bad inputs: each an ImportError that names where, never a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { firstLine, ImportError, repoPath, type ImportOptions } from '../../../src/runs/import/common.ts';
import { importText, type ImportSource } from '../../../src/runs/import/index.ts';
import { readDocuments } from '../../../src/runs/import/read-documents.ts';
import type { Run } from '../../../src/runs/types.ts';
import { repoRoot } from '../../cli/run-cli.ts';

const validRun = ajvFormats.default(new Ajv2020({ allErrors: true, strict: false })).compile(JSON.parse(readFileSync(join(repoRoot, 'schemas/run.schema.json'), 'utf8')) as object);

const read = (name: string): string => readFileSync(join(repoRoot, 'test/runs/import/fixtures', name), 'utf8');

/** `id status service/environment sha-prefix` per run. */
const brief = (runs: Run[]) => runs.map((r) => `${r.id} ${r.status} ${r.service}/${r.environment} ${r.sha.slice(0, 7)}`);

const ghRuns = ['gha-30433801-1 success octo-repo/production aaaaaaa', 'gha-30433802-1 failure octo-repo/production bbbbbbb', 'gha-30433803-1 running octo-repo/production ccccccc'];
const ghDeployments = ['ghd-1 success example/production a84d88e', 'ghd-2 failure example/staging b84d88e'];
const gitlabPages = ['gitlab-1 success project/production 99d0367', 'gitlab-2 failure project/staging a91957a'];
const compactLines = (name: string) => `${read(name).trim().split('\n').join('')}\n`;

describe('input shapes', () => {
  const rows: [string, ImportSource, string, ImportOptions, string[]][] = [
    ['github-actions: "Get a workflow run", one object', 'github-actions', read('github-get-workflow-run.json'), { environment: 'production' }, ['gha-30433642-1 queued Hello-World/production acb5820']],
    ['github-actions: gh api --paginate pages back to back', 'github-actions', read('github-runs-paginate.json'), { environment: 'production' }, ghRuns],
    ['github-actions: gh api --paginate --slurp', 'github-actions', read('github-runs-slurp.json'), { environment: 'production' }, ghRuns],
    ['github-actions: NDJSON (--jq ".workflow_runs[]")', 'github-actions', read('github-runs.ndjson'), { environment: 'production' }, ghRuns],
    ['github-actions: NDJSON lines with no newline between', 'github-actions', compactLines('github-runs.ndjson'), { environment: 'production' }, ghRuns],
    ['github-deployments: "Get a deployment" with its statuses', 'github-deployments', read('github-get-deployment.json'), {}, ghDeployments.slice(0, 1)],
    ['github-deployments: NDJSON, as the README loop prints', 'github-deployments', read('github-deployments.ndjson'), {}, ghDeployments],
    ['github-deployments: an array', 'github-deployments', `[${read('github-deployments.ndjson').trim().split('\n').join(',')}]`, {}, ghDeployments],
    ['gitlab: "Get a specific deployment", one object', 'gitlab', read('gitlab-get-deployment.json'), { service: 'project' }, ['gitlab-42 success project/production a91957a']],
    ['gitlab: list pages back to back', 'gitlab', read('gitlab-list-paginate.json'), { service: 'project' }, gitlabPages],
    ['gitlab: NDJSON', 'gitlab', readDocuments(read('gitlab-list-paginate.json'), 'f').map((d) => JSON.stringify((d.value as unknown[])[0])).join('\n'), { service: 'project' }, gitlabPages],
    ['argocd: one Application', 'argocd', read('argocd-application.json'), {}, ['argocd-checkout-api-1 success checkout-api/production 1111111', 'argocd-checkout-api-2 success checkout-api/production 2222222', 'argocd-checkout-api-op-2026-11-21T10:00:00Z failure checkout-api/production 3333333']],
    ['argocd: kubectl get applications -o json (a List)', 'argocd', read('argocd-application-list.json'), {}, ['argocd-ledger-4 success ledger/staging 4444444', 'argocd-redis-7 success redis/staging 7777777']],
    ['argocd: an array of Applications (argocd app list -o json)', 'argocd', JSON.stringify((JSON.parse(read('argocd-application-list.json')) as { items: unknown[] }).items), {}, ['argocd-ledger-4 success ledger/staging 4444444', 'argocd-redis-7 success redis/staging 7777777']],
    ['argocd: Applications back to back', 'argocd', read('argocd-application.json') + read('argocd-application.json').replaceAll('checkout-api', 'ledger'), {}, ['argocd-checkout-api-1 success checkout-api/production 1111111', 'argocd-checkout-api-2 success checkout-api/production 2222222', 'argocd-checkout-api-op-2026-11-21T10:00:00Z failure checkout-api/production 3333333', 'argocd-ledger-1 success ledger/production 1111111', 'argocd-ledger-2 success ledger/production 2222222', 'argocd-ledger-op-2026-11-21T10:00:00Z failure ledger/production 3333333']],
  ];
  test.each(rows)('%s', (_name, source, text, options, expected) => {
    const runs = importText(source, text, 'input.json', options);
    expect(brief(runs)).toEqual(expected);
    for (const run of runs) expect(validRun(run) ? [] : validRun.errors, run.id).toEqual([]);
  });

  test('one document or its pages give the same records', () => {
    const paged = importText('github-actions', read('github-runs-paginate.json'), 'f', { environment: 'production' });
    expect(importText('github-actions', read('github-runs.ndjson'), 'f', { environment: 'production' })).toEqual(paged);
    expect(importText('github-actions', read('github-runs-slurp.json'), 'f', { environment: 'production' })).toEqual(paged);
  });
});

describe('commit messages keep their first line', () => {
  test.each([
    ['Create linter.yaml', 'Create linter.yaml'],
    ["Merge branch 'rename-readme' into 'main'\r\n\r\nRename README\r\n\r\nSee merge request !2", "Merge branch 'rename-readme' into 'main'"],
    ['Rename README\r\n', 'Rename README'],
    ['Retry once\n\nThe acquirer times out.', 'Retry once'],
    ['Old Mac\rline', 'Old Mac'],
    ['  padded  \n', 'padded'],
    ['\n\nbody only', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (message, expected) => {
    expect(firstLine(message)).toBe(expected);
  });

  test('gitlab: the documented \\r\\n message', () => {
    const [run] = importText('gitlab', read('gitlab-get-deployment.json'), 'f', { service: 'project' });
    expect(run!.commits).toEqual([{ sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a', timestamp: '2016-08-11T13:28:26.000+02:00', message: "Merge branch 'rename-readme' into 'main'" }]);
    expect(run).toMatchObject({ environmentTier: 'production', actor: 'root', finishedAt: '2016-08-11T11:32:35.145Z', startedAt: '2016-08-11T11:32:35.444Z' });
  });

  test('github-actions: a multi-line head commit', () => {
    const [run] = importText('github-actions', read('github-runs.ndjson'), 'f', { environment: 'production' });
    expect(run!.commits![0]!.message).toBe('Retry card authorisation once');
  });
});

describe('repo is owner/name', () => {
  test.each([
    ['https://github.com/acme/checkout-api.git', 'acme/checkout-api'],
    ['https://github.com/acme/checkout-api', 'acme/checkout-api'],
    ['https://github.com/acme/checkout-api/', 'acme/checkout-api'],
    ['https://gitlab.example.com:8443/acme/payments/ledger.git', 'acme/payments/ledger'],
    ['ssh://git@github.com:22/acme/checkout-api.git', 'acme/checkout-api'],
    ['git@gitlab.com:acme/payments/ledger.git', 'acme/payments/ledger'],
    ['acme/checkout-api', 'acme/checkout-api'],
    ['https://charts.bitnami.com/bitnami', undefined],
    ['https://github.com/', undefined],
  ])('%s → %s', (url, expected) => {
    expect(repoPath(url)).toBe(expected);
  });

  test('argocd: git sources normalised', () => {
    const single = importText('argocd', read('argocd-application.json'), 'f', {});
    expect(single.map((run) => run.repo)).toEqual(['acme/checkout-api', 'acme/checkout-api', 'acme/checkout-api']);
    const list = importText('argocd', read('argocd-application-list.json'), 'f', {});
    expect(list.map((run) => run.repo)).toEqual(['acme/payments/ledger', 'acme/redis-config']);
  });

  test('github: from repository.full_name and repository_url', () => {
    expect(importText('github-actions', read('github-get-workflow-run.json'), 'f', { environment: 'p' })[0]).toMatchObject({ repo: 'octocat/Hello-World', actor: 'octocat', commits: [{ message: 'Create linter.yaml' }] });
    expect(importText('github-deployments', read('github-get-deployment.json'), 'f', {})[0]).toMatchObject({ repo: 'octocat/example', environmentTier: 'production', url: 'https://example.com/deployment/42/output' });
  });
});

describe('bad input: an ImportError that says where', () => {
  const rows: [string, ImportSource, string, ImportOptions, string | RegExp][] = [
    ['empty file', 'gitlab', '', {}, 'runs.json: no JSON in the file'],
    ['whitespace only', 'gitlab', ' \n\n', {}, 'runs.json: no JSON in the file'],
    ['cut short', 'gitlab', '[{"id": 1,', {}, /^runs\.json:1:11: not valid JSON: /],
    ['cut short on line 3', 'gitlab', '[\n  {"id": 1},\n  {"id": 2', {}, /^runs\.json:3:\d+: not valid JSON: /],
    ['a bad token in the second page', 'gitlab', '[]\n[{"id": x}]', {}, /^runs\.json:2:\d+: not valid JSON: /],
    ['a stray bracket after the pages', 'gitlab', '[]\n[]\n]', {}, /^runs\.json:3:1: not valid JSON: /],
    ['comma-separated objects', 'gitlab', '{"id": 1},\n{"id": 2}', {}, /^runs\.json:1:10: not valid JSON: /],
    ['a number', 'gitlab', '42', {}, 'input: expected an object or an array'],
    ['a string among records', 'gitlab', '["deployment"]', {}, 'input[0]: expected an object'],
    ['null in the second document', 'github-deployments', '[]\nnull', {}, 'input (document 2, line 2): expected an object or an array'],
    ['a bad record on NDJSON line 3', 'gitlab', `${read('gitlab-get-deployment.json').replace(/\n\s*/g, '')}\n${read('gitlab-get-deployment.json').replace(/\n\s*/g, '')}\n{"status": "success"}`, { service: 'p' }, 'input (document 3, line 3).environment: expected an object'],
    ['a wrapper that is not a list', 'github-actions', '{"total_count": 1, "workflow_runs": {}}', { environment: 'p' }, 'input.workflow_runs: expected an array'],
    ['a bad run in the second page', 'github-actions', '{"workflow_runs": []}{"workflow_runs": [{"id": 1, "status": "completed", "conclusion": "success"}]}', { environment: 'p' }, 'input (document 2, line 1).workflow_runs[0].head_sha: expected a string'],
    ['not an Application', 'argocd', read('gitlab-list-paginate.json'), {}, 'input (document 1, line 1)[0]: expected an Argo CD Application, found no metadata'],
    ['a List of something else', 'argocd', '{"kind": "List", "items": [{"kind": "Deployment", "metadata": {"name": "x"}}]}', {}, 'input.items[0]: expected an Argo CD Application, got kind "Deployment"'],
    ['a Helm chart source: its revision is no commit', 'argocd', '{"metadata": {"name": "redis", "labels": {"env": "qa"}}, "status": {"history": [{"id": 7, "revision": "18.1.0", "deployedAt": "2026-11-21T13:00:20Z", "source": {"repoURL": "https://charts.bitnami.com/bitnami", "chart": "redis"}}]}}', {}, /^status\.history\[0\]\.source: a Helm chart source \("redis"\).*only git sources can be imported$/],
    ['an Application in a List without revision', 'argocd', '{"kind": "List", "items": [{"metadata": {"name": "x", "labels": {"env": "qa"}}, "status": {"history": [{"id": 1}]}}]}', {}, 'input.items[0].status.history[0].revision: expected a string'],
  ];
  test.each(rows)('%s', (_name, source, text, options, message) => {
    let thrown: unknown;
    try {
      importText(source, text, 'runs.json', options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    if (typeof message === 'string') expect((thrown as Error).message).toBe(message);
    else expect((thrown as Error).message).toMatch(message);
  });
});
