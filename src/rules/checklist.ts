/**
 * Rule `checklist`: deployment checklists are well defined. A ```checklist block matches
 * `schemas/checklist.schema.json` (evidence kinds named, durations readable, item ids unique); checklist ids are
 * unique in the vault; a `check` evidence names a check that some run has recorded (a warning: a typo, or a check
 * the pipeline does not report yet, would keep the item missing forever).
 *
 * In: two docs that both define `id: production-deploy`
 * Out: `Unexpected duplicate checklist id "production-deploy", expected each id once in the vault (first in a.md:3)`
 */
import { suggest } from '../schemas/messages.ts';
import { defineVaultRule } from './rule.ts';

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
