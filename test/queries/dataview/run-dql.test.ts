import { describe, expect, it } from 'vitest';
import { runDql } from '../../../src/queries/dataview/run-dql.ts';
import { toText } from '../../../src/queries/dataview/values.ts';
import type { QueryContext, QueryResult, Value } from '../../../src/queries/types.ts';
import { context, date, doc, link, task } from './vault.ts';

// An ops vault like the one whose index pages hold the real-world queries below.
const vaultDocs = [
  doc('Ops/deploy.md', { type: 'service', owner: 'ann', status: 'live', due: date('2026-04-01') }, { tags: ['runbook'], mtime: date('2026-02-01T09:00:00') as never }),
  doc(
    'Ops/db/backup.md',
    { type: 'service', owner: 'bob', status: 'draft', due: '05/01/2026' },
    { tags: ['Runbook/db'], mtime: date('2026-03-01T09:00:00') as never, links: [link('deploy', 'Ops/deploy.md')] },
  ),
  doc('Ops/readme.md', { due: date('2026-01-15') }, { mtime: date('2026-01-01T09:00:00') as never, links: [link('deploy', 'Ops/deploy.md'), link('Ops/db/backup', 'Ops/db/backup.md')] }),
  doc('Templates/runbook.md', { type: 'service' }, { tags: ['runbook'] }),
  doc('teams/sre.md', { type: 'team', tags: ['a', 'b'] }, { tasks: [task('rotate keys', 'x', 3), task('review alerts', ' ', 4), task('archive', '-', 5)] }),
  doc('notes/2026-01-05.md', { tags: 'single' }, { tasks: [task('follow up', ' ', 2)], links: [link('sre', 'teams/sre.md')] }),
  doc('Ops/diagram.png', {}, { tags: ['runbook'] }),
];

function query(text: string, options: Partial<QueryContext> = {}): QueryResult {
  const run = runDql(text, context(vaultDocs, options));
  expect(run.problems).toEqual([]);
  return run.result!;
}

/** A result as rows of printed cells, each row led by its path: what a reader sees, in one line per row. */
function table(result: QueryResult): string[][] {
  return result.groups.flatMap((group) =>
    group.rows.map((row) => [row.path, ...(group.key !== undefined ? [`key=${toText(group.key)}`] : []), ...row.cells.map((cell: Value) => toText(cell))]),
  );
}

const paths = (result: QueryResult) => result.groups.flatMap((group) => group.rows.map((row) => row.path));

describe('runDql: the real-world index-page queries', () => {
  it('TABLE file.mtime AS "Last Modified" FROM "Ops" SORT file.mtime DESC LIMIT 10', () => {
    const result = query('TABLE file.mtime AS "Last Modified" FROM "Ops" SORT file.mtime DESC LIMIT 10');
    expect(result.layout).toBe('table');
    expect(result.columns).toEqual([
      { id: 'file.link', label: 'File' },
      { id: 'file.mtime', label: 'Last Modified' },
    ]);
    expect(table(result)).toEqual([
      ['Ops/db/backup.md', 'backup', '9:00 AM - March 01, 2026'],
      ['Ops/deploy.md', 'deploy', '9:00 AM - February 01, 2026'],
      ['Ops/readme.md', 'readme', '9:00 AM - January 01, 2026'],
    ]);
    expect(result.total).toBe(3);
  });

  it('LIST FROM #runbook AND -"Templates": nested tags, case-insensitive, Markdown only', () => {
    const result = query('LIST FROM #runbook AND -"Templates"');
    // Each item is the file's link, as Dataview lists it.
    expect([result.layout, result.columns, paths(result)]).toEqual(['list', [{ id: 'file.link', label: 'File' }], ['Ops/db/backup.md', 'Ops/deploy.md']]);
  });

  it('TABLE owner, status WHERE type = "service" SORT file.name ASC', () => {
    expect(table(query('TABLE owner, status WHERE type = "service" SORT file.name ASC'))).toEqual([
      ['Ops/db/backup.md', 'backup', 'bob', 'draft'],
      ['Ops/deploy.md', 'deploy', 'ann', 'live'],
      ['Templates/runbook.md', 'runbook', 'null', 'null'],
    ]);
  });
});

