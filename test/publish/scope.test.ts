import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVaultIndex } from '../../src/links/vault-index.ts';
import type { DocFacts, LinkFact } from '../../src/markdown/types.ts';
import { mentionsAny } from '../../src/publish/mentions.ts';
import { excludedBy, leftOutReason, publishScope } from '../../src/publish/scope.ts';
import { loadSchemas } from '../../src/schemas/registry.ts';
import { publishSummary } from '../../src/site/publish-summary.ts';
import type { ResolvedConfig, SiteConfig } from '../../src/vault/config-types.ts';
import { loadConfig } from '../../src/vault/config.ts';

const span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const link = (kind: LinkFact['kind'], target: string): LinkFact => ({ kind, target, raw: target, span });

function doc(path: string, extra: Partial<DocFacts> = {}): DocFacts {
  return { path, isTemplate: false, title: path, aliases: [], tags: [], headings: [], blockIds: [], links: [], ...extra };
}

const config = await loadConfig({ cwd: process.cwd(), content: 'content' });
const withSite = (site: Partial<SiteConfig>): ResolvedConfig => ({ ...config, site: { ...config.site, ...site } });

describe('leftOutReason', () => {
  const site = { publish: 'all' as const };
  const explicit = { publish: 'explicit' as const };
  const none = excludedBy({ exclude: [] });
  const privateOnly = excludedBy({ exclude: ['private/**', '**/_drafts/**'] });
  it.each<[string, DocFacts, Pick<SiteConfig, 'publish'>, typeof none, string | undefined]>([
    ['a plain doc is published', doc('a.md'), site, none, undefined],
    ['a template never is', doc('templates/t.md', { isTemplate: true, frontmatter: { publish: true } }), site, none, 'template'],
    ['site.exclude, by folder', doc('private/keys.md'), site, privateOnly, 'site.exclude'],
    ['site.exclude, at any depth', doc('ops/_drafts/plan.md'), site, privateOnly, 'site.exclude'],
    ['site.exclude is by path, not name', doc('ops/private.md'), site, privateOnly, undefined],
    ['publish: false', doc('a.md', { frontmatter: { publish: false } }), site, none, 'publish: false'],
    ['publish: "no", as a word', doc('a.md', { frontmatter: { publish: 'No' } }), site, none, 'publish: false'],
    ['draft: true', doc('a.md', { frontmatter: { draft: true } }), site, none, 'draft'],
    ['draft: "yes", as a word', doc('a.md', { frontmatter: { draft: 'yes' } }), site, none, 'draft'],
    ['draft: false is published', doc('a.md', { frontmatter: { draft: false } }), site, none, undefined],
    ['a draft stays out even with publish: true', doc('a.md', { frontmatter: { publish: true, draft: true } }), site, none, 'draft'],
    ['explicit: publish: true is published', doc('a.md', { frontmatter: { publish: true } }), explicit, none, undefined],
    ['explicit: no key is left out', doc('a.md'), explicit, none, 'not publish: true'],
    ['explicit: only the boolean counts', doc('a.md', { frontmatter: { publish: 'true' } }), explicit, none, 'not publish: true'],
    ['explicit: site.exclude still wins', doc('private/a.md', { frontmatter: { publish: true } }), explicit, privateOnly, 'site.exclude'],
  ])('%s', (_, facts, siteConfig, excluded, expected) => {
    expect(leftOutReason(facts, siteConfig, excluded)).toBe(expected);
  });
});

describe('publishScope', () => {
  const docs = [
    doc('index.md', {
      links: [link('embed', 'flow.svg'), link('wikilink', 'runbook.pdf'), link('markdown', 'files/x.txt'), link('wikilink', 'private/plan')],
      frontmatter: { image: '[[cover.png]]' },
    }),
    doc('runbooks/rollback.md', { frontmatter: { type: 'runbook', image: 'img/rollback.png' }, links: [link('image', '../img/arch.png')] }),
    doc('private/plan.md', { links: [link('embed', 'only-private.png')] }),
    doc('drafts/next.md', { frontmatter: { draft: true }, links: [link('embed', 'draft.png')] }),
  ];
  const files = [
    'attachments/flow.svg',
    'img/arch.png',
    'files/runbook.pdf',
    'files/x.txt',
    'attachments/cover.png',
    'img/rollback.png',
    'only-private.png',
    'draft.png',
    'private/secret.png',
    'scripts/deploy.ts',
    'package-lock.json',
    'runs/deploys.ndjson',
    'incidents/2026.yaml',
  ];
  const index = buildVaultIndex(docs, files);

  it('publishes what published docs embed, link and name in file fields, and nothing else', () => {
    const scope = publishScope(index, docs, files, withSite({ exclude: ['private/**'] }));
    expect([...scope.docs]).toEqual(['index.md', 'runbooks/rollback.md']);
    expect(Object.fromEntries(scope.leftOutDocs)).toEqual({ 'private/plan.md': 'site.exclude', 'drafts/next.md': 'draft' });
    // `image` is a vault file in the base schema, which the runbook schema extends through allOf → $ref.
    expect(scope.attachments).toEqual(['attachments/flow.svg', 'img/arch.png', 'files/runbook.pdf', 'files/x.txt', 'attachments/cover.png', 'img/rollback.png']);
    expect(Object.fromEntries(scope.leftOutFiles)).toEqual({
      'only-private.png': 'unused',
      'draft.png': 'unused',
      'private/secret.png': 'site.exclude',
      'scripts/deploy.ts': 'unused',
      'package-lock.json': 'unused',
    });
  });

  it('publishes every file with attachments: "all", but what site.exclude matches and run data', () => {
    const scope = publishScope(index, docs, files, withSite({ attachments: 'all', exclude: ['private/**', '**/*.ts'] }));
    expect(scope.attachments).toEqual(files.filter((f) => !['private/secret.png', 'scripts/deploy.ts', 'runs/deploys.ndjson', 'incidents/2026.yaml'].includes(f)));
    expect(Object.fromEntries(scope.leftOutFiles)).toEqual({ 'private/secret.png': 'site.exclude', 'scripts/deploy.ts': 'site.exclude' });
  });

  it('publishes only publish: true docs, and only their files, when explicit', () => {
    const explicitDocs = [doc('a.md', { frontmatter: { publish: true }, links: [link('embed', 'a.png')] }), doc('b.md', { links: [link('embed', 'b.png')] })];
    const scope = publishScope(buildVaultIndex(explicitDocs, ['a.png', 'b.png']), explicitDocs, ['a.png', 'b.png'], withSite({ publish: 'explicit' }));
    expect([...scope.docs]).toEqual(['a.md']);
    expect(scope.attachments).toEqual(['a.png']);
    expect(scope.leftOutDocs.get('b.md')).toBe('not publish: true');
  });
});

