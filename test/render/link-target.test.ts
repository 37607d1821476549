import { describe, expect, it } from 'vitest';
import type { WikiLink } from '../../src/markdown/remark-obsidian.ts';
import { classifyUrl, sizeAndAlt, wikiLinkText } from '../../src/render/link-target.ts';

describe('classifyUrl', () => {
  it.each([
    ['other.md', 'link', { kind: 'vault', target: 'other.md' }],
    ['../x/y.md#Some%20Heading', 'link', { kind: 'vault', target: '../x/y.md', anchor: 'Some Heading' }],
    ['a%20b.md?raw=1', 'link', { kind: 'vault', target: 'a b.md' }],
    ['bad%zz.md', 'link', { kind: 'vault', target: 'bad%zz.md' }],
    ['#steps', 'link', { kind: 'page' }],
    ['/docs/x', 'link', { kind: 'page' }],
    ['', 'link', { kind: 'page' }],
    ['//cdn.example.com/x', 'link', { kind: 'external' }],
    ['HTTPS://example.com', 'link', { kind: 'external' }],
    ['mailto:a@b.c', 'link', { kind: 'external' }],
    ['obsidian://open?vault=ops', 'link', { kind: 'external' }],
    ['javascript:alert(1)', 'link', { kind: 'unsafe' }],
    ['data:text/html,x', 'link', { kind: 'unsafe' }],
    ['img/a.png', 'image', { kind: 'vault', target: 'img/a.png' }],
    ['https://example.com/a.png', 'image', { kind: 'external' }],
    ['data:image/svg+xml;base64,AA', 'image', { kind: 'external' }],
    ['data:text/html;base64,AA', 'image', { kind: 'unsafe' }],
    ['mailto:a@b.c', 'image', { kind: 'unsafe' }],
  ] as const)('%j as %s', (url, use, expected) => {
    expect(classifyUrl(url, use)).toEqual(expected);
  });
});

describe('wikiLinkText', () => {
  const link = (parts: Partial<WikiLink>): WikiLink => ({ type: 'wikiLink', embed: false, value: 'raw', target: '', ...parts });
  it.each([
    [{ target: 'note' }, 'note'],
    [{ target: 'note', alias: 'Alias' }, 'Alias'],
    [{ target: 'note', alias: '' }, 'note'],
    [{ target: 'note', anchor: 'A#B' }, 'note > A > B'],
    [{ target: '', anchor: 'Steps' }, 'Steps'],
    [{ target: '', anchor: '' }, 'raw'],
  ])('%j → %s', (parts, expected) => {
    expect(wikiLinkText(link(parts))).toBe(expected);
  });
});

describe('sizeAndAlt', () => {
  it.each([
    [undefined, {}],
    ['300', { width: 300 }],
    ['300x200', { width: 300, height: 200 }],
    ['a diagram', { alt: 'a diagram' }],
    ['a diagram|300x200', { alt: 'a diagram', width: 300, height: 200 }],
    ['300px', { alt: '300px' }],
  ])('%j', (text, expected) => {
    expect(sizeAndAlt(text)).toEqual(expected);
  });
});
