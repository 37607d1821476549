import { describe, expect, it } from 'vitest';
import { parseBase } from '../../../src/queries/bases/base.ts';
import { runBase } from '../../../src/queries/bases/run-base.ts';
import type { QueryResult, Value } from '../../../src/queries/types.ts';
import { contextOf, day, doc, link } from './vault.ts';

const vault = [
  doc('runbooks/db/rollback.md', { status: 'active', owner: link('sre', 'teams/sre.md'), cost: 30, reviewed: day('2026-01-05'), critical: true }, { tags: ['ops/db'] }),
  doc('runbooks/db/failover.md', { status: 'draft', owner: link('sre', 'teams/sre.md'), cost: 10, reviewed: day('2025-11-20'), critical: false }, { tags: ['ops/db'] }),
  doc('runbooks/web/restart.md', { status: 'active', owner: 'web', cost: 5, critical: true }, { tags: ['ops'] }),
  doc('runbooks/web/purge.md', { status: 'done', owner: 'web', cost: 99 }, { tags: ['ops'] }),
  doc('teams/sre.md', { lead: 'Ana' }, { tags: ['team'] }),
  doc('assets/diagram.png'),
];

const yaml = `filters:
  and:
    - file.inFolder("runbooks")
    - 'status != "done"'
formulas:
  monthly: "cost * 2"
  label: 'file.basename.title() + " (" + status + ")"'
properties:
  formula.monthly:
    displayName: Per month
summaries:
  spread: 'values.max() - values.min()'
views:
  - type: table
    name: By owner
    groupBy:
      property: owner
      direction: ASC
    sort:
      - property: cost
        direction: DESC
    order:
      - file.name
      - cost
      - formula.monthly
      - reviewed
    summaries:
      cost: Sum
      formula.monthly: spread
      reviewed: Earliest
  - type: cards
    name: Critical
    limit: 1
    filters: critical
    order: [formula.label, status]
`;

/** A result as rows of cells, per group, for readable expectations. */
function table(result: QueryResult): Array<{ key?: Value; rows: Value[][]; summaries?: unknown }> {
  return result.groups.map((g) => ({ ...('key' in g ? { key: g.key } : {}), rows: g.rows.map((r) => [r.path, ...r.cells]), ...(g.summaries ? { summaries: g.summaries } : {}) }));
}

