/**
 * The docs health page's data: the check's diagnostics summed up by rule, folder and file, so readers see the
 * knowledge base's quality and not only CI does.
 *
 * In: diagnostics [broken-link in runbooks/a.md, broken-link in runbooks/b.md]
 *   → `{ total: { error: 2, … }, byRule: [{ rule: 'broken-link', error: 2, … }], byFolder: [{ folder: 'runbooks', … }], files: [...] }`
 * With a baseline, also what it knows and what is new, and its size over git history:
 * `baseline: { known: { errors: 1, … }, new: { errors: 1, … }, fixed: 0, history: [{ commit, date, known }] }`.
 */
import type { BaselinePoint } from '../baseline/baseline-history.ts';
import { newProblems, summarize, type CheckResult, type Diagnostic, type Summary } from '../diagnostics/diagnostic.ts';
import { folderOf } from '../vault/vault-path.ts';

export interface HealthRow extends Summary {
  key: string;
}

export interface HealthFile extends Summary {
  file: string;
  /** The doc's page, when the file is published. */
  url?: string;
  title: string;
  diagnostics: Diagnostic[];
}

export interface Health {
  files: number;
  total: Summary;
  /** Docs with no problem at all, of `files`. */
  clean: number;
  byRule: HealthRow[];
  byFolder: HealthRow[];
  /** Files with problems, worst first (errors, then warnings, then infos). */
  worst: HealthFile[];
  /** With a baseline: the problems it knows, those it does not, and how many known ones are fixed (today's figures). */
  baseline?: { known: Summary; new: Summary; fixed: number; history: BaselinePoint[] };
}

const worse = (a: Summary, b: Summary) => b.errors - a.errors || b.warnings - a.warnings || b.infos - a.infos;

function rows(groups: Map<string, Diagnostic[]>): HealthRow[] {
  return [...groups].map(([key, list]) => ({ key, ...summarize(list) })).sort((a, b) => worse(a, b) || (a.key < b.key ? -1 : 1));
}

function groupBy(diagnostics: readonly Diagnostic[], key: (d: Diagnostic) => string): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const k = key(d);
    const list = groups.get(k);
    if (list) list.push(d);
    else groups.set(k, [d]);
  }
  return groups;
}

export function healthOf(
  result: CheckResult,
  pageOf: (file: string) => { url: string; title: string } | undefined,
  baselineHistory: BaselinePoint[] = [],
): Health {
  const { diagnostics } = result;
  const byFile = groupBy(diagnostics, (d) => d.file);
  const worst = [...byFile]
    .map(([file, list]) => {
      const page = pageOf(file);
      return { file, ...(page ? { url: page.url } : {}), title: page?.title ?? file, diagnostics: list, ...summarize(list) };
    })
    .sort((a, b) => worse(a, b) || (a.file < b.file ? -1 : 1));
  return {
    files: result.files,
    total: summarize(diagnostics),
    clean: result.files - byFile.size,
    byRule: rows(groupBy(diagnostics, (d) => d.rule)),
    byFolder: rows(groupBy(diagnostics, (d) => folderOf(d.file) || '(vault root)')),
    worst,
    ...(result.baseline
      ? {
          baseline: {
            known: summarize(diagnostics.filter((d) => d.baseline === 'unchanged')),
            new: summarize(newProblems(result)),
            fixed: result.baseline.fixed,
            history: baselineHistory,
          },
        }
      : {}),
  };
}
