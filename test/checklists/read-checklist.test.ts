/**
 * Reading checklist definitions: a ```checklist block's data → a Checklist with defaults and durations in
 * milliseconds, or problems with JSON pointers (each said once, by name); a task list under a "… checklist" heading →
 * manual items with ids from block ids or slugs and a phase from the heading.
 */
import { describe, expect, test } from 'vitest';
import { readChecklist, taskListChecklist } from '../../src/checklists/read-checklist.ts';
import type { PointerProblem } from '../../src/diagnostics/diagnostic.ts';

const source = { path: 'ops/deploy.md', line: 3 };
const item = (extra: Record<string, unknown> = {}) => ({ id: 'a', text: 'A', phase: 'deploy', evidence: 'manual', ...extra });
const block = (items: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'prod', items, ...extra });
const kinds = 'check, deployed-before, no-open-incident, rollback-target, soak, manual';

describe('readChecklist: a valid block', () => {
  test('defaults required to true and the title to the id, converts durations, keeps appliesTo', () => {
    const data = {
      id: 'production-deploy',
      appliesTo: { services: ['checkout-api'], environments: ['production'] },
      items: [
        { id: 'staged', text: 'Staged', phase: 'pre-deploy', evidence: { 'deployed-before': { environment: 'staging', minAge: '2h' } } },
        { id: 'soak', text: 'Soaked', phase: 'deploy', required: false, evidence: { soak: { environment: 'staging', duration: 'PT30M' } } },
        { id: 'calm', text: 'Calm', phase: 'post-deploy', evidence: { 'no-open-incident': {} } },
        { id: 'no-sev1', text: 'No sev1', phase: 'post-deploy', evidence: { 'no-open-incident': { severity: ['sev1', 'sev2'] } } },
        { id: 'tests', text: 'Tests', phase: 'pre-deploy', evidence: { check: 'integration-tests' } },
        { id: 'back', text: 'Back', phase: 'pre-deploy', evidence: 'rollback-target' },
        { id: 'signed', text: 'Signed', phase: 'post-deploy', required: true, evidence: 'manual' },
      ],
    };
    expect(readChecklist(data, source)).toEqual({
      problems: [],
      checklist: {
        id: 'production-deploy',
        title: 'production-deploy',
        appliesTo: { services: ['checkout-api'], environments: ['production'] },
        source,
        items: [
          { id: 'staged', text: 'Staged', phase: 'pre-deploy', required: true, evidence: { kind: 'deployed-before', environment: 'staging', minAge: 7_200_000 } },
          { id: 'soak', text: 'Soaked', phase: 'deploy', required: false, evidence: { kind: 'soak', environment: 'staging', duration: 1_800_000 } },
          { id: 'calm', text: 'Calm', phase: 'post-deploy', required: true, evidence: { kind: 'no-open-incident' } },
          { id: 'no-sev1', text: 'No sev1', phase: 'post-deploy', required: true, evidence: { kind: 'no-open-incident', severity: ['sev1', 'sev2'] } },
          { id: 'tests', text: 'Tests', phase: 'pre-deploy', required: true, evidence: { kind: 'check', check: 'integration-tests' } },
          { id: 'back', text: 'Back', phase: 'pre-deploy', required: true, evidence: { kind: 'rollback-target' } },
          { id: 'signed', text: 'Signed', phase: 'post-deploy', required: true, evidence: { kind: 'manual' } },
        ],
      },
    });
  });

  test('a title given is kept; no appliesTo means none on the checklist', () => {
    const { checklist } = readChecklist(block([item()], { title: 'Production deployment' }), source);
    expect(checklist?.title).toBe('Production deployment');
    expect(checklist && 'appliesTo' in checklist).toBe(false);
  });
});

