/**
 * `missing-owner`: doc types that must name an `owner` (by default runbooks, services, environments and
 * strategies) but do not. Off by default; a team turns it on as a policy.
 *
 * In: `---\ntype: runbook\ntitle: Rollback\n---` → 1:1 "Missing owner for a runbook"
 */
import { defineFileRule } from './rule.ts';

interface Options {
  /** Doc types (frontmatter `type`) that need an owner. */
  types: string[];
}

export const missingOwner = defineFileRule<Options>({
  id: 'missing-owner',
  description: 'Docs of the listed types must name an `owner`.',
  defaultSeverity: 'off',
  defaultOptions: { types: ['runbook', 'service', 'environment', 'strategy'] },
  docs: 'Someone must be paged when a runbook is wrong. Enable with `"missing-owner": "error"`, or `["error", {"types": ["runbook"]}]`.',
  examples: {
    ok: [{ markdown: '---\ntype: runbook\ntitle: Rollback\nowner: sre-team\n---\n' }],
    notOk: [{ markdown: '---\ntype: runbook\ntitle: Rollback\n---\n', expect: ['1:1 Missing owner for a runbook'] }],
  },
  check(doc, context) {
    const data = doc.frontmatter?.data;
    const type = data?.[context.config.typeField];
    if (doc.source.isTemplate || typeof type !== 'string' || !context.options.types.includes(type)) return;
    const owner = data?.owner;
    if (typeof owner === 'string' ? owner.trim() !== '' : owner !== undefined && owner !== null) return;
    context.report({
      message: `Missing owner for a ${type}, expected an \`owner:\` key naming a team or person`,
      span: doc.frontmatter!.span,
      hint: 'add `owner: <team>` to the frontmatter',
    });
  },
});
