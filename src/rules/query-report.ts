/**
 * What the two query rules (`bases`, `dataview`) share. A query problem (`queries/types.ts`: at offsets of the
 * query's text, with its own weight) as a rule's report: placed in the file, and capped at its weight (an unknown
 * property is a warning under an `error` rule, what only Obsidian runs an info), so the config still decides the
 * rule's severity. And the vault's names the queries are checked against, made once per cross-file pass.
 *
 * In: `queryReport(block, { message: 'Unknown property …', start: 27, end: 31, severity: 'warning' })`
 * Out: `{ message: 'Unknown property …', span: 12:9–12:13, cap: 'warn' }`
 */
import type { Report } from '../diagnostics/diagnostic.ts';
import type { VaultIndex } from '../links/vault-index.ts';
import type { DocFacts } from '../markdown/types.ts';
import { vaultNames } from '../queries/property-index.ts';
import { placeInFile, type QueryText } from '../queries/query-text.ts';
import type { QueryProblem, VaultNames } from '../queries/types.ts';

const caps = { warning: 'warn', info: 'info' } as const;

export function queryReport(query: QueryText, problem: QueryProblem): Report {
  const cap = problem.severity && problem.severity !== 'error' ? caps[problem.severity] : undefined;
  return { message: problem.message, span: placeInFile(query, problem.start, problem.end), ...(cap ? { cap } : {}) };
}

// By the pass's facts: a vault with both kinds of query has its names made once.
const names = new WeakMap<readonly DocFacts[], VaultNames>();

/** The vault's properties, folders and tags (attachments' folders included), for `checkBase` and `checkDql`. */
export function queryNames(index: VaultIndex, facts: readonly DocFacts[]): VaultNames {
  let found = names.get(facts);
  if (!found) names.set(facts, (found = vaultNames(facts, index.files.filter((path) => !index.docs.has(path)))));
  return found;
}
