/**
 * Query results as HTML, parsed back with linkedom: each layout's structure (table headers and row headers, lists,
 * cards, task checkboxes), groups under their keys, summaries, notes, the empty result, values as the reader sees
 * them, and hostile text that stays text.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { durationText, renderQueryResult, renderQueryValue, type QueryHtmlOptions } from '../../src/queries/query-html.ts';
import type { QueryResult, QueryRow, Value } from '../../src/queries/types.ts';

const hostile = '<script>alert("x")</script>';
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
const text = (element: { textContent: string | null } | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

const titles: Record<string, string> = { 'runbooks/rollback.md': 'Rollback', 'runbooks/deploy.md': 'Deploy', 'teams/sre.md': 'SRE', 'private.md': 'Private' };
const options: QueryHtmlOptions = {
  // `private.md` is a row without a page (as a doc the site does not publish would be).
  href: (path) => (path === 'private.md' ? undefined : `/${path.replace(/\.md$/, '')}/`),
  title: (path) => titles[path] ?? path,
};

const sre: Value = { kind: 'link', target: 'sre', path: 'teams/sre.md' };
const row = (path: string, ...cells: Value[]): QueryRow => ({ path, cells });
const result = (overrides: Partial<QueryResult>): QueryResult => ({
  layout: 'table',
  columns: [
    { id: 'file.name', label: 'Name' },
    { id: 'note.owner', label: 'Owner' },
  ],
  groups: [{ rows: [row('runbooks/rollback.md', 'rollback', sre), row('runbooks/deploy.md', 'deploy', null)] }],
  total: 2,
  notes: [],
  ...overrides,
});

describe('renderQueryResult', () => {
  it('draws a table with column headers, the view name as caption and each row headed by a link to its doc', () => {
    const doc = dom(renderQueryResult(result({ name: 'Runbooks' }), options));
    const figure = doc.querySelector('figure.query.query-table')!;
    expect(text(figure.querySelector('figcaption'))).toBe('Runbooks');
    expect([...figure.querySelectorAll('thead th')].map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
      ['col', 'Name'],
      ['col', 'Owner'],
    ]);
    const rows = [...figure.querySelectorAll('tbody tr')];
    expect(rows.map((tr) => [...tr.children].map((cell) => [cell.tagName, text(cell)]))).toEqual([
      [['TH', 'rollback'], ['TD', 'sre']],
      [['TH', 'deploy'], ['TD', '']],
    ]);
    expect(rows[0]!.querySelector('th')!.getAttribute('scope')).toBe('row');
    expect([...figure.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['rollback', '/runbooks/rollback/'],
      ['SRE'.toLowerCase(), '/teams/sre/'],
      ['deploy', '/runbooks/deploy/'],
    ]);
    expect(figure.querySelector('tfoot')).toBeNull();
  });

  it('leaves a first cell that is a link as that link, and a row without a page as text', () => {
    const doc = dom(renderQueryResult(result({ groups: [{ rows: [row('runbooks/rollback.md', sre), row('private.md', 'private')] }] }), options));
    const heads = [...doc.querySelectorAll('tbody th')];
    expect(heads.map((th) => [th.innerHTML])).toEqual([['<a href="/teams/sre/">sre</a>'], ['private']]);
  });

  it('draws a table without columns as one column of links to the rows', () => {
    const doc = dom(renderQueryResult(result({ columns: [], groups: [{ rows: [row('runbooks/rollback.md')] }] }), options));
    expect(text(doc.querySelector('thead'))).toBe('File');
    expect(doc.querySelector('tbody th a')!.outerHTML).toBe('<a href="/runbooks/rollback/">Rollback</a>');
  });

  it('puts each group in its own tbody under a heading row with its key, summaries at its end', () => {
    const doc = dom(
      renderQueryResult(
        result({
          groups: [
            { key: sre, rows: [row('runbooks/rollback.md', 'rollback', sre)], summaries: { 'file.name': { label: 'Count', value: 1 } } },
            { key: null, rows: [row('runbooks/deploy.md', 'deploy', null)] },
            { key: 'empty', rows: [] },
          ],
        }),
        options,
      ),
    );
    const bodies = [...doc.querySelectorAll('tbody')];
    expect(bodies.map((tbody) => [...tbody.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => text(cell))))).toEqual([
      [['sre'], ['rollback', 'sre'], ['Count 1', '']],
      [['No value'], ['deploy', '']],
    ]);
    const heading = bodies[0]!.querySelector('tr.query-group th')!;
    expect([heading.getAttribute('scope'), heading.getAttribute('colspan'), heading.querySelector('a')!.getAttribute('href')]).toEqual(['rowgroup', '2', '/teams/sre/']);
    expect(bodies[0]!.querySelector('tr.query-summary')).not.toBeNull();
    expect(doc.querySelector('tfoot')).toBeNull();
  });

  it('puts the summaries of an ungrouped table in its tfoot, under their columns', () => {
    const doc = dom(renderQueryResult(result({ groups: [{ rows: [row('runbooks/rollback.md', 'rollback', sre)], summaries: { 'note.owner': { label: 'Filled', value: 1 } } }] }), options));
    expect([...doc.querySelectorAll('tfoot td')].map((td) => text(td))).toEqual(['', 'Filled 1']);
  });

  it('draws a list: each row its doc link then its other values', () => {
    const doc = dom(
      renderQueryResult(
        result({ layout: 'list', columns: [{ id: 'file.name', label: 'Name' }, { id: 'note.owner', label: 'Owner' }, { id: 'note.x', label: 'X' }], groups: [{ rows: [row('runbooks/rollback.md', 'rollback', sre, 3), row('runbooks/deploy.md', null, null, 'x')] }] }),
        options,
      ),
    );
    expect(doc.querySelector('table')).toBeNull();
    const items = [...doc.querySelectorAll('figure.query-list ul.query-list > li')];
    expect(items.map((li) => text(li))).toEqual(['rollback · sre · 3', 'Deploy · x']);
    expect(items.map((li) => li.querySelector('a')!.getAttribute('href'))).toEqual(['/runbooks/rollback/', '/runbooks/deploy/']);
  });

  it('draws cards: a title linking to the doc and the other columns as a description list', () => {
    const doc = dom(renderQueryResult(result({ layout: 'cards' }), options));
    const cards = [...doc.querySelectorAll('ul.query-cards > li.query-card')];
    expect(cards.map((card) => text(card.querySelector('.query-card-title')))).toEqual(['rollback', 'deploy']);
    expect(cards.map((card) => [...card.querySelectorAll('dl > div')].map((div) => [text(div.querySelector('dt')), text(div.querySelector('dd'))]))).toEqual([
      [['Owner', 'sre']],
      [['Owner', '']],
    ]);
  });

  it('draws tasks as disabled checkboxes labelled with their text, each linking to its doc', () => {
    const task = (text: string, status: string) => ({ text, status, completed: status === 'x', line: 3 });
    const doc = dom(
      renderQueryResult(
        result({
          layout: 'task',
          columns: [],
          groups: [
            { key: { kind: 'file', path: 'runbooks/rollback.md' }, rows: [{ ...row('runbooks/rollback.md'), task: task('Page the SRE', 'x') }, { ...row('runbooks/rollback.md'), task: task(hostile, ' ') }] },
          ],
        }),
        options,
      ),
    );
    expect(text(doc.querySelector('.query-group-key'))).toBe('Rollback');
    const items = [...doc.querySelectorAll('ul.query-tasks > li')];
    expect(items.map((li) => [li.getAttribute('data-status'), text(li.querySelector('label')), li.querySelector('.query-task-source a')!.getAttribute('href')])).toEqual([
      ['x', 'Page the SRE', '/runbooks/rollback/'],
      [' ', hostile, '/runbooks/rollback/'],
    ]);
    const boxes = items.map((li) => li.querySelector('label > input[type=checkbox]')!);
    expect(boxes.map((box) => [box.hasAttribute('disabled'), box.hasAttribute('checked')])).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(doc.querySelector('script')).toBeNull();
  });

  it('groups a list under its keys, with summaries as a description list', () => {
    const doc = dom(
      renderQueryResult(
        result({ layout: 'list', groups: [{ key: 'ops', rows: [row('runbooks/rollback.md', 'rollback')], summaries: { 'note.owner': { label: 'Empty', value: 0 } } }, { key: '', rows: [row('runbooks/deploy.md', 'deploy')] }] }),
        options,
      ),
    );
    const groups = [...doc.querySelectorAll('.query-group')];
    expect(groups.map((group) => [text(group.querySelector('.query-group-key')), [...group.querySelectorAll('li')].map((li) => text(li))])).toEqual([
      ['ops', ['rollback']],
      ['No value', ['deploy']],
    ]);
    const summary = groups[0]!.querySelector('dl.query-summaries')!;
    expect([text(summary.querySelector('dt')), text(summary.querySelector('dd'))]).toEqual(['Empty (Owner)', '0']);
  });

  it('shows notes, and says "No results" instead of an empty table', () => {
    const doc = dom(renderQueryResult(result({ name: 'Map', groups: [{ rows: [] }], total: 0, notes: ['Shown as a table: maps need Obsidian'] }), options));
    expect([...doc.querySelectorAll('p.query-note')].map((p) => p.textContent)).toEqual(['Shown as a table: maps need Obsidian']);
    expect(text(doc.querySelector('p.query-empty'))).toBe('No results');
    expect(doc.querySelector('table')).toBeNull();
    expect(dom(renderQueryResult(result({ groups: [] }), options)).querySelector('p.query-empty')).not.toBeNull();
  });

  it('keeps hostile text as text everywhere: name, notes, labels, values, keys, titles', () => {
    const html = renderQueryResult(
      {
        name: hostile,
        layout: 'table',
        columns: [{ id: 'a', label: hostile }, { id: 'b', label: `"'` }],
        groups: [{ key: hostile, rows: [row('x.md', hostile, { kind: 'link', target: hostile, display: `" onclick="alert(1)` }), row('private.md', { kind: 'file', path: 'x.md' }, { kind: 'object', fields: { [hostile]: hostile } })] }],
        total: 1,
        notes: [hostile],
      },
      { href: (path) => `/p?a="${path}"&b=<x>`, title: () => hostile },
    );
    const doc = dom(html);
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('[onclick]')).toBeNull();
    expect(text(doc.querySelector('figcaption'))).toBe(hostile);
    expect(doc.querySelector('tbody th a')!.getAttribute('href')).toBe('/p?a="x.md"&b=<x>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
  });
});

describe('renderQueryValue', () => {
  const cases: Array<[string, Value, string]> = [
    ['null as nothing', null, ''],
    ['a string', 'draft', 'draft'],
    ['a number', 1.5, '1.5'],
    ['a day', { kind: 'date', time: Date.UTC(2026, 0, 5), hasTime: false }, '<time datetime="2026-01-05">2026-01-05</time>'],
    ['a date-time, in UTC', { kind: 'date', time: Date.UTC(2026, 0, 5, 9, 7, 30), hasTime: true }, '<time datetime="2026-01-05T09:07Z">2026-01-05 09:07</time>'],
    ['a date out of range as nothing', { kind: 'date', time: Number.NaN, hasTime: false }, ''],
    ['a duration', { kind: 'duration', months: 0, ms: 3 * 86_400_000 }, '3 days'],
    ['a link by its display text', { kind: 'link', target: 'sre', path: 'teams/sre.md', display: 'Our SRE' }, '<a href="/teams/sre/">Our SRE</a>'],
    ['an unresolved link as its text', { kind: 'link', target: 'nobody' }, 'nobody'],
    ['a link to a file without a page as its text', { kind: 'link', target: 'private', path: 'private.md' }, 'private'],
    ['a file as a link with its title', { kind: 'file', path: 'runbooks/rollback.md' }, '<a href="/runbooks/rollback/">Rollback</a>'],
    ['a list with commas', ['a', 2, null, sre], 'a, 2, , <a href="/teams/sre/">sre</a>'],
    ['a mapping as key: value pairs', { kind: 'object', fields: { team: 'sre', size: 4 } }, 'team: sre; size: 4'],
    ['true', true, '<span class="query-true"><span aria-hidden="true">✓</span><span class="sr-only">yes</span></span>'],
    ['false', false, '<span class="query-false"><span aria-hidden="true">✗</span><span class="sr-only">no</span></span>'],
    ['text with markup', '<b>&</b>', '&#x3C;b>&#x26;&#x3C;/b>'],
  ];
  it.each(cases)('%s', (_, value, expected) => {
    expect(renderQueryValue(value, options)).toBe(expected);
  });
});

describe('durationText', () => {
  const day = 86_400_000;
  const cases: Array<[number, number, string]> = [
    [0, 0, '0 seconds'],
    [0, 250, '250 milliseconds'],
    [0, 1000, '1 second'],
    [0, 3 * day, '3 days'],
    [0, 2 * 3_600_000 + 30 * 60_000, '2 hours, 30 minutes'],
    [14, day, '1 year, 2 months, 1 day'],
    [1, 0, '1 month'],
    [0, -3 * day, '-3 days'],
  ];
  it.each(cases)('%i months %i ms → %s', (months, ms, expected) => {
    expect(durationText({ kind: 'duration', months, ms })).toBe(expected);
  });
});
