/**
 * A check result matched against the baseline file, for the readers that only read it (the site build, its health
 * page, the package's API): no baseline file, the result as it was; else each diagnostic with its `baseline` state
 * and the result with the counts. `shipshape check` does more (write, prune): src/cli/baseline.ts.
 *
 * In: `await applyBaselineFile(result, '/repo/shipshape-baseline.json', 'shipshape-baseline.json')`
 * Out: `{ …result, diagnostics: [{ …, baseline: 'unchanged' }, …], baseline: { file: 'shipshape-baseline.json', unchanged: 13230, new: 2, fixed: 41 } }`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../diagnostics/diagnostic.ts';
import { readBaseline } from './baseline-file.ts';
import { matchBaseline, problemCount, type BaselineMatch, type ReadText } from './match-baseline.ts';

export async function applyBaselineFile(result: CheckResult, path: string, label: string): Promise<CheckResult> {
  const entries = await readBaseline(path, label);
  if (entries === undefined) return result;
  return withBaseline(result, matchBaseline(entries, result.diagnostics, vaultText(result.contentDir)), label);
}

/** The result as matched: each diagnostic with its state, and the counts the formatters and the health page show. */
export function withBaseline(result: CheckResult, match: BaselineMatch, label: string): CheckResult {
  return { ...result, diagnostics: match.diagnostics, baseline: { file: label, unchanged: match.unchanged, new: match.new, fixed: problemCount(match.fixed) } };
}

/** Reads each file at most once; an unreadable one (a vanished file, a config error's) has no text. */
export function vaultText(contentDir: string): ReadText {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(join(contentDir, file), 'utf8');
      } catch {
        text = undefined;
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };
}
