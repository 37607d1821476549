/**
 * The checklists a doc defines, read through `parseDoc` and `readBlocks` as the engine reads them: ```checklist blocks (problems
 * placed at file line:column, also inside list items; the id's span; each `check` evidence's span) and task lists
 * under "… checklist" headings (manual items up to the next heading).
 */
import { describe, expect, test } from 'vitest';
import type { ChecklistFact } from '../../src/blocks/checklist.ts';
import { readBlocks } from '../../src/blocks/index.ts';
import type { Span } from '../../src/diagnostics/diagnostic.ts';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDoc } from '../../src/markdown/parse.ts';

function checklists(...lines: string[]): ChecklistFact[] | undefined {
  const markdown = lines.join('\n');
  return readBlocks(parseDoc({ path: 'ops/deploy.md', bytes: new TextEncoder().encode(markdown), text: markdown, lines: lineIndex(markdown), isTemplate: false })).facts.checklists;
}

/** `3:5` for the start of a span. */
const at = (span: Span) => `${span.start.line}:${span.start.column}`;
/** `line:column` of the first `text` on a 1-based line of `lines`. */
const find = (lines: readonly string[], line: number, text: string) => `${line}:${lines[line - 1]!.indexOf(text) + 1}`;
const problemsOf = (facts: ChecklistFact[] | undefined) => (facts ?? []).flatMap((fact) => fact.problems.map((p) => `${at(p.span)} ${p.message}`));

describe('```checklist blocks', () => {
  test('inside a list item, problems sit at the exact key or value in the file', () => {
    const facts = checklists(
      '# Deploy',
      '',
      '- Steps:',
      '',
      '  ```checklist',
      '  id: prod',
      '  items:',
      '    - id: a',
      '      text: A',
      '      phase: deploy',
      '      evidence: { chek: unit-tests }',
      '    - { id: b, text: B, phase: deploy, evidence: manual }',
      '    - { id: b, text: B again, phase: deploy, evidence: manual }',
      '  ```',
      '',
    );
    expect(facts).toHaveLength(1);
    expect(facts![0]!.checklist).toBeUndefined();
    expect(at(facts![0]!.span)).toBe('5:3'); // no valid id to point at: the fence
    expect(problemsOf(facts)).toEqual([
      '11:19 Unexpected evidence kind "chek", expected one of: check, deployed-before, no-open-incident, rollback-target, soak, manual',
      '13:13 Unexpected duplicate item id "b", expected each id once (first at item 2)',
    ]);
    expect(facts![0]!.problems[0]!.suggestions).toEqual(['check']);
  });

  test.each([
    ['in a blockquote', ['> ```checklist', '> id: prod', '> items:', '>   - { id: a, text: A, phase: deploy, evidence: { chek: x } }', '> ```', ''], '\n'],
    ['with CRLF line endings', ['```checklist', 'id: prod', 'items:', '  - { id: a, text: A, phase: deploy, evidence: { chek: x } }', '```', ''], '\r\n'],
  ])('%s, a problem sits at its key in the file', (_name, lines, eol) => {
    const markdown = lines.join(eol);
    const facts = readBlocks(parseDoc({ path: 'ops/deploy.md', bytes: new TextEncoder().encode(markdown), text: markdown, lines: lineIndex(markdown), isTemplate: false })).facts.checklists;
    expect(problemsOf(facts).map((p) => p.slice(0, p.indexOf(' ')))).toEqual([find(lines, 4, 'chek')]);
  });

  test('a bad duration is placed at its value, once', () => {
    const lines = ['```checklist', 'id: prod', 'items:', '  - id: soak', '    text: Soaked', '    phase: pre-deploy', '    evidence: { soak: { environment: staging, duration: 2 hours } }', '```', ''];
    expect(problemsOf(checklists(...lines))).toEqual([`${find(lines, 7, '2 hours')} Unexpected duration "2 hours", expected 30m, 2h, 1d, 1w or ISO 8601 (PT2H)`]);
  });

  test('a valid block: the checklist, its id span, and the span of each check evidence value', () => {
    const lines = [
      'Intro',
      '',
      '```checklist',
      'id: prod',
      'items:',
      '  - id: tests',
      '    text: Tests passed',
      '    phase: pre-deploy',
      '    evidence: { check: unit-tests }',
      '  - { id: scan, text: Scanned, phase: pre-deploy, evidence: {check: security-scan} }',
      '  - { id: signed, text: Signed off, phase: post-deploy, evidence: manual }',
      '```',
      '',
    ];
    const facts = checklists(...lines);
    expect(facts).toHaveLength(1);
    const [fact] = facts!;
    expect(fact!.problems).toEqual([]);
    expect(fact!.checklist).toMatchObject({ id: 'prod', source: { path: 'ops/deploy.md', line: 3 } });
    expect(fact!.checklist!.items.map((item) => item.id)).toEqual(['tests', 'scan', 'signed']);
    expect(at(fact!.span)).toBe('4:5');
    expect(fact!.span.end.column - fact!.span.start.column).toBe('prod'.length);
    expect(fact!.checks.map((check) => [check.id, at(check.span)])).toEqual([
      ['unit-tests', find(lines, 9, 'unit-tests')],
      ['security-scan', find(lines, 10, 'security-scan')],
    ]);
  });

  test('an indented valid block: the id span is in the file, not in the block', () => {
    const lines = ['- Steps:', '', '  ```checklist', '  id: prod', '  items:', '    - { id: a, text: A, phase: deploy, evidence: { check: smoke } }', '  ```', ''];
    const facts = checklists(...lines);
    expect(at(facts![0]!.span)).toBe('4:7');
    expect(facts![0]!.checks.map((check) => at(check.span))).toEqual([find(lines, 6, 'smoke')]);
  });

  test.each([
    ['a YAML syntax error, placed in the block', ['```checklist', 'id: prod', 'items: [', '```', ''], ['3:9 ']],
    ['two documents in one block', ['```checklist', 'id: prod', 'items: []', '---', 'id: other', '```', ''], ['5:1 Unexpected second YAML document, expected one checklist per block']],
    ['an empty block', ['```checklist', '```', ''], ['1:1 Unexpected checklist block, expected a mapping with id and items']],
    ['an unknown top-level key', ['```checklist', 'id: prod', 'titel: Prod', 'items: [{ id: a, text: A, phase: deploy, evidence: manual }]', '```', ''], ['3:1 Unexpected key "titel"']],
  ])('%s', (_name, lines, expected) => {
    const facts = checklists(...lines);
    expect(facts).toHaveLength(1);
    expect(facts![0]!.checklist).toBeUndefined();
    const problems = problemsOf(facts);
    expect(problems).toHaveLength(expected.length);
    problems.forEach((problem, i) => expect(problem.startsWith(expected[i]!)).toBe(true));
  });

  test('a code block in another language is no checklist', () => {
    expect(checklists('```yaml', 'id: prod', 'items: []', '```', '')).toBeUndefined();
  });
});

