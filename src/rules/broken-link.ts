/**
 * `broken-link`: a wikilink, embed or Markdown link whose target is not in the vault, or a file named in a frontmatter
 * field that the doc's schema marks `"format": "vault-file"` (the site publishes that file, so it must exist).
 *
 * In: `[[Deployment Strategy]]` with only `deployment-strategy.md` → "Unresolved link …", suggestion `deployment-strategy`
 */
import { linkRepairFix } from '../links/link-repair.ts';
import { resolveLinks } from '../links/resolve-links.ts';
import { fileFieldLinks } from '../publish/scope.ts';
import { defineVaultRule } from './rule.ts';

const kindName = { wikilink: 'wikilink', embed: 'embed', markdown: 'Markdown link', image: 'image' } as const;

export const brokenLink = defineVaultRule({
  id: 'broken-link',
  description: 'Links, embeds and images must reach a file in the vault.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: 'Targets resolve the way Obsidian resolves them: case-insensitively, by file name anywhere in the vault when unique, by relative or vault-absolute path otherwise, `.md` optional; `aliases:` count. A close name is offered as "did you mean"; `--fix` repairs the link only when its target is certain (renamed in git, or the only file of that name apart from case and spacing: [link repair](commands.md#link-repair)). Frontmatter fields that the doc\'s schema marks `"format": "vault-file"` (the base schema\'s `image`) are links too, written as a path or a `[[wikilink]]`.',
  examples: {
    ok: [
      { title: 'By file name, any folder, any case', markdown: 'See [[Rollback]].', files: { 'runbooks/rollback.md': '# Rollback' } },
      { title: 'An attachment', markdown: '![[flow.svg|300]]', files: { 'attachments/flow.svg': '<svg/>' } },
      { title: 'A Markdown link, relative', markdown: '[rollback](runbooks/rollback.md)', files: { 'runbooks/rollback.md': '# Rollback' } },
      { title: 'A picture named in the frontmatter', markdown: '---\ntitle: Rollout\nimage: "[[rollout-flow.svg]]"\n---\n# Rollout\n', files: { 'attachments/rollout-flow.svg': '<svg/>' } },
    ],
    notOk: [
      {
        title: 'A title instead of the file name',
        markdown: 'Read the [[Deployment Strategy]] first.',
        files: { 'strategy/deployment-strategy.md': '# Deployment strategy' },
        expect: ['1:10 Unresolved wikilink [[Deployment Strategy]]'],
      },
      { title: 'A note that does not exist', markdown: '- [[release-checklist]]', expect: ['1:3 Unresolved wikilink'] },
      {
        title: 'A picture named in the frontmatter that is not in the vault',
        markdown: '---\ntitle: Rollout\nimage: attachments/rollout.svg\n---\n# Rollout\n',
        files: { 'attachments/rollout-flow.svg': '<svg/>' },
        expect: ['3:8 Unresolved file in the frontmatter\'s image: no file `attachments/rollout.svg` in the vault'],
      },
    ],
  },
  check(index, facts, context) {
    for (const resolved of resolveLinks(index, context.reportsFor)) {
      const { from, link, resolution } = resolved;
      if (resolution.path !== undefined) continue;
      const suggestions = resolution.suggestions ?? [];
      const fix = context.linkRepair && linkRepairFix(index, resolved, context.linkRepair);
      context.report(from, {
        message: `Unresolved ${kindName[link.kind]} ${link.raw}: no file \`${link.target}\` in the vault`,
        span: link.span,
        hint: suggestions.length > 0 ? 'fix the link' : 'create the note, or fix the link',
        suggestions,
        ...(fix ? { fix } : {}),
      });
    }
    for (const doc of facts) {
      if (context.reportsFor && !context.reportsFor(doc.path)) continue;
      for (const { field, ...link } of fileFieldLinks(doc, context.config)) {
        const span = doc.frontmatterSpans?.[field];
        // A value Templater or a placeholder fills in at run time is not a path yet.
        if (!span || /<%|\{\{/.test(link.target)) continue;
        const resolution = index.resolve(link.target, doc.path, { relativeFirst: true });
        if (resolution.path !== undefined) continue;
        const suggestions = resolution.suggestions ?? [];
        context.report(doc.path, {
          message: `Unresolved file in the frontmatter's ${field}: no file \`${link.target}\` in the vault`,
          span,
          hint: suggestions.length > 0 ? 'fix the path' : 'add the file, or fix the path',
          suggestions,
        });
      }
    }
  },
});