describe('runDql: sources', () => {
  const cases: Array<[string, string[]]> = [
    ['LIST FROM "Ops"', ['Ops/db/backup.md', 'Ops/deploy.md', 'Ops/readme.md']],
    ['LIST FROM "Ops/db"', ['Ops/db/backup.md']],
    ['LIST FROM "Ops/deploy"', ['Ops/deploy.md']],
    ['LIST FROM "Ops/deploy.md"', ['Ops/deploy.md']],
    ['LIST FROM "Op"', []],
    ['LIST FROM #runbook/db', ['Ops/db/backup.md']],
    ['LIST FROM [[deploy]]', ['Ops/db/backup.md', 'Ops/readme.md']],
    ['LIST FROM outgoing([[readme]])', ['Ops/db/backup.md', 'Ops/deploy.md']],
    ['LIST FROM [[deploy]] AND -#runbook', ['Ops/readme.md']],
    ['LIST FROM -"Ops" AND -"Templates"', ['notes/2026-01-05.md', 'teams/sre.md']],
    ['LIST FROM !(#runbook OR "Ops")', ['notes/2026-01-05.md', 'teams/sre.md']],
    // Path order, by code units: upper case first.
    ['LIST FROM "Templates" OR [[sre]]', ['Templates/runbook.md', 'notes/2026-01-05.md']],
    ['LIST FROM [[]]', ['notes/2026-01-05.md']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(paths(query(text, { self: vaultDocs[4] }))).toEqual(expected);
  });
});

describe('runDql: data commands', () => {
  it('LIST with an expression, WITHOUT ID', () => {
    const run = runDql('LIST WITHOUT ID owner FROM "Ops" WHERE owner', context(vaultDocs));
    expect(run.result!.columns).toEqual([{ id: 'owner', label: 'owner' }]);
    // A row without its file stands for none: nothing links it to one.
    expect(table(run.result!)).toEqual([
      ['', 'bob'],
      ['', 'ann'],
    ]);
  });

  it('LIST with an expression: the file, then the value', () => {
    expect(table(query('LIST owner FROM "Ops" WHERE owner'))).toEqual([
      ['Ops/db/backup.md', 'backup', 'bob'],
      ['Ops/deploy.md', 'deploy', 'ann'],
    ]);
  });

  it('TABLE WITHOUT ID has no File column', () => {
    const result = query('TABLE WITHOUT ID file.name AS Name, upper(owner) AS "Owner" FROM "Ops" WHERE owner SORT owner DESC');
    expect(result.columns.map((c) => c.label)).toEqual(['Name', 'Owner']);
    expect(table(result)).toEqual([
      ['', 'backup', 'BOB'],
      ['', 'deploy', 'ANN'],
    ]);
  });

  it('GROUP BY: one row per group, keys in order, rows.x over the group', () => {
    const result = query('TABLE rows.file.name AS Names, length(rows) AS Count FROM "Ops" OR "Templates" GROUP BY type');
    expect(result.columns).toEqual([
      { id: 'key', label: 'Group' },
      { id: 'rows.file.name', label: 'Names' },
      { id: 'length(rows)', label: 'Count' },
    ]);
    expect(table(result)).toEqual([
      ['Ops/readme.md', 'key=null', 'null', 'readme', '1'],
      ['Ops/db/backup.md', 'key=service', 'service', 'backup, deploy, runbook', '3'],
    ]);
  });

  it('GROUP BY … AS, then WHERE and SORT on the groups', () => {
    const result = query('LIST length(rows) GROUP BY file.folder AS folder WHERE length(rows) > 0 SORT folder DESC');
    expect(table(result).map((row) => row.slice(1))).toEqual([
      // Text sorts as Dataview's localeCompare: `teams` before `Templates`, whatever the case.
      ['key=Templates', 'Templates', '1'],
      ['key=teams', 'teams', '1'],
      ['key=Ops/db', 'Ops/db', '1'],
      ['key=Ops', 'Ops', '2'],
      ['key=notes', 'notes', '1'],
    ]);
  });

  it('FLATTEN a field that is a list in one doc and a string in another', () => {
    const result = query('TABLE WITHOUT ID file.name, tags FROM "teams" OR "notes" FLATTEN tags');
    expect(table(result).map((row) => row.slice(1))).toEqual([
      ['2026-01-05', 'single'],
      ['sre', 'a'],
      ['sre', 'b'],
    ]);
  });

  it('FLATTEN … AS, an empty list drops the row, and file.tags reads flattened', () => {
    expect(table(query('TABLE WITHOUT ID t FROM "Ops" FLATTEN file.etags AS t')).map((row) => row.slice(1))).toEqual([['#Runbook/db'], ['#runbook']]);
    expect(table(query('TABLE WITHOUT ID file.tags FROM "Ops/deploy" FLATTEN file.tags'))).toEqual([['', '#runbook']]);
  });

  it('SORT is stable and orders mixed types: null, then dates, then text', () => {
    expect(table(query('TABLE WITHOUT ID due FROM "Ops" OR "Templates" SORT due')).map((row) => row.slice(1))).toEqual([
      ['null'],
      ['January 15, 2026'],
      ['April 01, 2026'],
      ['05/01/2026'],
    ]);
  });

  it('dates in mixed formats: a text date is not a date', () => {
    expect(paths(query('LIST WHERE due < date(2026-06-01) AND due > date(2020-01-01)'))).toEqual(['Ops/deploy.md', 'Ops/readme.md']);
  });

  it('LIMIT counts the rows before it in total; commands repeat in order', () => {
    const result = query('LIST FROM "Ops" SORT file.name LIMIT 2 WHERE file.name != "backup" LIMIT 5');
    expect([paths(result), result.total]).toEqual([['Ops/deploy.md'], 3]);
  });

  it('division by zero is null, not a crash', () => {
    expect(table(query('TABLE WITHOUT ID 1 / 0, length(file.name) % 0 FROM "Ops/deploy"'))).toEqual([['', 'null', 'null']]);
  });
});

