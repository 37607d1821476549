/* Generated from schemas/dashboard-block.schema.json by scripts/generate-types.ts: do not edit, change the schema and run `node scripts/generate-types.ts`. */

/**
 * The YAML body of a fenced ```dashboard block in a doc: a live DORA metric (a tile, or its weekly trend chart) or a table of run data, drawn from the vault's runs/ and incidents/ at build time. Give either `metric` or `view`.
 */
export interface DashboardBlock {
  /**
   * The metric to show. Metrics count deployments to production-tier environments (or to `environment`, when given).
   */
  metric?: 'deployment-frequency' | 'lead-time' | 'change-fail-rate' | 'recovery-time' | 'rework-rate';
  /**
   * A table instead of a metric: `deployed-versions` (the latest successful sha of each service in each environment) or `recent-runs` (the latest runs, newest first).
   */
  view?: 'deployed-versions' | 'recent-runs';
  /**
   * Only this service (its name in the run data). All services when absent.
   */
  service?: string;
  /**
   * Only this environment. With `metric`, deployments to this environment count instead of those to production-tier environments.
   */
  environment?: string;
  /**
   * With `metric`: the window ending at the dashboards' `asOf`, in days (`30d`) or weeks (`12w`); the config's `dashboards.window` when absent.
   */
  window?: string;
  /**
   * With `metric`: `tile` (the value against the previous window) or `trend` (the weekly chart with its data table).
   */
  show?: 'tile' | 'trend';
  /**
   * With `view: recent-runs`: how many runs to list.
   */
  limit?: number;
}
