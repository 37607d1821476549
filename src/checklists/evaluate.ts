/**
 * A checklist evaluated for one candidate deployment (service, environment, sha) at one time, from run data alone:
 * a pure function of (definition, runs, incidents, time). Only what had happened by `at` counts: runs finished, checks
 * recorded and incidents opened at or before it. The verdict is go when every required item is satisfied.
 *
 * In: `evaluateChecklist(checklist, runs, incidents, { service: 'api', environment: 'production', sha: '3f9c2a1', at })`
 * Out: `{ version: 1, checklist: 'production-deploy', verdict: 'no-go', items: [{ id: 'staging-soak', status: 'missing', reason: 'In staging for 1h, needs 2h', … }] }`
 */
import { formatDuration } from './durations.ts';
import type { Checklist, ChecklistItem, Evaluation, EvidenceRecord, ItemResult, ItemStatus } from './types.ts';
import { sameSha } from '../runs/shas.ts';
import type { EnvironmentTier, Incident, Run } from '../runs/types.ts';

export interface Candidate {
  service: string;
  environment: string;
  /** The commit to deploy, in full or abbreviated (7 characters or more). */
  sha: string;
  at: Date;
  /** The tier of an environment without `environmentTier` on its runs (for `rollback-target`). */
  tierOf: (environment: string) => EnvironmentTier;
}

const time = (value: string | undefined): number => (value === undefined ? Number.NaN : Date.parse(value));

