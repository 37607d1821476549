/**
 * Obsidian Bases, checked as Obsidian cannot: a ```` ```base ```` block or a `.base` file whose YAML is wrong, whose
 * expressions do not parse, name a formula it does not define, a function that does not exist or a property no doc
 * has, or an embed `![[x.base#View]]` of a view the base does not have — where Obsidian shows an empty table. The
 * base is checked against the vault's names (`queries/bases/check-base.ts`); it is run only by the site.
 */
import { checkBase, viewNames } from '../queries/bases/check-base.ts';
import { parseBase } from '../queries/bases/base.ts';
import { isBaseFile } from '../queries/base-files.ts';
import { wholeFileText, type QueryText } from '../queries/query-text.ts';
import { linkTarget } from '../publish/scope.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { queryNames, queryReport } from './query-report.ts';
import { defineVaultRule } from './rule.ts';
import type { Report } from '../diagnostics/diagnostic.ts';

const runbooks = ['---', 'type: runbook', 'status: active', 'owner: sre', '---', '# Rollback', ''].join('\n');

export const bases = defineVaultRule({
  id: 'bases',
  description: 'Bases parse, and name formulas, functions, properties and views that exist',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'A ```` ```base ```` block or a `.base` file is an Obsidian base: YAML with `filters`, `formulas`, `properties`,',
    '`summaries` and `views` (help.obsidian.md/bases/syntax). Errors: YAML or keys of the wrong kind, an expression',
    'that does not parse (at its column inside the YAML string), `formula.x` not defined under `formulas`, a formula',
    'that depends on itself, an unknown function or method, a wrong number of arguments, and an embed',
    '`![[x.base#View]]` of a view the base does not have. Warnings: a property no doc of the vault has (with "did you',
    'mean"). Infos: what only Obsidian can show (a map view, `image()`). The site runs the base at build time.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'A base block over the runbooks',
        markdown: ['```base', 'filters: file.inFolder("runbooks")', 'views:', '  - type: table', '    name: Active', '    filters: status == "active"', '    order: [file.name, owner]', '```', ''].join('\n'),
        files: { 'runbooks/rollback.md': runbooks },
      },
      {
        title: 'An embed of a view the base has',
        markdown: '![[runbooks.base#Active]]\n',
        files: { 'runbooks.base': ['views:', '  - type: table', '    name: Active', ''].join('\n'), 'runbooks/rollback.md': runbooks },
      },
    ],
    notOk: [
      {
        title: 'A formula used but not defined',
        markdown: ['```base', 'formulas:', '  age: (now() - file.ctime).days', 'views:', '  - type: table', '    order: [formula.agee]', '```', ''].join('\n'),
        expect: ['6:13 Unknown formula `agee`'],
      },
      {
        title: 'An expression that does not parse, at its column',
        markdown: ['```base', 'filters: status == )', '```', ''].join('\n'),
        files: { 'runbooks/rollback.md': runbooks },
        expect: ['2:20 Unexpected `)`'],
      },
      {
        title: 'A property no doc has',
        markdown: ['```base', 'filters: stauts == "active"', '```', ''].join('\n'),
        files: { 'runbooks/rollback.md': runbooks },
        expect: ['2:10 stauts'],
      },
      {
        title: 'An embed of a view the base does not have',
        markdown: '![[runbooks.base#Actve]]\n',
        files: { 'runbooks.base': ['views:', '  - type: table', '    name: Active', ''].join('\n') },
        expect: ['1:1 Unexpected view "Actve" of runbooks.base'],
      },
    ],
  },
  check(index, facts, context) {
    // Most vaults have no base: their pass (the language server's after each edit) pays nothing for this rule.
    if (context.baseFiles.length === 0 && !facts.some((doc) => doc.bases)) return;
    const names = queryNames(index, facts);
    const inScope = (path: string) => !context.reportsFor || context.reportsFor(path);
    const check = (file: string, query: QueryText) => {
      const parsed = parseBase(query.text);
      const problems = [...parsed.problems, ...checkBase(parsed.base, names)];
      for (const problem of problems) context.report(file, queryReport(query, problem));
      return parsed.base;
    };
    const views = new Map<string, string[]>();
    for (const file of context.baseFiles) {
      if (file.text === undefined) continue;
      const base = inScope(file.path) ? check(file.path, wholeFileText(file.text)) : parseBase(file.text).base;
      views.set(file.path, viewNames(base));
    }
    for (const doc of facts) {
      // A template's base is filled in when a doc is made from it.
      if (doc.isTemplate || !inScope(doc.path)) continue;
      for (const query of doc.bases ?? []) check(doc.path, query);
      for (const link of doc.links) {
        if (link.kind !== 'embed' || !link.anchor || link.anchor.startsWith('^')) continue;
        const path = linkTarget(index, doc.path, link);
        const known = path && isBaseFile(path) ? views.get(path) : undefined;
        if (!known || known.includes(link.anchor)) continue;
        const close = suggest(link.anchor, known);
        const report: Report = {
          message: `Unexpected view "${link.anchor}" of ${path}, expected one of ${known.map((name) => `"${name}"`).join(', ') || 'its views (it has none)'}`,
          span: link.span,
          ...(close.length > 0 ? { suggestions: close } : {}),
        };
        context.report(doc.path, report);
      }
    }
  },
});
