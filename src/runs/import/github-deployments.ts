/**
 * GitHub deployments → Runs. GitHub's REST "List deployments" leaves the outcome in a separate "List deployment
 * statuses" call, so the input file holds the deployments with their statuses embedded as `statuses: [...]`
 * (docs/run-data.md, "Importing run data", shows a `gh api` loop that writes it): an array, one deployment ("Get a deployment" with
 * its statuses added), pages back to back, or one a line. The latest status (by `created_at`) decides:
 *   success, inactive         → success   (inactive: a later deployment superseded this successful one)
 *   failure, error            → failure
 *   in_progress               → running
 *   queued, pending, none yet → queued
 * The environment is the deployment's; `production_environment: true` sets the tier. The service is `--service`,
 * else the repository's name from `repository_url`. Ids: `ghd-<deployment id>`.
 *
 * In: `[{ id: 7, sha: 'abc…', environment: 'production', statuses: [{ state: 'failure', created_at: '…' }] }]`
 *   → `[{ id: 'ghd-7', status: 'failure', environment: 'production', … }]`
 */
import type { Run, RunStatus } from '../types.ts';
import { array, compact, ImportError, isObject, object, optionalText, optionalTime, records, repoName, requireService, text, time, type ImportOptions } from './common.ts';

const states: Readonly<Record<string, RunStatus>> = {
  success: 'success',
  inactive: 'success',
  failure: 'failure',
  error: 'failure',
  in_progress: 'running',
  queued: 'queued',
  pending: 'queued',
};

export function githubDeploymentStatus(state: string | undefined): RunStatus | undefined {
  return state === undefined ? 'queued' : states[state.toLowerCase()];
}

/** One JSON document (named `root` in messages) → its runs. */
export function importGithubDeployments(payload: unknown, options: ImportOptions, root = 'input'): Run[] {
  return records(payload, root).map(({ record: deployment, where }) => {
    if (!('statuses' in deployment)) {
      throw new ImportError(`${where}: no "statuses": embed each deployment's statuses (see docs/run-data.md, "Importing run data")`);
    }
    const statuses = array(deployment.statuses, `${where}.statuses`).map((status, i) => object(status, `${where}.statuses[${i}]`));
    const latest = statuses
      .map((status, i) => ({ status, at: time(status, 'created_at', `${where}.statuses[${i}]`) }))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
    const state = latest ? optionalText(latest.status, 'state', `${where}.statuses`) : undefined;
    const runStatus = githubDeploymentStatus(state);
    if (runStatus === undefined) throw new ImportError(`${where}: unknown deployment state "${state}"`);
    const repositoryUrl = optionalText(deployment, 'repository_url', where);
    const repo = repositoryUrl?.match(/repos\/([^/]+\/[^/]+)$/)?.[1];
    const terminal = runStatus !== 'queued' && runStatus !== 'running';
    return compact<Run>({
      id: `ghd-${text(deployment, 'id', where)}`,
      service: requireService(options.service ?? repoName(repo), `${where} has no repository_url`),
      environment: options.environment ?? text(deployment, 'environment', where),
      status: runStatus,
      sha: text(deployment, 'sha', where),
      source: 'github-deployment',
      environmentTier: deployment.production_environment === true ? 'production' : undefined,
      startedAt: optionalTime(deployment, 'created_at', where),
      finishedAt: terminal && latest ? latest.at : undefined,
      ref: optionalText(deployment, 'ref', where),
      repo,
      url: latest ? (optionalText(latest.status, 'log_url', where) ?? optionalText(latest.status, 'environment_url', where)) : undefined,
      actor: isObject(deployment.creator) ? optionalText(deployment.creator, 'login', `${where}.creator`) : undefined,
    });
  });
}
