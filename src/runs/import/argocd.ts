/**
 * Argo CD Applications (`kubectl get application NAME -o json`, `argocd app get NAME -o json`; several as an
 * array, a `kubectl get applications -o json` list `{ items: […] }`, back to back or one a line) → Runs. Every
 * `status.history[]` entry is a sync that succeeded: one `success` run each, id `argocd-<app>-<history id>`.
 * Failures live only in the current `status.operationState`, so it becomes a run too, id
 * `argocd-<app>-op-<startedAt>`, unless it is the succeeded sync already in the history (same revision,
 * `finishedAt` = `deployedAt`). Phase table:
 *   Succeeded → success, Failed / Error → failure, Running / Terminating → running (a terminated sync ends Failed).
 * Service: `--service`, else `metadata.name`. Environment: `--environment`, else the label `environment`
 * (or `env`) on the Application, else the last `-`-separated part of `spec.destination.namespace` when it is
 * one of production, prod, staging, stage, testing, test, qa, development, dev (`checkout-staging` → staging);
 * otherwise the import stops and asks for `--environment`. `repo` is the synced git source's `repoURL` as
 * `owner/name` (`https://github.com/acme/deploy.git` → `acme/deploy`, see `repoPath`); a Helm chart source, whose
 * revision is no commit, is refused.
 *
 * In: `{ metadata: { name: 'checkout' }, status: { history: [{ id: 3, revision: 'abc…', deployedAt: '…' }] } }`
 *   → `[{ id: 'argocd-checkout-3', status: 'success', sha: 'abc…', … }]`
 */
import type { Run, RunStatus } from '../types.ts';
import { array, compact, ImportError, isObject, object, optionalText, optionalTime, records, repoPath, text, time, type ImportOptions, type Json } from './common.ts';

const phases: Readonly<Record<string, RunStatus>> = {
  Succeeded: 'success',
  Failed: 'failure',
  Error: 'failure',
  Running: 'running',
  Terminating: 'running',
};

export function argocdStatus(phase: string): RunStatus | undefined {
  return phases[phase];
}

const environmentNames: ReadonlySet<string> = new Set(['production', 'prod', 'staging', 'stage', 'testing', 'test', 'qa', 'development', 'dev']);

/** The environment rule of the module comment, `undefined` when nothing gives it. */
export function argocdEnvironment(labels: Json, namespace: string | undefined): string | undefined {
  for (const key of ['environment', 'env']) if (typeof labels[key] === 'string' && labels[key] !== '') return labels[key];
  const last = namespace?.split('-').at(-1);
  return last !== undefined && environmentNames.has(last) ? last : undefined;
}

/** One JSON document (named `root` in messages) → the runs of its Applications. */
export function importArgocd(payload: unknown, options: ImportOptions, root = 'input'): Run[] {
  return records(payload, root, 'items').flatMap(({ record, where }) => importApplication(record, where, options));
}

/**
 * The repository of a sync's `source` (`{ repoURL, chart? }`) as `owner/name`. A Helm chart source is refused: its
 * revision is the chart's version, not a commit, and a run records a commit.
 */
function sourceRepo(source: unknown, where: string): string | undefined {
  if (!isObject(source)) return undefined;
  if (source.chart !== undefined) {
    throw new ImportError(`${where}: a Helm chart source ("${String(source.chart)}"), whose revision is a chart version, not a commit: only git sources can be imported`);
  }
  const url = optionalText(source, 'repoURL', where);
  return url === undefined ? undefined : repoPath(url);
}

function importApplication(app: Json, root: string, options: ImportOptions): Run[] {
  const at = (path: string) => (root === 'input' ? path : `${root}.${path}`);
  if (app.kind !== undefined && app.kind !== 'Application') throw new ImportError(`${root}: expected an Argo CD Application, got kind "${String(app.kind)}"`);
  if (!isObject(app.metadata)) throw new ImportError(`${root}: expected an Argo CD Application, found no metadata`);
  const metadata = app.metadata;
  const name = text(metadata, 'name', at('metadata'));
  const spec = isObject(app.spec) ? app.spec : {};
  const destination = isObject(spec.destination) ? spec.destination : {};
  const namespace = optionalText(destination, 'namespace', at('spec.destination'));
  const environment = options.environment ?? argocdEnvironment(isObject(metadata.labels) ? metadata.labels : {}, namespace);
  if (environment === undefined) {
    throw new ImportError(`Cannot tell the environment of ${name} (no "environment" label, namespace "${namespace ?? ''}"): pass --environment`);
  }
  const status = isObject(app.status) ? app.status : {};
  const base = { service: options.service ?? name, environment, source: 'argocd' as const };

  const history = status.history === undefined ? [] : array(status.history, at('status.history'));
  const runs = history.map((item, index): Run => {
    const where = at(`status.history[${index}]`);
    const entry = object(item, where);
    return compact<Run>({
      id: `argocd-${name}-${text(entry, 'id', where)}`,
      ...base,
      status: 'success',
      sha: text(entry, 'revision', where),
      startedAt: optionalTime(entry, 'deployStartedAt', where),
      finishedAt: time(entry, 'deployedAt', where),
      repo: sourceRepo(entry.source, `${where}.source`),
    });
  });

  if (isObject(status.operationState)) {
    const where = at('status.operationState');
    const op = status.operationState;
    const phase = text(op, 'phase', where);
    const runStatus = argocdStatus(phase);
    if (runStatus === undefined) throw new ImportError(`${where}: unknown phase "${phase}"`);
    const startedAt = time(op, 'startedAt', where);
    const finishedAt = optionalTime(op, 'finishedAt', where);
    const syncResult = isObject(op.syncResult) ? op.syncResult : {};
    const operation = isObject(op.operation) ? op.operation : {};
    const sync = isObject(operation.sync) ? operation.sync : {};
    const initiatedBy = isObject(operation.initiatedBy) ? operation.initiatedBy : {};
    const sha = optionalText(syncResult, 'revision', `${where}.syncResult`) ?? optionalText(sync, 'revision', `${where}.operation.sync`);
    const inHistory = runs.some((run) => run.sha === sha && run.finishedAt === finishedAt);
    if (!(runStatus === 'success' && inHistory)) {
      if (sha === undefined) throw new ImportError(`${where}: no syncResult.revision`);
      if (runStatus !== 'running' && finishedAt === undefined) throw new ImportError(`${where}: phase ${phase} without finishedAt`);
      runs.push(
        compact<Run>({
          id: `argocd-${name}-op-${startedAt}`,
          ...base,
          status: runStatus,
          sha,
          startedAt,
          finishedAt: runStatus === 'running' ? undefined : finishedAt,
          repo: sourceRepo(syncResult.source, `${where}.syncResult.source`),
          actor: optionalText(initiatedBy, 'username', `${where}.operation.initiatedBy`),
          automated: typeof initiatedBy.automated === 'boolean' ? initiatedBy.automated : undefined,
          labels: optionalText(op, 'message', where) === undefined ? undefined : { message: text(op, 'message', where) },
        }),
      );
    }
  }
  return runs;
}
