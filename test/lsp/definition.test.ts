/**
 * Go to definition and find references, as tables: the cursor (`‸`) in a doc, where it leads, what links to it.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { definition, references } from '../../src/lsp/definition.ts';
import { cursor, navVault, removeNavVaults } from './nav-vault.ts';

afterAll(removeNavVaults);

const files: Record<string, string> = {
  'b.md': '# B\n\nIntro.\n\n## Steps\n\nDo it. ^do-it\n\n## Other\n',
  'a.md': '# A\n\nSee [[b]], [[b#Steps]] and [[b#^do-it]].\n\n[md](b.md#steps) and [[b#Other]].\n',
  'sub/c.md': '# C\n\n![[b#Steps]] and [[missing]] and [up](../b.md).\n',
  'img/x.png': 'png',
  'props.md': '---\nrelated:\n  - "[[b#Steps]]"\n  - "[[a]]"\n---\n# Props\n',
};
const vault = await navVault(files);
const uri = (path: string) => pathToFileURL(join(vault.state.config.contentDir, path)).href;
const at = (line: number, character: number, endLine = line, endCharacter = character) => ({ start: { line, character }, end: { line: endLine, character: endCharacter } });

describe('definition', () => {
  it.each([
    ['a wikilink: the file', 'a.md', '# A\n\nSee [[‸b]].\n', 'b.md', at(0, 0)],
    ['a heading', 'a.md', '# A\n\n[[b#St‸eps]]\n', 'b.md', at(4, 0, 4, 8)],
    ['a block id: the id on its line', 'a.md', '# A\n\n[[b#^do‸-it]]\n', 'b.md', at(6, 7, 6, 13)],
    ['a Markdown link with a slug', 'a.md', '# A\n\n[md](b.md#st‸eps)\n', 'b.md', at(4, 0, 4, 8)],
    ['a relative Markdown link from a folder', 'sub/c.md', '[up](../b‸.md)\n', 'b.md', at(0, 0)],
    ['an attachment', 'a.md', '![[x‸.png]]\n', 'img/x.png', at(0, 0)],
    ['a wikilink in a frontmatter value', 'props.md', '---\nrelated: ["[[a]]", "[[b#St‸eps]]"]\n---\n', 'b.md', at(4, 0, 4, 8)],
    ['a heading of the document itself, as typed', 'a.md', '# A\n\n## New\n\n[[#N‸ew]]\n', 'a.md', at(2, 0, 2, 6)],
  ])('%s', (_name, path, marked, target, range) => {
    const { text, position } = cursor(marked);
    expect(definition(vault.state, path, text, position)).toEqual({ uri: uri(target), range });
  });

  it.each([
    ['a broken link', '[[miss‸ing]]\n'],
    ['a missing heading', '[[b#No‸pe]]\n'],
    ['no link at all', 'Plain te‸xt\n'],
  ])('nothing on %s', (_name, marked) => {
    const { text, position } = cursor(marked);
    expect(definition(vault.state, 'a.md', text, position)).toBeNull();
  });
});

describe('references', () => {
  const refs = (path: string, marked: string, includeDeclaration = false) => {
    const { text, position } = cursor(marked);
    return references(vault.state, path, text, position, { includeDeclaration }).map((l) => `${l.uri.slice(uri('').length + 1)}:${l.range.start.line}:${l.range.start.character}`);
  };

  it('of a doc, anywhere in it: every link to it', () => {
    expect(refs('b.md', `${files['b.md']!.slice(0, 5)}‸${files['b.md']!.slice(5)}`)).toEqual(['a.md:2:4', 'a.md:2:11', 'a.md:2:27', 'a.md:4:0', 'a.md:4:21', 'props.md:2:2', 'sub/c.md:2:0', 'sub/c.md:2:33']);
  });

  it('of a heading: the links naming it, a slug and a frontmatter value too (at its key\'s value)', () => {
    expect(refs('b.md', '# B\n\nIntro.\n\n## St‸eps\n\nDo it. ^do-it\n\n## Other\n')).toEqual(['a.md:2:11', 'a.md:4:0', 'props.md:2:2', 'sub/c.md:2:0']);
  });

  it('of a block: the links naming it, with the declaration', () => {
    expect(refs('b.md', '# B\n\nIntro.\n\n## Steps\n\nDo it. ‸^do-it\n\n## Other\n', true)).toEqual(['b.md:6:7', 'a.md:2:27']);
  });

  it('from a link: the links to what it names, this one included', () => {
    expect(refs('a.md', `${files['a.md']!.replace('[[b#Other', '[[b#Ot‸her')}`)).toEqual(['a.md:4:21']);
  });

  it('of the open document as edited: its new links count', () => {
    expect(refs('sub/c.md', '[[b#Other]] and [[b#Other]]‸\n').length).toBe(0);
    expect(refs('a.md', '[[b#Oth‸er]] and [[b#Other]]\n')).toEqual(['a.md:0:0', 'a.md:0:16']);
  });
});
