/**
 * Dataview queries, checked before they reach Obsidian: a ```` ```dataview ```` block that does not parse (at its line
 * and column), a `FROM` folder or tag the vault does not have, an unknown function or a wrong number of arguments
 * (`queries/dataview/check-dql.ts`). What only Obsidian runs — ```` ```dataviewjs ```` blocks, inline queries — is said
 * as an info: the published page shows it as written.
 */
import { checkDql } from '../queries/dataview/check-dql.ts';
import { needsObsidian } from '../queries/dataview/obsidian-only.ts';
import { queryNames, queryReport } from './query-report.ts';
import { defineVaultRule } from './rule.ts';

const runbook = ['---', 'tags: [runbook]', 'owner: sre', '---', '# Rollback', ''].join('\n');

export const dataview = defineVaultRule({
  id: 'dataview',
  description: 'Dataview queries parse and name folders, tags and functions that exist',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'A ```` ```dataview ```` block holds a DQL query (`LIST`, `TABLE … AS …`, `TASK`; `FROM` folders, tags and links;',
    '`WHERE`, `SORT`, `GROUP BY`, `FLATTEN`, `LIMIT`), which the site runs at build time. Errors: a query that does not',
    'parse, an unknown function, a wrong number of arguments. Warnings: a `FROM` folder or tag the vault does not have',
    '(with "did you mean"). Infos: ```` ```dataviewjs ```` blocks and inline queries (`` `= this.owner` ``), which only',
    'Obsidian runs: the published page shows them as written.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'The runbooks and their owners',
        markdown: ['```dataview', 'TABLE owner AS "Owner" FROM #runbook AND "runbooks"', 'SORT file.name ASC', '```', ''].join('\n'),
        files: { 'runbooks/rollback.md': runbook },
      },
    ],
    notOk: [
      {
        title: 'A misspelt keyword, at its line and column',
        markdown: ['```dataview', 'LIST', 'WHER owner = "sre"', '```', ''].join('\n'),
        expect: ['3:1 Unexpected `WHER`'],
      },
      {
        title: 'A folder the vault does not have',
        markdown: ['```dataview', 'LIST FROM "runbook"', '```', ''].join('\n'),
        files: { 'runbooks/rollback.md': runbook },
        expect: ['2:11 Unexpected folder "runbook"'],
      },
      {
        title: 'A dataviewjs block (info)',
        markdown: ['```dataviewjs', 'dv.list(dv.pages("#runbook").file.link)', '```', ''].join('\n'),
        expect: ['2:1 A dataviewjs block needs Obsidian'],
      },
    ],
  },
  check(index, facts, context) {
    // Most vaults have no Dataview query: their pass pays nothing for this rule.
    if (!facts.some((doc) => doc.dataview || doc.inlineQueries)) return;
    const names = queryNames(index, facts);
    const files = new Set(index.files);
    for (const doc of facts) {
      if (doc.isTemplate || (context.reportsFor && !context.reportsFor(doc.path))) continue;
      for (const query of doc.dataview ?? []) {
        const problems = query.js ? [needsObsidian('dataviewjs', 0, 0)] : checkDql(query.text, names, files);
        for (const problem of problems) context.report(doc.path, queryReport(query, problem));
      }
      for (const inline of doc.inlineQueries ?? []) {
        const { message } = needsObsidian(inline.kind);
        context.report(doc.path, { message, span: inline.span, cap: 'info' });
      }
    }
  },
});
