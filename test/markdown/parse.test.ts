import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDoc } from '../../src/markdown/parse.ts';
import type { Blockquote } from 'mdast';
import { walk } from '../../src/markdown/walk.ts';

function parse(text: string, path = 'a.md') {
  return parseDoc({ path, bytes: new TextEncoder().encode(text), text, lines: lineIndex(text), isTemplate: false });
}

const links = (text: string) =>
  parse(text).facts.links.map((l) => [l.kind, l.target, l.anchor ?? null, `${l.span.start.line}:${l.span.start.column}`]);

describe('wikilinks and embeds', () => {
  it.each([
    ['[[target]]', [['wikilink', 'target', null, '1:1']]],
    ['See [[target|alias]].', [['wikilink', 'target', null, '1:5']]],
    ['[[target#Heading]]', [['wikilink', 'target', 'Heading', '1:1']]],
    ['[[target#^block-id]]', [['wikilink', 'target', '^block-id', '1:1']]],
    ['[[#Heading]]', [['wikilink', '', 'Heading', '1:1']]],
    ['![[flow.svg|300]]', [['embed', 'flow.svg', null, '1:1']]],
    ['![[note#Section]]', [['embed', 'note', 'Section', '1:1']]],
    ['| a |\n| - |\n| [[x\\|y]] |', [['wikilink', 'x', null, '3:3']]],
    ['`[[in code]]`', []],
    ['```\n[[in a fence]]\n```', []],
    ['%% [[in a comment]] %%', []],
    ['%%\n[[in a block comment]]\n%%\n\n[[after]]', [['wikilink', 'after', null, '5:1']]],
    ['[[]] and [[a\nb]]', []],
    ['a %%%% [[b]]', [['wikilink', 'b', null, '1:8']]],
    ['a %% [[hidden]] %% [[shown]]', [['wikilink', 'shown', null, '1:20']]],
    ['%%\nnever closed\n\n[[hidden]]', []],
    ['> %%\n> [[quoted comment]]\n> %%\n\n[[x]]', [['wikilink', 'x', null, '5:1']]],
    ['[text](other%20file.md#Some%20Heading)', [['markdown', 'other file.md', 'Some Heading', '1:1']]],
    ['![alt](img/a.png)', [['image', 'img/a.png', null, '1:1']]],
    ['[ext](https://example.com) <https://x.y> www.example.com', []],
    ['[[a]] [[b]]', [['wikilink', 'a', null, '1:1'], ['wikilink', 'b', null, '1:7']]],
  ] as const)('%j', (text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  it('keeps a wikilink as one node with its parts', () => {
    const found: unknown[] = [];
    walk(parse('x ![[note#A|300]] y').tree, (node) => {
      if (node.type === 'wikiLink') found.push(node);
    });
    expect(found).toMatchObject([{ type: 'wikiLink', embed: true, target: 'note', anchor: 'A', alias: '300', value: 'note#A|300' }]);
  });
});

describe('tags, headings, block ids, aliases, callouts', () => {
  const text = [
    '---',
    'title: Deploy',
    'tags: [ops, release/2026]',
    'aliases: [Shipping]',
    '---',
    '# Deploy #not-a-heading-tag',
    '',
    'Text with #deploy and #env/prod but not #123 or a#b or `#code`. ^intro',
    '',
    '## Step 1: Build',
    '',
    '- item ^item-id',
    '',
    '> [!warning]- Careful now',
    '> body',
  ].join('\n');
  const doc = parse(text);

  it('reads tags from frontmatter and text, not from code or numbers', () => {
    expect(doc.facts.tags).toEqual(['ops', 'release/2026', 'not-a-heading-tag', 'deploy', 'env/prod']);
  });

  it('reads headings as written, block ids, aliases and the title', () => {
    expect(doc.facts.headings.map((h) => [h.depth, h.text])).toEqual([
      [1, 'Deploy #not-a-heading-tag'],
      [2, 'Step 1: Build'],
    ]);
    expect(doc.facts.blockIds).toEqual(['intro', 'item-id']);
    expect(doc.facts.aliases).toEqual(['Shipping']);
    expect(doc.facts.title).toBe('Deploy');
  });

  it('marks callouts', () => {
    const callouts: unknown[] = [];
    walk(doc.tree, (node) => {
      if (node.type === 'blockquote') callouts.push((node as Blockquote).data?.callout);
    });
    expect(callouts).toEqual([{ type: 'warning', fold: 'closed', title: 'Careful now' }]);
  });
});

describe('frontmatter', () => {
  it.each([
    ['---\ntitle: A\n---\n', [], { title: 'A' }],
    ['---\r\ntitle: A\r\n---\r\n', [], { title: 'A' }],
    ['\uFEFF---\ntitle: A\n---\n', [], { title: 'A' }],
    ['---\n---\n', [], {}],
    ['---\ntitle: A\ntitle: B\n---\n', ['duplicate-key 3:1'], undefined],
    ['---\ntitle: [a\n---\n', ['syntax 3:1'], undefined],
    ['---\n- a\n- b\n---\n', ['not-a-mapping 2:1'], undefined],
    ['---\ntitle: A\n', ['unclosed 1:1'], undefined],
  ] as const)('%j', (text, problems, data) => {
    const doc = parse(text);
    expect(doc.frontmatterProblems.map((p) => `${p.kind} ${p.span.start.line}:${p.span.start.column}`)).toEqual(problems);
    expect(doc.frontmatter?.data).toEqual(data);
  });

  it('positions survive CRLF', () => {
    const lf = parse('---\ntitle: A\n---\n\nSee [[x]] and #tag\n');
    const crlf = parse('---\r\ntitle: A\r\n---\r\n\r\nSee [[x]] and #tag\r\n');
    const where = (d: typeof lf) => d.facts.links.map((f) => `${f.span.start.line}:${f.span.start.column}`);
    expect(where(crlf)).toEqual(where(lf));
  });
});
