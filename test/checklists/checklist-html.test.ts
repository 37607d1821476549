/**
 * Checklists as HTML, parsed back with linkedom: text from docs and run data stays text (no element, no
 * `javascript:` link), the interactive list has a checkbox keyed by item id, items are grouped by phase in order,
 * and an evaluation shows its verdict, each item's status and links to run pages.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { checklistItemsHtml, evaluationHtml, type ChecklistLinks } from '../../src/checklists/checklist-html.ts';
import type { Checklist, Evaluation, EvidenceRecord, ItemResult } from '../../src/checklists/types.ts';

const hostile = '<img src=x onerror=alert(1)>';
const sha = '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345';

const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

const checklist: Checklist = {
  id: 'prod',
  title: `Production ${hostile}`,
  source: { path: 'ops/deploy.md', line: 3 },
  items: [
    { id: 'smoke', text: 'Smoke tests green', phase: 'post-deploy', required: true, evidence: { kind: 'check', check: 'smoke-test' } },
    { id: 'tests', text: `Tests passed ${hostile}`, phase: 'pre-deploy', required: true, evidence: { kind: 'check', check: 'integration-tests' } },
    { id: 'canary', text: 'Canary healthy', phase: 'deploy', required: false, evidence: { kind: 'manual' } },
    { id: 'soak', text: 'Soaked', phase: 'pre-deploy', required: true, evidence: { kind: 'soak', environment: 'staging', duration: 7_200_000 } },
  ],
};

const links: ChecklistLinks = {
  run: (id) => (id === 'r-page' ? `/runs/${id}/` : undefined),
  checklist: (id) => `/checklists/${id}/`,
};

const result = (id: string, status: ItemResult['status'], evidence: EvidenceRecord[] = [], required = true): ItemResult => ({
  id,
  phase: 'pre-deploy',
  text: id === 'tests' ? `Tests passed ${hostile}` : id,
  required,
  status,
  evidence,
  reason: `reason of ${id}`,
});

function evaluation(verdict: Evaluation['verdict'], items: ItemResult[]): Evaluation {
  return { version: 1, checklist: 'prod', service: 'checkout-api', environment: 'production', sha, verdict, items };
}

describe('checklistItemsHtml', () => {
  test('groups items by phase, in the order pre-deploy, deploy, post-deploy', () => {
    const doc = dom(checklistItemsHtml(checklist));
    const sections = [...doc.querySelectorAll('section.checklist-phase')];
    expect(sections.map((s) => s.querySelector('.checklist-phase-title')!.textContent)).toEqual(['Before the deployment', 'During the deployment', 'After the deployment']);
    expect(sections.map((s) => [...s.querySelectorAll('li')].map((li) => li.getAttribute('data-item')))).toEqual([['tests', 'soak'], ['canary'], ['smoke']]);
    expect(doc.querySelectorAll('input').length).toBe(0);
  });

  test('leaves out a phase with no items', () => {
    const doc = dom(checklistItemsHtml({ ...checklist, items: checklist.items.filter((item) => item.phase !== 'deploy') }));
    expect([...doc.querySelectorAll('.checklist-phase-title')].map((h) => h.textContent)).toEqual(['Before the deployment', 'After the deployment']);
  });

  test('with boxes: one checkbox per item, keyed by the item id, with a label for it', () => {
    const doc = dom(checklistItemsHtml(checklist, true));
    const boxes = [...doc.querySelectorAll('input[type="checkbox"]')];
    expect(boxes.map((box) => box.getAttribute('data-item'))).toEqual(['tests', 'soak', 'canary', 'smoke']);
    for (const box of boxes) {
      const label = doc.querySelector(`label[for="${box.getAttribute('id')}"]`);
      expect(label).not.toBeNull();
      expect(label!.closest('li')).toBe(box.closest('li'));
    }
    expect(new Set(boxes.map((box) => box.getAttribute('id'))).size).toBe(boxes.length);
  });

  test('says what satisfies each item and marks optional ones', () => {
    const doc = dom(checklistItemsHtml(checklist));
    const li = (id: string) => doc.querySelector(`li[data-item="${id}"]`)!.textContent;
    expect(li('soak')).toContain('the commit has been in staging for 2h without an incident naming it');
    expect(li('canary')).toContain('(optional)');
    expect(li('smoke')).not.toContain('(optional)');
  });

  test('hostile item text is text, not an element', () => {
    const doc = dom(checklistItemsHtml(checklist, true));
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(doc.querySelector('li[data-item="tests"] .item-text')!.textContent).toBe(`Tests passed ${hostile}`);
  });
});

describe('evaluationHtml', () => {
  test('a go: the verdict, the subject, a link to the checklist page', () => {
    const doc = dom(evaluationHtml(evaluation('go', [result('tests', 'satisfied'), result('soak', 'satisfied')]), checklist, links, 'Before the deployment'));
    const section = doc.querySelector('section.evaluation')!;
    expect(section.classList.contains('verdict-go')).toBe(true);
    expect(section.getAttribute('data-checklist')).toBe('prod');
    const verdict = doc.querySelector('p.verdict')!;
    expect(verdict.querySelector('strong')!.textContent).toBe('Go');
    expect(verdict.textContent).toContain('checkout-api 3f9c2a1 to production');
    expect(verdict.textContent).toContain('Every required item is satisfied.');
    expect(verdict.querySelector('a')!.getAttribute('href')).toBe('/checklists/prod/');
  });

  test('a no-go: counts the required items not satisfied, and every item carries its status class', () => {
    const items = [result('tests', 'failed'), result('soak', 'missing'), result('canary', 'missing', [], false), result('smoke', 'satisfied')];
    const doc = dom(evaluationHtml(evaluation('no-go', items), checklist, links, 'Deployment'));
    expect(doc.querySelector('section.evaluation')!.classList.contains('verdict-no-go')).toBe(true);
    expect(doc.querySelector('p.verdict strong')!.textContent).toBe('No-go');
    expect(doc.querySelector('p.verdict')!.textContent).toContain('2 required items are not satisfied.');
    const rows = [...doc.querySelectorAll('ol.evaluation-items > li')];
    expect(rows.map((li) => [li.getAttribute('data-item'), li.getAttribute('class'), li.querySelector('.item-status')!.textContent])).toEqual([
      ['tests', 'item-failed', 'failed'],
      ['soak', 'item-missing', 'missing evidence'],
      ['canary', 'item-missing', 'missing evidence'],
      ['smoke', 'item-satisfied', 'satisfied'],
    ]);
    expect(rows.map((li) => li.querySelector('.item-reason')!.textContent)).toEqual(['reason of tests', 'reason of soak', 'reason of canary', 'reason of smoke']);
  });

  test.each([
    ['a run with a page links to the page', { kind: 'check', id: 'integration-tests', detail: 'success', run: 'r-page' }, '/runs/r-page/'],
    ['a run without a page links to its web URL', { kind: 'run', id: 'r-none', detail: 'success', run: 'r-none', url: 'https://ci.example.com/1' }, 'https://ci.example.com/1'],
    ['an incident links to its web URL', { kind: 'incident', id: 'INC-1', detail: 'sev1, open', url: 'https://status.example.com/1' }, 'https://status.example.com/1'],
    ['a javascript: URL is no link', { kind: 'incident', id: 'INC-2', detail: 'sev1', url: 'javascript:alert(1)' }, undefined],
    ['a run without a page or URL is no link', { kind: 'run', id: 'r-none', detail: 'success', run: 'r-none' }, undefined],
  ] as Array<[string, EvidenceRecord, string | undefined]>)('%s', (_name, record, href) => {
    const doc = dom(evaluationHtml(evaluation('go', [result('tests', 'satisfied', [record])]), checklist, links, 'Deployment'));
    const entry = doc.querySelector('ul.item-evidence > li')!;
    expect(entry.textContent).toBe(`${record.kind} ${record.id}: ${record.detail}`);
    const link = entry.querySelector('a');
    expect(link?.getAttribute('href')).toBe(href);
  });

  test('hostile text in the title, item text, evidence detail and incident URL stays text', () => {
    const record: EvidenceRecord = { kind: 'incident', id: `INC-3 ${hostile}`, detail: `sev1 ${hostile}`, url: 'javascript:alert(1)' };
    const items = [{ ...result('tests', 'failed', [record]), reason: `because ${hostile}` }];
    const html = evaluationHtml({ ...evaluation('no-go', items), service: `api ${hostile}` }, checklist, links, `Caption ${hostile}`);
    const doc = dom(html);
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/checklists/prod/']);
    expect(html).not.toContain('javascript:');
    expect(doc.querySelector('p.verdict a')!.textContent).toBe(`Production ${hostile}`);
    expect(doc.querySelector('.item-text')!.textContent).toBe(`Tests passed ${hostile}`);
    expect(doc.querySelector('.item-reason')!.textContent).toBe(`because ${hostile}`);
    expect(doc.querySelector('ul.item-evidence > li')!.textContent).toBe(`incident INC-3 ${hostile}: sev1 ${hostile}`);
  });
});
