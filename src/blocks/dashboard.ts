/**
 * The ```dashboard block: its YAML asks for something the site can draw (`schemas/dashboard-block.schema.json`: a
 * metric or a view, known names, a window like `30d`). Read once while the file is parsed: the spec, the problems
 * at the key or value at fault (rule `dashboard-block` reports them), and the services and environments it names
 * (whether they exist is `run-reference`'s business). The site draws the spec from the run data.
 *
 * In: "```dashboard\nmetric: lead-tme\nservice: chekout-api\n```\n"
 * Out: facts `dashboards: [{ problems: ['2:9 Unexpected value "lead-tme" for metric, expected one of …'] }]`,
 *      `dashboardRefs: [{ key: 'service', name: 'chekout-api', span: 3:10–3:21 }]`
 */
import { placeProblem, type Span, type SpanProblem } from '../diagnostics/diagnostic.ts';
import { readDashboardSpec, type DashboardSpec } from '../dashboards/dashboard-block.ts';
import { defineFileRule } from '../rules/rule.ts';
import { sourcePlaceholder, type BlockType } from './block-type.ts';
import { readModelBlock } from './block-yaml.ts';

export interface DashboardFact {
  /** What the block asks for, when it is valid. */
  spec?: DashboardSpec;
  /** What is wrong with it, placed in the file. */
  problems: SpanProblem[];
}

export interface DashboardRef {
  key: 'service' | 'environment';
  name: string;
  span: Span;
}

declare module '../markdown/types.ts' {
  interface DocFacts {
    /** The ```dashboard blocks, in document order. */
    dashboards?: DashboardFact[];
    /** Services and environments named by ```dashboard blocks. */
    dashboardRefs?: DashboardRef[];
  }
}

declare module './block-type.ts' {
  interface BlockSite {
    /** A valid dashboard block's HTML, drawn from the run data; absent when the vault has none. */
    dashboard?: (spec: DashboardSpec) => string | undefined;
  }
}

const refKeys = ['service', 'environment'] as const;

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
    for (const fact of doc.facts.dashboards ?? []) for (const problem of fact.problems) context.report(problem);
  },
});

export const dashboardBlocks: BlockType = {
  name: 'dashboard',
  matches: (lang) => lang === 'dashboard',
  read(doc, blocks) {
    const facts: DashboardFact[] = [];
    const refs: DashboardRef[] = [];
    for (const code of blocks) {
      const fact: DashboardFact = { problems: [] };
      facts.push(fact);
      if (!code.position) continue;
      const block = readModelBlock(code, doc.source.lines, 'dashboard', (problem) => fact.problems.push(problem));
      if (!block.parsed) continue;
      const read = readDashboardSpec(block.data);
      for (const problem of read.problems) fact.problems.push(placeProblem(problem, block.place));
      if (read.spec) fact.spec = read.spec;
      // Named even by a block with problems: a misspelt metric does not hide a misspelt service.
      const data = block.data;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) continue;
      for (const key of refKeys) {
        const name = (data as Record<string, unknown>)[key];
        if (typeof name === 'string') refs.push({ key, name, span: block.place(`/${key}`) });
      }
    }
    if (facts.length > 0) doc.facts.dashboards = facts;
    if (refs.length > 0) doc.facts.dashboardRefs = refs;
  },
  rule: dashboardBlock,
  // Drawn from the run data once the vault is known; the source shows if it cannot be.
  placeholder: (node, index) => sourcePlaceholder('dashboard', node, index),
  fill(index, _inner, facts, site) {
    const spec = facts.dashboards?.[index]?.spec;
    const drawn = spec && site.dashboard?.(spec);
    return drawn === undefined ? undefined : `<div class="dashboard-block">${drawn}</div>`;
  },
};
