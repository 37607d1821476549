/**
 * `broken-link`: a wikilink, embed or Markdown link whose target is not in the vault.
 *
 * In: `[[Deployment Strategy]]` with only `deployment-strategy.md` → "Unresolved link …", suggestion `deployment-strategy`
 */
import { resolveLinks } from '../links/resolve-links.ts';
import { defineVaultRule } from './rule.ts';

const kindName = { wikilink: 'wikilink', embed: 'embed', markdown: 'Markdown link', image: 'image' } as const;

export const brokenLink = defineVaultRule({
  id: 'broken-link',
  description: 'Links, embeds and images must reach a file in the vault.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: 'Targets resolve the way Obsidian resolves them: case-insensitively, by file name anywhere in the vault when unique, by relative or vault-absolute path otherwise, `.md` optional; `aliases:` count. A close name is offered as "did you mean".',
  examples: {
    ok: [
      { title: 'By file name, any folder, any case', markdown: 'See [[Rollback]].', files: { 'runbooks/rollback.md': '# Rollback' } },
      { title: 'An attachment', markdown: '![[flow.svg|300]]', files: { 'attachments/flow.svg': '<svg/>' } },
      { title: 'A Markdown link, relative', markdown: '[rollback](runbooks/rollback.md)', files: { 'runbooks/rollback.md': '# Rollback' } },
    ],
    notOk: [
      {
        title: 'A title instead of the file name',
        markdown: 'Read the [[Deployment Strategy]] first.',
        files: { 'strategy/deployment-strategy.md': '# Deployment strategy' },
        expect: ['1:10 Unresolved wikilink [[Deployment Strategy]]'],
      },
      { title: 'A note that does not exist', markdown: '- [[release-checklist]]', expect: ['1:3 Unresolved wikilink'] },
    ],
  },
  check(index, _facts, context) {
    for (const { from, link, resolution } of resolveLinks(index)) {
      if (resolution.path !== undefined) continue;
      const suggestions = resolution.suggestions ?? [];
      context.report(from, {
        message: `Unresolved ${kindName[link.kind]} ${link.raw}: no file \`${link.target}\` in the vault`,
        span: link.span,
        hint: suggestions.length > 0 ? 'fix the link' : 'create the note, or fix the link',
        suggestions,
      });
    }
  },
});
