/**
 * The ```checklist block, and the task lists under a heading, or in a callout, whose title ends in "checklist"
 * (manual items). Read once while the file is parsed: each block's YAML validated, every problem placed in the file,
 * and what the cross-file pass needs — the checklist, where its id is (duplicate ids across the vault), and where
 * each `check` evidence is (checks no run has recorded). Rule `checklist` reports them; the site draws a block's
 * checklist with its evaluation.
 *
 * In: "## Pre-deploy checklist\n- [ ] Change approved ^approved\n" in `strategy.md`
 * Out: `checklists: [{ checklist: { id: 'strategy-pre-deploy-checklist', items: [{ id: 'approved', evidence: { kind: 'manual' }, … }] }, problems: [], … }]`
 *
 * In: two docs that both define `id: production-deploy`
 * Out: `Unexpected duplicate checklist id "production-deploy", expected each id once in the vault (first in a.md:3)`
 */
import type { Blockquote, Code, Heading, List, ListItem, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { checklistHeading, readChecklist, taskListChecklist } from '../checklists/read-checklist.ts';
import type { Checklist } from '../checklists/types.ts';
import { placeProblem, type Span, type SpanProblem } from '../diagnostics/diagnostic.ts';
import { fenceLineSpan } from '../markdown/block-offsets.ts';
import { blockIdOf } from '../markdown/facts.ts';
import type { ParsedDoc } from '../markdown/types.ts';
import { defineVaultRule } from '../rules/rule.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { sourcePlaceholder, type BlockType } from './block-type.ts';
import { readModelBlock } from './block-yaml.ts';

export interface ChecklistFact {
  /** The checklist, when it is valid. */
  checklist?: Checklist;
  /** Where its id is written (the block's fence, or the heading, when there is no id to point at). */
  span: Span;
  /** What is wrong with it, placed in the file; the `checklist` rule reports these. */
  problems: SpanProblem[];
  /** The `check` evidence of its items, where each is written. */
  checks: Array<{ id: string; span: Span }>;
  /** For a ```checklist block: its rank among the doc's checklist blocks (its placeholder's number). */
  block?: number;
}

declare module '../markdown/types.ts' {
  interface DocFacts {
    /** The checklists the doc defines (```checklist blocks, task lists under "… checklist" headings), in document order. */
    checklists?: ChecklistFact[];
  }
}

declare module './block-type.ts' {
  interface BlockSite {
    /** A valid checklist block's HTML, with its evaluation; absent when the vault has no run data. */
    checklist?: (checklist: Checklist) => string | undefined;
  }
}

const block = (body: string) => ['```checklist', body, '```', ''].join('\n');

export const checklist = defineVaultRule({
  id: 'checklist',
  description: 'Checklists have unique ids, known evidence kinds, and checks that runs record',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'A fenced `checklist` block holds YAML: `id`, `title`, `appliesTo` (`services`, `environments`) and `items`, each',
    'with a stable `id`, `text`, `phase` (`pre-deploy`, `deploy`, `post-deploy`), `required` (default true) and',
    '`evidence`: `{check: ID}`, `{deployed-before: {environment, minAge}}`, `{no-open-incident: {severity: [...]}}`,',
    '`rollback-target`, `{soak: {environment, duration}}` or `manual`. Durations: `30m`, `2h`, `1d`, `PT2H`.',
    'A task list under a heading, or in a callout, whose title ends in "checklist" is a checklist of `manual` items,',
    'ids from `^block-id`s or the text. See `schemas/checklist.schema.json`. A check that no run records is a warning.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'A checklist whose check the runs record',
        markdown: block(['id: production-deploy', 'items:', '  - id: tests', '    text: Integration tests passed', '    phase: pre-deploy', '    evidence: { check: integration-tests }'].join('\n')),
        files: {
          'runs/deploys.ndjson': '{"id":"r1","service":"api","environment":"staging","status":"success","sha":"3f9c2a1","finishedAt":"2026-11-20T10:00:00Z","checks":[{"id":"integration-tests","name":"Integration","status":"success"}]}\n',
        },
      },
      { title: 'A task list under a checklist heading', markdown: '## Pre-deploy checklist\n\n- [ ] Change approved ^approved\n- [ ] Release notes written\n' },
    ],
    notOk: [
      {
        title: 'An unknown evidence kind',
        markdown: block(['id: production-deploy', 'items:', '  - id: tests', '    text: Tests passed', '    phase: pre-deploy', '    evidence: { chek: unit-tests }'].join('\n')),
        expect: ['7:17 Unexpected evidence kind "chek"'],
      },
      {
        title: 'Two items with one id',
        markdown: block(['id: release', 'items:', '  - { id: notes, text: Notes written, phase: pre-deploy, evidence: manual }', '  - { id: notes, text: Notes sent, phase: post-deploy, evidence: manual }'].join('\n')),
        expect: ['5:11 Unexpected duplicate item id "notes"'],
      },
      {
        title: 'A check no run has recorded',
        markdown: block(['id: production-deploy', 'items:', '  - id: scan', '    text: Security scan passed', '    phase: pre-deploy', '    evidence: { check: security-scna }'].join('\n')),
        files: {
          'runs/deploys.ndjson': '{"id":"r1","service":"api","environment":"staging","status":"success","sha":"3f9c2a1","finishedAt":"2026-11-20T10:00:00Z","checks":[{"id":"security-scan","name":"Scan","status":"success"}]}\n',
        },
        expect: ['7:24 Unexpected check "security-scna": no run records it'],
      },
      {
        title: 'A checklist id used twice in the vault',
        markdown: block(['id: production-deploy', 'items:', '  - { id: a, text: A, phase: deploy, evidence: manual }'].join('\n')),
        files: { 'a.md': block(['id: production-deploy', 'items:', '  - { id: b, text: B, phase: deploy, evidence: manual }'].join('\n')) },
        expect: ['2:5 Unexpected duplicate checklist id "production-deploy"'],
      },
    ],
  },
  check(_index, facts, context) {
    const recorded = new Map<string, string>();
    for (const record of context.runs.records) {
      const checks = record.kind === 'run' ? (record.data as { checks?: unknown }).checks : undefined;
      if (!Array.isArray(checks)) continue;
      for (const check of checks) if (typeof check?.id === 'string') recorded.set(check.id.toLowerCase(), check.id);
    }
    const seen = new Map<string, { path: string; line: number }>();
    for (const doc of facts) {
      if (doc.isTemplate) continue;
      for (const fact of doc.checklists ?? []) {
        for (const problem of fact.problems) context.report(doc.path, problem);
        const { checklist } = fact;
        if (!checklist) continue;
        const first = seen.get(checklist.id);
        if (first) {
          context.report(doc.path, {
            message: `Unexpected duplicate checklist id "${checklist.id}", expected each id once in the vault (first in ${first.path}:${first.line})`,
            span: fact.span,
          });
        } else seen.set(checklist.id, { path: doc.path, line: fact.span.start.line });
        for (const check of fact.checks) {
          if (recorded.has(check.id.toLowerCase())) continue;
          const close = suggest(check.id, recorded.values());
          context.report(doc.path, {
            message: `Unexpected check "${check.id}": no run records it, so the item can never be satisfied`,
            span: check.span,
            hint: recorded.size === 0 ? 'the vault has no run that records checks' : 'check the id against the runs’ checks',
            cap: 'warn',
            ...(close.length > 0 ? { suggestions: close } : {}),
          });
        }
      }
    }
  },
});

