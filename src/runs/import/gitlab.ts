/**
 * GitLab project deployments → Runs: the REST "List project deployments" array (`GET /projects/:id/deployments`; the
 * pages of `glab api --paginate`, back to back), "Get a specific deployment" (one object), or one a line. Status table:
 *   created, blocked → queued     (blocked: waits for a manual approval)
 *   running          → running
 *   success          → success
 *   failed           → failure
 *   canceled         → cancelled
 *   skipped          → skipped
 * Environment and tier come from the record's `environment` (`--environment` overrides the name). The service is
 * `--service`, else the project's name from the job's `web_url`. Terminal runs finish at the job's `finished_at`,
 * else at `updated_at`. A commit keeps the first line of its message. Ids: `gitlab-<deployment id>`.
 *
 * In: `[{ id: 41, status: 'failed', environment: { name: 'production', tier: 'production' }, … }]`
 *   → `[{ id: 'gitlab-41', status: 'failure', environmentTier: 'production', … }]`
 */
import type { Run, RunStatus } from '../types.ts';
import { asTier, compact, firstLine, ImportError, isObject, object, optionalText, optionalTime, records, repoName, requireService, text, time, type ImportOptions } from './common.ts';

const statuses: Readonly<Record<string, RunStatus>> = {
  created: 'queued',
  blocked: 'queued',
  running: 'running',
  success: 'success',
  failed: 'failure',
  canceled: 'cancelled',
  skipped: 'skipped',
};

export function gitlabStatus(status: string): RunStatus | undefined {
  return statuses[status.toLowerCase()];
}

/** One JSON document (named `root` in messages) → its runs. */
export function importGitlab(payload: unknown, options: ImportOptions, root = 'input'): Run[] {
  return records(payload, root).map(({ record: deployment, where }) => {
    const raw = text(deployment, 'status', where);
    const runStatus = gitlabStatus(raw);
    if (runStatus === undefined) throw new ImportError(`${where}: unknown status "${raw}"`);
    const environment = object(deployment.environment, `${where}.environment`);
    const job = isObject(deployment.deployable) ? deployment.deployable : {};
    const commit = isObject(job.commit) ? job.commit : undefined;
    const webUrl = optionalText(job, 'web_url', `${where}.deployable`);
    const project = webUrl?.match(/^https?:\/\/[^/]+\/(.+?)\/-\//)?.[1];
    const terminal = runStatus !== 'queued' && runStatus !== 'running';
    const sha = text(deployment, 'sha', where);
    return compact<Run>({
      id: `gitlab-${text(deployment, 'id', where)}`,
      service: requireService(options.service ?? repoName(project), `${where}.deployable has no web_url`),
      environment: options.environment ?? text(environment, 'name', `${where}.environment`),
      status: runStatus,
      sha,
      source: 'gitlab',
      environmentTier: asTier(optionalText(environment, 'tier', `${where}.environment`)),
      startedAt: optionalTime(job, 'started_at', `${where}.deployable`) ?? optionalTime(deployment, 'created_at', where),
      finishedAt: terminal ? (optionalTime(job, 'finished_at', `${where}.deployable`) ?? time(deployment, 'updated_at', where)) : undefined,
      ref: optionalText(deployment, 'ref', where),
      repo: project,
      commits: commit
        ? [compact({ sha: optionalText(commit, 'id', `${where}.deployable.commit`) ?? sha, timestamp: time(commit, 'created_at', `${where}.deployable.commit`), message: firstLine(optionalText(commit, 'message', `${where}.deployable.commit`)) })]
        : undefined,
      url: webUrl,
      actor: isObject(deployment.user) ? optionalText(deployment.user, 'username', `${where}.user`) : undefined,
    });
  });
}
