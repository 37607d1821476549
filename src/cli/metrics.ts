/**
 * `shipshape metrics`: DORA metrics of the vault's `runs/` and `incidents/` folders, per service. argv → records →
 * one accumulator over the previous and current windows → table (with the previous window of equal length under each
 * service) or JSON (the `MetricsReport` shape exactly, current window only). Skipped records go to stderr as
 * `file:line: reason`. Exit codes: 0 done, 2 bad flags or unreadable vault.
 *
 * In: `shipshape metrics --service api --from 2026-01-01 --to 2026-04-01 --format json`
 * Out: `{ "version": 1, "window": {…}, "services": [{ "service": "api", "deployments": 42, … }] }`
 */
import { analyzeVault } from '../pipeline/check-vault.ts';
import { previousWindow, type MetricsReport, type ServiceMetrics } from '../runs/metrics.ts';
import { tierTable } from '../runs/tiers.ts';
import { accumulateVault } from '../runs/vault-metrics.ts';
import { levelOf, type BenchmarkName } from '../dashboards/benchmarks.ts';
import { metricDefinitions } from '../dashboards/metric-definitions.ts';
import { ConfigError, loadConfig } from '../vault/config.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { parseCommand, parseStrict, UsageError, vaultOptions } from './args.ts';

export const metricsUsage = `Usage: shipshape metrics [options]

DORA metrics per service from the vault's runs/ and incidents/ folders (.json, .yaml, .yml, .ndjson, .jsonl),
over the window [from, to) of finishedAt, UTC, next to the previous window of equal length. A deployment is a
successful run in a production-tier environment: by the run's environmentTier, the environment doc's tier:, the
config's environments, else the name (prod, eu-prod, live…).

Options:
  --service NAME    only this service (repeatable; default: every service)
  --from TIME       window start, inclusive (RFC 3339 or YYYY-MM-DD; default: 90 days before --to)
  --to TIME         window end, exclusive (default: now)
  --format NAME     table | json (default: table)
  --content DIR     the vault (default: SHIPSHAPE_CONTENT, else config "content", else content/)
  --config FILE     config file
  -h, --help        this help

Exit codes: 0 done, 2 bad flags or unreadable vault.`;

/** What the table shows: the report of the window, each service with the same metrics over the previous window. */
export interface MetricsComparison extends MetricsReport {
  previousWindow: { from: string; to: string };
  services: (ServiceMetrics & { previous: Omit<ServiceMetrics, 'service'> })[];
}

function parseTime(value: string, flag: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`Invalid ${flag} time: ${value}`);
  return date;
}

function parseMetricsArgs(argv: readonly string[]) {
  const parsed = parseStrict(argv, {
    ...vaultOptions,
    service: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`Unexpected argument: ${parsed.positionals[0]}`);
  const { values } = parsed;
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`Invalid --format ${values.format}, expected table or json`);
  const to = values.to === undefined ? new Date() : parseTime(values.to, '--to');
  const from = values.from === undefined ? new Date(to.getTime() - 90 * 24 * 3_600_000) : parseTime(values.from, '--from');
  if (from >= to) throw new UsageError(`--from ${from.toISOString()} is not before --to ${to.toISOString()}`);
  return { ...values, format: values.format, from, to };
}

