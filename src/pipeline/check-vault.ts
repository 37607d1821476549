/**
 * The whole check: scan the vault → analyse each file (cached, in parallel) → one cross-file pass (links, vault
 * rules) → sorted diagnostics. The CLI prints them; the site build reads the same result and the same facts.
 *
 * In: `checkVault({ config })` → `{ files: 42, diagnostics: [...], facts: [...], contentDir }`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareDiagnostics, toDiagnostic, type CheckResult, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { buildVaultIndex, type VaultIndex } from '../links/vault-index.ts';
import type { DocFacts } from '../markdown/types.ts';
import { rules } from '../rules/index.ts';
import type { VaultRule } from '../rules/rule.ts';
import { ruleSettings } from '../rules/settings.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { scanVault, type ScanProblem } from '../vault/scan.ts';
import { isTemplatePath, templateFolders } from '../vault/templates.ts';
import type { FileInput, FileResult } from './analyze-file.ts';
import { contentHash, openCache } from './cache.ts';
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
}

export interface VaultCheck extends CheckResult {
  facts: DocFacts[];
  index: VaultIndex;
}

const vaultRules = rules.filter((rule): rule is VaultRule => rule.scope === 'vault');

export async function checkVault(options: CheckOptions): Promise<VaultCheck> {
  const { config } = options;
  const folders = await templateFolders(config.contentDir, config.templates);
  const scan = await scanVault(config.contentDir, config.ignore);
  const problems: ScanProblem[] = [...scan.problems];
  const cache = options.cacheDir === false ? undefined : await openCache(options.cacheDir ?? join(config.root, 'node_modules/.cache/shipshape'), config);

  const results: FileResult[] = [];
  const misses: Array<{ input: FileInput; hash: string }> = [];
  for (const path of scan.docs) {
    let bytes: Uint8Array;
    try {
      // Synchronous: thousands of small reads, where promise round trips cost more than the reads.
      bytes = readFileSync(join(config.contentDir, path));
    } catch (error) {
      problems.push({ path, message: `Unreadable file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const isTemplate = isTemplatePath(path, folders);
    const hash = contentHash(bytes, isTemplate);
    const cached = cache?.get(path, hash);
    if (cached) results.push(cached);
    else misses.push({ input: { path, bytes, isTemplate }, hash });
  }
  const analysed = await analyzeAll(misses.map((m) => m.input), config, options.workers);
  analysed.forEach((result, i) => {
    cache?.set(misses[i]!.input.path, misses[i]!.hash, result);
    results.push(result);
  });
  await cache?.save();

  const facts = results.map((r) => r.facts).sort((a, b) => (a.path < b.path ? -1 : 1));
  const index = buildVaultIndex(facts, scan.attachments);
  const diagnostics: Diagnostic[] = results.flatMap((r) => r.diagnostics);
  const now = options.now ?? new Date();
  for (const rule of vaultRules) {
    const { severity, options: ruleOptions } = ruleSettings(rule, config.rules);
    if (!severity) continue;
    rule.check(index, facts, {
      options: ruleOptions,
      config,
      now,
      scanProblems: problems,
      report: (file, report) => diagnostics.push(toDiagnostic(rule.id, severity, file, report)),
    });
  }
  const only = options.only;
  const selected = (path: string) => !only || only.some((p) => p === '' || path === p || path.startsWith(`${p}/`));
  const reported = diagnostics.filter((d) => selected(d.file));
  return {
    files: scan.docs.filter(selected).length,
    diagnostics: reported.sort(compareDiagnostics),
    contentDir: config.contentDir,
    facts,
    index,
  };
}
