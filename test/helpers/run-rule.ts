/**
 * Runs one file rule on a Markdown string, the way the engine does: parse once, then `rule.check`.
 * For tests of a single rule; whole-vault behaviour is tested through `checkVault`.
 */
import { readBlocks } from '../../src/blocks/index.ts';
import type { Report } from '../../src/diagnostics/diagnostic.ts';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDoc } from '../../src/markdown/parse.ts';
import type { FileRule } from '../../src/rules/rule.ts';
import type { ResolvedConfig } from '../../src/vault/config-types.ts';

export interface RunRuleOptions {
  path?: string;
  options?: Record<string, unknown>;
  config?: Partial<ResolvedConfig>;
  isTemplate?: boolean;
}

export const testConfig: ResolvedConfig = {
  root: process.cwd(),
  contentDir: process.cwd(),
  ignore: [],
  baseline: `${process.cwd()}/shipshape-baseline.json`,
  rules: {},
  typeField: 'type',
  docSchemas: {},
  blockSchemas: {},
  blockKeys: {},
  site: { title: 'Test', base: '/', html: 'sanitize', diagrams: 'browser', failOn: 'error', publish: 'all', exclude: [], attachments: 'referenced', css: [], components: {} },
  environments: {},
  dashboards: { windowDays: 90, asOf: 'now', trendWeeks: 26, runPages: 200 },
  queries: { asOf: 'now', maxRows: 1000 },
  hash: 'test',
};

export async function runFileRule<O extends object>(rule: FileRule<O>, markdown: string, options: RunRuleOptions = {}): Promise<Report[]> {
  const bytes = new TextEncoder().encode(markdown);
  const doc = readBlocks(
    parseDoc({
      path: options.path ?? 'example.md',
      bytes,
      text: markdown,
      lines: lineIndex(markdown),
      isTemplate: options.isTemplate ?? false,
    }),
  );
  const reports: Report[] = [];
  await rule.check(doc, {
    options: { ...rule.defaultOptions, ...options.options } as O,
    config: { ...testConfig, ...options.config },
    report: (report) => reports.push(report),
  });
  return reports;
}

/** `3:5 message` per report, for compact assertions. */
export function brief(reports: readonly Report[]): string[] {
  return reports.map((r) => `${r.span.start.line}:${r.span.start.column} ${r.message}`);
}
