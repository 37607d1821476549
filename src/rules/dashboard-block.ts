/**
 * Rule `dashboard-block`: a ```dashboard block's YAML parses and asks for something the site can draw
 * (`schemas/dashboard-block.schema.json`: a metric or a view, known names, a window like `30d`). Reports land on
 * the key or value at fault, at the file's line and column. Whether the service and environment it names exist is
 * `run-reference`'s business.
 *
 * In: "```dashboard\nmetric: lead-tme\n```\n"
 * Out: `2:9 Unexpected value "lead-tme" for metric, expected one of …` (suggestion: lead-time)
 */
import type { Span } from '../diagnostics/diagnostic.ts';
import { readDashboardSpec } from '../dashboards/dashboard-block.ts';
import { locateYamlNode } from '../schemas/yaml-position.ts';
import { valueToFile } from '../markdown/block-offsets.ts';
import { parseYamlBlock } from '../markdown/block-yaml.ts';
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
    const { lines } = doc.source;
    for (const { node: code } of doc.code) {
      if (code.lang?.toLowerCase() !== 'dashboard' || !code.position) continue;
      const fence = code.position.start;
      const fenceSpan = lines.span(fence.offset ?? 0, (fence.offset ?? 0) + lines.lineText(fence.line).length - (fence.column - 1));
      const toFile = valueToFile(code.value, fence.line, lines);
      const at = (start: number, end: number): Span => lines.span(toFile(start), toFile(Math.max(end, start + 1)));
      let syntax = false;
      const blocks = parseYamlBlock(code.value, at, (report) => {
        syntax = true;
        context.report(report);
      });
      if (syntax) continue;
      const [first, second] = blocks;
      if (second) {
        const start = second.document.contents?.range?.[0] ?? 0;
        context.report({ message: 'Unexpected second YAML document, expected one dashboard per block', span: at(start, start + 1) });
        continue;
      }
      for (const problem of readDashboardSpec(first?.data).problems) {
        const range = first && problem.pointer !== '' ? locateYamlNode(first.document, problem.pointer, problem.part) : undefined;
        context.report({
          message: problem.message,
          span: range && range.depth > 0 ? at(range.start, range.end) : fenceSpan,
          ...(problem.suggestions ? { suggestions: problem.suggestions } : {}),
        });
      }
    }
  },
});
