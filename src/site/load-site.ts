/**
 * From a vault to the site model in one run of the check pipeline: analyse (check and render from one parse,
 * cached), date from git, draw diagrams when asked, then build the model. Also decides whether the build may go
 * on: with `failOn: 'error'` (the default) a vault with error diagnostics fails, as `check` does (with a baseline:
 * new errors only).
 *
 * In: `loadSite(config)` → `{ site, result, failed: false }`
 */
import { relative } from 'node:path';
import { applyBaselineFile } from '../baseline/apply-baseline.ts';
import { baselineHistory } from '../baseline/baseline-history.ts';
import { newProblems, summarize, type CheckResult } from '../diagnostics/diagnostic.ts';
import { cacheDirOf } from '../pipeline/cache.ts';
import { analyzeVault } from '../pipeline/check-vault.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { buildSite, type SiteModel } from './build-site.ts';
import { drawDiagrams } from './diagrams.ts';
import { gitDates } from './git-dates.ts';

export interface LoadedSite {
  site: SiteModel;
  result: CheckResult;
  /** True when the diagnostics reach the `failOn` threshold. */
  failed: boolean;
}

export interface LoadSiteOptions {
  /** Draw diagrams at build time when the config asks for it. */
  drawDiagrams?: boolean;
  log?: (message: string) => void;
}

export async function loadSite(config: ResolvedConfig, options: LoadSiteOptions = {}): Promise<LoadedSite> {
  const cacheDir = cacheDirOf(config);
  const [analysed, dates, baselineTrend] = await Promise.all([
    analyzeVault({ config, cacheDir, render: true }),
    gitDates(config.contentDir),
    baselineHistory(config.baseline),
  ]);
  // With a baseline its known problems are marked (the health page counts them apart) and fail no build.
  const analysis = { ...analysed, result: await applyBaselineFile(analysed.result, config.baseline, relative(config.root, config.baseline)) };
  const diagrams =
    options.drawDiagrams && config.site.diagrams === 'build'
      ? await drawDiagrams([...analysis.rendered.values()].flatMap((doc) => doc.mermaid), config, cacheDir, options.log)
      : undefined;
  const site = buildSite(analysis, config, {
    dates,
    ...(diagrams ? { diagrams } : {}),
    dashboards: { dashboards: config.dashboards, environments: config.environments, now: new Date() },
    baselineHistory: baselineTrend,
  });
  return { site, result: analysis.result, failed: fails(analysis.result, config.site.failOn) };
}

/** Whether the diagnostics reach `failOn`; a baseline's known problems never do. */
export function fails(result: CheckResult, failOn: ResolvedConfig['site']['failOn']): boolean {
  const { errors, warnings } = summarize(newProblems(result));
  return failOn === 'error' ? errors > 0 : failOn === 'warning' ? errors + warnings > 0 : false;
}
