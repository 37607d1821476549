/**
 * What a static build leaves to Obsidian: a ```` ```dataviewjs ```` block and inline JavaScript (`$= …`) run code in
 * the reader's Obsidian; an inline query (`= …`) is left as written too, as the site shows the text around it.
 * The problem is `info`: nothing is wrong with the doc, the reader should only know the published page differs.
 * https://blacksmithgu.github.io/obsidian-dataview/queries/dql-js-inline/
 *
 * In: `needsObsidian('dataviewjs', 10, 42)`
 * Out: `{ message: 'A dataviewjs block needs Obsidian: it is left as it is in the published site', start: 10, end: 42,
 *        severity: 'info' }`
 */
import type { QueryProblem } from '../types.ts';

export type ObsidianOnly = 'dataviewjs' | 'inline' | 'inline-js' | 'calendar';

const what: Record<ObsidianOnly, string> = {
  dataviewjs: 'A dataviewjs block',
  inline: 'An inline Dataview query (`= …`)',
  'inline-js': 'An inline DataviewJS query (`$= …`)',
  calendar: 'A CALENDAR view',
};

/** The `info` problem for `kind`, at `start`–`end` of the text the caller places. */
export function needsObsidian(kind: ObsidianOnly, start = 0, end = start): QueryProblem {
  return { message: `${what[kind]} needs Obsidian: it is left as it is in the published site`, start, end, severity: 'info' };
}
