/**
 * The query pass on the bench vault (issue 15): what running the vault's Obsidian Bases and Dataview queries costs a
 * site build. Generates the bench vault, adds 50 queries an ops vault would hold to 25 of its index docs (20
 * ```` ```base ```` blocks, 5 `.base` files embedded by a view, 25 ```` ```dataview ```` blocks), checks that the
 * check finds no `bases` or `dataview` problem in them and that they return rows, then times the pass in process:
 * the query vault built and every query run and rendered to HTML, as `buildSite` runs them (`site/site-queries.ts`,
 * the `.base` files' own pages included). The whole build to compare with is `npm run bench`'s cold site build; run
 * alone, the script compares with its own cold site model (`loadSite` without a cache, then every page's HTML).
 *
 * In: `node scripts/bench-queries.ts --docs 3000 --runs 5 [--json]`
 * Out: `query pass (50 queries, 5 .base pages): p50 310 ms (vault 120 ms) · cold site model 14.2 s → 2.2 %`;
 * with `--json`, one JSON object of the same figures (what `npm run bench` reads).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildVaultIndex } from '../src/links/vault-index.ts';
import { analyzeVault } from '../src/pipeline/check-vault.ts';
import { publishScope } from '../src/publish/scope.ts';
import { isBaseFile } from '../src/queries/base-files.ts';
import { parseBase } from '../src/queries/bases/base.ts';
import { runBase } from '../src/queries/bases/run-base.ts';
import { runDql } from '../src/queries/dataview/run-dql.ts';
import { buildQueryVault } from '../src/queries/property-index.ts';
import type { QueryText } from '../src/queries/query-text.ts';
import type { QueryContext, QueryResult } from '../src/queries/types.ts';
import { gitDates } from '../src/site/git-dates.ts';
import { loadSite } from '../src/site/load-site.ts';
import { siteQueries, type SiteQueries, type SiteQueriesInput } from '../src/site/site-queries.ts';
import { assignSlugs, fileUrl, pageUrl } from '../src/site/urls.ts';
import { loadConfig } from '../src/vault/config.ts';
import { fileName, vaultPath } from '../src/vault/vault-path.ts';
import { generateVault, writeVault } from './generate-vault.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '3000' }, runs: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const repoRoot = path.resolve(import.meta.dirname, '..');
const docs = Number(values.docs);
const runs = Number(values.runs);

// ───────────────────────────── the queries ─────────────────────────────

/** The `.base` files, in `bases/`: each is embedded by one view from an index doc, and is a page of its own. */
const baseFiles: Record<string, string> = {
  'runbooks.base': `filters:
  and:
    - file.inFolder("runbooks")
    - type == "runbook"
formulas:
  days_untested: ((now() - last_tested) / 86400000).floor()
properties:
  note.last_tested:
    displayName: Last tested
  formula.days_untested:
    displayName: Days since tested
views:
  - type: table
    name: Untested sev1
    filters:
      and:
        - 'severity == "sev1"'
        - last_tested < now() - "90d"
    order: [file.name, owner, last_tested, formula.days_untested]
    sort:
      - property: last_tested
        direction: ASC
  - type: table
    name: By severity
    groupBy:
      property: severity
      direction: ASC
    order: [file.name, owner, status]
    summaries:
      file.name: Filled
`,
  'services.base': `filters: type == "service"
properties:
  note.tier:
    displayName: Tier
views:
  - type: table
    name: By tier
    groupBy:
      property: tier
      direction: ASC
    order: [file.name, owner, status, repo]
    sort:
      - property: file.name
        direction: ASC
  - type: cards
    name: Tier 1
    filters: 'tier == "tier-1"'
    order: [file.name, owner]
`,
  'releases.base': `filters:
  and:
    - type == "release"
    - file.hasProperty("release_date")
views:
  - type: table
    name: Recent releases
    order: [file.name, version, release_date, release_manager, services]
    sort:
      - property: release_date
        direction: DESC
    limit: 30
  - type: table
    name: By manager
    groupBy:
      property: release_manager
      direction: ASC
    order: [file.name, release_date]
    summaries:
      release_date: Latest
`,
  'environments.base': `filters: type == "environment"
views:
  - type: table
    name: Production
    filters: 'tier == "production" || file.hasTag("env/production")'
    order: [file.name, region, owner, status]
    sort:
      - property: region
        direction: ASC
  - type: list
    name: By region
    groupBy:
      property: region
      direction: ASC
    order: [file.name]
`,
  'review-queue.base': `filters:
  or:
    - 'status == "draft"'
    - file.hasTag("needs-review")
formulas:
  age_days: ((now() - updated) / 86400000).floor()
views:
  - type: table
    name: Needs review
    order: [file.name, owner, status, updated, formula.age_days]
    sort:
      - property: updated
        direction: ASC
    limit: 50
  - type: table
    name: Stale drafts
    filters:
      and:
        - 'status == "draft"'
        - updated < date("2024-01-01")
    groupBy:
      property: owner
      direction: ASC
    order: [file.name, updated]
`,
};

