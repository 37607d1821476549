/**
 * The engine's public API, what `import … from 'shipshape'` gives: check a vault, load its site model. A thin door
 * onto the pipeline the CLI runs, with the same config resolution (`shipshape.config.json` or `.ts` in `cwd`,
 * `--config`, `--content`, the `SHIPSHAPE_*` variables), so a script sees what `shipshape check` and
 * `shipshape build` see. No logic of its own: each function resolves the config and hands it on.
 *
 * In: `await checkVault({ cwd: '/repo' })` → `{ files: 17, diagnostics: [{ rule: 'broken-link', file: 'a.md', line: 3, … }], contentDir: '/repo/content' }`
 * In: `await loadSiteModel({ cwd: '/repo' })` → `{ site: { pages: [...], tags: [...], … }, result, failed: false }`
 */
import type { CheckResult } from './diagnostics/diagnostic.ts';
import { checkVault as runCheck } from './pipeline/check-vault.ts';
import { loadSite, type LoadedSite } from './site/load-site.ts';
import { loadConfig } from './vault/config.ts';
import type { ResolvedConfig } from './vault/config-types.ts';

export type { CheckResult, Diagnostic, Fix, Edit, Severity, Summary } from './diagnostics/diagnostic.ts';
export type { LoadedSite } from './site/load-site.ts';
export type { Attachment, DocPage, FolderPage, PageLink, SiteModel, TagPage } from './site/build-site.ts';
export type { ResolvedConfig, SiteConfig } from './vault/config-types.ts';
export type { ShipshapeConfiguration } from './schemas/generated/config.ts';

/** Counts of a result's diagnostics by severity: `summarize(result.diagnostics)` → `{ errors: 1, warnings: 0, infos: 0 }`. */
export { summarize } from './diagnostics/diagnostic.ts';

/** Thrown when the config file is missing, unreadable or invalid, or the content folder does not exist. */
export { ConfigError } from './vault/config.ts';

/** Where to find the vault and its config: the command-line flags of `shipshape check`, as options. */
export interface VaultOptions {
  /** The folder the config is looked up in and relative paths start from (default: `process.cwd()`). */
  cwd?: string;
  /** The vault folder, as `--content` (default: the config's `content`, else `content/`). */
  content?: string;
  /** The config file, as `--config` (default: `shipshape.config.json` or `shipshape.config.ts` in `cwd`). */
  config?: string;
}

export interface CheckVaultOptions extends VaultOptions {
  /** Only report these vault paths, files or folders (still checked against the whole vault). */
  only?: readonly string[];
  /** The result cache's folder, or `false` for none (default: `node_modules/.cache/shipshape` beside the config). */
  cacheDir?: string | false;
}

/**
 * Checks a vault as `shipshape check` does: every rule, with the config's severities.
 *
 * @returns the number of files checked and every diagnostic (plain, serialisable data, sorted by file and position);
 *   the vault has errors when `summarize(result.diagnostics).errors > 0`.
 * @throws {ConfigError} when the config or the content folder cannot be used.
 */
export async function checkVault(options: CheckVaultOptions = {}): Promise<CheckResult> {
  const config = await resolveConfig(options);
  return runCheck({
    config,
    ...(options.only ? { only: options.only } : {}),
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  });
}

/**
 * Loads the model `shipshape build` renders the site from: every published doc with its HTML, folders, tags,
 * attachments, the link graph, the docs health, and the dashboards and checklists when the vault has run data.
 * One run of the check pipeline makes it, so its check result comes with it.
 *
 * @returns `site`, the model; `result`, the vault's check result; `failed`, whether the diagnostics reach the
 *   config's `site.failOn` threshold (when `shipshape build` would stop).
 * @throws {ConfigError} when the config or the content folder cannot be used.
 */
export async function loadSiteModel(options: VaultOptions = {}): Promise<LoadedSite> {
  return loadSite(await resolveConfig(options));
}

function resolveConfig({ cwd = process.cwd(), content, config }: VaultOptions): Promise<ResolvedConfig> {
  return loadConfig({ cwd, ...(content === undefined ? {} : { content }), ...(config === undefined ? {} : { configFile: config }) });
}
