/**
 * The four importers over hand-written payloads shaped like the documented API responses
 * (`test/fixtures/import/`): status tables as `[input, expected]` rows, stable ids, the fields each source fills.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { argocdEnvironment, argocdStatus, importArgocd } from '../../../src/runs/import/argocd.ts';
import { ImportError } from '../../../src/runs/import/common.ts';
import { githubActionsStatus, importGithubActions } from '../../../src/runs/import/github-actions.ts';
import { githubDeploymentStatus, importGithubDeployments } from '../../../src/runs/import/github-deployments.ts';
import { gitlabStatus, importGitlab } from '../../../src/runs/import/gitlab.ts';
import { terminalStatuses, type Run } from '../../../src/runs/types.ts';
import { repoRoot } from '../../cli/run-cli.ts';

const payload = (name: string): unknown => JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/import', name), 'utf8'));

/** `id status environment sha-prefix` per run: the shape of an import at a glance. */
const brief = (runs: Run[]) => runs.map((r) => `${r.id} ${r.status} ${r.service}/${r.environment} ${r.sha.slice(0, 7)}`);

/** Every run is well formed: terminal ones finish, open ones do not, times are RFC 3339. */
function expectWellFormed(runs: Run[]): void {
  for (const run of runs) {
    expect(run.finishedAt !== undefined, run.id).toBe(terminalStatuses.has(run.status));
    for (const at of [run.startedAt, run.finishedAt].filter((t) => t !== undefined)) {
      expect(at, run.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
  }
}

describe('github-actions', () => {
  test.each([
    ['queued', null, 'queued'],
    ['waiting', null, 'queued'],
    ['requested', null, 'queued'],
    ['pending', null, 'queued'],
    ['in_progress', null, 'running'],
    ['completed', 'success', 'success'],
    ['completed', 'neutral', 'success'],
    ['completed', 'failure', 'failure'],
    ['completed', 'timed_out', 'failure'],
    ['completed', 'startup_failure', 'failure'],
    ['completed', 'cancelled', 'cancelled'],
    ['completed', 'stale', 'cancelled'],
    ['completed', 'skipped', 'skipped'],
    ['completed', 'action_required', 'queued'],
    ['completed', null, undefined],
    ['exploded', null, undefined],
  ])('%s / %s → %s', (status, conclusion, expected) => {
    expect(githubActionsStatus(status, conclusion ?? undefined)).toBe(expected);
  });

  test('gh run list output: reruns are separate runs, service from the URL', () => {
    const runs = importGithubActions(payload('github-actions-gh.json'), { environment: 'production' });
    expect(brief(runs)).toEqual([
      'gha-11000000002-2 success checkout-api/production b1c2d3e',
      'gha-11000000002-1 failure checkout-api/production b1c2d3e',
      'gha-11000000003-1 running checkout-api/production c2d3e4f',
    ]);
    expect(runs[0]).toEqual({
      id: 'gha-11000000002-2',
      service: 'checkout-api',
      environment: 'production',
      status: 'success',
      sha: 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0',
      source: 'github-actions',
      startedAt: '2026-11-20T10:05:00Z',
      finishedAt: '2026-11-20T10:12:30Z',
      ref: 'main',
      repo: 'acme/checkout-api',
      url: 'https://github.com/acme/checkout-api/actions/runs/11000000002',
      attempt: 2,
      labels: { workflow: 'Deploy', event: 'push' },
    });
    expectWellFormed(runs);
  });

  test('REST workflow runs: actor, commit, repository', () => {
    const runs = importGithubActions(payload('github-actions-rest.json'), { environment: 'staging', service: 'checkout' });
    expect(brief(runs)).toEqual([
      'gha-30433642-1 success checkout/staging acb5820',
      'gha-30433700-1 cancelled checkout/staging dd5820c',
      'gha-30433800-3 failure checkout/staging ee5820c',
      'gha-30433900-1 queued checkout/staging ff5820c',
    ]);
    expect(runs[0]).toMatchObject({
      actor: 'octocat',
      repo: 'acme/checkout-api',
      commits: [{ sha: 'acb5820ced9479c074f688cc328bf03f341a511d', timestamp: '2026-11-18T13:55:00Z', message: 'Raise pool size' }],
      url: 'https://github.com/acme/checkout-api/actions/runs/30433642',
    });
    expectWellFormed(runs);
  });

  test('ids are stable: the same payload gives the same runs', () => {
    const once = importGithubActions(payload('github-actions-rest.json'), { environment: 'production' });
    expect(importGithubActions(payload('github-actions-rest.json'), { environment: 'production' })).toEqual(once);
  });

  test.each([
    ['no --environment', payload('github-actions-rest.json'), {}, /pass --environment/],
    ['a wrapper that is not a list', { workflow_runs: {} }, { environment: 'production' }, /input\.workflow_runs: expected an array/],
    ['an object that is no run', { runs: [] }, { environment: 'production' }, /input\.status: expected a string/],
    ['no sha', [{ databaseId: 1, status: 'completed', conclusion: 'success', updatedAt: '2026-11-20T10:00:00Z', url: 'https://github.com/a/b/actions/runs/1' }], { environment: 'p' }, /input\[0\]\.headSha/],
    ['unknown conclusion', { workflow_runs: [{ id: 1, head_sha: 'a', status: 'completed', conclusion: 'exploded' }] }, { environment: 'p' }, /unknown status "completed" \/ conclusion "exploded"/],
    ['bad time', [{ databaseId: 1, headSha: 'a', status: 'completed', conclusion: 'success', updatedAt: 'yesterday', url: 'https://github.com/a/b/actions/runs/1' }], { environment: 'p' }, /RFC 3339/],
  ])('%s → ImportError', (_name, input, options, message) => {
    expect(() => importGithubActions(input, options)).toThrow(ImportError);
    expect(() => importGithubActions(input, options)).toThrow(message);
  });
});

describe('github-deployments', () => {
  test.each([
    ['success', 'success'],
    ['inactive', 'success'],
    ['failure', 'failure'],
    ['error', 'failure'],
    ['in_progress', 'running'],
    ['queued', 'queued'],
    ['pending', 'queued'],
    [undefined, 'queued'],
    ['exploded', undefined],
  ])('%s → %s', (state, expected) => {
    expect(githubDeploymentStatus(state)).toBe(expected);
  });

  test('the latest status decides, whatever the order of the list', () => {
    const runs = importGithubDeployments(payload('github-deployments.json'), {});
    expect(brief(runs)).toEqual([
      'ghd-1801 success checkout-api/production a84d88e',
      'ghd-1802 failure checkout-api/staging b84d88e',
      'ghd-1803 running checkout-api/production c84d88e',
      'ghd-1804 queued checkout-api/production d84d88e',
    ]);
    expect(runs[0]).toMatchObject({
      source: 'github-deployment',
      environmentTier: 'production',
      startedAt: '2026-11-20T10:00:00Z',
      finishedAt: '2026-11-21T09:00:00Z',
      actor: 'octocat',
      repo: 'acme/checkout-api',
    });
    expect(runs[1]!.environmentTier).toBeUndefined();
    expectWellFormed(runs);
  });

  test('a deployment without embedded statuses is refused, pointing at the docs', () => {
    expect(() => importGithubDeployments([{ id: 1, sha: 'a', environment: 'production' }], {})).toThrow(/no "statuses".*docs\/run-data\.md/);
  });
});

describe('gitlab', () => {
  test.each([
    ['created', 'queued'],
    ['blocked', 'queued'],
    ['running', 'running'],
    ['success', 'success'],
    ['failed', 'failure'],
    ['canceled', 'cancelled'],
    ['skipped', 'skipped'],
    ['exploded', undefined],
  ])('%s → %s', (status, expected) => {
    expect(gitlabStatus(status)).toBe(expected);
  });

  test('environment and tier from the record, service from the job URL', () => {
    const runs = importGitlab(payload('gitlab.json'), {});
    expect(brief(runs)).toEqual([
      'gitlab-41 success checkout-api/production 99d0367',
      'gitlab-42 failure checkout-api/staging aad0367',
      'gitlab-43 cancelled checkout-api/production bbd0367',
      'gitlab-44 running checkout-api/review/feature-x ccd0367',
      'gitlab-45 queued checkout-api/production ddd0367',
    ]);
    expect(runs[0]).toMatchObject({
      source: 'gitlab',
      environmentTier: 'production',
      startedAt: '2026-11-20T10:00:05.000Z',
      finishedAt: '2026-11-20T10:05:55.000Z',
      repo: 'acme/payments/checkout-api',
      actor: 'alice',
      commits: [{ sha: '99d03678b90d914dbb1b109132516d71a4a03ea8', timestamp: '2026-11-20T09:50:00.000+01:00', message: 'Raise pool size' }],
    });
    // Cancelled before the job started: it finishes when the deployment was last updated.
    expect(runs[2]).toMatchObject({ startedAt: '2026-11-21T11:00:00.000Z', finishedAt: '2026-11-21T11:01:00.000Z' });
    expect(runs[3]!.environmentTier).toBeUndefined();
    expectWellFormed(runs);
  });
});

describe('argocd', () => {
  test.each([
    ['Succeeded', 'success'],
    ['Failed', 'failure'],
    ['Error', 'failure'],
    ['Running', 'running'],
    ['Terminating', 'running'],
    ['Unknown', undefined],
  ])('%s → %s', (phase, expected) => {
    expect(argocdStatus(phase)).toBe(expected);
  });

  test.each([
    [{ environment: 'staging' }, 'checkout-production', 'staging'],
    [{ env: 'qa' }, undefined, 'qa'],
    [{}, 'checkout-production', 'production'],
    [{}, 'staging', 'staging'],
    [{}, 'checkout', undefined],
    [{}, undefined, undefined],
  ])('labels %o, namespace %s → %s', (labels, namespace, expected) => {
    expect(argocdEnvironment(labels, namespace)).toBe(expected);
  });

  test('history syncs succeed; a failed current operation is a run of its own', () => {
    const runs = importArgocd(payload('argocd-failed.json'), {});
    expect(brief(runs)).toEqual([
      'argocd-checkout-api-11 success checkout-api/production 1111111',
      'argocd-checkout-api-12 success checkout-api/production 2222222',
      'argocd-checkout-api-op-2026-11-21T10:00:00Z failure checkout-api/production 3333333',
    ]);
    expect(runs[2]).toMatchObject({ automated: true, finishedAt: '2026-11-21T10:00:40Z', labels: { message: 'one or more objects failed to apply' } });
    expect(runs[0]).toMatchObject({ source: 'argocd', repo: 'acme/deploy', startedAt: '2026-11-19T10:00:00Z' });
    expectWellFormed(runs);
  });

  test('a succeeded operation already in the history is not counted twice', () => {
    expect(brief(importArgocd(payload('argocd-synced.json'), { service: 'ledger-api' }))).toEqual(['argocd-ledger-4 success ledger-api/staging 4444444']);
  });

  test('no label and no telling namespace → asks for --environment', () => {
    const app = payload('argocd-synced.json') as { metadata: { labels: object } };
    app.metadata.labels = {};
    expect(() => importArgocd(app, {})).toThrow(/pass --environment/);
    expect(importArgocd(app, { environment: 'production' })[0]!.environment).toBe('production');
  });
});