/** What each top-level index doc gets: `.base` embeds (by view), ```base blocks, ```dataview blocks. */
interface IndexQueries {
  embeds: string[];
  bases: string[];
  dataview: string[];
}

const topLevel: Record<string, IndexQueries> = {
  'index.md': {
    embeds: ['runbooks.base#Untested sev1', 'services.base#By tier'],
    bases: [
      `filters: 'status == "active"'
views:
  - type: table
    name: Active docs by type
    groupBy:
      property: type
      direction: ASC
    order: [file.name, owner, updated]
    sort:
      - property: updated
        direction: DESC
    limit: 200
`,
      `filters:
  and:
    - updated >= date("2025-06-01")
    - '!file.inFolder("templates")'
views:
  - type: list
    name: Recently updated
    order: [file.name, updated]
    sort:
      - property: updated
        direction: DESC
    limit: 25
`,
    ],
    dataview: ['TABLE type, owner, updated\nWHERE status = "active" AND type\nSORT updated DESC\nLIMIT 25'],
  },
  'runbooks/README.md': {
    embeds: [],
    bases: [
      `filters:
  and:
    - file.inFolder("runbooks")
    - 'severity == "sev1" || severity == "sev2"'
properties:
  note.last_tested:
    displayName: Last tested
views:
  - type: table
    name: Sev1 and sev2 runbooks
    order: [file.name, severity, owner, last_tested]
    sort:
      - property: severity
        direction: ASC
      - property: last_tested
        direction: ASC
`,
      `filters: file.inFolder("runbooks/database")
views:
  - type: cards
    name: Database runbooks
    order: [file.name, owner, severity]
`,
    ],
    dataview: ['TASK FROM "runbooks"\nWHERE !completed\nGROUP BY file.link\nLIMIT 20'],
  },
  'operations/README.md': {
    embeds: ['releases.base#Recent releases'],
    bases: [
      `filters: file.inFolder("operations/releases")
views:
  - type: table
    name: Release notes
    order: [file.name, version, release_date, code_freeze]
    sort:
      - property: release_date
        direction: DESC
`,
      `filters: file.hasProperty("on_call")
views:
  - type: table
    name: On-call rota
    groupBy:
      property: on_call
      direction: ASC
    order: [file.name, type, owner]
`,
    ],
    dataview: ['TABLE rows.file.link AS "Runbooks", length(rows) AS "Count"\nFROM "operations"\nWHERE type = "runbook"\nGROUP BY severity\nSORT key ASC'],
  },
  'infrastructure/README.md': {
    embeds: [],
    bases: [
      `filters:
  and:
    - file.inFolder("infrastructure")
    - file.hasTag("terraform")
views:
  - type: table
    name: Terraform-managed
    order: [file.name, owner, status, file.tags]
    sort:
      - property: file.name
        direction: ASC
`,
      `filters: file.inFolder("infrastructure/kubernetes")
views:
  - type: table
    name: Kubernetes docs by owner
    groupBy:
      property: owner
      direction: ASC
    order: [file.name, type, updated]
    summaries:
      updated: Latest
`,
    ],
    dataview: ['LIST owner\nFROM "infrastructure" AND (#security OR #security/iam OR #security/pci)\nWHERE status != "archived"\nSORT file.name ASC'],
  },
  'environments/README.md': {
    embeds: ['environments.base#Production'],
    bases: [
      `filters: type == "environment"
views:
  - type: table
    name: Environments
    order: [file.name, tier, region, owner]
    sort:
      - property: region
        direction: ASC
`,
      `filters: file.hasTag("env/production")
views:
  - type: list
    name: Production docs
    order: [file.name, type]
    limit: 50
`,
    ],
    dataview: ['TABLE tier, region, owner\nFROM "environments"\nWHERE type = "environment" AND region\nSORT region ASC, file.name ASC'],
  },
  'development/README.md': {
    embeds: ['review-queue.base#Needs review'],
    bases: [
      `filters:
  and:
    - file.inFolder("development")
    - 'status == "deprecated"'
views:
  - type: table
    name: Deprecated guides
    order: [file.name, owner, updated]
`,
      `filters: file.inFolder("development")
formulas:
  age_days: ((now() - created) / 86400000).floor()
views:
  - type: table
    name: Oldest development docs
    order: [file.name, created, formula.age_days]
    sort:
      - property: created
        direction: ASC
    limit: 20
`,
    ],
    dataview: ['LIST owner\nFROM "development" AND (#needs-review OR #todo)\nSORT updated DESC\nLIMIT 30'],
  },
};

