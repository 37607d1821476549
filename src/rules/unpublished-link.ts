/**
 * `unpublished-link`: a published doc links to or embeds a doc or file the site does not publish. The link
 * resolves (it is not a `broken-link`), but the site shows its text without a link, or "not published" for an
 * embed, so authors see where readers will meet plain text.
 *
 * In: `See [[incident-notes]].` where incident-notes.md has `publish: false`
 *   → "Unpublished target of [[incident-notes]]: incident-notes.md is left out (publish: false); the site shows the link as plain text"
 */
import { resolveLinks } from '../links/resolve-links.ts';
import { excludedBy, fileLeftOutReason, leftOutReason } from '../publish/scope.ts';
import { defineVaultRule } from './rule.ts';

export const unpublishedLink = defineVaultRule({
  id: 'unpublished-link',
  description: 'Published docs’ links and embeds whose target the site does not publish.',
  defaultSeverity: 'info',
  defaultOptions: {},
  docs: [
    'A doc is left out of the site when it is a template, matches `site.exclude`, says `publish: false` or `draft: true`,',
    'or lacks `publish: true` under `site.publish: "explicit"`; a file is left out when `site.exclude` matches it, and',
    'run data is published as the dashboards. A link to any of them still resolves, so `check` does not call it broken;',
    'the site shows its text without a link (no address, no title naming the target), and an embed shows “not',
    'published” instead of the content. Links from docs that are themselves left out are not reported.',
  ].join(' '),
  examples: {
    ok: [
      { title: 'A link to a published doc', markdown: 'See [[rollback]].', files: { 'rollback.md': '# Rollback\n' } },
      {
        title: 'A draft may link to another draft',
        markdown: '---\ndraft: true\n---\nSee [[rollback-v2]].\n',
        files: { 'rollback-v2.md': '---\ndraft: true\n---\n# Rollback v2\n' },
      },
    ],
    notOk: [
      {
        title: 'A link to a doc with `publish: false`',
        markdown: 'Details in [[incident-notes|the notes]].',
        files: { 'incident-notes.md': '---\npublish: false\n---\n# Incident notes\n' },
        expect: ['1:12 Unpublished target of [[incident-notes|the notes]]: incident-notes.md is left out (publish: false)'],
      },
      {
        title: 'An embed of a draft',
        markdown: '# Release\n\n![[release-plan-v2]]\n',
        files: { 'release-plan-v2.md': '---\ndraft: true\n---\n# Release plan v2\n' },
        expect: ['3:1 Unpublished target of ![[release-plan-v2]]: release-plan-v2.md is left out (draft); the site shows “not published” in its place'],
      },
    ],
  },
  check(index, facts, context) {
    const { site } = context.config;
    const excluded = excludedBy(site);
    const reasons = new Map(facts.map((doc) => [doc.path, leftOutReason(doc, site, excluded)]));
    for (const { from, link, resolution } of resolveLinks(index, context.reportsFor)) {
      const to = resolution.path;
      if (reasons.get(from) !== undefined || to === undefined || to === from) continue;
      const reason = index.docs.has(to) ? reasons.get(to) : fileLeftOutReason(to, excluded);
      if (reason === undefined) continue;
      const shown = link.kind === 'embed' || link.kind === 'image' ? 'shows “not published” in its place' : 'shows the link as plain text';
      context.report(from, {
        message: `Unpublished target of ${link.raw}: ${to} is left out (${reason}); the site ${shown}`,
        span: link.span,
        hint: 'publish the target, or link to a published doc',
      });
    }
  },
});