export const checklistBlocks: BlockType = {
  name: 'checklist',
  matches: (lang) => lang === 'checklist',
  read(doc, blocks) {
    const facts = [...blockChecklists(blocks, doc.source), ...taskListChecklists(doc)].sort((a, b) => a.span.start.offset - b.span.start.offset);
    if (facts.length > 0) doc.facts.checklists = facts;
  },
  rule: checklist,
  // Drawn with its evaluation once the vault and its runs are known, as a dashboard is.
  placeholder: (node, index) => sourcePlaceholder('checklist', node, index),
  fill(index, _inner, facts, site) {
    const checklist = facts.checklists?.find((fact) => fact.block === index)?.checklist;
    return checklist && site.checklist?.(checklist);
  },
};

function blockChecklists(blocks: readonly Code[], source: ParsedDoc['source']): ChecklistFact[] {
  const { lines } = source;
  const facts: ChecklistFact[] = [];
  for (const [index, node] of blocks.entries()) {
    if (!node.position) continue;
    const fact: ChecklistFact = { span: fenceLineSpan(node, lines), problems: [], checks: [], block: index };
    facts.push(fact);
    const block = readModelBlock(node, lines, 'checklist', (report) => fact.problems.push({ message: report.message, span: report.span }));
    if (!block.parsed) continue;
    const { place } = block;
    const read = readChecklist(block.data ?? null, { path: source.path, line: node.position.start.line });
    for (const problem of read.problems) fact.problems.push(placeProblem(problem, place));
    if (!read.checklist) continue;
    fact.checklist = read.checklist;
    fact.span = place('/id');
    read.checklist.items.forEach((item, i) => {
      if (item.evidence.kind === 'check') fact.checks.push({ id: item.evidence.check, span: place(`/items/${i}/evidence/check`) });
    });
  }
  return facts;
}