/** A service's README gets a ```base block (the first 8 services) and a ```dataview block, in turn of these shapes. */
const serviceBases = [
  `filters:
  and:
    - file.inFolder(this.file.folder)
    - 'file.basename != "README"'
views:
  - type: table
    name: Service docs
    order: [file.name, type, status, updated]
    sort:
      - property: updated
        direction: DESC
`,
  `filters: file.inFolder(this.file.folder)
views:
  - type: list
    name: Docs by type
    groupBy:
      property: type
      direction: ASC
    order: [file.name, status]
`,
];

const serviceDataview = [
  (folder: string) => `TABLE type, status, updated\nFROM "${folder}"\nWHERE file.name != "README"\nSORT updated DESC`,
  (folder: string) => `TASK FROM "${folder}"\nWHERE !completed`,
  (folder: string) => `TABLE WITHOUT ID file.link AS "Doc", owner, length(file.outlinks) AS "Links"\nFROM "${folder}"\nSORT length(file.outlinks) DESC\nLIMIT 10`,
  (folder: string) => `TABLE rows.file.link AS "Docs"\nFROM "${folder}"\nGROUP BY type`,
  (folder: string) => `LIST status\nFROM "${folder}"\nWHERE type = "runbook" OR type = "strategy" OR type = "guide"\nSORT file.name ASC`,
  (folder: string) => `TABLE owner, status, updated\nFROM "${folder}"\nWHERE status = "active" OR status = "draft"\nSORT status ASC, updated DESC`,
];

const serviceReadmes = 19;
const serviceBaseBlocks = 8;

const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text.trimEnd()}\n\`\`\``;

/**
 * The vault with the queries: each index doc gets a "Queries" section at its end (a doc the vault lacks is made), and
 * the `.base` files go into `bases/`.
 */
function withQueries(files: ReadonlyMap<string, string>): { files: Map<string, string>; docs: string[] } {
  const out = new Map(files);
  const services = [...files.keys()].filter((file) => /^services\/[^/]+\/README\.md$/.test(file)).sort().slice(0, serviceReadmes);
  if (services.length < serviceReadmes) throw new Error(`Unexpected ${services.length} service folders with a README, expected at least ${serviceReadmes}: use --docs 1000 or more`);
  const plan = new Map<string, IndexQueries>(Object.entries(topLevel));
  services.forEach((readme, i) => {
    const folder = path.posix.dirname(readme);
    plan.set(readme, { embeds: [], bases: i < serviceBaseBlocks ? [serviceBases[i % serviceBases.length]!] : [], dataview: [serviceDataview[i % serviceDataview.length]!(folder)] });
  });
  for (const [doc, queries] of plan) {
    const blocks = [
      ...queries.embeds.map((target) => `![[${target}]]`),
      ...queries.bases.map((text) => fence('base', text)),
      ...queries.dataview.map((text) => fence('dataview', text)),
    ];
    const existing = out.get(doc) ?? `# ${fileName(path.posix.dirname(doc)) || 'Index'}\n`;
    out.set(doc, `${existing.trimEnd()}\n\n## Queries\n\n${blocks.join('\n\n')}\n`);
  }
  for (const [name, text] of Object.entries(baseFiles)) out.set(`bases/${name}`, text);
  return { files: out, docs: [...plan.keys()] };
}

// ───────────────────────────── the bench ─────────────────────────────

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const log = (text: string) => {
  if (!values.json) process.stdout.write(`${text}\n`);
};
const rowsOf = (results: readonly QueryResult[]) => results.reduce((sum, result) => sum + result.groups.reduce((n, group) => n + group.rows.length, 0), 0);

