/**
 * The deployment dashboards as the site publishes them: the dashboards model over the vault's usable run data, the
 * URLs of the overview, service, environment and run pages (under `/deployments/`), and the HTML of a
 * ```dashboard block's spec. Environment tiers come from the runs, the environment docs, the config, then the names.
 *
 * In: `siteDashboards(analysis, { base: '/', dashboards, environments, now })`
 * Out: `{ model, overviewUrl: '/deployments/', services: [{ name: 'checkout-api', url: '/deployments/services/checkout-api/' }], block(source) … }`
 */
import { buildDashboards, type Dashboards } from '../dashboards/build-dashboards.ts';
import type { DashboardSpec } from '../dashboards/dashboard-block.ts';
import { deployedMatrixHtml, runsTableHtml, tilesHtml, trendsHtml, type DashboardLinks } from '../dashboards/dashboard-html.ts';
import { usableRecords } from '../runs/usable-records.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { LoadedRuns } from '../runs/load-runs.ts';
import { tierResolver } from '../runs/tiers.ts';
import type { EnvironmentTier, Incident, Run } from '../runs/types.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { pageUrl, slugOf, slugSegment } from './urls.ts';

/** The first URL segment of every dashboard page (reserved: a vault folder of that name gets `-2`). */
const dashboardsRoot = slugOf('deployments');

export interface NamedPage {
  name: string;
  slug: string;
  url: string;
}

export interface SiteDashboards {
  model: Dashboards;
  links: DashboardLinks;
  overviewUrl: string;
  services: NamedPage[];
  environments: NamedPage[];
  /** Run id → its page. */
  runPages: Map<string, NamedPage>;
  /** A valid ```dashboard block's HTML (its spec, read with the doc's facts). */
  block(spec: DashboardSpec): string;
  /** The usable run data the model was built from (checklists are evaluated on it too). */
  runs: Run[];
  incidents: Incident[];
  tierOf: (environment: string) => EnvironmentTier;
}

export interface SiteDashboardsOptions {
  base: string;
  dashboards: ResolvedConfig['dashboards'];
  environments: ResolvedConfig['environments'];
  now: Date;
}

/** Names → unique URL slugs under a prefix, in name order. */
function namedPages(names: Iterable<string>, base: string, prefix: string): Map<string, NamedPage> {
  const pages = new Map<string, NamedPage>();
  const taken = new Set<string>();
  for (const name of [...new Set(names)].sort()) {
    const stem = slugSegment(name);
    let slug = stem;
    for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`;
    taken.add(slug);
    pages.set(name, { name, slug, url: pageUrl(base, slugOf(`${prefix}/${slug}`)) });
  }
  return pages;
}

export function siteDashboards(facts: readonly DocFacts[], loaded: LoadedRuns | undefined, options: SiteDashboardsOptions): SiteDashboards {
  const { runs, incidents } = usableRecords(loaded);
  const tierOf = tierResolver(facts, options.environments);
  const model = buildDashboards({
    runs,
    incidents,
    tierOf,
    config: options.dashboards,
    now: options.now,
  });
  const { base } = options;
  const services = namedPages(model.services.map((s) => s.name), base, `${dashboardsRoot}/services`);
  const environments = namedPages(model.environmentNames, base, `${dashboardsRoot}/environments`);
  const runPages = namedPages(model.runPages.keys(), base, `${dashboardsRoot}/runs`);
  const links: DashboardLinks = {
    service: (name) => services.get(name)?.url ?? pageUrl(base, dashboardsRoot),
    environment: (name) => environments.get(name)?.url ?? pageUrl(base, dashboardsRoot),
    run: (id) => runPages.get(id)?.url,
  };

  function block(spec: DashboardSpec): string {
    const where = [spec.service, spec.environment].filter(Boolean).join(' in ') || 'all services';
    if (spec.kind === 'metric') {
      const view = model.metricsView({
        ...(spec.service ? { service: spec.service } : {}),
        ...(spec.environment ? { environment: spec.environment } : {}),
        ...(spec.days ? { days: spec.days } : {}),
      });
      return spec.show === 'trend' ? trendsHtml(view, where, spec.metric) : tilesHtml(view, spec.metric);
    }
    if (spec.view === 'deployed-versions') {
      return deployedMatrixHtml(model, links, { ...(spec.service ? { service: spec.service } : {}), ...(spec.environment ? { environment: spec.environment } : {}) });
    }
    const list = model.recentRuns({ ...(spec.service ? { service: spec.service } : {}), ...(spec.environment ? { environment: spec.environment } : {}) }, spec.limit);
    return runsTableHtml(list, links, `Latest runs: ${where}`);
  }

  return {
    model,
    links,
    overviewUrl: pageUrl(base, dashboardsRoot),
    services: [...services.values()],
    // Tier order (development → production), as the tables show them.
    environments: model.environmentNames.map((name) => environments.get(name)!),
    runPages,
    block,
    runs,
    incidents,
    tierOf,
  };
}
