/**
 * The DQL tests' vault (`../query-vault.ts`), as of 2026-03-18 15:30, and their dates and tasks:
 * `context([doc('Ops/db.md', { due: date('2026-03-20') }, { tasks: [task('Rotate keys')] })])`.
 */
import type { QueryContext, QueryDoc, QueryTask, Value } from '../../../src/queries/types.ts';
import { vaultOf } from '../query-vault.ts';

export { doc, link, vaultOf as vault } from '../query-vault.ts';

export function date(text: string): Value {
  return { kind: 'date', time: Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`), hasTime: text.length > 10 };
}

export function task(text: string, status = ' ', line = 1): QueryTask {
  return { text, status, completed: status === 'x' || status === 'X', line };
}

export function context(docs: QueryDoc[], options: Partial<QueryContext> = {}): QueryContext {
  return { vault: vaultOf(docs), now: new Date('2026-03-18T15:30:00Z'), maxRows: 1000, ...options };
}
