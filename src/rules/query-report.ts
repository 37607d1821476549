/**
 * A query problem (`queries/types.ts`: at offsets of the query's text, with its own weight) as a rule's report: placed
 * in the file, and capped at its weight (an unknown property is a warning under an `error` rule, what only Obsidian
 * runs an info), so the config still decides the rule's severity.
 *
 * In: `queryReport(block, { message: 'Unknown property …', start: 27, end: 31, severity: 'warning' })`
 * Out: `{ message: 'Unknown property …', span: 12:9–12:13, cap: 'warn' }`
 */
import type { Report } from '../diagnostics/diagnostic.ts';
import { placeInFile, type QueryText } from '../queries/query-text.ts';
import type { QueryProblem } from '../queries/types.ts';

const caps = { warning: 'warn', info: 'info' } as const;

export function queryReport(query: QueryText, problem: QueryProblem): Report {
  const cap = problem.severity && problem.severity !== 'error' ? caps[problem.severity] : undefined;
  return { message: problem.message, span: placeInFile(query, problem.start, problem.end), ...(cap ? { cap } : {}) };
}