describe('fileFields: keys a schema marks "format": "vault-file"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-schemas-'));
  const write = (name: string, schema: object) => writeFileSync(join(dir, name), JSON.stringify(schema));
  write('base.schema.json', { $id: 'https://example.com/s/base.schema.json', type: 'object', properties: { cover: { type: 'string', format: 'vault-file' }, title: { type: 'string' } } });
  write('runbook.schema.json', {
    $id: 'https://example.com/s/runbook.schema.json',
    allOf: [{ $ref: 'base.schema.json' }, { $ref: '#/$defs/evidence' }],
    $defs: { evidence: { properties: { screenshots: { type: 'array', items: { type: 'string', format: 'vault-file' } } } } },
    properties: { diagram: { format: 'vault-file' }, owner: { type: 'string' } },
  });
  write('loop.schema.json', { $id: 'https://example.com/s/loop.schema.json', allOf: [{ $ref: 'loop.schema.json' }], properties: { pic: { format: 'vault-file' } } });
  const registry = loadSchemas([join(dir, 'base.schema.json'), join(dir, 'runbook.schema.json'), join(dir, 'loop.schema.json')]);
  it.each<[string, string[]]>([
    ['base.schema.json', ['cover']],
    ['runbook.schema.json', ['cover', 'diagram', 'screenshots']],
    ['loop.schema.json', ['pic']],
  ])('%s → %j', (file, fields) => {
    expect(registry.fileFields(join(dir, file))).toEqual(fields);
  });
  it('validates any value of the format, and warns of nothing', () => {
    expect(registry.validate(join(dir, 'runbook.schema.json'), { diagram: 'img/a.png', cover: '[[b.png]]' })).toEqual([]);
    expect(registry.problems).toEqual([]);
  });
});

describe('mentionsAny', () => {
  const mentions = mentionsAny(['private/db-passwords.md', 'private/db-passwords', 'DB passwords', 'Ünïcode Plan', 'ab']);
  it.each<[string, boolean]>([
    ['Unresolved heading #Root in private/db-passwords.md', true],
    ['did you mean `db passwords`?', true],
    ['the DB PASSWORDS page', true],
    ['the db passwordsafe tool', false],
    ['see the passwords page', false],
    ['Ünïcode Plan'.normalize('NFD'), true],
    ['grab the tab', false],
    ['[[ab]] is broken', true],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(mentions(text)).toBe(expected);
  });
  it('mentions nothing when there are no names', () => {
    expect(mentionsAny([])('anything')).toBe(false);
  });
});

describe('publishSummary', () => {
  const site = (pages: number, attachments: number, docs: Record<string, string>, files: Record<string, string>) =>
    ({
      pages: Array.from({ length: pages }),
      attachments: Array.from({ length: attachments }),
      leftOut: { docs: new Map(Object.entries(docs)), files: new Map(Object.entries(files)) },
    }) as unknown as Parameters<typeof publishSummary>[0];
  it.each<[string, ReturnType<typeof site>, string]>([
    ['nothing left out', site(1, 0, {}, {}), 'published 1 doc and 0 attachments; left out nothing'],
    [
      'every kind',
      site(2941, 40, { 'a.md': 'publish: false', 'b.md': 'draft', 'c.md': 'site.exclude', 'd.md': 'draft' }, { 'x.ts': 'unused', 'y.js': 'unused', 'p/k.ini': 'site.exclude' }),
      'published 2,941 docs and 40 attachments; left out 4 docs (site.exclude, publish: false, draft), 2 files no published doc uses and 1 file by site.exclude',
    ],
    ['only files', site(3, 1, {}, { 'x.ts': 'unused' }), 'published 3 docs and 1 attachment; left out 1 file no published doc uses'],
  ])('%s', (_, model, line) => {
    expect(publishSummary(model).line).toBe(line);
  });
  it('lists every doc and file left out, with why', () => {
    expect(publishSummary(site(1, 0, { 'drafts/a.md': 'draft' }, { 'x.ts': 'unused', 'p/k.ini': 'site.exclude' })).list).toBe(
      'doc   drafts/a.md  (draft)\nfile  x.ts  (no published doc uses it)\nfile  p/k.ini  (site.exclude)\n',
    );
  });
});
