import { describe, expect, it } from 'vitest';
import type { WikiLink } from '../../src/markdown/remark-obsidian.ts';
import { contextAround, plainText, truncate } from '../../src/render/plain-text.ts';

describe('plain text', () => {
  it('reads wikilinks by their display text, drops embeds and collapses white space', () => {
    const link: WikiLink = { type: 'wikiLink', embed: false, value: 'a|b', target: 'a', alias: 'b' };
    const tree = {
      type: 'paragraph',
      children: [
        { type: 'text', value: '  See\n' },
        link,
        { type: 'wikiLink', embed: true, value: 'x', target: 'x' },
        { type: 'emphasis', children: [{ type: 'text', value: ' now ' }] },
        { type: 'inlineCode', value: 'ls' },
      ],
    };
    const plain = plainText(tree);
    expect(plain.text).toBe('See b now ls');
    expect(plain.raw.slice(plain.links.get(link))).toMatch(/^b/);
  });

  it.each([
    ['short', 'short'],
    ['word '.repeat(50), `${'word '.repeat(40).trim()}…`],
    ['x'.repeat(250), `${'x'.repeat(199)}…`],
  ])('truncate %#', (text, expected) => {
    expect(truncate(text.trim())).toBe(expected);
  });

  it('windows a long context around the link', () => {
    const raw = `${'a '.repeat(200)}LINK${' b'.repeat(200)}`;
    const context = contextAround({ text: raw, raw, links: new Map() }, raw.indexOf('LINK'));
    expect(context.length).toBeLessThanOrEqual(200);
    expect(context).toMatch(/^…a .* LINK b .*b…$/);
  });
});