export function evaluateChecklist(checklist: Checklist, runs: readonly Run[], incidents: readonly Incident[], candidate: Candidate): Evaluation {
  const at = candidate.at.getTime();
  // What had happened by `at`: the service's finished runs, newest first.
  // Times parsed once per run, not in the sort's comparisons: run pages evaluate a long history many times.
  const history = runs
    .flatMap((run) => {
      const finished = time(run.finishedAt);
      return run.service === candidate.service && finished <= at ? [{ run, finished }] : [];
    })
    .sort((a, b) => b.finished - a.finished || (a.run.id < b.run.id ? 1 : -1))
    .map(({ run }) => run);
  const ofSha = history.filter((run) => sameSha(run.sha, candidate.sha));
  const serviceIncidents = incidents.filter((incident) => incident.service === candidate.service && time(incident.openedAt) <= at);

  const result = (item: ChecklistItem, status: ItemStatus, reason: string, evidence: EvidenceRecord[] = []): ItemResult => ({
    id: item.id,
    phase: item.phase,
    text: item.text,
    required: item.required,
    status,
    evidence,
    reason,
  });
  const runEvidence = (run: Run, detail: string): EvidenceRecord => ({ kind: 'run', id: run.id, detail, run: run.id, ...(run.url ? { url: run.url } : {}) });
  const incidentEvidence = (incident: Incident, detail: string): EvidenceRecord => ({
    kind: 'incident',
    id: incident.id,
    detail,
    ...(incident.url ? { url: incident.url } : {}),
  });
  const ago = (ms: number) => formatDuration(Math.max(0, Math.floor(ms / 60_000) * 60_000));

  /** The latest record of a check among the runs of the candidate sha, by the check's time, else its run's. */
  function latestCheck(id: string): { run: Run; check: NonNullable<Run['checks']>[number]; when: number } | undefined {
    let latest: { run: Run; check: NonNullable<Run['checks']>[number]; when: number } | undefined;
    for (const run of runs) {
      if (run.service !== candidate.service || !sameSha(run.sha, candidate.sha)) continue;
      for (const check of run.checks ?? []) {
        if (check.id !== id) continue;
        const when = Number.isNaN(time(check.at)) ? time(run.finishedAt) : time(check.at);
        if (!(when <= at)) continue;
        if (!latest || when > latest.when || (when === latest.when && run.id > latest.run.id)) latest = { run, check, when };
      }
    }
    return latest;
  }

  function byCheck(item: ChecklistItem, id: string): ItemResult {
    const found = latestCheck(id);
    if (!found) return result(item, 'missing', `No run of ${candidate.sha} records the check ${id}`);
    const { run, check } = found;
    const evidence: EvidenceRecord = { kind: 'check', id: check.id, detail: `${check.status}${check.at ? ` at ${check.at}` : ''}`, run: run.id, ...(check.url ? { url: check.url } : {}) };
    if (check.status === 'success') return result(item, 'satisfied', `${check.name || id} passed in run ${run.id}`, [evidence]);
    if (check.status === 'failure') return result(item, 'failed', `${check.name || id} failed in run ${run.id}`, [evidence]);
    return result(item, 'missing', `${check.name || id} is ${check.status} in run ${run.id}`, [evidence]);
  }

  /** The earliest success of the candidate sha in an environment (by `at`). */
  const reached = (environment: string): Run | undefined => ofSha.filter((run) => run.environment === environment && run.status === 'success').at(-1);

  function evaluateItem(item: ChecklistItem): ItemResult {
    const evidence = item.evidence;
    switch (evidence.kind) {
      case 'check':
        return byCheck(item, evidence.check);
      case 'manual':
        return byCheck(item, item.id);
      case 'deployed-before': {
        const run = reached(evidence.environment);
        if (!run) return result(item, 'missing', `${candidate.sha} has not succeeded in ${evidence.environment}`);
        const age = at - time(run.finishedAt);
        const detail = `succeeded in ${evidence.environment} ${ago(age)} before`;
        return age >= evidence.minAge
          ? result(item, 'satisfied', `Deployed to ${evidence.environment} ${ago(age)} before (at least ${formatDuration(evidence.minAge)})`, [runEvidence(run, detail)])
          : result(item, 'missing', `Deployed to ${evidence.environment} only ${ago(age)} before, needs ${formatDuration(evidence.minAge)}`, [runEvidence(run, detail)]);
      }
      case 'no-open-incident': {
        const severities = evidence.severity?.map((s) => s.toLowerCase());
        const open = serviceIncidents.filter(
          (incident) => !(time(incident.resolvedAt) <= at) && (!severities || (incident.severity !== undefined && severities.includes(incident.severity.toLowerCase()))),
        );
        const scope = severities ? ` of severity ${severities.join(', ')}` : '';
        return open.length === 0
          ? result(item, 'satisfied', `No incident${scope} of ${candidate.service} is open`)
          : result(item, 'failed', `${open.length} incident${open.length === 1 ? '' : 's'}${scope} of ${candidate.service} open`, open.map((incident) => incidentEvidence(incident, `open since ${incident.openedAt}`)));
      }
      case 'rollback-target': {
        const target = history.find(
          (run) => run.status === 'success' && !sameSha(run.sha, candidate.sha) && (run.environmentTier ?? candidate.tierOf(run.environment)) === 'production',
        );
        return target
          ? result(item, 'satisfied', `${target.sha.slice(0, 12)} is an earlier production deployment to roll back to`, [runEvidence(target, `production at ${target.finishedAt}`)])
          : result(item, 'missing', `No earlier successful production deployment of ${candidate.service} with another sha`);
      }
      case 'soak': {
        const run = reached(evidence.environment);
        if (!run) return result(item, 'missing', `${candidate.sha} has not reached ${evidence.environment}`);
        const since = time(run.finishedAt);
        const keys = ofSha.map((r) => r.id);
        const caused = serviceIncidents.filter(
          (incident) => incident.causedBy !== undefined && time(incident.openedAt) >= since && (keys.includes(incident.causedBy) || sameSha(incident.causedBy, candidate.sha)),
        );
        const records = [runEvidence(run, `reached ${evidence.environment} at ${run.finishedAt}`), ...caused.map((incident) => incidentEvidence(incident, `caused by ${incident.causedBy}`))];
        if (caused.length > 0) return result(item, 'failed', `${caused.length === 1 ? 'An incident names' : `${caused.length} incidents name`} it since it reached ${evidence.environment}`, records);
        return at - since >= evidence.duration
          ? result(item, 'satisfied', `In ${evidence.environment} for ${ago(at - since)} without incident (needs ${formatDuration(evidence.duration)})`, records)
          : result(item, 'missing', `In ${evidence.environment} for ${ago(at - since)}, needs ${formatDuration(evidence.duration)}`, records);
      }
    }
  }

  const items = checklist.items.map(evaluateItem);
  return {
    version: 1,
    checklist: checklist.id,
    service: candidate.service,
    environment: candidate.environment,
    sha: candidate.sha,
    verdict: items.every((item) => !item.required || item.status === 'satisfied') ? 'go' : 'no-go',
    items,
  };
}
