/**
 * The site of a vault an author is editing (`shipshape dev`), kept up to date on the language server's engine
 * (`pipeline/live-analysis.ts`): a saved doc is analysed alone, with its HTML; when its facts did not change (prose
 * typed) only its page, the pages that embed it and the health page are brought up to date; when only its own links
 * did (a link typed), also the backlinks and graph edges they change; when more did (a heading, a title, a tag), the
 * cross-file pass runs for the docs it can affect and the site model is built again from the analysis in memory,
 * its pages' HTML filled only when served. A file new or gone, an attachment, run data or
 * Obsidian's `types.json` makes a whole analysis (from the check's cache). `settle` runs the whole cross-file pass
 * once saves pause, as the language server does, so the pages end up saying what `check` says.
 *
 * In: `const live = await openLiveSite(config); await live.update([{ path: 'a.md', kind: 'change' }])`
 * Out: `{ site, result, scope: 'page' }` — `site.pages` with a.md's new HTML and diagnostics
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyBaselineFile } from '../baseline/apply-baseline.ts';
import type { CheckResult } from '../diagnostics/diagnostic.ts';
import { cacheDirOf } from '../pipeline/cache.ts';
import { analyzeVault } from '../pipeline/check-vault.ts';
import { knowsDoc, liveAnalysis, reanalyze, type LiveAnalysis } from '../pipeline/live-analysis.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { rereadPropertyTypes } from '../vault/config.ts';
import { siteBuild, type SiteBuild, type SiteModel } from './build-site.ts';
import { gitDates, type GitDates } from './git-dates.ts';

/** A file of the vault that changed on disk, by vault path. */
export interface VaultChange {
  path: string;
  kind: 'add' | 'change' | 'unlink';
}

export interface LiveUpdate {
  site: SiteModel;
  result: CheckResult;
  /**
   * What was done: the saved docs' pages brought up to date (`links`: with the backlinks and graph their links
   * change), the model built again, or the vault analysed again.
   */
  scope: 'pages' | 'links' | 'site' | 'vault';
}

export interface LiveSite {
  readonly site: SiteModel;
  readonly result: CheckResult;
  update(changes: readonly VaultChange[]): Promise<LiveUpdate>;
  /** The whole cross-file pass, when saves since the last one ran it for some docs only; undefined when nothing changed. */
  settle(): Promise<LiveUpdate | undefined>;
}

export async function openLiveSite(initial: ResolvedConfig): Promise<LiveSite> {
  let config = initial;
  let live: LiveAnalysis;
  let dates: GitDates;
  let build: SiteBuild;
  let result: CheckResult;

  const whole = async (): Promise<LiveUpdate> => {
    const [analysed, history] = await Promise.all([analyzeVault({ config, cacheDir: cacheDirOf(config), render: true }), gitDates(config.contentDir)]);
    live = liveAnalysis(analysed, config);
    dates = history;
    return rebuild('vault');
  };
  // With a baseline its known problems are marked (the health page counts them apart), as in a build.
  const withBaseline = async (l: LiveAnalysis) => {
    result = await applyBaselineFile(l.analysis.result, config.baseline, relative(config.root, config.baseline));
    return { ...l.analysis, result };
  };
  const rebuild = async (scope: LiveUpdate['scope']): Promise<LiveUpdate> => {
    build = siteBuild(await withBaseline(live), config, {
      dates,
      dev: true,
      dashboards: { dashboards: config.dashboards, environments: config.environments, now: new Date() },
    });
    return { site: build.site, result, scope };
  };
  await whole();

  return {
    get site() {
      return build.site;
    },
    get result() {
      return result;
    },
    async update(changes) {
      // Obsidian rewrites .obsidian/types.json when an author changes a property's type: the check follows.
      if (changes.some((change) => change.path === '.obsidian/types.json')) config = rereadPropertyTypes(config);
      const edited = changes.every((change) => change.kind === 'change' && change.path.endsWith('.md') && knowsDoc(live, change.path));
      if (!edited || config !== live.config) return whole();
      const paths = new Set(changes.map((change) => change.path));
      let bytes: Array<[string, Uint8Array]>;
      try {
        bytes = [...paths].map((path) => [path, readFileSync(join(config.contentDir, path))]);
      } catch {
        return whole();
      }
      const { live: next, factsChanged, offersChanged } = await reanalyze(live, bytes, { now: new Date(), render: true });
      live = next;
      if (offersChanged.size > 0) return rebuild('site');
      const analysis = await withBaseline(live);
      if (factsChanged.size === 0) build.refresh(analysis, paths);
      else if (!build.relink(analysis, paths)) return rebuild('site');
      return { site: build.site, result, scope: factsChanged.size === 0 ? 'pages' : 'links' };
    },
    async settle() {
      if (!live.scoped) return undefined;
      live = (await reanalyze(live, [], { now: new Date(), settle: true, render: true })).live;
      return rebuild('site');
    },
  };
}