/** One query of the pass, as the site runs it, and the same query run for its rows. */
interface Call {
  label: string;
  html(queries: SiteQueries): string | undefined;
  results(context: (from: string | undefined) => QueryContext): readonly QueryResult[];
}

if (!Number.isInteger(docs) || docs < 1000 || !Number.isInteger(runs) || runs < 1) {
  throw new Error('Usage: node scripts/bench-queries.ts [--docs 3000] [--runs 5] [--json] [--keep] (at least 1000 docs: the queries need 19 service folders)');
}

const root = mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-queries-'));
try {
  const vault = path.join(root, 'vault');
  const generated = withQueries(generateVault({ docs, seed: 1 }));
  writeVault(vault, generated.files);
  // The check cache in the temp dir, as `npm run bench` builds the site: the cold model starts without one.
  const cacheDir = path.join(root, 'cache');
  process.env.SHIPSHAPE_CACHE_DIR = cacheDir;
  const config = await loadConfig({ cwd: repoRoot, content: vault });

  // The whole to compare with when run alone: the cold site model, every page's HTML made (which runs the queries).
  const modelStart = performance.now();
  const loaded = await loadSite(config);
  let htmlBytes = 0;
  for (const page of loaded.site.pages) htmlBytes += page.html.length;
  const modelColdMs = performance.now() - modelStart;

  const queryFiles = new Set([...generated.docs, ...Object.keys(baseFiles).map((name) => `bases/${name}`)]);
  const problems = loaded.result.diagnostics.filter((d) => (d.rule === 'bases' || d.rule === 'dataview') && queryFiles.has(d.file));
  if (problems.length > 0) {
    throw new Error(`Unexpected ${problems.length} query problem(s) in the bench's queries, expected none:\n${problems.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`).join('\n')}`);
  }

  // The inputs `buildSite` gives `siteQueries` (src/site/build-site.ts), from the same (now warm) analysis.
  const analysis = await analyzeVault({ config, cacheDir, render: true });
  const dates = await gitDates(config.contentDir);
  const index = buildVaultIndex(analysis.facts, analysis.attachments);
  const scope = publishScope(index, analysis.facts, analysis.attachments, config);
  const rendered = new Set(analysis.rendered.keys());
  const published = analysis.facts.filter((doc) => scope.docs.has(doc.path) && rendered.has(doc.path));
  const basePaths = scope.attachments.filter(isBaseFile);
  const slugs = assignSlugs([...published.map((doc) => doc.path), ...basePaths]);
  const files = new Set(scope.attachments);
  const { base } = config.site;
  const input: SiteQueriesInput = {
    facts: analysis.facts,
    attachments: analysis.attachments,
    index,
    published: (file) => (scope.docs.has(file) && rendered.has(file)) || files.has(file),
    dates: dates.dates,
    contentDir: analysis.result.contentDir,
    baseFiles: analysis.baseFiles,
    now: config.queries.asOf === 'now' ? new Date() : new Date(config.queries.asOf),
    maxRows: config.queries.maxRows,
    href: (file) => (slugs.docs.has(file) ? pageUrl(base, slugs.docs.get(file)!) : files.has(file) ? fileUrl(base, vaultPath(file)) : undefined),
    title: (file) => index.docs.get(file)?.title ?? fileName(file),
  };
  // As `siteQueries` sizes files (`file.size`), for the query vault timed on its own.
  const vaultInput = {
    ...input,
    size: (file: string) => {
      try {
        return statSync(path.join(input.contentDir, file)).size;
      } catch {
        return undefined;
      }
    },
  };

  // Every query of the query docs, from their facts (what the check read), then each `.base` file's own page.
  const baseText = new Map(analysis.baseFiles.map((file) => [file.path, file.text]));
  const baseResults = (text: string, context: QueryContext, view?: string) => runBase(parseBase(text).base, context, view);
  const calls: Call[] = [];
  const counts = { base: 0, baseEmbeds: 0, dataview: 0, baseFilePages: 0 };
  for (const doc of analysis.facts.filter((facts) => generated.docs.includes(facts.path))) {
    if (!scope.docs.has(doc.path)) throw new Error(`Unexpected ${doc.path} left out of the site (${scope.leftOutDocs.get(doc.path)}), expected it published`);
    for (const link of doc.links.filter((l) => l.kind === 'embed')) {
      const to = index.resolve(link.target, doc.path).path;
      if (to === undefined || !isBaseFile(to)) continue;
      counts.baseEmbeds++;
      calls.push({ label: `${doc.path}: ${link.raw}`, html: (q) => q.baseFile(to, doc.path, link.anchor), results: (cx) => baseResults(baseText.get(to)!, cx(doc.path), link.anchor) });
    }
    for (const [i, query] of (doc.bases ?? []).entries()) {
      counts.base++;
      calls.push({ label: `${doc.path}: base block ${i + 1}`, html: (q) => q.base(query, doc.path), results: (cx) => baseResults(query.text, cx(doc.path)) });
    }
    for (const [i, query] of (doc.dataview ?? []).entries()) {
      if (query.js) continue;
      counts.dataview++;
      const text: QueryText = query;
      calls.push({ label: `${doc.path}: dataview block ${i + 1}`, html: (q) => q.dataview(text, doc.path), results: (cx) => { const result = runDql(text.text, cx(doc.path)).result; return result ? [result] : []; } });
    }
  }
  for (const file of basePaths) {
    counts.baseFilePages++;
    calls.push({ label: `${file} (its page)`, html: (q) => q.baseFile(file, undefined), results: (cx) => baseResults(baseText.get(file)!, cx(undefined)) });
  }
  const expected = { base: 20, baseEmbeds: 5, dataview: 25, baseFilePages: 5 };
  if (JSON.stringify(counts) !== JSON.stringify(expected)) throw new Error(`Unexpected queries ${JSON.stringify(counts)} in the vault's facts, expected ${JSON.stringify(expected)}`);

  // Every query returns rows: the pass measures real work, not empty tables.
  const queryVault = buildQueryVault(vaultInput);
  const contextOf = (from: string | undefined): QueryContext => {
    const self = from === undefined ? undefined : queryVault.byPath.get(from);
    return { vault: queryVault, now: input.now, maxRows: input.maxRows, ...(self ? { self } : {}) };
  };
  const rows = calls.map((call) => ({ label: call.label, rows: rowsOf(call.results(contextOf)) }));
  const empty = rows.filter((r) => r.rows === 0);
  if (empty.length > 0) throw new Error(`Unexpected empty results, expected rows:\n${empty.map((r) => `  ${r.label}`).join('\n')}`);

  // The pass, timed: a fresh `siteQueries` each run (its query vault is built on the first query), every query to HTML.
  const passMs: number[] = [];
  const vaultMs: number[] = [];
  let queryHtmlBytes = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const queries = siteQueries(input);
    queryHtmlBytes = 0;
    for (const call of calls) {
      const html = call.html(queries);
      if (html === undefined) throw new Error(`Unexpected no HTML for ${call.label}, expected its results`);
      queryHtmlBytes += html.length;
    }
    passMs.push(performance.now() - start);
    const vaultStart = performance.now();
    buildQueryVault(vaultInput);
    vaultMs.push(performance.now() - vaultStart);
  }

  const figures = {
    docs,
    queryDocs: generated.docs.length,
    queries: counts,
    rows: rows.reduce((sum, r) => sum + r.rows, 0),
    minRows: Math.min(...rows.map((r) => r.rows)),
    runs,
    passMs: median(passMs),
    passRunsMs: passMs,
    vaultMs: median(vaultMs),
    queryHtmlBytes,
    modelColdMs,
    pages: loaded.site.pages.length,
    htmlBytes,
    ratio: median(passMs) / modelColdMs,
  };
  const smallest = rows.reduce((min, r) => (r.rows < min.rows ? r : min));
  log(`${docs} docs + ${counts.base} base blocks, ${counts.baseEmbeds} .base embeds and ${counts.dataview} dataview blocks in ${figures.queryDocs} docs; ${counts.baseFilePages} .base pages; no bases/dataview problem; ${figures.rows.toLocaleString('en')} rows (the fewest, ${smallest.rows}: ${smallest.label})`);
  log(`query pass (query vault + ${calls.length} queries run and rendered, ${(queryHtmlBytes / 1e3).toFixed(0)} kB of HTML): p50 ${ms(figures.passMs)} over ${runs} run(s) (${passMs.map(ms).join(', ')}); of which the query vault ${ms(figures.vaultMs)}`);
  log(`cold site model (loadSite without a cache, then every page's HTML, ${figures.pages.toLocaleString('en')} pages): ${ms(modelColdMs)} → the query pass is ${(figures.ratio * 100).toFixed(1)} % of it (goal ≤ 10 % of the build)`);
  if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  if (values.keep) log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
