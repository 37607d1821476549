/**
 * The baseline step of `shipshape check`, after the check and any fix: match the diagnostics against the baseline
 * (src/baseline), or write it (`--baseline-write`), or drop its fixed problems (`--baseline-prune`). The file is
 * `--baseline FILE`, else the config's `baseline`; `--no-baseline` skips the step. A missing default baseline is no
 * baseline; a missing one named by `--baseline` or to prune is an error (exit 2), as is replacing one without `--force`.
 *
 * In: `applyBaseline(options, '/repo/shipshape-baseline.json', result, only, cwd, log)` → the result with each
 * diagnostic's `baseline` state and `result.baseline` `{ file: 'shipshape-baseline.json', unchanged: 13230, new: 2, fixed: 41 }`
 */
import { relative, resolve } from 'node:path';
import { BaselineError, readBaseline, writeBaseline } from '../baseline/baseline-file.ts';
import { vaultText, withBaseline } from '../baseline/apply-baseline.ts';
import { matchBaseline, problemCount, pruneEntries, rewriteEntries } from '../baseline/match-baseline.ts';
import { count, counted } from '../diagnostics/describe.ts';
import type { CheckResult } from '../diagnostics/diagnostic.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { scopeOf } from '../vault/vault-path.ts';
import type { CliOptions } from './args.ts';


/** The baseline's path, or undefined with `--no-baseline`. */
export function baselinePath(options: Pick<CliOptions, 'baseline'>, config: ResolvedConfig, cwd: string): string | undefined {
  if (options.baseline === false) return undefined;
  return options.baseline === undefined ? config.baseline : resolve(cwd, options.baseline);
}

/** Refuses `--baseline-write` over an existing baseline before the check runs, so the refusal is quick. */
export function refuseOverwrite(exists: boolean, display: string): void {
  if (exists) {
    throw new BaselineError(
      `${display} exists: --baseline-prune drops its fixed problems; --baseline-write --force replaces it (today's new problems become known too)`,
    );
  }
}

export async function applyBaseline(
  options: Pick<CliOptions, 'baseline' | 'baselineAction' | 'force'>,
  path: string,
  result: CheckResult,
  only: readonly string[] | undefined,
  cwd: string,
  log: (line: string) => void,
): Promise<CheckResult> {
  const display = relative(cwd, path) || path;
  const readText = vaultText(result.contentDir);
  const inScope = scopeOf(only);
  let entries = await readOld(path, display, options.baselineAction === 'write' && options.force && only === undefined);

  if (options.baselineAction === 'write') {
    if (entries !== undefined && !options.force) refuseOverwrite(true, display);
    entries = rewriteEntries(entries ?? [], result.diagnostics, readText, inScope);
    try {
      await writeBaseline(path, entries, { exclusive: !options.force });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') refuseOverwrite(true, display);
      throw new BaselineError(`Cannot write the baseline ${display}: ${(error as Error).message}`);
    }
    log(`Wrote ${display}: ${counted(problemCount(entries), 'known problem')} in ${counted(new Set(entries.map((e) => e.file)).size, 'file')}\n`);
  }
  if (entries === undefined) {
    if (options.baseline === undefined && options.baselineAction === undefined) return result;
    throw new BaselineError(`No baseline at ${display}${options.baselineAction === 'prune' ? ': nothing to prune (write one with --baseline-write)' : ''}`);
  }

  let match = matchBaseline(entries, result.diagnostics, readText, inScope);
  if (options.baselineAction === 'prune') {
    const fixed = problemCount(match.fixed);
    if (fixed > 0) {
      entries = pruneEntries(entries, match.fixed);
      await writeBaseline(path, entries);
      match = { ...match, fixed: [] };
      log(`Pruned ${display}: ${counted(fixed, 'fixed problem')} dropped, ${count.format(problemCount(entries))} known\n`);
    } else {
      log(`${display}: no fixed problems to prune\n`);
    }
  }
  return withBaseline(result, match, display);
}

/** The baseline's entries; with `lenient`, an unreadable one is none (it is about to be replaced whole). */
async function readOld(path: string, display: string, lenient: boolean) {
  try {
    return await readBaseline(path, display);
  } catch (error) {
    if (lenient && error instanceof BaselineError) return undefined;
    throw error;
  }
}