describe('readChecklist: problems', () => {
  const one = (pointer: string, part: PointerProblem['part'], message: string | RegExp, suggestions?: string[]) => ({ pointer, part, message, suggestions });
  test.each([
    ['an unknown evidence kind, by name with a suggestion', block([item({ evidence: { chek: 'unit-tests' } })]), one('/items/0/evidence/chek', 'key', `Unexpected evidence kind "chek", expected one of: ${kinds}`, ['check'])],
    ['an unknown bare evidence word', block([item({ evidence: 'manuel' })]), one('/items/0/evidence', 'value', `Unexpected evidence kind "manuel", expected one of: ${kinds}`, ['manual'])],
    ['an evidence object with two keys', block([item({ evidence: { check: 'x', soak: { environment: 'staging', duration: '2h' } } })]), one('/items/0/evidence', 'key', `Unexpected evidence with no single kind, expected one of: ${kinds}`)],
    ['a mapping kind as a bare word', block([item({ evidence: 'check' })]), one('/items/0/evidence', 'value', 'Unexpected evidence "check" as a bare word, expected { check: … }')],
    ['a bare-word kind as a key', block([item({ evidence: { manual: null } })]), one('/items/0/evidence/manual', 'key', 'Unexpected evidence { manual: … }, expected the bare word manual')],
    ['a missing id', { items: [item()] }, one('', 'key', 'Missing required key id')],
    ['missing items', { id: 'prod' }, one('', 'key', 'Missing required key items')],
    ['no items', block([]), one('/items', 'value', /expected at least 1/)],
    ['an item without text', block([{ id: 'a', phase: 'deploy', evidence: 'manual' }]), one('/items/0', 'key', 'Missing required key text in items[0]')],
    ['an item without phase', block([{ id: 'a', text: 'A', evidence: 'manual' }]), one('/items/0', 'key', 'Missing required key phase in items[0]')],
    ['an item without evidence', block([{ id: 'a', text: 'A', phase: 'deploy' }]), one('/items/0', 'key', 'Missing required key evidence in items[0]')],
    ['a bad phase', block([item({ phase: 'predeploy' })]), one('/items/0/phase', 'value', /^Unexpected value "predeploy" for items\[0\]\.phase, expected one of: pre-deploy, deploy, post-deploy$/, ['pre-deploy', 'deploy'])],
    [
      'a bad soak duration, said once',
      block([item({ evidence: { soak: { environment: 'staging', duration: '2 hours' } } })]),
      one('/items/0/evidence/soak/duration', 'value', 'Unexpected duration "2 hours", expected 30m, 2h, 1d, 1w or ISO 8601 (PT2H)'),
    ],
    [
      'a bad minAge, said once',
      block([item({ evidence: { 'deployed-before': { environment: 'staging', minAge: '2 hours' } } })]),
      one('/items/0/evidence/deployed-before/minAge', 'value', 'Unexpected duration "2 hours", expected 30m, 2h, 1d, 1w or ISO 8601 (PT2H)'),
    ],
    ['a check that is not a string, said once', block([item({ evidence: { check: 5 } })]), one('/items/0/evidence/check', 'value', /^Unexpected number for items\[0\]\.evidence\.check, expected string$/)],
    ['a checklist id that is not a slug', block([item()], { id: 'Prod Deploy' }), one('/id', 'value', /^Unexpected "Prod Deploy" for id, expected a value matching/)],
    ['an item id that starts with a dash', block([item({ id: '-a' })]), one('/items/0/id', 'value', /^Unexpected "-a" for items\[0\]\.id/)],
    [
      'a duplicate item id, at the second one',
      block([item(), item({ id: 'b' }), item()]),
      one('/items/2/id', 'value', 'Unexpected duplicate item id "a", expected each id once (first at item 1)'),
    ],
    ['an unknown top-level key', block([item()], { titel: 'Prod' }), one('/titel', 'key', 'Unexpected key "titel"')],
    ['a list, not a mapping', [item()], one('', 'value', 'Unexpected checklist block, expected a mapping with id and items')],
    ['an empty block', null, one('', 'value', 'Unexpected checklist block, expected a mapping with id and items')],
    ['a bare string', 'prod', one('', 'value', 'Unexpected checklist block, expected a mapping with id and items')],
  ])('%s', (_name, data, expected) => {
    const { checklist, problems } = readChecklist(data, source);
    expect(checklist).toBeUndefined();
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ pointer: expected.pointer, part: expected.part });
    if (typeof expected.message === 'string') expect(problem!.message).toBe(expected.message);
    else expect(problem!.message).toMatch(expected.message);
    expect(problem!.suggestions).toEqual(expected.suggestions);
  });

  test('every unknown kind is reported, each once, beside other problems', () => {
    const data = block([item({ evidence: { chek: 'x' } }), item({ id: 'b', phase: 'later', evidence: { sok: { environment: 'staging' } } })]);
    const { problems } = readChecklist(data, source);
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/items/0/evidence/chek', '/items/1/evidence/sok', '/items/1/phase']);
  });
});

describe('taskListChecklist', () => {
  test('ids come from block ids, else slugs of the text; repeated slugs get -1, -2', () => {
    const checklist = taskListChecklist('ops/Release Notes.md', 'Rollback checklist', 12, [
      { text: 'Deploy the previous image' },
      { text: 'Page the on-call', blockId: 'page' },
      { text: 'Deploy the previous image' },
      { text: 'Deploy the previous image!' },
    ]);
    expect(checklist).toEqual({
      id: 'release-notes-rollback-checklist',
      title: 'Rollback checklist',
      source: { path: 'ops/Release Notes.md', line: 12 },
      items: [
        { id: 'deploy-the-previous-image', text: 'Deploy the previous image', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
        { id: 'page', text: 'Page the on-call', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
        { id: 'deploy-the-previous-image-1', text: 'Deploy the previous image', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
        { id: 'deploy-the-previous-image-2', text: 'Deploy the previous image!', phase: 'pre-deploy', required: true, evidence: { kind: 'manual' } },
      ],
    });
  });

  test.each([
    ['Pre-deploy checklist', 'pre-deploy', 'strategy-pre-deploy-checklist'],
    ['Post-deploy checklist', 'post-deploy', 'strategy-post-deploy-checklist'],
    ['Post deploy checklist', 'post-deploy', 'strategy-post-deploy-checklist'],
    ['Deployment checklist', 'deploy', 'strategy-deployment-checklist'],
    ['Release checklist', 'pre-deploy', 'strategy-release-checklist'],
    ['Pre-deployment checklist', 'pre-deploy', 'strategy-pre-deployment-checklist'],
    ['Rollout checklist', 'deploy', 'strategy-rollout-checklist'],
  ])('%s → phase %s, id %s', (heading, phase, id) => {
    const checklist = taskListChecklist('docs/strategy.md', heading, 1, [{ text: 'Change approved' }]);
    expect(checklist.id).toBe(id);
    expect(checklist.items[0]!.phase).toBe(phase);
  });
});

describe('no-open-incident severities', () => {
  test('an empty list of severities is refused: it would always be satisfied', () => {
    const data = { id: 'gate', items: [{ id: 'calm', text: 'Calm', phase: 'pre-deploy', evidence: { 'no-open-incident': { severity: [] } } }] };
    const { checklist, problems } = readChecklist(data, { path: 'a.md', line: 1 });
    expect(checklist).toBeUndefined();
    expect(problems.map((p) => p.pointer)).toEqual(['/items/0/evidence/no-open-incident/severity']);
  });
});
