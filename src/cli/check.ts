/**
 * `shipshape check` (the default command): argv → config → checkVault → formatter → exit code.
 * Exit codes: 0 no errors, 1 errors found (with a baseline: new errors), 2 the check could not run (bad flag,
 * unreadable config or baseline).
 *
 * In: `['--format', 'json', 'content/runbooks/a.md']` → stdout `{"version":1,…}`, 1 when that doc has errors
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { newProblems, summarize, type CheckResult } from '../diagnostics/diagnostic.ts';
import { readLinkHistory } from '../links/link-repair.ts';
import { checkVault } from '../pipeline/check-vault.ts';
import { loadConfig } from '../vault/config.ts';
import { gitHistory } from '../vault/git-history.ts';
import { vaultPathOf } from '../vault/vault-path.ts';
import { parseCliArgs, usage, UsageError } from './args.ts';
import { applyBaseline, baselinePath, refuseOverwrite } from './baseline.ts';
import { applyFixes } from './fix.ts';
import { render, version } from './output.ts';
import { cacheDirOf } from '../pipeline/cache.ts';

/** `--fix` passes at most: each fixes what the previous one uncovered. */
const maxFixPasses = 3;

export async function runCheck(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const config = await loadConfig({ cwd, ...(options.config ? { configFile: options.config } : {}), ...(options.content ? { content: options.content } : {}) });
  const only = options.paths.length > 0 ? options.paths.map((path) => toVaultPath(cwd, config.contentDir, path)) : undefined;
  const baseline = baselinePath(options, config, cwd);
  if (baseline && options.baselineAction === 'write' && !options.force) refuseOverwrite(existsSync(baseline), relative(cwd, baseline) || baseline);
  // Link repair reads renames from git, and --fix the dates it fills: one `git log` a run, only a run that fixes.
  const git = options.fix || options.fixDryRun ? gitHistory(config.contentDir) : undefined;
  const linkRepair = git ? await readLinkHistory(config.contentDir, git) : undefined;
  const check = (overlay?: ReadonlyMap<string, string>) =>
    checkVault({
      config,
      ...(only ? { only } : {}),
      cacheDir: options.cache ? (options.cacheDir ? resolve(cwd, options.cacheDir) : cacheDirOf(config)) : false,
      ...(linkRepair ? { linkRepair } : {}),
      ...(overlay ? { overlay } : {}),
    });
  let result: CheckResult = await check();
  if (options.fix || options.fixDryRun) {
    const passes = { recheck: check, keptBack: new Set<string>(), ...(git ? { history: git } : {}) };
    let outcome = await applyFixes(result, { write: options.fix, ...passes });
    process.stderr.write(outcome.report);
    // A fix can change what else is wrong (a fence that now closes ends a mermaid block): report afresh. It can also
    // uncover a fixable problem (a link that was inside the unclosed fence): fix again, a few passes as ESLint does.
    for (let pass = 1; options.fix && outcome.fixed > 0; pass++) {
      result = await check();
      if (pass === maxFixPasses) break;
      outcome = await applyFixes(result, { write: true, ...passes });
      if (outcome.fixed > 0 || outcome.keptBack > 0) process.stderr.write(outcome.report);
    }
  }
  // Matched after any fix, against what is left; known problems are reported as such and fail nothing.
  if (baseline) result = await applyBaseline(options, baseline, result, only, cwd, (line) => process.stderr.write(line));
  if (options.quiet) result = { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') };
  process.stdout.write(render(options, result, cwd));
  return summarize(newProblems(result)).errors > 0 ? 1 : 0;
}

/** A file or folder argument (relative to the working directory, else to the vault) → its vault path. */
function toVaultPath(cwd: string, contentDir: string, path: string): string {
  const absolute = [resolve(cwd, path), resolve(contentDir, path)].find((candidate) => existsSync(candidate));
  if (absolute === undefined) throw new UsageError(`No such file or folder: ${path}`);
  const vaultPath = vaultPathOf(contentDir, absolute);
  if (vaultPath === undefined) throw new UsageError(`${path} is not inside the vault ${contentDir}`);
  return vaultPath;
}
