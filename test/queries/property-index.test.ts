/**
 * The query vault from parsed docs, without a disk: frontmatter typed value by value, `file.*` properties, backlinks,
 * the publish scope (an excluded doc has no row and no link reaches it), attachments as rows, and `vaultNames`.
 *
 * In: `a.md` with `owner: "[[b]]"` and `b.md` → `a.md`'s `note.owner` is a link to `b.md`, `b.md`'s backlinks hold `a.md`
 */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDoc } from '../../src/markdown/parse.ts';
import type { DocFacts } from '../../src/markdown/types.ts';
import { buildQueryVault, vaultNames, type QueryVaultInput } from '../../src/queries/property-index.ts';
import { parseQueryDate, typedValue } from '../../src/queries/typed-value.ts';
import type { QueryDate, Value } from '../../src/queries/types.ts';

function factsOf(files: Record<string, string>): DocFacts[] {
  return Object.entries(files)
    .map(([path, text]) => parseDoc({ path, text, bytes: new TextEncoder().encode(text), lines: lineIndex(text), isTemplate: false }).facts)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function vault(files: Record<string, string>, attachments: string[] = [], options: Partial<QueryVaultInput> = {}) {
  return buildQueryVault({ facts: factsOf(files), attachments, published: () => true, ...options });
}

const day = (iso: string): QueryDate => ({ kind: 'date', time: Date.parse(`${iso}T00:00:00Z`), hasTime: false });
const at = (iso: string): QueryDate => ({ kind: 'date', time: Date.parse(iso), hasTime: true });

describe('typedValue', () => {
  const resolve = (target: string) => (target.toLowerCase() === 'sre' ? 'teams/sre.md' : undefined);
  const cases: Array<[string, unknown, Value]> = [
    ['a day', '2026-01-05', day('2026-01-05')],
    ['a date-time with T', '2026-01-05T10:00', at('2026-01-05T10:00:00Z')],
    ['a date-time with a space and seconds', '2026-01-05 10:00:00', at('2026-01-05T10:00:00Z')],
    ['a date-time with a zone, in UTC', '2026-01-05T10:00:00+02:00', at('2026-01-05T08:00:00Z')],
    ['milliseconds', '2026-01-05T10:00:00.250Z', at('2026-01-05T10:00:00.250Z')],
    ['an impossible day stays a string', '2026-02-30', '2026-02-30'],
    ['an impossible hour stays a string', '2026-01-05 24:00', '2026-01-05 24:00'],
    ['a date inside text stays a string', 'due 2026-01-05', 'due 2026-01-05'],
    ['a link', '[[sre]]', { kind: 'link', target: 'sre', path: 'teams/sre.md' }],
    ['a link with display text and a heading', '[[SRE#On call|the SRE team]]', { kind: 'link', target: 'SRE', path: 'teams/sre.md', display: 'the SRE team' }],
    ['an unresolved link', '[[nobody]]', { kind: 'link', target: 'nobody' }],
    ['an embed', '![[sre]]', { kind: 'link', target: 'sre', path: 'teams/sre.md' }],
    ['a link inside text stays a string', 'ask [[sre]]', 'ask [[sre]]'],
    ['a plain string', 'draft', 'draft'],
    ['a number', 3, 3],
    ['a boolean', false, false],
    ['null', null, null],
    ['a list, typed item by item', ['[[sre]]', '2026-01-05', 'x', [1]], [{ kind: 'link', target: 'sre', path: 'teams/sre.md' }, day('2026-01-05'), 'x', [1]]],
    ['a mapping', { on: '2026-01-05', kind: 'team' }, { kind: 'object', fields: { on: day('2026-01-05'), kind: 'team' } }],
    ['an empty mapping', {}, { kind: 'object', fields: {} }],
    ['a key named __proto__ as a field', JSON.parse('{"__proto__": "[[sre]]"}'), { kind: 'object', fields: JSON.parse('{"__proto__": {"kind": "link", "target": "sre", "path": "teams/sre.md"}}') }],
  ];
  it.each(cases)('%s', (_, input, expected) => {
    expect(typedValue(input, resolve)).toEqual(expected);
  });

  it('reads no date out of text that only looks like one', () => {
    expect(['2026-1-5', '26-01-05', '2026-01-05T10', '2026-13-01', ''].map(parseQueryDate)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('buildQueryVault', () => {
  it('types the frontmatter, resolving links from the doc that holds them', () => {
    const { byPath } = vault({
      'runbooks/rollback.md': '---\nowner: "[[sre]]"\nreviewed: 2026-01-05\nrefs: ["[[deploy]]", 2]\n---\n# Rollback\n',
      'teams/sre.md': '# SRE\n',
      'runbooks/deploy.md': '# Deploy\n',
    });
    expect(byPath.get('runbooks/rollback.md')!.note).toEqual({
      owner: { kind: 'link', target: 'sre', path: 'teams/sre.md' },
      reviewed: day('2026-01-05'),
      refs: [{ kind: 'link', target: 'deploy', path: 'runbooks/deploy.md' }, 2],
    });
  });

  it('gives every doc its file properties', () => {
    const { byPath } = vault(
      {
        'runbooks/rollback.md': '---\naliases: [undo]\ntags: [ops]\nsee: "[[deploy|Deploying]]"\n---\n# Rollback\n\nSee [[deploy#Steps]], [the plan](plan.md) and [[missing]] #ops #db/pg\n\n![[diagram.png|300]] ![[deploy]] [[#Rollback]]\n\n- [ ] undo\n- [x] tell the team\n',
        'runbooks/deploy.md': '# Deploy\n',
        'plan.md': '# Plan\n',
      },
      ['runbooks/diagram.png'],
      { dates: new Map([['runbooks/rollback.md', { created: '2026-01-02', updated: '2026-03-04' }]]), size: (path) => path.length },
    );
    const link = (target: string, path?: string, display?: string) => ({ kind: 'link', target, ...(path ? { path } : {}), ...(display ? { display } : {}) });
    expect(byPath.get('runbooks/rollback.md')).toMatchObject({
      title: 'Rollback',
      file: {
        name: 'rollback.md',
        basename: 'rollback',
        path: 'runbooks/rollback.md',
        folder: 'runbooks',
        ext: 'md',
        size: 'runbooks/rollback.md'.length,
        ctime: day('2026-01-02'),
        mtime: day('2026-03-04'),
        tags: ['ops', 'db/pg'],
        aliases: ['undo'],
        links: [link('deploy', 'runbooks/deploy.md', 'Deploying'), link('deploy', 'runbooks/deploy.md'), link('plan.md', 'plan.md', 'the plan'), link('missing')],
        embeds: [link('diagram.png', 'runbooks/diagram.png'), link('deploy', 'runbooks/deploy.md')],
        tasks: [
          { text: 'undo', status: ' ', completed: false, line: 12 },
          { text: 'tell the team', status: 'x', completed: true, line: 13 },
        ],
      },
    });
    expect(byPath.get('plan.md')!.file).toMatchObject({ folder: '', size: 'plan.md'.length, ctime: null, mtime: null, tasks: [] });
  });

  it('has one backlink per linking file, from body links, embeds and frontmatter alike, and none from a doc to itself', () => {
    const { byPath } = vault({
      'a.md': '# A\n\n[[c]] and [[c#x]] again, [[a]] itself\n',
      'b.md': '---\nrelated: "[[c]]"\n---\n# Bee\n',
      'c.md': '# C\n\n![[a]]\n',
    });
    expect(byPath.get('c.md')!.file.backlinks).toEqual([
      { kind: 'link', target: 'a', path: 'a.md', display: 'A' },
      { kind: 'link', target: 'b', path: 'b.md', display: 'Bee' },
    ]);
    expect(byPath.get('a.md')!.file.backlinks).toEqual([{ kind: 'link', target: 'c', path: 'c.md', display: 'C' }]);
    expect(byPath.get('b.md')!.file.backlinks).toEqual([]);
  });

  it('leaves out what is not published: no row, no resolution, no backlink from it', () => {
    const files = {
      'a.md': '---\nowner: "[[secret]]"\n---\n# A\n\n[[secret]] [[b]] ![[private.png]]\n',
      'b.md': '# B\n',
      'private/secret.md': '# Secret\n\n[[b]] [[a]]\n',
    };
    const published = (path: string) => !path.startsWith('private') && path !== 'private.png';
    const queryVault = vault(files, ['private.png', 'shown.png'], { published });
    expect(queryVault.docs.map((doc) => doc.path)).toEqual(['a.md', 'b.md', 'shown.png']);
    expect(queryVault.byPath.has('private/secret.md')).toBe(false);
    const a = queryVault.byPath.get('a.md')!;
    expect(a.note.owner).toEqual({ kind: 'link', target: 'secret' });
    expect(a.file.links).toEqual([{ kind: 'link', target: 'secret' }, { kind: 'link', target: 'secret' }, { kind: 'link', target: 'b', path: 'b.md' }]);
    expect(a.file.embeds).toEqual([{ kind: 'link', target: 'private.png' }]);
    expect(a.file.backlinks).toEqual([]);
    expect(queryVault.byPath.get('b.md')!.file.backlinks.map((link) => link.path)).toEqual(['a.md']);
    expect([queryVault.resolve('secret', 'a.md'), queryVault.resolve('private/secret', 'a.md'), queryVault.resolve('B', 'a.md')]).toEqual([undefined, undefined, 'b.md']);
    expect(JSON.stringify(queryVault.docs)).not.toMatch(/secret\.md|Secret/);
  });

  it('has a row for each published attachment, with an empty note and its backlinks', () => {
    const { docs, byPath } = vault({ 'notes/a.md': '# A\n\n![[cover.png]]\n' }, ['notes/cover.png', 'archive.tar.gz', 'Makefile']);
    expect(docs.map((doc) => doc.path)).toEqual(['Makefile', 'archive.tar.gz', 'notes/a.md', 'notes/cover.png']);
    expect(byPath.get('notes/cover.png')).toMatchObject({
      title: 'cover.png',
      note: {},
      file: { name: 'cover.png', basename: 'cover', ext: 'png', folder: 'notes', size: 0, tags: [], links: [], backlinks: [{ path: 'notes/a.md' }] },
    });
    expect(byPath.get('archive.tar.gz')!.file).toMatchObject({ basename: 'archive.tar', ext: 'gz' });
    expect(byPath.get('Makefile')!.file).toMatchObject({ basename: 'Makefile', ext: '' });
  });

  it('gives a doc without frontmatter, or with frontmatter that did not parse, an empty note', () => {
    const { byPath } = vault({ 'a.md': '# A\n', 'b.md': '---\nowner: [unclosed\n---\n# B\n' });
    expect([byPath.get('a.md')!.note, byPath.get('b.md')!.note]).toEqual([{}, {}]);
  });

  it('resolves as the check does, relative links first for Markdown links', () => {
    const { byPath } = vault({ 'x/a.md': '[n](./note.md) [[note]]\n', 'x/note.md': '', 'note.md': '' });
    expect(byPath.get('x/a.md')!.file.links.map((link) => link.path)).toEqual(['x/note.md', 'note.md']);
  });
});

describe('vaultNames', () => {
  it('collects every property, folder and tag of the vault, parents included', () => {
    const names = vaultNames(
      factsOf({
        'runbooks/db/failover.md': '---\nowner: x\ntags: [Ops/DB]\n---\n#deploy/canary\n',
        'a.md': '---\nstatus: draft\n---\n',
        'private/b.md': '#secret\n',
      }),
      ['img/icons/x.png'],
    );
    expect(names).toEqual({
      properties: new Set(['owner', 'tags', 'status']),
      folders: new Set(['runbooks', 'runbooks/db', 'private', 'img', 'img/icons']),
      tags: new Set(['ops', 'ops/db', 'deploy', 'deploy/canary', 'secret']),
    });
  });
});
