/**
 * `broken-anchor`: the target exists, but the `#heading` or `#^block` the link names does not.
 *
 * In: `[[rollback#Stepz]]` where rollback.md has `## Steps` → "Unresolved heading #Stepz in runbooks/rollback.md", did you mean `Steps`?
 */
import { linkRepairFix } from '../links/link-repair.ts';
import { resolveLinks } from '../links/resolve-links.ts';
import { defineVaultRule } from './rule.ts';

export const brokenAnchor = defineVaultRule({
  id: 'broken-anchor',
  description: 'A link’s `#heading` or `#^block-id` must exist in its target.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: 'Headings match as in Obsidian: case-insensitively, with `# | ^ : % [ ]` read as spaces; `[[note#A#B]]` names heading B under A. Markdown links may also use GitHub-style slugs (`#rollback-steps`). Block ids (`^id`) must close a paragraph or list item of the target. `--fix` repairs a heading anchor only when its heading is certain (renamed in the target\'s git history, or the only heading that matches apart from case and punctuation: [link repair](commands.md#link-repair)).',
  examples: {
    ok: [
      { markdown: 'See [[rollback#Verify the release]].', files: { 'rollback.md': '# Rollback\n\n## Verify the release\n' } },
      { markdown: 'See [[#Steps]].\n\n## Steps\n' },
      { markdown: 'Per [[strategy#^rollback-rule]].', files: { 'strategy.md': 'Roll back within 15 minutes. ^rollback-rule\n' } },
    ],
    notOk: [
      {
        markdown: 'See [[rollback#Verify release]].',
        files: { 'rollback.md': '# Rollback\n\n## Verify the release\n' },
        expect: ['1:5 Unresolved heading #Verify release in rollback.md'],
      },
      { markdown: 'Per [[strategy#^rollback]].', files: { 'strategy.md': 'Text. ^rollback-rule\n' }, expect: ['1:5 Unresolved block #^rollback'] },
    ],
  },
  check(index, _facts, context) {
    for (const resolved of resolveLinks(index, context.reportsFor)) {
      const { from, link, resolution, anchor } = resolved;
      if (!anchor || anchor.found || resolution.path === undefined) continue;
      const what = link.anchor!.startsWith('^') ? 'block' : 'heading';
      const where = resolution.path === from ? 'this file' : resolution.path;
      const fix = context.linkRepair && linkRepairFix(index, resolved, context.linkRepair);
      context.report(from, {
        message: `Unresolved ${what} #${link.anchor} in ${where}`,
        span: link.span,
        hint: `link to an existing ${what}, or add it to ${where}`,
        suggestions: anchor.suggestions.map((s) => `#${s}`),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
