/**
 * Rule `dashboard-block`: a ```dashboard block's YAML parses and asks for something the site can draw
 * (`schemas/dashboard-block.schema.json`: a metric or a view, known names, a window like `30d`). Reports land on
 * the key or value at fault, at the file's line and column. Whether the service and environment it names exist is
 * `run-reference`'s business.
 *
 * In: "```dashboard\nmetric: lead-tme\n```\n"
 * Out: `2:9 Unexpected value "lead-tme" for metric, expected one of …` (suggestion: lead-time)
 */
import { readDashboardSpec } from '../dashboards/dashboard-block.ts';
import { readModelBlock } from '../markdown/block-yaml.ts';
import { defineFileRule } from './rule.ts';

export const dashboardBlock = defineFileRule({
  id: 'dashboard-block',
  description: 'Dashboard blocks ask for a known metric or view',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'A fenced block with the language `dashboard` holds YAML: `metric` (`deployment-frequency`, `lead-time`,',
    '`change-fail-rate`, `recovery-time`, `rework-rate`) with optional `service`, `environment`, `window` (`30d`,',
    '`12w`) and `show` (`tile` or `trend`); or `view` (`deployed-versions`, `recent-runs`) with optional `service`,',
    '`environment` and `limit`. The site draws it from the run data at build time. See `schemas/dashboard-block.schema.json`.',
  ].join('\n'),
  examples: {
    ok: [
      { title: 'A tile', markdown: ['```dashboard', 'metric: change-fail-rate', 'service: checkout-api', 'window: 30d', '```', ''].join('\n') },
      { title: 'A table inside a list item', markdown: ['- Now in production:', '  ```dashboard', '  view: deployed-versions', '  environment: production', '  ```', ''].join('\n') },
    ],
    notOk: [
      {
        title: 'A misspelt metric',
        markdown: ['```dashboard', 'metric: lead-tme', '```', ''].join('\n'),
        expect: ['2:9 Unexpected value "lead-tme" for metric'],
      },
      {
        title: 'Both a metric and a view',
        markdown: ['```dashboard', 'metric: lead-time', 'view: recent-runs', '```', ''].join('\n'),
        expect: ['3:1 Unexpected view beside metric'],
      },
      {
        title: 'An option of another kind of block',
        markdown: ['```dashboard', 'view: deployed-versions', 'limit: 5', '```', ''].join('\n'),
        expect: ['3:1 Unexpected limit with view: deployed-versions'],
      },
      {
        title: 'An empty block',
        markdown: ['```dashboard', '```', ''].join('\n'),
        expect: ['1:1 Unexpected empty dashboard block'],
      },
    ],
  },
  check(doc, context) {
    for (const { node: code } of doc.code) {
      if (code.lang?.toLowerCase() !== 'dashboard' || !code.position) continue;
      const block = readModelBlock(code, doc.source.lines, 'dashboard', context.report);
      if (!block.parsed) continue;
      for (const problem of readDashboardSpec(block.data).problems) {
        context.report({
          message: problem.message,
          span: block.place(problem.pointer, problem.part),
          ...(problem.suggestions ? { suggestions: problem.suggestions } : {}),
        });
      }
    }
  },
});
