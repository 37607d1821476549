/**
 * Loads the one config file (`shipshape.config.json` or `.ts`), validates it against `schemas/config.schema.json`,
 * and resolves it: defaults applied, paths absolute. The file is `--config`, else `SHIPSHAPE_CONFIG`, else the one in
 * the working directory. The content dir comes from `--content`, else `SHIPSHAPE_CONTENT`, else the config, else
 * `content/`.
 *
 * In: `loadConfig({ cwd: '/repo', content: '../vault' })` → `{ contentDir: '/vault', docSchemas: { runbook: '/repo/…' }, … }`
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ShipshapeConfiguration } from '../schemas/generated/config.ts';
import { friendlyIssues } from '../schemas/messages.ts';
import type { DashboardsConfig, QueriesConfig, ResolvedConfig, RuleSetting, SiteConfig } from './config-types.ts';
import { readPropertyTypes } from './property-types.ts';

/** Shipshape's own folder: the built-in schemas live in `<toolRoot>/schemas`. */
export const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const builtinSchemas = join(toolRoot, 'schemas');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The config as written, generated from `schemas/config.schema.json`; a rule's `[severity, {options}]` is a
 * `prefixItems` tuple, which the generator reads as any list.
 */
type UserConfig = Omit<ShipshapeConfiguration, 'rules'> & { rules?: Record<string, RuleSetting> };

export interface LoadOptions {
  cwd: string;
  /** `--config FILE`. */
  configFile?: string;
  /** `--content DIR`. */
  content?: string;
  /**
   * The config itself, as `shipshape({…})` in an astro.config gets it: no file is read, and relative paths in it are
   * relative to `cwd`. `label` names it in error messages.
   */
  inline?: { config: unknown; label: string };
  env?: NodeJS.ProcessEnv;
}

const configNames = ['shipshape.config.json', 'shipshape.config.ts'];

const builtinTypes = ['strategy', 'runbook', 'environment', 'service', 'release'];

let validateConfig: ReturnType<Ajv2020['compile']> | undefined;

/**
 * Schema errors in the words frontmatter errors use (`schemas/messages.ts`), each after where it is (a JSON pointer
 * into the config) and before the schema's own wording.
 *
 * In: `{"contnet": "x"}` → `/contnet: Unexpected key "contnet" (did you mean content?) — config schema: must NOT have additional properties`
 */
function validate(config: unknown, file: string): asserts config is UserConfig {
  // `verbose` puts the value and the schema on each error: the messages quote the value and suggest known keys. Our
  // own schema needs no check against the meta-schema (a test compiles every schema strictly): that check was half
  // the time of every command's config load.
  validateConfig ??= new Ajv2020({ allErrors: true, strict: false, verbose: true, validateSchema: false }).compile(
    JSON.parse(readFileSync(join(builtinSchemas, 'config.schema.json'), 'utf8')),
  );
  if (validateConfig(config)) return;
  const errors = validateConfig.errors ?? [];
  const problems = friendlyIssues(errors).map((issue) => {
    const suggestions = issue.suggestions ? ` (did you mean ${issue.suggestions.join(', ')}?)` : '';
    const schema = errors.find((e) => e.keyword === issue.keyword && e.instancePath === issue.instancePath)?.message;
    return `${issue.target.pointer || '(root)'}: ${issue.message}${suggestions}${schema ? ` — config schema: ${schema}` : ''}`;
  });
  // Should the messages leave out every error (they skip `if`, whose `then` errors say why), ajv's words are better than none.
  if (problems.length === 0) problems.push(...errors.map((e) => `${e.instancePath || '(root)'}: ${e.message ?? e.keyword}`));
  throw new ConfigError(`Invalid config ${file}:\n  ${problems.join('\n  ')}`);
}

