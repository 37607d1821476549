/**
 * Checklists as HTML, for the checklist pages, the run pages and the ```checklist blocks in docs: the items by
 * phase with what satisfies each, and an evaluation with its verdict and the evidence of every item. Built as hast,
 * so text from docs and run data is escaped by construction; only web URLs become links.
 *
 * In: `evaluationHtml(evaluation, links)` → `<section class="evaluation verdict-no-go"><p class="verdict">No-go: …</p><ol>…</ol></section>`
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { safeUrl, shortSha } from '../dashboards/dashboard-html.ts';
import { formatDuration } from './durations.ts';
import type { Checklist, ChecklistItem, Evaluation, Evidence, EvidenceRecord, Phase } from './types.ts';

export interface ChecklistLinks {
  /** The page of a run, when it has one. */
  run(id: string): string | undefined;
  /** The page of a checklist. */
  checklist(id: string): string;
}

const render = (node: ElementContent): string => toHtml({ type: 'root', children: [node] } as Root);

export const phases: readonly Phase[] = ['pre-deploy', 'deploy', 'post-deploy'];
const phaseTitles: Record<Phase, string> = { 'pre-deploy': 'Before the deployment', deploy: 'During the deployment', 'post-deploy': 'After the deployment' };

/** What satisfies an item, in words. */
export function evidenceText(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'check':
      return `a run of the commit records the check ${evidence.check} as success`;
    case 'deployed-before':
      return `the commit succeeded in ${evidence.environment} at least ${formatDuration(evidence.minAge)} before`;
    case 'no-open-incident':
      return `no incident of the service${evidence.severity ? ` of severity ${evidence.severity.join(', ')}` : ''} is open`;
    case 'rollback-target':
      return 'an earlier successful production deployment with another commit exists';
    case 'soak':
      return `the commit has been in ${evidence.environment} for ${formatDuration(evidence.duration)} without an incident naming it`;
    case 'manual':
      return 'ticked by hand: a check with the item’s id';
  }
}

/**
 * The items grouped by phase, each with what satisfies it; `boxes` adds a checkbox per item (the interactive page).
 * The phase titles are headings of `level` on a page of their own, and plain titles inside a doc, whose own headings
 * they must not break the order of.
 */
export function checklistItemsHtml(checklist: Checklist, boxes = false, level: 'h2' | 'p' = 'p'): string {
  const byPhase = (phase: Phase) => checklist.items.filter((item) => item.phase === phase);
  return render(
    h(
      'div.checklist-items',
      phases
        .filter((phase) => byPhase(phase).length > 0)
        .map((phase) =>
          h('section.checklist-phase', [
            h(level === 'p' ? 'p.checklist-phase-title' : level, phaseTitles[phase]),
            h(
              'ul.checklist',
              byPhase(phase).map((item) => itemElement(checklist, item, boxes)),
            ),
          ]),
        ),
    ),
  );
}

function itemElement(checklist: Checklist, item: ChecklistItem, boxes: boolean): Element {
  const label = [h('span.item-text', item.text), item.required ? '' : h('span.optional', ' (optional)'), h('span.item-evidence', ` — ${evidenceText(item.evidence)}`)];
  if (!boxes) return h('li', { dataItem: item.id }, label);
  const id = `item-${checklist.id}-${item.id}`;
  return h('li', { dataItem: item.id }, [h('input', { type: 'checkbox', id, dataItem: item.id }), ' ', h('label', { for: id }, label)]);
}

const statusText = { satisfied: 'satisfied', failed: 'failed', missing: 'missing evidence' } as const;

function evidenceElement(record: EvidenceRecord, links: ChecklistLinks): Element {
  const runPage = record.run ? links.run(record.run) : undefined;
  const external = safeUrl(record.url);
  const name = `${record.kind} ${record.id}`;
  return h('li', [
    runPage ? h('a', { href: runPage }, name) : external ? h('a', { href: external, rel: 'nofollow noopener' }, name) : name,
    `: ${record.detail}`,
  ]);
}

/** An evaluation: the verdict, then every item with its status, reason and evidence. */
export function evaluationHtml(evaluation: Evaluation, checklist: Checklist, links: ChecklistLinks, caption: string): string {
  const blocking = evaluation.items.filter((item) => item.required && item.status !== 'satisfied').length;
  return render(
    h('section.evaluation', { className: [`verdict-${evaluation.verdict}`], dataChecklist: checklist.id }, [
      h('p.verdict', [
        h('strong', evaluation.verdict === 'go' ? 'Go' : 'No-go'),
        `: ${caption} — ${evaluation.service} ${shortSha(evaluation.sha)} to ${evaluation.environment}. `,
        evaluation.verdict === 'go' ? 'Every required item is satisfied.' : `${blocking} required item${blocking === 1 ? ' is' : 's are'} not satisfied.`,
        ' ',
        h('a', { href: links.checklist(checklist.id) }, checklist.title),
      ]),
      h(
        'ol.evaluation-items',
        evaluation.items.map((item) =>
          h('li', { className: [`item-${item.status}`], dataItem: item.id }, [
            h('span.item-status', statusText[item.status]),
            ' ',
            h('span.item-text', item.text),
            item.required ? '' : h('span.optional', ' (optional)'),
            h('br'),
            h('span.item-reason', item.reason),
            ...(item.evidence.length > 0 ? [h('ul.item-evidence', item.evidence.map((record) => evidenceElement(record, links)))] : []),
          ]),
        ),
      ),
    ]),
  );
}
