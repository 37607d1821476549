/**
 * The vault's checklists as the site publishes them: a page each (under `/checklists/`), the evaluation of every
 * applicable checklist for each production deployment that has a run page (as of the moment it finished), and the
 * HTML of a ```checklist block: the checklist, then its evaluation for the latest production deployment of each
 * service it applies to.
 *
 * In: `siteChecklists(facts, dashboards, { base: '/', tierOf })`
 * Out: `{ checklists: [{ checklist, url: '/checklists/production-deploy/', definedIn: { url, title, line } }], forRun(id) → [{ checklist, evaluation }], block(checklist) }`
 */
import { evaluateChecklist } from '../checklists/evaluate.ts';
import { checklistItemsHtml, evaluationHtml, type ChecklistLinks } from '../checklists/checklist-html.ts';
import type { Checklist, Evaluation } from '../checklists/types.ts';
import type { Dashboards } from '../dashboards/build-dashboards.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { EnvironmentTier, Run } from '../runs/types.ts';
import { escapeHtml } from '../blocks/block-type.ts';
import { pageUrl, slugOf, slugSegment } from './urls.ts';

/** The first URL segment of the checklist pages (reserved: a vault folder of that name gets `-2`). */
const checklistsRoot = slugOf('checklists');

export interface PublishedChecklist {
  checklist: Checklist;
  url: string;
  slug: string;
}

export interface SiteChecklists {
  indexUrl: string;
  checklists: PublishedChecklist[];
  links: ChecklistLinks;
  /** The evaluations shown on a run's page: every checklist with run evidence that applies to a production deployment. */
  forRun(run: Run): Array<{ checklist: Checklist; evaluation: Evaluation }>;
  /** A valid ```checklist block's HTML (its checklist, read with the doc's facts). */
  block(checklist: Checklist): string;
}

export interface SiteChecklistsOptions {
  base: string;
  tierOf: (environment: string) => EnvironmentTier;
  /** The run pages' URLs, when the vault has run data. */
  runUrl: (id: string) => string | undefined;
}

const applies = (checklist: Checklist, service: string, environment: string): boolean =>
  (!checklist.appliesTo?.services || checklist.appliesTo.services.includes(service)) &&
  (!checklist.appliesTo?.environments || checklist.appliesTo.environments.includes(environment));

export function siteChecklists(facts: readonly DocFacts[], dashboards: Dashboards | undefined, runs: readonly Run[], incidents: Parameters<typeof evaluateChecklist>[2], options: SiteChecklistsOptions): SiteChecklists {
  const { base } = options;
  const published: PublishedChecklist[] = [];
  const taken = new Set<string>();
  for (const doc of facts) {
    if (doc.isTemplate) continue;
    for (const fact of doc.checklists ?? []) {
      // The `checklist` rule reports a duplicate id; the site keeps the first.
      if (!fact.checklist || taken.has(fact.checklist.id)) continue;
      taken.add(fact.checklist.id);
      const slug = slugOf(`${checklistsRoot}/${slugSegment(fact.checklist.id)}`);
      published.push({ checklist: fact.checklist, slug, url: pageUrl(base, slug) });
    }
  }
  published.sort((a, b) => (a.checklist.title < b.checklist.title ? -1 : 1));
  const byId = new Map(published.map((p) => [p.checklist.id, p]));
  const links: ChecklistLinks = { run: options.runUrl, checklist: (id) => byId.get(id)?.url ?? pageUrl(base, checklistsRoot) };

  // Evaluations read one service's records: grouped once, not filtered from all runs for every run page.
  const byService = <T extends { service: string }>(records: readonly T[]): Map<string, T[]> => {
    const groups = new Map<string, T[]>();
    for (const record of records) {
      const group = groups.get(record.service);
      if (group) group.push(record);
      else groups.set(record.service, [record]);
    }
    return groups;
  };
  const runsOf = byService(runs);
  const incidentsOf = byService(incidents);
  const evaluate = (checklist: Checklist, run: Run): Evaluation =>
    evaluateChecklist(checklist, runsOf.get(run.service) ?? [], incidentsOf.get(run.service) ?? [], {
      service: run.service,
      environment: run.environment,
      sha: run.sha,
      at: new Date(run.finishedAt!),
      tierOf: options.tierOf,
    });

  function forRun(run: Run): Array<{ checklist: Checklist; evaluation: Evaluation }> {
    const production = (run.environmentTier ?? options.tierOf(run.environment)) === 'production';
    if (!production || run.status !== 'success' || run.finishedAt === undefined) return [];
    // A checklist of manual items only (a task list in a runbook) says nothing about a deployment until someone
    // records its ticks as checks: it is shown on its own page, not on every run's.
    return published
      .filter(({ checklist }) => applies(checklist, run.service, run.environment) && checklist.items.some((item) => item.evidence.kind !== 'manual'))
      .map(({ checklist }) => ({ checklist, evaluation: evaluate(checklist, run) }));
  }

  /** The latest successful production deployment of each service the checklist applies to. */
  function latestDeployments(checklist: Checklist): Run[] {
    if (!dashboards) return [];
    return dashboards.services.flatMap((service) => {
      const latest = service.deployed
        .filter((deployed) => (deployed.run.environmentTier ?? options.tierOf(deployed.environment)) === 'production' && applies(checklist, service.name, deployed.environment))
        .sort((a, b) => a.age - b.age)[0];
      return latest ? [latest.run] : [];
    });
  }

  function block(checklist: Checklist): string {
    const evaluations = latestDeployments(checklist).map((run) => evaluationHtml(evaluate(checklist, run), checklist, links, `latest deployment, ${run.finishedAt!.slice(0, 10)}`));
    return `<div class="checklist-block"><p class="checklist-title"><a href="${escapeHtml(links.checklist(checklist.id))}">${escapeHtml(checklist.title)}</a></p>${checklistItemsHtml(checklist)}${evaluations.join('')}</div>`;
  }

  return { indexUrl: pageUrl(base, checklistsRoot), checklists: published, links, forRun, block };
}
