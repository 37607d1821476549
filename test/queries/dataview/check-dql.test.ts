import { describe, expect, it } from 'vitest';
import { checkDql } from '../../../src/queries/dataview/check-dql.ts';
import { needsObsidian } from '../../../src/queries/dataview/obsidian-only.ts';
import type { QueryProblem, VaultNames } from '../../../src/queries/types.ts';

const names: VaultNames = {
  properties: new Set(['owner', 'status', 'type']),
  folders: new Set(['Ops', 'Ops/db', 'Templates', 'teams']),
  tags: new Set(['runbook', 'runbook/db', 'service']),
};
const files = new Set(['Ops/deploy.md', 'teams/sre.md']);

describe('checkDql', () => {
  const clean = [
    'TABLE file.mtime AS "Last Modified" FROM "Ops" SORT file.mtime DESC LIMIT 10',
    'LIST FROM #runbook AND -"Templates"',
    'TABLE owner, status WHERE type = "service" SORT file.name ASC',
    // An unknown field is null in Dataview, not a mistake.
    'TABLE nonexistent-field WHERE whatever > 3',
    'LIST FROM "Ops/deploy" OR [[nowhere]] OR #RunBook/DB',
    'LIST WHERE regexmatch("\\\\d+-\\\\d+", file.name) AND round(1.5, 0) AND all(1, 2, 3)',
  ];
  it.each(clean)('%s has no problem', (query) => {
    expect(checkDql(query, names, files)).toEqual([]);
  });

  const cases: Array<[string, QueryProblem[]]> = [
    [
      'LIST FROM "Opps"',
      [{ message: 'Unexpected folder "Opps", expected a folder or file of the vault (did you mean "Ops"?)', start: 10, end: 16, severity: 'warning' }],
    ],
    [
      'LIST FROM #runbok AND -"Templats"',
      [
        { message: 'Unexpected tag #runbok, expected a tag some doc has (did you mean #runbook?)', start: 10, end: 17, severity: 'warning' },
        { message: 'Unexpected folder "Templats", expected a folder or file of the vault (did you mean "Templates"?)', start: 23, end: 33, severity: 'warning' },
      ],
    ],
    [
      'TABLE lenght(file.tags)\nWHERE contains(tags)',
      [
        { message: "Unexpected function lenght, expected one of Dataview's functions (did you mean length?)", start: 6, end: 12 },
        { message: 'Unexpected 1 argument to contains, expected 2', start: 30, end: 44 },
      ],
    ],
    ['LIST WHERE round(1, 2, 3)', [{ message: 'Unexpected 3 arguments to round, expected 1 to 2', start: 11, end: 25 }]],
    ['LIST WHERE max()', [{ message: 'Unexpected 0 arguments to max, expected at least 1', start: 11, end: 16 }]],
    [
      'LIST SORT hash(file.name)',
      [{ message: 'hash() needs Obsidian: it is null in the published site', start: 10, end: 14, severity: 'info' }],
    ],
    [
      'LIST WHERE regextest("(a+)+$", file.name)',
      [
        {
          message: 'Unexpected regex "(a+)+$", expected no repeated group that itself repeats: it can take exponential time, so it is not run',
          start: 21,
          end: 29,
          severity: 'warning',
        },
      ],
    ],
    ['LIST WHER x', [{ message: 'Unexpected `WHER`, expected FROM, WHERE, SORT, GROUP BY, FLATTEN, LIMIT or the end of the query', start: 5, end: 9 }]],
  ];
  it.each(cases)('%j', (query, expected) => {
    expect(checkDql(query, names, files)).toEqual(expected);
  });

  it('without the file list, a file source reads as a missing folder', () => {
    expect(checkDql('LIST FROM "Ops/deploy"', names).map((p) => p.message)).toEqual(['Unexpected folder "Ops/deploy", expected a folder or file of the vault']);
  });
});

describe('needsObsidian', () => {
  it.each([
    ['dataviewjs', 'A dataviewjs block needs Obsidian: it is left as it is in the published site'],
    ['inline', 'An inline Dataview query (`= …`) needs Obsidian: it is left as it is in the published site'],
    ['inline-js', 'An inline DataviewJS query (`$= …`) needs Obsidian: it is left as it is in the published site'],
  ] as const)('%s', (kind, message) => {
    expect(needsObsidian(kind, 3, 9)).toEqual({ message, start: 3, end: 9, severity: 'info' });
  });
});