describe('task lists under a "… checklist" heading', () => {
  test('become manual items, ids from ^block-ids or slugs, up to the next heading; plain items are skipped', () => {
    const facts = checklists('# Ops', '', '## Rollback checklist', '', '- [ ] Revert the image ^revert', '- [x] Page the on-call', '- not a task', '', 'Some text.', '', '- [ ] Tell support', '', '## Notes', '', '- [ ] Not in it', '');
    expect(facts).toHaveLength(1);
    const [fact] = facts!;
    expect(fact!.problems).toEqual([]);
    expect(at(fact!.span)).toBe('3:1');
    expect(fact!.checklist).toEqual({
      id: 'deploy-rollback-checklist',
      title: 'Rollback checklist',
      source: { path: 'ops/deploy.md', line: 3 },
      items: [
        { id: 'revert', text: 'Revert the image', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
        { id: 'page-the-on-call', text: 'Page the on-call', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
        { id: 'tell-support', text: 'Tell support', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
      ],
    });
  });

  test('the phase follows the heading', () => {
    const facts = checklists('## Post-deploy checklist', '', '- [ ] Smoke tests green', '');
    expect(facts![0]!.checklist!.items[0]!.phase).toBe('post-deploy');
  });

  test('two tasks with one block id are a problem at the heading, and no checklist', () => {
    const facts = checklists('## Release checklist', '', '- [ ] Notes written ^notes', '- [ ] Notes sent ^notes', '');
    expect(facts![0]!.checklist).toBeUndefined();
    expect(problemsOf(facts)).toEqual(['1:1 Unexpected duplicate item id "notes", expected each task once (give one a ^block-id)']);
  });

  test.each([
    ['a heading not ending in "checklist"', ['## Things to do', '', '- [ ] Not a checklist item', '']],
    ['a heading that mentions a checklist mid-title', ['## Checklist for releases', '', '- [ ] Not a checklist item', '']],
    ['a checklist heading followed by a plain list', ['## Release checklist', '', '- plain', '- list', '']],
    ['a checklist heading with its tasks under the next heading', ['## Release checklist', '', '## Later', '', '- [ ] Belongs to Later', '']],
  ])('nothing for %s', (_name, lines) => {
    expect(checklists(...lines)).toBeUndefined();
  });

  test('block and task-list checklists of one doc come in document order', () => {
    const facts = checklists('## Pre-deploy checklist', '', '- [ ] Approved', '', '## Gate', '', '```checklist', 'id: gate', 'items: [{ id: a, text: A, phase: deploy, evidence: manual }]', '```', '');
    expect(facts!.map((fact) => fact.checklist?.id)).toEqual(['deploy-pre-deploy-checklist', 'gate']);
  });
});

describe('task lists in a callout titled "… checklist"', () => {
  test('become a checklist titled by the callout, placed at its first line; other callouts do not', () => {
    const facts = checklists('# Ops', '', '> [!todo] Pre-deploy checklist', '> - [ ] Freeze checked ^freeze', '> - [ ] On-call told', '', '> [!note] Reminders', '> - [ ] Not a checklist', '');
    expect(facts).toHaveLength(1);
    const [fact] = facts!;
    expect(at(fact!.span)).toBe('3:1');
    expect(fact!.checklist).toMatchObject({
      id: 'deploy-pre-deploy-checklist',
      title: 'Pre-deploy checklist',
      source: { path: 'ops/deploy.md', line: 3 },
      items: [
        { id: 'freeze', text: 'Freeze checked', phase: 'pre-deploy' },
        { id: 'on-call-told', text: 'On-call told', phase: 'pre-deploy' },
      ],
    });
  });

  test('a callout checklist under a checklist heading is its own checklist, not part of the heading’s', () => {
    const facts = checklists('## Release checklist', '', '- [ ] Notes written', '', '> [!todo] Rollback checklist', '> - [ ] Revert', '');
    expect(facts!.map((fact) => [fact.checklist!.title, fact.checklist!.items.map((i) => i.id)])).toEqual([
      ['Release checklist', ['notes-written']],
      ['Rollback checklist', ['revert']],
    ]);
  });
});
