/**
 * The whole check: scan the vault → analyse each file (cached, in parallel) → one cross-file pass (links, vault
 * rules) → sorted diagnostics. The CLI prints them; the site build asks for the same run with `render`, and gets
 * each doc's HTML, rendered from the very tree the rules read, beside the same facts and diagnostics.
 *
 * In: `checkVault({ config })` → `{ files: 42, diagnostics: [...], contentDir }`
 * In: `analyzeVault({ config, render: true })` → `{ result, facts: [...], attachments: [...], rendered: Map { 'a.md' => {html, …} } }`
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareDiagnostics, toDiagnostic, type CheckResult, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LinkHistory } from '../links/link-repair.ts';
import { buildVaultIndex } from '../links/vault-index.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { RenderedDoc } from '../render/types.ts';
import { parseRunFiles, readRunFiles, type LoadedRuns, type RunFile } from '../runs/load-runs.ts';
import { rules } from '../rules/index.ts';
import type { VaultRule } from '../rules/rule.ts';
import { ruleSettings } from '../rules/settings.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { runSchemaPaths } from '../rules/run-schema.ts';
import { scanVault, type ScanProblem } from '../vault/scan.ts';
import { isTemplatePath, templateFolders } from '../vault/templates.ts';
import { scopeOf, type Scope } from '../vault/vault-path.ts';
import type { FileInput } from './analyze-file.ts';
import { cacheDirOf, contentHash, openCache } from './cache.ts';
import { readBaseFiles, type BaseFile } from '../queries/base-files.ts';
import { analyzeAll } from './pool.ts';

export interface CheckOptions {
  config: ResolvedConfig;
  /** Report only these vault paths, files or folders (still checked against the whole vault's index). */
  only?: readonly string[];
  /** Cache folder; `false` disables the cache. */
  cacheDir?: string | false;
  /** Evaluation time for time-dependent rules. */
  now?: Date;
  workers?: number;
  /** Also render every published doc (site builds). */
  render?: boolean;
  /** Return every doc's facts and the run data even when the cross-file pass is cached (checklist evaluation). */
  facts?: boolean;
  /** Texts to check instead of the files on disk (vault path → text): `--fix` re-checks its link repairs before writing. */
  overlay?: ReadonlyMap<string, string>;
  /** Offer link repairs as fixes, with these renames from git (`--fix`, `--fix-dry-run`; see `links/link-repair.ts`). */
  linkRepair?: LinkHistory;
  /** Stop once every doc's facts are read, from the cache or a parse without rules: no diagnostics, no run data, no cross-file pass (`shipshape metrics` reads environment tiers from the facts). */
  factsOnly?: boolean;
}

export interface VaultAnalysis {
  result: CheckResult;
  /** Every doc's facts, sorted by path. */
  facts: DocFacts[];
  /** Vault-relative paths of the files that are not docs (images, PDFs…). */
  attachments: readonly string[];
  /** Published docs' HTML by path (only with `render`). */
  rendered: Map<string, RenderedDoc>;
  /** The run data (only with `render` or `facts`: dashboards and checklists need it even when the cross-file pass is cached). */
  runs?: LoadedRuns;
  /** The files the scan could not list or read: the cross-file pass reports them (the language server runs it again after an edit). */
  scanProblems: readonly ScanProblem[];
  /** The `.base` files, read: the cross-file pass checks them. */
  baseFiles: readonly BaseFile[];
}

const vaultRules = rules.filter((rule): rule is VaultRule => rule.scope === 'vault');

export async function checkVault(options: CheckOptions): Promise<CheckResult> {
  return (await analyzeVault({ ...options, render: false })).result;
}

