/**
 * Hover, as a table: the cursor (`‸`) on a link or a key, and what the hover says.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { hover } from '../../src/lsp/hover.ts';
import { cursor, navVault, removeNavVaults } from './nav-vault.ts';

afterAll(removeNavVaults);

const vault = await navVault({
  'runbooks/rollback.md': '---\ntitle: Roll back a release\n---\n# Rollback\n\nFirst line of the body.\n\n## Steps\n\n1. Stop the canary. ^stop\n2. Redeploy.\n\n## After\n\nTell people.\n',
  'x/dup.md': '# Dup X\n',
  'y/dup.md': '# Dup Y\n',
});

function hoverText(marked: string, path = 'index.md'): string | undefined {
  const { text, position } = cursor(marked);
  const result = hover(vault.state, path, text, position);
  return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : undefined;
}

describe('hover', () => {
  it.each([
    ['a doc: title, path and first lines', 'See [[roll‸back]]', ['**Roll back a release** · `runbooks/rollback.md`', '# Rollback', 'First line of the body.'], ['title:']],
    ['a heading: its section only', '[[rollback#St‸eps]]', ['## Steps', '1. Stop the canary.', '2. Redeploy.'], ['## After', 'First line']],
    ['a block: its line', '[[rollback#^st‸op]]', ['1. Stop the canary. ^stop'], ['Redeploy']],
    ['a broken link, with what was meant', '[[rollbak‸]]', ['No file for `rollbak`', 'did you mean `rollback`?'], []],
    ['a missing heading', '[[rollback#Nope‸]]', ['No `#Nope` in `runbooks/rollback.md`'], []],
    ['an ambiguous name: the other candidates', '[[du‸p]]', ['`x/dup.md`', 'Also matches: `y/dup.md`'], []],
    ['a frontmatter key: its schema description', '---\ntype: runbook\nsever‸ity: sev2\n---\n', ['`severity`', 'Highest incident severity', 'One of: `sev1`, `sev2`, `sev3`, `sev4`'], []],
    ['a key of the base schema', '---\nti‸tle: X\n---\n', ['Human-readable title'], []],
    ['a dashboard key', '```dashboard\nmet‸ric: lead-time\n```\n', ['The metric to show', '`lead-time`'], []],
    ['a nested checklist key', '```checklist\nid: d\nitems:\n  - id: a\n    pha‸se: pre-deploy\n```\n', ['When the item is done'], []],
  ])('%s', (_name, marked, present, absent) => {
    const text = hoverText(marked);
    for (const part of present) expect(text).toContain(part);
    for (const part of absent) expect(text).not.toContain(part);
  });

  it.each([
    ['plain text', 'Just te‸xt\n'],
    ['a frontmatter value', '---\ntitle: Some‸thing\n---\n'],
    ['a key in a plain yaml block', '```yaml\nti‸tle: x\n```\n'],
  ])('nothing on %s', (_name, marked) => {
    expect(hoverText(marked)).toBeUndefined();
  });

  it('spans the link hovered', () => {
    const { text, position } = cursor('See [[roll‸back]]');
    expect(hover(vault.state, 'index.md', text, position)?.range).toEqual({ start: { line: 0, character: 4 }, end: { line: 0, character: 16 } });
  });
});