/** Runs the command; returns the exit code. Writes the report to `out`, skipped records and errors to `err`. */
export async function runMetrics(
  argv: readonly string[],
  out: (text: string) => void = (text) => process.stdout.write(text),
  err: (text: string) => void = (text) => process.stderr.write(text),
): Promise<number> {
  const options = parseCommand('metrics', metricsUsage, () => parseMetricsArgs(argv), out, err);
  if (typeof options === 'number') return options;
  let config: ResolvedConfig;
  try {
    config = await loadConfig({ cwd: process.cwd(), ...(options.config ? { configFile: options.config } : {}), ...(options.content ? { content: options.content } : {}) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(`shipshape metrics: ${error.message}\n`);
    return 2;
  }

  const services = options.service;
  const current = { from: options.from, to: options.to };
  const previous = previousWindow(current);
  // One accumulator over both windows: each record is parsed and added once.
  // Tiers as the site reads them: the environment docs' facts (the check's, cached), the config, then the names.
  let vault: Awaited<ReturnType<typeof accumulateVault>>;
  try {
    const tiers = tierTable((await analyzeVault({ config, factsOnly: true })).facts, config.environments);
    vault = await accumulateVault(config.contentDir, { from: previous.from, to: options.to, tiers, ...(services ? { services } : {}) });
  } catch (error) {
    // A folder that is not one, or a file that went away while it was read: the vault, not the command, is at fault.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    err(`shipshape metrics: cannot read the vault: ${(error as Error).message}\n`);
    return 2;
  }
  const { accumulator, problems, problemCount } = vault;
  if (problemCount > 0) {
    const listed = problems.map((problem) => `  ${problem.file}:${problem.line}: ${problem.message}\n`).join('');
    const more = problemCount > problems.length ? `  … and ${problemCount - problems.length} more\n` : '';
    err(`shipshape metrics: skipped ${problemCount} unreadable or incomplete record${problemCount === 1 ? '' : 's'}:\n${listed}${more}`);
  }

  const report = accumulator.result(current);
  if (options.format === 'json') {
    out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  // Both reports come from one accumulator: the same services, in the same order.
  const previousServices = accumulator.result(previous).services;
  const comparison: MetricsComparison = {
    ...report,
    previousWindow: previous,
    services: report.services.map((metrics, i) => {
      const { service: _, ...rest } = previousServices[i]!;
      return { ...metrics, previous: rest };
    }),
  };
  out(formatTable(comparison));
  if (config.dashboards.benchmark) out(formatLevels(report, config.dashboards.benchmark));
  return 0;
}

/** Each service's level per metric in the configured benchmark table, as labels with the table's source. */
export function formatLevels(report: MetricsReport, benchmark: BenchmarkName): string {
  let source = '';
  const lines = report.services.map((metrics) => {
    const levels = metricDefinitions.flatMap((definition) => {
      const level = levelOf(benchmark, definition.key, metrics[definition.key]);
      if (level) source = level.source;
      return level ? [`${definition.label.toLowerCase()} ${level.level}`] : [];
    });
    return `  ${metrics.service}: ${levels.length > 0 ? levels.join(', ') : 'no data'}`;
  });
  return lines.length === 0 ? '' : `\nLevels${source ? ` (${source})` : ''}:\n${lines.join('\n')}\n`;
}

const columns: [string, (m: Omit<ServiceMetrics, 'service'>) => string][] = [
  ['deploys', (m) => String(m.deployments)],
  ['failed', (m) => String(m.failedAttempts)],
  ['per day', (m) => show(m.deploymentsPerDay, 2)],
  ['days/wk', (m) => show(m.deployDaysPerWeek, 2)],
  ['lead h', (m) => show(m.leadTimeHours, 1)],
  ['fail %', (m) => (m.changeFailRate === null ? '–' : `${(m.changeFailRate * 100).toFixed(1)}`)],
  ['recover h', (m) => show(m.recoveryTimeHours, 1)],
  ['rework %', (m) => (m.reworkRate === null ? '–' : `${(m.reworkRate * 100).toFixed(1)}`)],
  ['w/ commits', (m) => `${m.coverage.deploymentsWithCommits}/${m.deployments}`],
  ['incidents', (m) => String(m.coverage.incidents)],
];

function show(value: number | null, digits: number): string {
  return value === null ? '–' : value.toFixed(digits);
}

/** The human table: one row per service, then its previous window's row in brackets. */
export function formatTable(output: MetricsComparison): string {
  const header = ['service', ...columns.map(([name]) => name)];
  const rows = output.services.flatMap((m) => [
    [m.service, ...columns.map(([, cell]) => cell(m))],
    ['  (previous)', ...columns.map(([, cell]) => cell(m.previous))],
  ]);
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const title = `DORA metrics ${output.window.from} → ${output.window.to} (previous: from ${output.previousWindow.from})`;
  if (rows.length === 0) return `${title}\nNo runs or incidents found.\n`;
  return `${title}\n\n${[line(header), ...rows.map(line)].join('\n')}\n`;
}
