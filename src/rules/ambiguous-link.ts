/**
 * `ambiguous-link`: several files match a short link. Obsidian still picks one (own folder first, else the
 * shortest path); the warning names it and the alternatives, so the author can write the path.
 *
 * In: `[[README]]` from `ops/a.md` with `README.md` in `ops/` and `dev/` → "… resolves to ops/README.md; also matches dev/README.md"
 */
import { resolveLinks } from '../links/resolve-links.ts';
import { withoutMd } from '../vault/vault-path.ts';
import { defineVaultRule } from './rule.ts';

export const ambiguousLink = defineVaultRule({
  id: 'ambiguous-link',
  description: 'A short link should match one file only.',
  defaultSeverity: 'warn',
  defaultOptions: {},
  docs: 'When several files share a name, Obsidian resolves `[[name]]` to the one in the linking file’s folder, else to the shortest path (then alphabetically). Shipshape does the same and warns, naming the alternatives: write a longer path to say which one you mean.',
  examples: {
    ok: [{ markdown: 'See [[ops/readme]].', files: { 'ops/readme.md': '# Ops', 'dev/readme.md': '# Dev' } }],
    notOk: [
      {
        markdown: 'See [[readme]].',
        files: { 'ops/readme.md': '# Ops', 'development/readme.md': '# Dev' },
        expect: ['1:5 Ambiguous link [[readme]] resolves to ops/readme.md'],
      },
    ],
  },
  check(index, _facts, context) {
    for (const { from, link, resolution } of resolveLinks(index, context.reportsFor)) {
      const candidates = resolution.candidates;
      if (!candidates || candidates.length < 2) continue;
      const [chosen, ...others] = candidates;
      context.report(from, {
        message: `Ambiguous link ${link.raw} resolves to ${chosen}; it also matches ${others.join(', ')}`,
        span: link.span,
        hint: `write the path to say which one, e.g. [[${withoutMd(chosen!)}]]`,
        suggestions: candidates.map(withoutMd),
      });
    }
  },
});
