/**
 * Deployment checklists as Shipshape reads them: defined in docs (a ```checklist block, or a task list under a
 * heading ending in "checklist"), evaluated against run evidence. `ChecklistBlock`, generated from
 * `schemas/checklist.schema.json`, is the block as written; `Checklist` is what it becomes after defaults
 * (`required: true`, title = id) with its evidence read into `Evidence`.
 */
import type { Checklist as ChecklistBlock } from '../schemas/generated/checklist.ts';

export type { ChecklistBlock };
type BlockItem = ChecklistBlock['items'][number];

export type Phase = BlockItem['phase'];

export type Evidence =
  | { kind: 'check'; check: string }
  | { kind: 'deployed-before'; environment: string; minAge: number }
  | { kind: 'no-open-incident'; severity?: string[] }
  | { kind: 'rollback-target' }
  | { kind: 'soak'; environment: string; duration: number }
  | { kind: 'manual' };

export const evidenceKinds: readonly Evidence['kind'][] = ['check', 'deployed-before', 'no-open-incident', 'rollback-target', 'soak', 'manual'];

export interface ChecklistItem extends Pick<BlockItem, 'id' | 'text' | 'phase'> {
  required: boolean;
  evidence: Evidence;
}

export interface Checklist extends Pick<ChecklistBlock, 'id' | 'appliesTo'> {
  title: string;
  items: ChecklistItem[];
  /** Where it is defined: vault path and 1-based line. */
  source: { path: string; line: number };
}

export type ItemStatus = 'satisfied' | 'failed' | 'missing';

/** A piece of evidence, as plain data: what was found and where to look. */
export interface EvidenceRecord {
  kind: 'run' | 'check' | 'incident';
  id: string;
  /** What it says: a status, a time, a severity. */
  detail: string;
  /** The run (or incident) id to link to. */
  run?: string;
  url?: string;
}

export interface ItemResult {
  id: string;
  phase: Phase;
  text: string;
  required: boolean;
  status: ItemStatus;
  evidence: EvidenceRecord[];
  reason: string;
}

export interface Evaluation {
  version: 1;
  checklist: string;
  service: string;
  environment: string;
  sha: string;
  verdict: 'go' | 'no-go';
  items: ItemResult[];
}
