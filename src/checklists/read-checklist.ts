/**
 * A checklist definition from what a doc says: a ```checklist block's data (validated against
 * `schemas/checklist.schema.json`, evidence kinds and durations checked with messages that name them), or a task
 * list under a heading that ends in "checklist" (each task a `manual` item, its id the task's `^block-id` or a slug
 * of its text). Problems carry JSON pointers into the block, for the rule to place them.
 *
 * In: `readChecklist({ id: 'prod', items: [{ id: 'a', text: 'A', phase: 'deploy', evidence: { chek: 'x' } }] }, { path: 'a.md', line: 3 })`
 * Out: `{ problems: [{ pointer: '/items/0/evidence', part: 'key', message: 'Unexpected evidence kind "chek", expected one of: check, …' }] }`
 */
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { PointerProblem } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { pointerProblem } from '../schemas/messages.ts';
import { loadSchemas, type SchemaRegistry } from '../schemas/registry.ts';
import { toolRoot } from '../vault/config.ts';
import { stem } from '../vault/vault-path.ts';
import { parseDuration } from './durations.ts';
import { evidenceKinds, type Checklist, type ChecklistBlock, type ChecklistItem, type Evidence, type Phase } from './types.ts';

const checklistSchema = join(toolRoot, 'schemas', 'checklist.schema.json');
let registry: SchemaRegistry | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kind an evidence value names: a bare string, or an object's one key. */
function kindOf(evidence: unknown): string | undefined {
  if (typeof evidence === 'string') return evidence;
  if (isObject(evidence)) {
    const keys = Object.keys(evidence);
    return keys.length === 1 ? keys[0] : undefined;
  }
  return undefined;
}

/** The kinds written as a bare word; the others are a mapping's one key (`{ check: ID }`). */
const bareKinds: readonly string[] = ['rollback-target', 'manual'];

/** Whether the evidence names a known kind in its form: a bare word for `manual`, a mapping for `check`. */
function isKnown(evidence: unknown, kind: string | undefined): kind is string {
  if (kind === undefined || !(evidenceKinds as readonly string[]).includes(kind)) return false;
  return typeof evidence === 'string' ? bareKinds.includes(kind) : !bareKinds.includes(kind);
}

/** Unknown evidence kinds, reported by name (the schema's `oneOf` would only say "no branch matched"). */
function evidenceProblems(items: unknown): PointerProblem[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i): PointerProblem[] => {
    if (!isObject(item) || item.evidence === undefined) return [];
    const kind = kindOf(item.evidence);
    if (isKnown(item.evidence, kind)) return [];
    const close = kind === undefined || (evidenceKinds as readonly string[]).includes(kind) ? [] : suggest(kind, evidenceKinds);
    const wrongForm = kind !== undefined && (evidenceKinds as readonly string[]).includes(kind);
    const message = wrongForm
      ? typeof item.evidence === 'string'
        ? `Unexpected evidence "${kind}" as a bare word, expected { ${kind}: … }`
        : `Unexpected evidence { ${kind}: … }, expected the bare word ${kind}`
      : `Unexpected evidence ${kind === undefined ? 'with no single kind' : `kind ${JSON.stringify(kind)}`}, expected one of: ${evidenceKinds.join(', ')}`;
    return [
      {
        pointer: `/items/${i}/evidence${isObject(item.evidence) && kind !== undefined ? `/${kind}` : ''}`,
        part: isObject(item.evidence) ? 'key' : 'value',
        message,
        ...(close.length > 0 ? { suggestions: close } : {}),
      },
    ];
  });
}

function evidenceOf(value: unknown): Evidence {
  if (value === 'rollback-target') return { kind: 'rollback-target' };
  if (value === 'manual') return { kind: 'manual' };
  const evidence = value as Record<string, Record<string, unknown> | string | null>;
  if (typeof evidence.check === 'string') return { kind: 'check', check: evidence.check };
  const deployed = evidence['deployed-before'];
  if (isObject(deployed)) return { kind: 'deployed-before', environment: String(deployed.environment), minAge: parseDuration(String(deployed.minAge))! };
  const soak = evidence.soak;
  if (isObject(soak)) return { kind: 'soak', environment: String(soak.environment), duration: parseDuration(String(soak.duration))! };
  const open = evidence['no-open-incident'];
  const severity = isObject(open) && Array.isArray(open.severity) ? open.severity.map(String) : undefined;
  return { kind: 'no-open-incident', ...(severity ? { severity } : {}) };
}

