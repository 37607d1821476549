/**
 * Bad input never throws: every navigation feature, at every position of texts that are half written, malformed or
 * odd (no frontmatter end, a list for frontmatter, a byte order mark, CRLF, lone brackets, unclosed fences), and at
 * positions past the end of the text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { completion } from '../../src/lsp/completion.ts';
import { definition, references } from '../../src/lsp/definition.ts';
import { documentLinks } from '../../src/lsp/document-links.ts';
import { hover } from '../../src/lsp/hover.ts';
import { documentSymbols, workspaceSymbols } from '../../src/lsp/symbols.ts';
import { navVault, removeNavVaults } from './nav-vault.ts';

afterAll(removeNavVaults);

const vault = await navVault({
  'a.md': '# A\n\n## Steps\n\nx ^blk\n',
  'b.md': '---\ntitle: [unclosed\n---\n# B [[a#Steps]] [[a#^blk]] [[#]] [[]]\n',
  'schemas-broken/x.md': '---\ntype: runbook\n---\n',
});

const texts = [
  '',
  '[[',
  '![[',
  '[[#',
  '[[#^',
  '[[##',
  '[[a#^',
  '](',
  '[x](#',
  '#',
  '---',
  '---\n',
  '---\ntype: runbook\nseverity:',
  '---\n- a list\n- not a mapping\n---\n',
  '---\ntags:\n- \n  - [\n---\n',
  '\ufeff---\ntitle: BOM\n---\n# BOM [[a]]\n',
  '# A\r\n\r\n[[a#Steps]]\r\n```dashboard\r\nmetric: \r\n```\r\n',
  '```checklist\nitems:\n  - evidence:\n      check: \n',
  '```dashboard\n',
  '> - [[a|alias]] ![[a#^blk]] [b](b.md#b-a-steps) %% [[a]] %%\n',
  '# \n## \n###### x\n',
  '[[<% tp.file.title %>]] [[{{title}}]]\n',
];

describe('navigation on bad input', () => {
  it.each(texts.map((text) => [JSON.stringify(text), text]))('%s: no exception anywhere', (_name, text) => {
    const lines = text.split(/\r\n|\r|\n/);
    const positions = lines.flatMap((line, i) => Array.from({ length: line.length + 2 }, (_, character) => ({ line: i, character })));
    positions.push({ line: lines.length + 3, character: 0 });
    for (const position of positions) {
      expect(() => {
        completion(vault.state, 'new.md', text, position);
        hover(vault.state, 'new.md', text, position);
        definition(vault.state, 'new.md', text, position);
        references(vault.state, 'new.md', text, position, { includeDeclaration: true });
      }).not.toThrow();
    }
    expect(() => [documentSymbols('new.md', text), documentLinks(vault.state, 'new.md', text)]).not.toThrow();
  });

  it.each(['', '   ', '[[', '#^', '\u0000', 'a'.repeat(500)])('workspace symbols of %j', (query) => {
    expect(() => workspaceSymbols(vault.state, query)).not.toThrow();
  });
});
