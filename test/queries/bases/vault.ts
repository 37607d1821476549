/**
 * The Bases tests' vault (`../query-vault.ts`), as of 2026-01-10, and their dates:
 * `contextOf([doc('runbooks/rollback.md', { reviewed: day('2026-01-05') })])`.
 */
import type { QueryContext, QueryDoc, Value } from '../../../src/queries/types.ts';
import { vaultOf } from '../query-vault.ts';

export { doc, link, vaultOf } from '../query-vault.ts';

export function contextOf(docs: readonly QueryDoc[], extra: Partial<QueryContext> = {}): QueryContext {
  return { vault: vaultOf(docs), now: new Date('2026-01-10T12:00:00Z'), maxRows: 1000, ...extra };
}

export const day = (text: string): Value => ({ kind: 'date', time: Date.parse(`${text}T00:00:00Z`), hasTime: false });
export const at = (text: string): Value => ({ kind: 'date', time: Date.parse(`${text}Z`), hasTime: true });
