/**
 * `stale-doc`: a doc whose `review_by` date has passed, or (with `maxAgeDays`) whose `updated` date is older
 * than that. Off by default: staleness is a team policy.
 *
 * In: `review_by: 2026-01-31`, checked on 2026-11-27 → "Review date 2026-01-31 has passed (300 days ago)"
 */
import type { DocFacts } from '../markdown/types.ts';
import { defineVaultRule } from './rule.ts';

interface Options {
  /** Report docs whose `updated` is older than this many days; 0 turns that part off. */
  maxAgeDays: number;
}

const dayMs = 86_400_000;

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const staleDoc = defineVaultRule<Options>({
  id: 'stale-doc',
  description: 'Docs past their `review_by` date, or not `updated` within `maxAgeDays`.',
  defaultSeverity: 'off',
  defaultOptions: { maxAgeDays: 0 },
  docs: 'Enable it with `"stale-doc": "warn"` or `["warn", {"maxAgeDays": 180}]`. Dates are read as UTC days; templates are skipped.',
  examples: {
    ok: [{ markdown: '---\ntitle: Rollback\nreview_by: 2999-01-01\n---\n' }],
    notOk: [
      { markdown: '---\ntitle: Rollback\nreview_by: 2020-01-31\n---\n', expect: ['3:12 Review date 2020-01-31 has passed'] },
      {
        markdown: '---\ntitle: Rollback\nupdated: 2020-01-31\n---\n',
        options: { maxAgeDays: 180 },
        expect: ['3:10 Last updated 2020-01-31'],
      },
    ],
  },
  check(_index, facts, context) {
    const now = context.now.getTime();
    const check = (doc: DocFacts) => {
      const data = doc.frontmatter;
      const spans = doc.frontmatterSpans;
      if (!data || !spans || doc.isTemplate) return;
      const reviewBy = dateOf(data.review_by);
      if (reviewBy && spans.review_by && reviewBy.getTime() < now) {
        const days = Math.floor((now - reviewBy.getTime()) / dayMs);
        context.report(doc.path, {
          message: `Review date ${String(data.review_by)} has passed (${days} days ago)`,
          span: spans.review_by,
          hint: 'review the doc, then move `review_by` forward',
        });
      }
      const updated = dateOf(data.updated);
      const { maxAgeDays } = context.options;
      if (maxAgeDays > 0 && updated && spans.updated && now - updated.getTime() > maxAgeDays * dayMs) {
        const days = Math.floor((now - updated.getTime()) / dayMs);
        context.report(doc.path, {
          message: `Last updated ${String(data.updated)}, ${days} days ago; expected within ${maxAgeDays} days`,
          span: spans.updated,
          hint: 'review the doc and bump `updated`',
        });
      }
    };
    facts.forEach(check);
  },
});
