/**
 * Deployment run data as Shipshape reads it: one `Run` per deployment attempt, one `Incident` per production
 * incident. The types are generated from `schemas/run.schema.json` and `schemas/incident.schema.json` (see
 * `scripts/generate-types.ts`); the names below pick out their parts. Times are RFC 3339 strings.
 */
import type { Incident } from '../schemas/generated/incident.ts';
import type { Run } from '../schemas/generated/run.ts';

export type { Incident, Run };
export type RunStatus = Run['status'];
export type RunSource = NonNullable<Run['source']>;
export type EnvironmentTier = NonNullable<Run['environmentTier']>;
export type RunKind = NonNullable<Run['kind']>;
export type RunCommit = NonNullable<Run['commits']>[number];
export type RunCheck = NonNullable<Run['checks']>[number];

/** Statuses after which a run no longer changes: they require `finishedAt`. */
export const terminalStatuses: ReadonlySet<RunStatus> = new Set(['success', 'failure', 'cancelled', 'skipped']);

/** Where a record came from, for diagnostics: vault path and 1-based line (the NDJSON line; the line of the record's start otherwise). */
export interface RecordOrigin {
  file: string;
  line: number;
  column: number;
}

export type RecordKind = 'run' | 'incident';

/** A record as read from a run file: unvalidated. */
export interface ReadRecord<Data = unknown> {
  kind: RecordKind;
  data: Data;
  origin: RecordOrigin;
}
