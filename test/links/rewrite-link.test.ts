import { describe, expect, it } from 'vitest';
import { rewriteLink, relativePath, type LinkOccurrence } from '../../src/links/rewrite-link.ts';
import { buildVaultIndex } from '../../src/links/vault-index.ts';
import type { DocFacts } from '../../src/markdown/types.ts';

function doc(path: string, extra: Partial<DocFacts> = {}): DocFacts {
  return { path, isTemplate: false, title: path, aliases: [], tags: [], headings: [], blockIds: [], links: [], ...extra };
}

/** The vault after `ops/deploy.md` moved to `runbooks/Deploy Guide.md` and `img/flow.svg` to `assets/flow chart.svg`. */
const after = buildVaultIndex(
  [
    doc('a.md'),
    doc('notes/b.md'),
    doc('notes/deep/c.md'),
    doc('runbooks/Deploy Guide.md', { aliases: ['Shipping'] }),
    doc('runbooks/rollback.md'),
    doc('archive/rollback.md'),
    doc('Über.md'),
  ],
  ['assets/flow chart.svg'],
);
const resolve = after.resolve;

describe('rewriteLink: the new text of exactly the link span', () => {
  it.each<[string, LinkOccurrence, { path: string; anchor?: string }, string]>([
    // [why, link as read, new target, replacement]
    ['a short wikilink stays short', { kind: 'wikilink', raw: '[[deploy]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[Deploy Guide]]'],
    ['alias and anchor kept', { kind: 'wikilink', raw: '[[deploy#Steps|how to ship]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[Deploy Guide#Steps|how to ship]]'],
    ['an escaped pipe (in a table) kept', { kind: 'wikilink', raw: '[[deploy\\|ship]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[Deploy Guide\\|ship]]'],
    ['an embed with a size', { kind: 'embed', raw: '![[flow.svg|300]]', from: 'a.md' }, { path: 'assets/flow chart.svg' }, '![[flow chart.svg|300]]'],
    ['.md kept when written', { kind: 'wikilink', raw: '[[deploy.md]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[Deploy Guide.md]]'],
    ['a path wikilink stays a path', { kind: 'wikilink', raw: '[[ops/deploy]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[runbooks/Deploy Guide]]'],
    ['a vault-absolute wikilink keeps its /', { kind: 'wikilink', raw: '[[/ops/deploy|x]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[/runbooks/Deploy Guide|x]]'],
    ['a short name made ambiguous becomes the shortest unique path', { kind: 'wikilink', raw: '[[rollback-old]]', from: 'a.md' }, { path: 'archive/rollback.md' }, '[[archive/rollback]]'],
    ['a link that still reaches its target is left as written', { kind: 'wikilink', raw: '[[DEPLOY guide]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[DEPLOY guide]]'],
    ['a name whose case the rename changed takes the new case', { kind: 'markdown', raw: '[r](runbooks/Rollback.md)', from: 'a.md', resolved: 'runbooks/Rollback.md' }, { path: 'runbooks/rollback.md' }, '[r](runbooks/rollback.md)'],
    ['a name written in another case than an unchanged one stays', { kind: 'wikilink', raw: '[[deploy GUIDE]]', from: 'a.md', resolved: 'ops/Deploy Guide.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[deploy GUIDE]]'],
    ['a link by alias still reaches it', { kind: 'wikilink', raw: '[[Shipping]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[Shipping]]'],
    ['a new heading for an anchor', { kind: 'wikilink', raw: '[[Deploy Guide#Old|x]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md', anchor: 'New: steps' }, '[[Deploy Guide#New steps|x]]'],
    ['a same-file anchor', { kind: 'wikilink', raw: '[[#Old]]', from: 'a.md' }, { path: 'a.md', anchor: 'New' }, '[[#New]]'],
    ['a block ref', { kind: 'wikilink', raw: '[[deploy#^abc]]', from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, '[[Deploy Guide#^abc]]'],
    ['relative Markdown link, encoded', { kind: 'markdown', raw: '[d](../ops/deploy.md)', from: 'notes/b.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md' }, '[d](../runbooks/Deploy%20Guide.md)'],
    ['relative Markdown link in <…> stays unencoded', { kind: 'markdown', raw: '[d](<../ops/deploy.md> "Title")', from: 'notes/b.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md' }, '[d](<../runbooks/Deploy Guide.md> "Title")'],
    ['./ kept', { kind: 'markdown', raw: '[d](./deploy.md#steps)', from: 'ops/x.md', resolved: 'ops/deploy.md' }, { path: 'ops/sub/deploy.md' }, '[d](./sub/deploy.md#steps)'],
    ['relative link from a moved file', { kind: 'markdown', raw: '[r](../runbooks/rollback.md)', from: 'notes/b.md', resolved: 'runbooks/rollback.md' }, { path: 'runbooks/rollback.md' }, '[r](../../runbooks/rollback.md)'],
    ['vault-absolute Markdown link', { kind: 'markdown', raw: '[d](/ops/deploy.md)', from: 'notes/b.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md' }, '[d](/runbooks/Deploy%20Guide.md)'],
    ['Markdown link without .md', { kind: 'markdown', raw: '[d](../ops/deploy)', from: 'notes/b.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md' }, '[d](../runbooks/Deploy%20Guide)'],
    ['an image', { kind: 'image', raw: '![flow](img/flow.svg)', from: 'a.md', resolved: 'img/flow.svg' }, { path: 'assets/flow chart.svg' }, '![flow](assets/flow%20chart.svg)'],
    ['a definition with a title', { kind: 'markdown', raw: '[d]: ops/deploy.md "Deploy"', from: 'a.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md' }, '[d]: runbooks/Deploy%20Guide.md "Deploy"'],
    ['a slug anchor stays a slug', { kind: 'markdown', raw: '[d](ops/deploy.md#old-steps)', from: 'a.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md', anchor: 'New Steps' }, '[d](runbooks/Deploy%20Guide.md#new-steps)'],
    ['a heading-text anchor stays text, encoded', { kind: 'markdown', raw: '[d](ops/deploy.md#Old%20Steps)', from: 'a.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md', anchor: 'New Steps' }, '[d](runbooks/Deploy%20Guide.md#New%20Steps)'],
    ['non-ASCII names stay as written', { kind: 'markdown', raw: '[u](uber.md)', from: 'a.md', resolved: 'uber.md' }, { path: 'Über.md' }, '[u](Über.md)'],
    ['a frontmatter wikilink', { kind: 'frontmatter', raw: '"[[flow.svg]]"', from: 'a.md' }, { path: 'assets/flow chart.svg' }, '"[[flow chart.svg]]"'],
    ['a frontmatter path', { kind: 'frontmatter', raw: "'img/flow.svg'", from: 'a.md', resolved: 'img/flow.svg' }, { path: 'assets/flow chart.svg' }, "'assets/flow chart.svg'"],
    ['a query string is kept', { kind: 'markdown', raw: '[d](ops/deploy.md?plain=1#L3)', from: 'a.md', resolved: 'ops/deploy.md' }, { path: 'runbooks/Deploy Guide.md' }, '[d](runbooks/Deploy%20Guide.md?plain=1#L3)'],
  ])('%s', (_why, link, to, expected) => {
    const from = _why === 'relative link from a moved file' ? 'notes/deep/c.md' : undefined;
    expect(rewriteLink(link, to, { resolve, ...(from ? { from } : {}) })).toBe(expected);
  });

  it('every rewritten link resolves to its new target', () => {
    const raw = '[[deploy#Steps|how]]';
    const text = rewriteLink({ kind: 'wikilink', raw, from: 'a.md' }, { path: 'runbooks/Deploy Guide.md' }, { resolve });
    expect(resolve(text.slice(2, text.indexOf('#')), 'a.md').path).toBe('runbooks/Deploy Guide.md');
  });
});

describe('relativePath', () => {
  it.each([
    ['', 'a/b.md', 'a/b.md'],
    ['a', 'a/b.md', 'b.md'],
    ['a/x', 'a/b.md', '../b.md'],
    ['x/y', 'a/b.md', '../../a/b.md'],
    ['a', 'a', '../a'],
  ])('%s → %s', (folder, path, expected) => expect(relativePath(folder, path)).toBe(expected));
});