/**
 * Task lists (lists with `[ ]`/`[x]` items) under a "… checklist" heading, up to the next heading, and inside a
 * callout titled "… checklist" (`> [!todo] Pre-deploy checklist`), as Obsidian users often keep them.
 */
function taskListChecklists({ tree, source }: ParsedDoc): ChecklistFact[] {
  const { lines, text } = source;
  const facts: ChecklistFact[] = [];
  const tasksOf = (list: List): Array<{ text: string; blockId?: string }> =>
    (list.children as ListItem[]).flatMap((item) => {
      if (typeof item.checked !== 'boolean') return [];
      const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
      if (!paragraph) return [];
      const blockId = blockIdOf(paragraph, text);
      const task = toString(paragraph).replace(/\s*\^[A-Za-z0-9-]+\s*$/, '').trim();
      return task ? [{ text: task, ...(blockId ? { blockId } : {}) }] : [];
    });
  const add = (title: string, node: Heading | Blockquote, tasks: ReadonlyArray<{ text: string; blockId?: string }>) => {
    if (tasks.length === 0) return;
    const position = node.position!;
    const checklist = taskListChecklist(source.path, title, position.start.line, tasks);
    const end = node.type === 'heading' ? position.end.offset! : position.start.offset! + lines.lineText(position.start.line).length - (position.start.column - 1);
    const fact: ChecklistFact = { checklist, span: lines.span(position.start.offset!, end), problems: [], checks: [] };
    const seen = new Set<string>();
    for (const item of checklist.items) {
      if (seen.has(item.id)) fact.problems.push({ message: `Unexpected duplicate item id "${item.id}", expected each task once (give one a ^block-id)`, span: fact.span });
      seen.add(item.id);
    }
    if (fact.problems.length > 0) delete fact.checklist;
    facts.push(fact);
  };
  let heading: { node: Heading; text: string; tasks: Array<{ text: string; blockId?: string }> } | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (heading) add(heading.text, heading.node, heading.tasks);
      const title = toString(node).trim();
      heading = checklistHeading.test(title) && node.position ? { node, text: title, tasks: [] } : undefined;
    } else if (node.type === 'list' && heading) {
      heading.tasks.push(...tasksOf(node));
    } else if (node.type === 'blockquote' && node.position && checklistHeading.test(node.data?.callout?.title ?? '')) {
      add(node.data!.callout!.title, node, node.children.flatMap((child) => (child.type === 'list' ? tasksOf(child) : [])));
    }
  }
  if (heading) add(heading.text, heading.node, heading.tasks);
  return facts;
}