export async function analyzeVault(options: CheckOptions): Promise<VaultAnalysis> {
  const { config } = options;
  const render = options.render === true;
  const folders = await templateFolders(config.contentDir, config.templates);
  const scan = await scanVault(config.contentDir, config.ignore);
  const problems: ScanProblem[] = [...scan.problems];
  const cache = options.cacheDir === false ? undefined : await openCache(options.cacheDir ?? cacheDirOf(config), config);

  const docs: Array<{ path: string; factsHash?: string }> = [];
  const diagnostics: Diagnostic[] = [];
  const fresh = new Map<string, DocFacts>();
  const misses: Array<{ input: FileInput; hash: string }> = [];
  const rendered = new Map<string, RenderedDoc>();
  for (const path of scan.docs) {
    let bytes: Uint8Array;
    try {
      // Synchronous: thousands of small reads, where promise round trips cost more than the reads.
      const text = options.overlay?.get(path);
      bytes = text === undefined ? readFileSync(join(config.contentDir, path)) : new TextEncoder().encode(text);
    } catch (error) {
      problems.push({ path, message: `Unreadable file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const isTemplate = isTemplatePath(path, folders);
    const hash = contentHash(bytes, isTemplate);
    let cached = cache?.get(path, hash);
    if (cached && render && !isTemplate) {
      const html = await cache!.rendered(path, hash);
      if (html) rendered.set(path, html);
      else cached = undefined;
    }
    if (cached) {
      docs.push({ path, factsHash: cached.factsHash });
      diagnostics.push(...cached.diagnostics);
    } else {
      misses.push({ input: { path, bytes, isTemplate }, hash });
    }
  }
  // Facts alone are no check result: they are used, not cached.
  const mode = options.factsOnly ? 'facts' : render ? 'render' : 'check';
  const analysed = await analyzeAll(misses.map((m) => m.input), config, mode, options.workers);
  analysed.forEach((result, i) => {
    const { input, hash } = misses[i]!;
    if (result.rendered) rendered.set(input.path, result.rendered);
    const stored = mode === 'facts' ? undefined : cache?.set(input.path, hash, result);
    docs.push({ path: input.path, ...(stored ? { factsHash: stored.factsHash } : {}) });
    diagnostics.push(...result.diagnostics);
    fresh.set(input.path, result.facts);
  });

  docs.sort((a, b) => (a.path < b.path ? -1 : 1));
  const allFacts = () => Promise.all(docs.map(({ path }) => fresh.get(path) ?? cache!.facts(path)));
  if (options.factsOnly) {
    return { result: { files: scan.docs.length, diagnostics: [], contentDir: config.contentDir }, facts: await allFacts(), attachments: scan.attachments, rendered, scanProblems: problems, baseFiles: [] };
  }
  const now = options.now ?? new Date();
  // Run data is read here, not in the cross-file pass: its bytes are part of the key below.
  const runFiles = readRunFiles(config.contentDir, scan.attachments);
  const baseFiles = readBaseFiles(config.contentDir, scan.attachments);
  // Everything the cross-file pass reads: when none of it changed, neither did its diagnostics. Attachments are
  // listed by path, but run files are data the pass reads, so their bytes count (and the run schemas'); the publish
  // scope decides what `unpublished-link` reports.
  // With link repair on, the pass's diagnostics carry fixes that depend on git history: not what the cache holds.
  const vaultKey = cache && !options.linkRepair
    ? createHash('sha1')
        .update(JSON.stringify([now.toISOString().slice(0, 10), scan.attachments, problems, docs, runFiles.problems, config.site.publish, config.site.exclude, baseFiles]))
        .update(runDataHash(runFiles.files))
        .digest('hex')
    : undefined;
  const previous = cache?.vault;
  let facts: DocFacts[] | undefined;
  let runs: LoadedRuns | undefined;
  const runData = (): LoadedRuns => {
    if (!runs) {
      const loaded = parseRunFiles(runFiles.files);
      runs = { records: loaded.records, problems: [...runFiles.problems, ...loaded.problems] };
    }
    return runs;
  };
  const only = options.only;
  const selected = scopeOf(only);
  if (previous && previous.key === vaultKey) {
    diagnostics.push(...previous.diagnostics);
  } else {
    facts = await allFacts();
    // A check of some files (a pre-commit hook) lets the rules skip the others' work; its partial result is not cached.
    const reportsFor = only ? selected : undefined;
    const vaultDiagnostics = crossFilePass(config, facts, scan.attachments, problems, runData(), baseFiles, now, options.linkRepair, reportsFor);
    if (cache && vaultKey && !reportsFor) cache.setVault({ key: vaultKey, diagnostics: vaultDiagnostics });
    diagnostics.push(...vaultDiagnostics);
  }
  await cache?.save();
  return {
    result: {
      files: scan.docs.filter(selected).length,
      diagnostics: diagnostics.filter((d) => selected(d.file)).sort(compareDiagnostics),
      contentDir: config.contentDir,
    },
    // A check alone needs no facts once the cross-file pass is cached; a site always does.
    facts: facts ?? (render || options.facts ? await allFacts() : []),
    attachments: scan.attachments,
    rendered,
    ...(render || options.facts ? { runs: runData() } : {}),
    scanProblems: problems,
    baseFiles,
  };
}

/** Links, anchors and every other rule that needs all files at once; the language server reruns it after an edit. */
export function crossFilePass(
  config: ResolvedConfig,
  facts: DocFacts[],
  attachments: readonly string[],
  scanProblems: readonly ScanProblem[],
  runs: LoadedRuns,
  baseFiles: readonly BaseFile[],
  now: Date,
  linkRepair: LinkHistory | undefined,
  reportsFor: Scope | undefined,
): Diagnostic[] {
  const index = buildVaultIndex(facts, attachments);
  const diagnostics: Diagnostic[] = [];
  for (const rule of vaultRules) {
    const { severity, options } = ruleSettings(rule, config.rules);
    if (!severity) continue;
    rule.check(index, facts, {
      options,
      config,
      now,
      scanProblems,
      runs,
      baseFiles,
      ...(linkRepair ? { linkRepair } : {}),
      ...(reportsFor ? { reportsFor } : {}),
      report: (file, report) => diagnostics.push(toDiagnostic(rule.id, severity, file, report)),
    });
  }
  return diagnostics;
}

/** The run files' paths and bytes, and the run schemas the `run-schema` rule validates them with. */
function runDataHash(files: readonly RunFile[]): string {
  const hash = createHash('sha1');
  for (const file of files) hash.update(`${file.path}\0${file.bytes.length}\0`).update(file.bytes);
  for (const schema of runSchemaPaths) hash.update(readFileSync(schema));
  return hash.digest('hex');
}
