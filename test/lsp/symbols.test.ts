/**
 * Document symbols (headings, nested, spanning their sections), workspace symbols (docs by title and alias) and
 * document links (resolved links with their targets).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver';
import { documentLinks } from '../../src/lsp/document-links.ts';
import { warmNavigation } from '../../src/lsp/navigation.ts';
import { documentSymbols, workspaceSymbols } from '../../src/lsp/symbols.ts';
import { navVault, removeNavVaults } from './nav-vault.ts';

afterAll(removeNavVaults);

const vault = await navVault({
  'runbooks/rollback.md': '---\naliases: [Undo release]\n---\n# Rollback\n\n## Steps\n\nRun it. ^run\n',
  'strategy/deployment-strategy.md': '# Deployment Strategy\n',
  'runbooks/roll-forward.md': '# Roll forward\n',
  'index.md': '# Home\n',
  'img/x.png': 'png',
});
const uri = (path: string) => pathToFileURL(join(vault.state.config.contentDir, path)).href;

const outline = (symbols: DocumentSymbol[]): unknown[] =>
  symbols.map((s) => (s.children?.length ? [s.name, s.range.start.line, s.range.end.line, outline(s.children)] : [s.name, s.range.start.line, s.range.end.line]));

describe('document symbols', () => {
  it.each([
    ['nested by level, each to the end of its section', '# A\n\n## B\n\ntext\n\n### C\n\n## D\n', [['A', 0, 8, [['B', 2, 6, [['C', 6, 6]]], ['D', 8, 8]]]]],
    ['a deeper heading first, then a shallower one', '### Deep\n# Top\n', [['Deep', 0, 0], ['Top', 1, 1]]],
    ['no heading inside code', '# A\n```\n# not\n```\n', [['A', 0, 3]]],
    ['none in a doc without headings', 'text\n', []],
    ['setext headings', 'Title\n=====\n\nSub\n---\n', [['Title', 0, 4, [['Sub', 3, 4]]]]],
  ])('%s', (_name, text, expected) => {
    expect(outline(documentSymbols('x.md', text))).toEqual(expected);
  });

  it('selects the heading line itself', () => {
    const [a] = documentSymbols('x.md', '# A\n\ntext\n');
    expect(a!.selectionRange).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  });
});

describe('workspace symbols', () => {
  it.each([
    ['a title by its start, before a word inside another', 'roll', ['Roll forward', 'Rollback']],
    ['a word inside a title', 'strategy', ['Deployment Strategy']],
    ['by alias, shown with the title', 'undo', ['Undo release (Rollback)']],
    ['letters in order', 'dplstr', ['Deployment Strategy']],
    ['nothing for no match', 'zzz', []],
  ])('%s', (_name, query, names) => {
    expect(workspaceSymbols(vault.state, query).map((s) => s.name)).toEqual(names);
  });

  it('locates the doc and names its folder', () => {
    expect(workspaceSymbols(vault.state, 'rollback')[0]).toMatchObject({ containerName: 'runbooks', location: { uri: uri('runbooks/rollback.md') } });
  });
});

describe('document links', () => {
  it('every resolved link, with the line of a heading or block', () => {
    const text = 'See [[rollback]], [[rollback#Steps]], ![[x.png]], [up](runbooks/rollback.md#^run) and [[missing]].\n';
    expect(documentLinks(vault.state, 'index.md', text).map((l) => [l.range.start.character, l.target, l.tooltip])).toEqual([
      [4, uri('runbooks/rollback.md'), 'runbooks/rollback.md'],
      [18, `${uri('runbooks/rollback.md')}#L6`, 'runbooks/rollback.md#Steps'],
      [38, uri('img/x.png'), 'img/x.png'],
      [50, `${uri('runbooks/rollback.md')}#L8`, 'runbooks/rollback.md#^run'],
    ]);
  });

  it('a wikilink in a frontmatter value, where it is written', () => {
    const text = '---\nrelated: ["[[rollback]]", "[[nowhere]]"]\n---\n# Home\n';
    expect(documentLinks(vault.state, 'index.md', text).map((l) => [l.range, l.target])).toEqual([
      [{ start: { line: 1, character: 11 }, end: { line: 1, character: 23 } }, uri('runbooks/rollback.md')],
    ]);
  });
});

describe('warming the navigation tables', () => {
  it('changes no answer, on a vault or on one without docs', async () => {
    const before = workspaceSymbols(vault.state, 'roll');
    warmNavigation(vault.state);
    expect(workspaceSymbols(vault.state, 'roll')).toEqual(before);
    const empty = await navVault({ 'notes.txt': 'not a doc' });
    warmNavigation(empty.state);
    expect(workspaceSymbols(empty.state, '')).toEqual([]);
  });
});
