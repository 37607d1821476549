/**
 * Deployment run data as Shipshape reads it: one `Run` per deployment attempt, one `Incident` per production
 * incident. The JSON Schemas in `schemas/run.schema.json` and `schemas/incident.schema.json` are the documentation
 * and the validation; these types mirror them. Times are RFC 3339 strings.
 */

export type RunStatus = 'success' | 'failure' | 'cancelled' | 'running' | 'queued' | 'skipped';
export type RunSource = 'github-actions' | 'github-deployment' | 'gitlab' | 'argocd' | 'manual';
export type EnvironmentTier = 'production' | 'staging' | 'testing' | 'development' | 'other';
export type RunKind = 'deploy' | 'rollback' | 'hotfix' | 'config';

/** Statuses after which a run no longer changes: they require `finishedAt`. */
export const terminalStatuses: ReadonlySet<RunStatus> = new Set(['success', 'failure', 'cancelled', 'skipped']);

export interface RunCommit {
  sha: string;
  timestamp: string;
  message?: string;
}

export interface RunCheck {
  id: string;
  name: string;
  status: string;
  url?: string;
  at?: string;
}

export interface Run {
  id: string;
  service: string;
  environment: string;
  status: RunStatus;
  sha: string;
  /** Required when the status is terminal. */
  finishedAt?: string;
  source?: RunSource;
  environmentTier?: EnvironmentTier;
  startedAt?: string;
  ref?: string;
  repo?: string;
  commits?: RunCommit[];
  /** Default `deploy`. */
  kind?: RunKind;
  planned?: boolean;
  /** Incident or run ids this run remediates. */
  remediates?: string[];
  url?: string;
  actor?: string;
  automated?: boolean;
  attempt?: number;
  checks?: RunCheck[];
  labels?: Record<string, string>;
}

export interface Incident {
  id: string;
  service: string;
  openedAt: string;
  resolvedAt?: string;
  severity?: string;
  /** A run id or a commit sha. */
  causedBy?: string;
  title?: string;
  url?: string;
}

/** Where a record came from, for diagnostics: vault path and 1-based line (the NDJSON line; the line of the record's start otherwise). */
export interface RecordOrigin {
  file: string;
  line: number;
  column: number;
}