describe('runDql: TASK', () => {
  it('one row per task of the picked files, WHERE on task fields', () => {
    const result = query('TASK WHERE !completed');
    expect(result.layout).toBe('task');
    expect(result.groups[0]!.rows.map((row) => [row.path, row.task?.text])).toEqual([
      ['notes/2026-01-05.md', 'follow up'],
      ['teams/sre.md', 'review alerts'],
      ['teams/sre.md', 'archive'],
    ]);
  });

  it('status, text and page fields', () => {
    expect(query('TASK FROM "teams" WHERE status = "-" OR contains(text, "rotate")').groups[0]!.rows.map((row) => row.task?.text)).toEqual(['rotate keys', 'archive']);
    expect(query('TASK WHERE type = "team" AND checked AND !completed').groups[0]!.rows.map((row) => row.task?.text)).toEqual(['archive']);
  });

  it('GROUP BY keeps each group`s tasks under its key', () => {
    const result = query('TASK GROUP BY file.name');
    expect(result.groups.map((group) => [group.key, group.rows.map((row) => row.task?.text)])).toEqual([
      ['2026-01-05', ['follow up']],
      ['sre', ['rotate keys', 'review alerts', 'archive']],
    ]);
  });
});

describe('runDql: limits and problems', () => {
  it('caps 10,000 rows at maxRows with a note, quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => doc(`bulk/n${String(i).padStart(5, '0')}.md`, { n: i % 7, owner: i % 2 ? 'a' : ['a', 'b'] }));
    const started = performance.now();
    const run = runDql('TABLE n, owner, n / (n - 3) WHERE n != 1 SORT n DESC, file.name', context(many, { maxRows: 1000 }));
    const result = run.result!;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.notes).toEqual(['First 1,000 of 8,571 rows']);
    expect(result.total).toBe(8571);
    expect(result.groups[0]!.rows).toHaveLength(1000);
    expect(result.groups[0]!.rows[0]!.cells.slice(1)).toEqual([6, ['a', 'b'], 2]);
  });

  it('caps a grouped TASK result across its groups', () => {
    const result = query('TASK GROUP BY file.name', { maxRows: 2 });
    expect([result.notes, result.total]).toEqual([['First 2 of 4 rows'], 4]);
    expect(result.groups.map((group) => group.rows.length)).toEqual([1, 1]);
  });

  it('a syntax error gives problems and no result', () => {
    const run = runDql('TABLE x\nWHERE (a', context(vaultDocs));
    expect(run.result).toBeUndefined();
    expect(run.problems).toEqual([{ message: 'Unexpected end of query, expected `)`', start: 16, end: 16 }]);
  });

  it('CALENDAR gives an info problem and no result', () => {
    const run = runDql('CALENDAR file.mtime', context(vaultDocs));
    expect([run.result, run.problems.map((p) => p.severity)]).toEqual([undefined, ['info']]);
  });
});

describe('runDql on hostile queries', () => {
  it('never throws, whatever the expressions compute', () => {
    const operands = ['due', 'tags', 'file.tags', 'file.day', 'owner', 'null', '0', '"x"', 'date(today)', 'dur(1 day)', '[1, "a", null]', '{ a: 1 }', '[[deploy]]', 'this', 'rows', 'key', 'file.tasks'];
    const operators = ['+', '-', '*', '/', '%', '=', '<', 'and', 'or'];
    const calls = ['length', 'sum', 'lower', 'contains', 'join', 'sort', 'flat', 'date', 'dur', 'string', 'number', 'default', 'dateformat', 'split', 'map'];
    let seed = 11;
    const pick = <T>(items: readonly T[]): T => items[Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 * items.length)]!;
    for (let i = 0; i < 300; i++) {
      const a = pick(operands);
      const b = pick(operands);
      const expr = `${pick(calls)}(${a}, ${b}) ${pick(operators)} ${a}.${pick(['year', 'x', 'file', 'length'])}`;
      const run = runDql(`TABLE ${expr} FROM -#nothing WHERE ${expr} OR true FLATTEN ${a} GROUP BY ${b} SORT ${expr} DESC`, context(vaultDocs, { self: vaultDocs[0] }));
      expect(run.problems).toEqual([]);
      expect(run.result?.layout).toBe('table');
    }
  });
});
