/**
 * GitHub Actions workflow runs → Runs. Reads both shapes GitHub prints: the array of
 * `gh run list --json databaseId,headSha,headBranch,status,conclusion,createdAt,updatedAt,startedAt,url,workflowName,event,displayTitle,attempt`
 * and the REST API's: "List workflow runs" `{ total_count, workflow_runs: [...] }` (each page of `gh api --paginate`),
 * "Get a workflow run" (one run object, `gh api repos/OWNER/REPO/actions/runs/ID`) or runs one a line (`--jq`).
 * A head commit keeps the first line of its message.
 * A workflow run carries no environment: `--environment` is required. The service is `--service`, else the
 * repository's name (REST `repository.full_name`, or the run's URL for `gh`).
 *
 * Status table (GitHub `status` / `conclusion` → Run status):
 *   queued, waiting, requested, pending        → queued
 *   in_progress                                → running
 *   completed + success, neutral               → success
 *   completed + failure, timed_out, startup_failure → failure
 *   completed + cancelled, stale               → cancelled   (stale: GitHub gave up on it)
 *   completed + skipped                        → skipped
 *   completed + action_required                → queued      (waits for an approval)
 * Terminal runs finish at `updated_at`. Ids: `gha-<run id>-<attempt>`, so a re-run is a new record.
 *
 * In: `{ workflow_runs: [{ id: 42, run_attempt: 2, status: 'completed', conclusion: 'failure', … }] }`
 *   → `[{ id: 'gha-42-2', status: 'failure', attempt: 2, … }]`
 */
import type { Run, RunStatus } from '../types.ts';
import { compact, firstLine, ImportError, isObject, optionalText, optionalTime, records, repoName, requireService, text, time, type ImportOptions, type Json } from './common.ts';

const pendingStatuses: Readonly<Record<string, RunStatus>> = {
  queued: 'queued',
  waiting: 'queued',
  requested: 'queued',
  pending: 'queued',
  in_progress: 'running',
};

const conclusions: Readonly<Record<string, RunStatus>> = {
  success: 'success',
  neutral: 'success',
  failure: 'failure',
  timed_out: 'failure',
  startup_failure: 'failure',
  cancelled: 'cancelled',
  stale: 'cancelled',
  skipped: 'skipped',
  action_required: 'queued',
};

/** GitHub's `status` + `conclusion` → a Run status; `undefined` for values GitHub does not document. */
export function githubActionsStatus(status: string, conclusion: string | undefined): RunStatus | undefined {
  const normalised = status.toLowerCase();
  if (normalised !== 'completed') return pendingStatuses[normalised];
  return conclusion === undefined ? undefined : conclusions[conclusion.toLowerCase()];
}

/** One JSON document (named `where` in messages) → its runs. */
export function importGithubActions(payload: unknown, options: ImportOptions, where = 'input'): Run[] {
  const environment = options.environment;
  if (environment === undefined) throw new ImportError('github-actions runs carry no environment: pass --environment');
  return records(payload, where, 'workflow_runs').map(({ record: run, where: at }) =>
    'databaseId' in run ? fromGh(run, at, environment, options) : fromRest(run, at, environment, options),
  );
}

function status(run: Json, statusKey: string, where: string): RunStatus {
  const raw = text(run, statusKey, where);
  const conclusion = optionalText(run, 'conclusion', where);
  const mapped = githubActionsStatus(raw, conclusion);
  if (mapped === undefined) throw new ImportError(`${where}: unknown status "${raw}"${conclusion ? ` / conclusion "${conclusion}"` : ''}`);
  return mapped;
}

/** `gh run list --json …`: camelCase, `url` is the run's page. */
function fromGh(run: Json, where: string, environment: string, options: ImportOptions): Run {
  const url = optionalText(run, 'url', where);
  const repo = url?.match(/github\.com\/([^/]+\/[^/]+)\/actions\//)?.[1];
  const runStatus = status(run, 'status', where);
  const attempt = Number(optionalText(run, 'attempt', where) ?? '1');
  const workflow = optionalText(run, 'workflowName', where);
  const event = optionalText(run, 'event', where);
  return compact<Run>({
    id: `gha-${text(run, 'databaseId', where)}-${attempt}`,
    service: requireService(options.service ?? repoName(repo), 'gh run list output names no repository'),
    environment,
    status: runStatus,
    sha: text(run, 'headSha', where),
    source: 'github-actions',
    startedAt: optionalTime(run, 'startedAt', where) ?? optionalTime(run, 'createdAt', where),
    finishedAt: runStatus === 'queued' || runStatus === 'running' ? undefined : time(run, 'updatedAt', where),
    ref: optionalText(run, 'headBranch', where),
    repo,
    url,
    attempt,
    labels: labels(workflow, event),
  });
}

/** REST `workflow_runs[]`: snake_case, with the actor, the head commit and the repository. */
function fromRest(run: Json, where: string, environment: string, options: ImportOptions): Run {
  const repository = isObject(run.repository) ? optionalText(run.repository, 'full_name', `${where}.repository`) : undefined;
  const runStatus = status(run, 'status', where);
  const attempt = Number(optionalText(run, 'run_attempt', where) ?? '1');
  const commit = isObject(run.head_commit) ? run.head_commit : undefined;
  const sha = text(run, 'head_sha', where);
  return compact<Run>({
    id: `gha-${text(run, 'id', where)}-${attempt}`,
    service: requireService(options.service ?? repoName(repository), `${where} has no repository.full_name`),
    environment,
    status: runStatus,
    sha,
    source: 'github-actions',
    startedAt: optionalTime(run, 'run_started_at', where) ?? optionalTime(run, 'created_at', where),
    finishedAt: runStatus === 'queued' || runStatus === 'running' ? undefined : time(run, 'updated_at', where),
    ref: optionalText(run, 'head_branch', where),
    repo: repository,
    commits: commit
      ? [compact({ sha: optionalText(commit, 'id', `${where}.head_commit`) ?? sha, timestamp: time(commit, 'timestamp', `${where}.head_commit`), message: firstLine(optionalText(commit, 'message', `${where}.head_commit`)) })]
      : undefined,
    url: optionalText(run, 'html_url', where),
    actor: isObject(run.actor) ? optionalText(run.actor, 'login', `${where}.actor`) : undefined,
    attempt,
    labels: labels(optionalText(run, 'name', where), optionalText(run, 'event', where)),
  });
}

function labels(workflow: string | undefined, event: string | undefined): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  if (workflow !== undefined) result.workflow = workflow;
  if (event !== undefined) result.event = event;
  return Object.keys(result).length > 0 ? result : undefined;
}