describe('runBase', () => {
  const { base, problems } = parseBase(yaml);
  const context = contextOf(vault);

  it('runs both views of a base: filters, formulas, columns, sort, groupBy, limit, summaries', () => {
    expect(problems).toEqual([]);
    const [byOwner, critical] = runBase(base, context);
    expect(byOwner).toMatchObject({
      name: 'By owner',
      layout: 'table',
      columns: [
        { id: 'file.name', label: 'file name' },
        { id: 'note.cost', label: 'cost' },
        { id: 'formula.monthly', label: 'Per month' },
        { id: 'note.reviewed', label: 'reviewed' },
      ],
      total: 3,
      notes: [],
    });
    expect(table(byOwner!)).toEqual([
      {
        key: 'web',
        rows: [['runbooks/web/restart.md', 'restart.md', 5, 10, null]],
        summaries: { 'note.cost': { label: 'Sum', value: 5 }, 'formula.monthly': { label: 'spread', value: 0 }, 'note.reviewed': { label: 'Earliest', value: null } },
      },
      {
        key: link('sre', 'teams/sre.md'),
        rows: [
          ['runbooks/db/rollback.md', 'rollback.md', 30, 60, day('2026-01-05')],
          ['runbooks/db/failover.md', 'failover.md', 10, 20, day('2025-11-20')],
        ],
        summaries: { 'note.cost': { label: 'Sum', value: 40 }, 'formula.monthly': { label: 'spread', value: 40 }, 'note.reviewed': { label: 'Earliest', value: day('2025-11-20') } },
      },
    ]);
    expect(critical).toMatchObject({ name: 'Critical', layout: 'cards', columns: [{ id: 'formula.label', label: 'label' }, { id: 'note.status', label: 'status' }], total: 2 });
    expect(table(critical!)).toEqual([{ rows: [['runbooks/db/rollback.md', 'Rollback (active)', 'active']] }]);
  });

  it('runs the named view only, and none for a name no view has', () => {
    expect(runBase(base, context, 'Critical').map((r) => r.name)).toEqual(['Critical']);
    expect(runBase(base, context, 'Nope')).toEqual([]);
  });

  it('shows every file in one table when a base has no views', () => {
    const [result] = runBase(parseBase('').base, context);
    expect(result).toMatchObject({ layout: 'table', columns: [{ id: 'file.name', label: 'file name' }], total: 6 });
  });

  it('says a map is a table, and that a filter that does not parse matches nothing', () => {
    const [result] = runBase(parseBase('filters: "status == )"\nviews:\n  - type: map\n    name: Sites\n').base, context);
    expect(result).toMatchObject({ layout: 'table', total: 0, notes: ['Shown as a table: maps need Obsidian', 'The filter `status == )` does not parse, so no file matches it'] });
  });

  it('sorts mixed types deterministically, empty values last in both directions', () => {
    const mixed = [doc('a.md', { v: 'b' }), doc('b.md', { v: 10 }), doc('c.md', {}), doc('d.md', { v: 2 }), doc('e.md', { v: day('2026-01-01') }), doc('f.md', { v: 'a' }), doc('g.md', { v: '' })];
    const run = (direction: string) => {
      const { base: b } = parseBase(`views:\n  - type: list\n    name: L\n    sort:\n      - property: v\n        direction: ${direction}\n`);
      return runBase(b, contextOf(mixed))[0]!.groups[0]!.rows.map((r) => r.path);
    };
    expect(run('ASC')).toEqual(['d.md', 'b.md', 'e.md', 'f.md', 'a.md', 'c.md', 'g.md']);
    expect(run('DESC')).toEqual(['a.md', 'f.md', 'e.md', 'b.md', 'd.md', 'c.md', 'g.md']);
  });

  it('groups DESC, with the empty group last', () => {
    const { base: b } = parseBase('views:\n  - type: table\n    name: T\n    groupBy:\n      property: status\n      direction: DESC\n');
    expect(runBase(b, context)[0]!.groups.map((g) => g.key)).toEqual(['draft', 'done', 'active', null]);
  });

  it('computes the built-in summaries', () => {
    const rows = [1, 2, 3, 4, null, 'x', true, false].map((v, i) => doc(`${i}.md`, { v }));
    const names = ['Average', 'Min', 'Max', 'Sum', 'Range', 'Median', 'Stddev', 'Checked', 'Unchecked', 'Empty', 'Filled', 'Unique'];
    // A view has one summary per property: each runs on its own view.
    const values = names.map((name) => {
      const { base: b } = parseBase(`views:\n  - type: table\n    name: T\n    summaries:\n      v: ${name}\n`);
      return runBase(b, contextOf(rows))[0]!.groups[0]!.summaries!['note.v']!.value;
    });
    expect(Object.fromEntries(names.map((n, i) => [n, values[i]]))).toEqual({
      Average: 2.5,
      Min: 1,
      Max: 4,
      Sum: 10,
      Range: 3,
      Median: 2.5,
      Stddev: Math.sqrt(1.25),
      Checked: 1,
      Unchecked: 1,
      Empty: 1,
      Filled: 7,
      Unique: 7,
    });
  });

  it('computes the date summaries: Earliest, Latest, and a Range of dates as a duration', () => {
    const rows = [day('2026-01-05'), null, day('2025-12-31'), 'x', day('2026-01-10')].map((v, i) => doc(`${i}.md`, { v }));
    const summary = (name: string) => {
      const { base: b } = parseBase(`views:\n  - type: table\n    name: T\n    summaries:\n      v: ${name}\n`);
      return runBase(b, contextOf(rows))[0]!.groups[0]!.summaries!['note.v']!.value;
    };
    expect(summary('Earliest')).toEqual(day('2025-12-31'));
    expect(summary('Latest')).toEqual(day('2026-01-10'));
    expect(summary('Range')).toEqual({ kind: 'duration', months: 0, ms: 10 * 86_400_000 });
  });

  it('caps a 10,000-row result at maxRows with a note, and keeps the total', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => doc(`notes/n${String(i).padStart(5, '0')}.md`, { n: i }));
    const { base: b } = parseBase('formulas:\n  double: "n * 2"\nviews:\n  - type: table\n    name: All\n    order: [file.name, formula.double]\n    sort:\n      - property: n\n        direction: DESC\n');
    const [result] = runBase(b, contextOf(many, { maxRows: 1000 }));
    expect(result!.total).toBe(10_000);
    expect(result!.notes).toEqual(['First 1,000 of 10,000 rows']);
    expect(result!.groups[0]!.rows).toHaveLength(1000);
    expect(result!.groups[0]!.rows[0]).toEqual({ path: 'notes/n09999.md', cells: ['n09999.md', 19_998] });
  });

  it('leaves a formula that refers to itself empty instead of overflowing the stack', () => {
    const { base: b } = parseBase('formulas:\n  a: "formula.b + 1"\n  b: "formula.a"\nviews:\n  - type: table\n    name: T\n    order: [formula.a]\n');
    const [result] = runBase(b, contextOf([doc('x.md')]));
    expect(result!.groups[0]!.rows).toEqual([{ path: 'x.md', cells: [null] }]);
  });
});