async function readUserConfig(path: string): Promise<UserConfig> {
  let config: unknown;
  try {
    config = path.endsWith('.ts')
      ? ((await import(pathToFileURL(path).href)) as { default: unknown }).default
      : JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read config ${path}: ${(error as Error).message}`);
  }
  validate(config, path);
  return config;
}

function configFileIn(cwd: string, named: string | undefined): string | undefined {
  if (!named) return configNames.map((name) => join(cwd, name)).find((path) => existsSync(path));
  const path = resolve(cwd, named);
  if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path}`);
  return path;
}

export async function loadConfig(options: LoadOptions): Promise<ResolvedConfig> {
  const env = options.env ?? process.env;
  if (options.inline) validate(options.inline.config, options.inline.label);
  // The site build has no flags of its own: SHIPSHAPE_CONFIG names the config there as `--config` does for commands.
  const configPath = options.inline ? undefined : configFileIn(options.cwd, options.configFile ?? env.SHIPSHAPE_CONFIG);
  const user = options.inline ? (options.inline.config as UserConfig) : configPath ? await readUserConfig(configPath) : {};
  const root = configPath ? dirname(configPath) : options.cwd;
  const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(root, path));

  const contentArg = options.content ?? env.SHIPSHAPE_CONTENT;
  const contentDir = contentArg ? resolve(options.cwd, contentArg) : fromRoot(user.content ?? 'content');
  if (!existsSync(contentDir)) throw new ConfigError(`Content folder not found: ${contentDir}`);

  const schemas = user.schemas ?? {};
  const docSchemas = schemas.types
    ? Object.fromEntries(Object.entries(schemas.types).map(([type, path]) => [type, fromRoot(path)]))
    : Object.fromEntries(builtinTypes.map((type) => [type, join(builtinSchemas, `${type}.schema.json`)]));
  const defaultDocSchema =
    schemas.default === null ? undefined : schemas.default ? fromRoot(schemas.default) : join(builtinSchemas, 'doc.schema.json');
  const blockSchemas = schemas.blocks
    ? Object.fromEntries(Object.entries(schemas.blocks).map(([name, path]) => [name, fromRoot(path)]))
    : { 'deployment-plan': join(builtinSchemas, 'deployment-plan.schema.json') };
  const blockKeys = schemas.blockKeys ?? { deployment_plan: 'deployment-plan' };
  const propertyTypes = readPropertyTypes(contentDir);

  const resolved: Omit<ResolvedConfig, 'hash'> = {
    root,
    contentDir,
    ignore: user.ignore ?? [],
    baseline: fromRoot(user.baseline ?? 'shipshape-baseline.json'),
    ...(user.templates ? { templates: user.templates } : {}),
    ...(user.folders ? { folders: user.folders } : {}),
    rules: user.rules ?? {},
    typeField: schemas.typeField ?? 'type',
    docSchemas,
    ...(defaultDocSchema ? { defaultDocSchema } : {}),
    blockSchemas,
    blockKeys,
    site: siteConfig(user.site ?? {}, env, fromRoot),
    environments: Object.fromEntries(Object.entries(user.environments ?? {}).map(([name, tier]) => [name.toLowerCase(), tier])),
    dashboards: dashboardsConfig(user.dashboards ?? {}),
    queries: queriesConfig(user.queries ?? {}),
    // Last, where rereadPropertyTypes puts it too: the hash is of the object's JSON, in key order.
    ...(propertyTypes ? { propertyTypes } : {}),
  };
  return { ...resolved, hash: hashConfig(resolved) };
}

/**
 * The config with `.obsidian/types.json` read again, for a long-running process (`shipshape dev`) whose author changes
 * a property's type in Obsidian: the hash follows, so cached results checked against the old types are not reused.
 */
export function rereadPropertyTypes(config: ResolvedConfig): ResolvedConfig {
  const { hash: _hash, propertyTypes: _old, ...rest } = config;
  const propertyTypes = readPropertyTypes(config.contentDir);
  const resolved = { ...rest, ...(propertyTypes ? { propertyTypes } : {}) };
  return { ...resolved, hash: hashConfig(resolved) };
}

