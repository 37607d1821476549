/**
 * The resolved configuration: what `shipshape.config.json` (documented by `schemas/config.schema.json`)
 * becomes after defaults are applied and paths are made absolute. The choices a setting offers come from the types
 * generated from that schema, so they cannot drift from it.
 */
import type { SeveritySetting } from '../diagnostics/diagnostic.ts';
import type { ShipshapeConfiguration } from '../schemas/generated/config.ts';
import type { PropertyTypes } from './property-types.ts';

type Site = NonNullable<ShipshapeConfiguration['site']>;
type EnvironmentTier = NonNullable<ShipshapeConfiguration['environments']>[string];

export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>];

export interface ResolvedConfig {
  /** Absolute path of the project root (where the config file is, else the working directory). */
  root: string;
  /** Absolute path of the vault. */
  contentDir: string;
  /** Globs (vault-relative) of files and folders to skip entirely. */
  ignore: string[];
  /** Absolute path of the baseline file (`baseline` in the config, default `shipshape-baseline.json` beside it); it may not exist. */
  baseline: string;
  /** Vault-relative template folders; `undefined` means detect (.obsidian settings, else `templates`/`_templates`). */
  templates?: string[];
  /** Doc type → vault folder where `shipshape new` creates docs of that type, when configured. */
  folders?: Record<string, string>;
  /** Per-rule severity and options, as written by the user (defaults are the rules' own). */
  rules: Record<string, RuleSetting>;
  /** Frontmatter field that names a doc's type. */
  typeField: string;
  /** Doc type → absolute path of its JSON Schema. */
  docSchemas: Record<string, string>;
  /** Schema for docs whose type has no schema of its own (or no type), if any. */
  defaultDocSchema?: string;
  /** Obsidian's vault-wide property types, from `.obsidian/types.json` in the vault, when it has one. */
  propertyTypes?: PropertyTypes;
  /** Model name → absolute path of its JSON Schema, for code blocks (`yaml schema=deployment-plan`). */
  blockSchemas: Record<string, string>;
  /** Top-level key in a yaml/json block → model name (e.g. `deployment_plan` → `deployment-plan`). */
  blockKeys: Record<string, string>;
  site: SiteConfig;
  /** Lower-cased environment name → tier, from the config's `environments`. */
  environments: Record<string, EnvironmentTier>;
  dashboards: DashboardsConfig;
  queries: QueriesConfig;
  /** Hash of everything above that changes check or render results, for the cache. */
  hash: string;
}

/** The published site's settings (`site` in the config), defaults applied. */
export interface SiteConfig {
  title: string;
  /** Public origin without a trailing slash, e.g. `https://ops.example.com`; undefined when not configured. */
  url?: string;
  /** Sub-path with leading and trailing slash, e.g. `/` or `/kb/`. */
  base: string;
  editUrl?: string;
  html: NonNullable<Site['html']>;
  diagrams: NonNullable<Site['diagrams']>;
  browser?: string;
  failOn: NonNullable<Site['failOn']>;
  /** `all`: every doc not excluded; `explicit`: only docs with `publish: true`. */
  publish: NonNullable<Site['publish']>;
  /** Vault-relative globs of docs and files never published (still checked). */
  exclude: string[];
  /** `referenced`: only the files published docs use; `all`: every file but run data. */
  attachments: NonNullable<Site['attachments']>;
  /** The user's stylesheets, after Shipshape's own: absolute paths. */
  css: string[];
  /** The user's replacements of Shipshape's Astro components (`Header`, `Footer`, `DocPage`): absolute paths. */
  components: NonNullable<Site['components']>;
}

/** How the site runs Bases and Dataview queries (`queries` in the config), defaults applied. */
export interface QueriesConfig {
  /** `now` or an RFC 3339 time. */
  asOf: string;
  maxRows: number;
}

/** The deployment dashboards' settings (`dashboards` in the config), defaults applied. */
export interface DashboardsConfig {
  /** Window length in days. */
  windowDays: number;
  /** `now`, `latest-run` or an RFC 3339 time. */
  asOf: string;
  trendWeeks: number;
  runPages: number;
  benchmark?: NonNullable<ShipshapeConfiguration['dashboards']>['benchmark'];
}