/** The value at a JSON pointer (no `~` escapes: checklist keys have none). */
function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((value, key) => (isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined), data);
}

/** A ```checklist block's data → the checklist, or what is wrong with it. */
export function readChecklist(data: unknown, source: Checklist['source']): { checklist?: Checklist; problems: PointerProblem[] } {
  registry ??= loadSchemas([checklistSchema]);
  if (!isObject(data)) return { problems: [{ pointer: '', part: 'value', message: 'Unexpected checklist block, expected a mapping with id and items' }] };
  const kinds = evidenceProblems(data.items);
  const misplacedKinds = new Set(kinds.map((k) => k.pointer.replace(/\/evidence.*$/, '/evidence')));
  const knownKinds = new Map(
    (Array.isArray(data.items) ? data.items : []).flatMap((item, i): Array<[string, string]> => {
      const kind = isObject(item) ? kindOf(item.evidence) : undefined;
      return isObject(item) && isKnown(item.evidence, kind) ? [[`/items/${i}/evidence`, kind]] : [];
    }),
  );
  const issues = registry
    .validate(checklistSchema, data)
    // An unknown kind is said once, by name: not again as every branch of `oneOf` that failed.
    .filter((issue) => ![...misplacedKinds].some((pointer) => issue.target.pointer.startsWith(pointer)))
    // A known kind with a bad value (a duration `2 hours`) is said by its own branch of `oneOf`: the other branches'
    // "missing key check", "unexpected key soak" are noise.
    .filter((issue) => {
      const kind = knownKinds.get(issue.instancePath);
      return kind === undefined || !(issue.keyword === 'required' || (issue.keyword === 'additionalProperties' && issue.key === kind));
    })
    .map((issue): PointerProblem => ({
      ...pointerProblem(issue),
      // A duration is named as one, not by the schema's regular expression.
      message:
        issue.keyword === 'pattern' && /\/evidence\/[^/]+\/(?:minAge|duration)$/.test(issue.instancePath)
          ? `Unexpected duration ${JSON.stringify(valueAt(data, issue.instancePath))}, expected 30m, 2h, 1d, 1w or ISO 8601 (PT2H)`
          : issue.message,
    }));
  const problems = [...kinds, ...issues];
  const items = Array.isArray(data.items) ? (data.items as Array<Record<string, unknown>>) : [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item?.id !== 'string') return;
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else problems.push({ pointer: `/items/${i}/id`, part: 'value', message: `Unexpected duplicate item id "${item.id}", expected each id once (first at item ${first + 1})` });
  });
  if (problems.length > 0) return { problems };
  // Valid: the data is the block its schema describes.
  const block = data as unknown as ChecklistBlock;
  return {
    checklist: {
      id: block.id,
      title: block.title ?? block.id,
      ...(block.appliesTo ? { appliesTo: block.appliesTo } : {}),
      items: block.items.map(
        (item): ChecklistItem => ({ id: item.id, text: item.text, phase: item.phase, required: item.required !== false, evidence: evidenceOf(item.evidence) }),
      ),
      source,
    },
    problems,
  };
}

/** A heading that makes the task list under it a checklist: its text ends in "checklist". */
export const checklistHeading = /checklist\s*$/i;

/** The phase a task-list checklist's heading names; pre-deploy unless it says otherwise. */
function phaseOf(heading: string): Phase {
  if (/post[- ]?deploy|after/i.test(heading)) return 'post-deploy';
  if (/during|rollout|deploy(?:ment)? checklist$/i.test(heading) && !/pre[- ]?deploy|before/i.test(heading)) return 'deploy';
  return 'pre-deploy';
}

/** A task list under a "… checklist" heading → a checklist of manual items, its id the doc's file name and the heading. */
export function taskListChecklist(path: string, heading: string, line: number, tasks: ReadonlyArray<{ text: string; blockId?: string }>): Checklist {
  // Item ids are unique within the list (`deploy`, `deploy-1`), as heading ids are within a page.
  const slugger = new GithubSlugger();
  const file = stem(path);
  const phase = phaseOf(heading);
  return {
    id: `${new GithubSlugger().slug(file)}-${new GithubSlugger().slug(heading)}`,
    title: heading,
    items: tasks.map((task) => ({ id: task.blockId ?? slugger.slug(task.text), text: task.text, phase, required: true, evidence: { kind: 'manual' } })),
    source: { path, line },
  };
}