const failOnValues = ['error', 'warning', 'never'];

function siteConfig(site: NonNullable<UserConfig['site']>, env: NodeJS.ProcessEnv, fromRoot: (path: string) => string): SiteConfig {
  const failOn = env.SHIPSHAPE_FAIL_ON || site.failOn || 'error';
  if (!failOnValues.includes(failOn)) throw new ConfigError(`SHIPSHAPE_FAIL_ON must be one of ${failOnValues.join(', ')}, not "${failOn}"`);
  const url = (env.SHIPSHAPE_SITE_URL || site.url)?.replace(/\/+$/, '');
  const base = `/${(env.SHIPSHAPE_BASE || site.base || '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  return {
    title: site.title ?? 'Operations Knowledge Base',
    ...(url ? { url } : {}),
    base,
    ...(site.editUrl ? { editUrl: site.editUrl } : {}),
    html: site.html ?? 'sanitize',
    diagrams: site.diagrams ?? 'browser',
    ...(site.browser ? { browser: site.browser } : {}),
    failOn: failOn as SiteConfig['failOn'],
    publish: site.publish ?? 'all',
    exclude: site.exclude ?? [],
    attachments: site.attachments ?? 'referenced',
    css: (site.css ?? []).map((path, i) => existingFile(fromRoot(path), `site.css[${i}]`)),
    components: Object.fromEntries(Object.entries(site.components ?? {}).map(([name, path]) => [name, existingFile(fromRoot(path), `site.components.${name}`)])),
  };
}

function existingFile(file: string, key: string): string {
  if (!existsSync(file)) throw new ConfigError(`${key}: no such file ${file}`);
  return file;
}

function queriesConfig(queries: NonNullable<UserConfig['queries']>): QueriesConfig {
  const asOf = queries.asOf ?? 'now';
  if (asOf !== 'now' && Number.isNaN(Date.parse(asOf))) throw new ConfigError(`queries.asOf must be now or an RFC 3339 time, not "${asOf}"`);
  return { asOf, maxRows: queries.maxRows ?? 1000 };
}

function dashboardsConfig(dashboards: NonNullable<UserConfig['dashboards']>): DashboardsConfig {
  const window = dashboards.window ?? '90d';
  const asOf = dashboards.asOf ?? 'now';
  if (asOf !== 'now' && asOf !== 'latest-run' && Number.isNaN(Date.parse(asOf))) {
    throw new ConfigError(`dashboards.asOf must be now, latest-run or an RFC 3339 time, not "${asOf}"`);
  }
  return {
    windowDays: Number.parseInt(window, 10) * (window.endsWith('w') ? 7 : 1),
    asOf,
    trendWeeks: dashboards.trendWeeks ?? 26,
    runPages: dashboards.runPages ?? 200,
    ...(dashboards.benchmark ? { benchmark: dashboards.benchmark } : {}),
  };
}

/**
 * The config and the contents of every schema it names: editing a schema must invalidate cached results. Of the
 * site settings only `html` changes a file's result (the rendered HTML); a new title must not re-check the vault. (The
 * publish scope changes what `unpublished-link` says: it is part of the cross-file pass's key instead.)
 */
function hashConfig(config: Omit<ResolvedConfig, 'hash'>): string {
  // Dashboards, like the site's looks, change pages but no check result; nor does the baseline, read after the check.
  const { site, dashboards: _dashboards, baseline: _baseline, ...checked } = config;
  const hash = createHash('sha256').update(JSON.stringify(checked)).update(site.html);
  const schemaFiles = [...Object.values(config.docSchemas), ...Object.values(config.blockSchemas), config.defaultDocSchema];
  for (const file of [...new Set(schemaFiles)].sort()) {
    if (file && existsSync(file)) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}
