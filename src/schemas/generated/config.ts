/* Generated from schemas/config.schema.json by scripts/generate-types.ts: do not edit, change the schema and run `node scripts/generate-types.ts`. */

/**
 * off: not checked; info, warn, error: reported at that severity (only errors fail the check).
 */
export type Severity = 'off' | 'info' | 'warn' | 'error';

/**
 * shipshape.config.json (or the default export of shipshape.config.ts): read by `shipshape check` and by the site build. Relative paths are relative to the folder of the config file.
 */
export interface ShipshapeConfiguration {
  /**
   * Path or URL of this schema, for editor completion.
   */
  $schema?: string;
  /**
   * The vault: the folder of Markdown docs and attachments. `--content DIR` and the SHIPSHAPE_CONTENT environment variable override it.
   */
  content?: string;
  /**
   * Globs, relative to the vault, of files and folders to skip entirely. Dot-folders (.obsidian, .git) and node_modules are always skipped.
   */
  ignore?: string[];
  /**
   * The baseline file, relative to the folder of the config file: the problems the vault already had, which `shipshape check` reports as known and does not fail on (`--baseline-write` writes it, `--baseline-prune` drops the fixed ones). `--baseline FILE` overrides it, `--no-baseline` ignores it. Documented by schemas/baseline.schema.json.
   */
  baseline?: string;
  /**
   * Template folders, relative to the vault. Their files are parsed and checked but not published, and may hold Templater code and placeholders. Default: what .obsidian/templates.json or the Templater plugin's settings name, else every folder called `templates` or `_templates`.
   */
  templates?: string[];
  /**
   * Doc type → folder, relative to the vault, where `shipshape new <type> "Title"` creates docs of that type (made if missing). Default: the folder that holds most docs of that type, else the vault's root. `--dir` overrides it.
   */
  folders?: {
    [k: string]: string;
  };
  /**
   * Severity and options per rule id: "off", "info", "warn", "error", or [severity, {options}]. Team policies (staleness, required owners, placeholder words) are options of their rules.
   */
  rules?: {
    [k: string]: Severity | unknown[];
  };
  /**
   * The published site (`shipshape build`, `shipshape dev`). Every key is optional.
   */
  site?: {
    /**
     * Site name, shown in the header and in every page title.
     */
    title?: string;
    /**
     * Public origin of the site, for canonical URLs and sitemap.xml. SHIPSHAPE_SITE_URL overrides it. Without it, pages have no canonical link and the sitemap uses http://localhost:4321.
     */
    url?: string;
    /**
     * Sub-path the site is served under. SHIPSHAPE_BASE overrides it.
     */
    base?: string;
    /**
     * Prefix of each doc's edit link; the doc's vault-relative path is appended. No edit links without it.
     */
    editUrl?: string;
    /**
     * Raw HTML in a doc's body: sanitize (keep safe markup, drop scripts and event handlers), escape (show it as text) or allow (trust the vault). Frontmatter values are always escaped.
     */
    html?: 'sanitize' | 'escape' | 'allow';
    /**
     * Where mermaid diagrams are drawn: in the reader's browser (mermaid loads only on pages with a diagram), or at build time into inline SVG with a headless Chromium (falls back to the browser when none is found).
     */
    diagrams?: 'browser' | 'build';
    /**
     * Chromium executable for diagrams: "build". Default: /usr/bin/chromium when it exists.
     */
    browser?: string;
    /**
     * Which diagnostics fail `shipshape build`. SHIPSHAPE_FAIL_ON overrides it; `never` publishes a messy vault while it is cleaned up.
     */
    failOn?: 'error' | 'warning' | 'never';
    /**
     * Which docs are published. `all`: every doc except templates, those `site.exclude` matches and those whose frontmatter says `publish: false` or `draft: true`. `explicit`: only docs whose frontmatter says `publish: true` (and not `draft: true`), as Obsidian Publish and Quartz's ExplicitPublish do. `check` reads every doc either way.
     */
    publish?: 'all' | 'explicit';
    /**
     * Globs, relative to the vault, of docs and files never to publish. Unlike `ignore`, `check` still reads them and links to them resolve: a published doc's link to an excluded doc shows its text without a link, an embed of it shows “not published”, and the `unpublished-link` rule lists both.
     */
    exclude?: string[];
    /**
     * Which files other than docs are published. `referenced`: only those a published doc embeds (`![[diagram.png]]`, `![](img/a.png)`), links to (`[[runbook.pdf]]`, `[log](files/x.txt)`) or names in a frontmatter field its schema marks `"format": "vault-file"` (the base schema's `image`). `all`: every file in the vault but run data. `site.exclude` applies either way.
     */
    attachments?: 'referenced' | 'all';
    /**
     * Stylesheets added to every page after Shipshape's own, relative to the config file (or to the Astro project, for the integration's options): set its CSS variables (`--bg`, `--fg`, `--muted`, `--border`, `--surface`, `--link`, `--accent`, and the callout colours `--note`, `--tip`, `--warning`, `--danger`, `--quote`; for dark mode under `:root[data-theme='dark']`) or restyle anything.
     */
    css?: string[];
    /**
     * Your own Astro components in place of Shipshape's: each a path to an `.astro` file, relative to the config file (or to the Astro project, for the integration's options). A replacement gets the same props as the component it replaces (docs/astro-integration.md lists them).
     */
    components?: {
      /**
       * The header on every page: title, sections, search, theme toggle. Props: `title`, `home` (the base path), `sections` (a list of `{url, title}`).
       */
      Header?: string;
      /**
       * The footer on every page. Props: `docs` (how many docs the site publishes).
       */
      Footer?: string;
      /**
       * A doc's page between header and footer: its metadata, body, backlinks and table of contents. Props: `page` (the doc's page model, `DocPage` in Shipshape's types).
       */
      DocPage?: string;
    };
  };
  /**
   * Environment name → tier, for environments whose runs carry no `environmentTier` and whose doc has no `tier:` in its frontmatter. Names are matched ignoring case. Without either, `prod`, `production`, `prd` and `live` (also as a part: `eu-prod`) are production, `staging`, `stage`, `preprod` and `uat` staging, `test` and `qa` testing, `dev`, `development`, `local` and `sandbox` development, anything else other. Only production-tier deployments count in the DORA metrics.
   */
  environments?: {
    [k: string]: 'production' | 'staging' | 'testing' | 'development' | 'other';
  };
  /**
   * The deployment dashboards of the site (`/deployments/`) and the `dashboard` blocks in docs. Every key is optional.
   */
  dashboards?: {
    /**
     * Length of the metrics window, ending at `asOf`: days (`90d`) or weeks (`12w`). Tiles compare it with the window of equal length before it.
     */
    window?: string;
    /**
     * Where the windows end: `now` (the build time), `latest-run` (the latest `finishedAt` in the run data: for sample or archived data) or an RFC 3339 time.
     */
    asOf?: string;
    /**
     * How many weeks the weekly trend charts show, ending at `asOf`.
     */
    trendWeeks?: number;
    /**
     * How many of each service's latest runs get a page of their own. Older runs still count in the metrics.
     */
    runPages?: number;
    /**
     * Label each metric with its performance level in a published benchmark table, shown with the table's source. `dora-2024`: the clusters of the 2024 Accelerate State of DevOps report. No labels when absent.
     */
    benchmark?: 'dora-2024';
  };
  /**
   * How the site runs the vault's queries (Obsidian Bases: `.base` files and ```base blocks; Dataview: ```dataview blocks) into static tables at build time. Every key is optional.
   */
  queries?: {
    /**
     * The time `now()`, `today()` and relative dates see: `now` (the build time) or an RFC 3339 time, so that a build is reproducible.
     */
    asOf?: string;
    /**
     * A query's result is cut to this many rows, with a note saying how many there were.
     */
    maxRows?: number;
  };
  /**
   * Which JSON Schema validates which frontmatter and which structured code block. Default: the schemas shipped in Shipshape's schemas/ folder.
   */
  schemas?: {
    /**
     * Frontmatter key that names a doc's type.
     */
    typeField?: string;
    /**
     * Doc type → schema file.
     */
    types?: {
      [k: string]: string;
    };
    /**
     * Schema for docs whose type has no schema of its own; null for none.
     */
    default?: string | null;
    /**
     * Model name → schema file, for ```yaml schema=NAME blocks and registered block keys.
     */
    blocks?: {
      [k: string]: string;
    };
    /**
     * Top-level key of a yaml/json block → model name: a block whose mapping has this key is validated as that model.
     */
    blockKeys?: {
      [k: string]: string;
    };
  };
}
