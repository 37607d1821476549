/**
 * Obsidian comments, `%% … %%`, as both parsers read them: what a reader still sees, where each comment node sits,
 * and that nothing a comment hides reaches the tree or the facts. Hidden text is spelled SECRET (or `secret…`)
 * in every input, so one search proves that it went nowhere.
 */
import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { readBlocks } from '../../src/blocks/index.ts';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDocMicromark } from '../../src/markdown/parse-micromark.ts';
import { parseDocSatteri } from '../../src/markdown/parse-satteri.ts';
import type { ObsidianComment, WikiLink } from '../../src/markdown/remark-obsidian.ts';
import type { ParsedDoc } from '../../src/markdown/types.ts';
import { walk } from '../../src/markdown/walk.ts';

const parsers = [
  ['satteri', parseDocSatteri],
  ['micromark', parseDocMicromark],
] as const;

function parseWith(parse: (typeof parsers)[number][1], text: string): ParsedDoc {
  return readBlocks(parse({ path: 'doc.md', bytes: new TextEncoder().encode(text), text, lines: lineIndex(text), isTemplate: false }));
}

/** What a reader sees: text, code and link text in document order, white space collapsed. */
function visible(doc: ParsedDoc): string {
  const parts: string[] = [];
  walk(doc.tree, (node) => {
    const n = node as Node & { value?: string };
    if (node.type === 'code' || node.type === 'html') parts.push(' ', n.value ?? '', ' ');
    else if (node.type === 'text' || node.type === 'inlineCode') parts.push(n.value ?? '');
    else if (node.type === 'wikiLink') parts.push((node as WikiLink).alias || (node as WikiLink).target);
    else if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') parts.push(' ');
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Each comment node as `line:column-line:column`, `!` when it is marked unclosed. */
function comments(doc: ParsedDoc): string[] {
  const found: string[] = [];
  walk(doc.tree, (node) => {
    if (node.type !== 'obsidianComment' || !node.position) return;
    const { start, end } = node.position;
    found.push(`${start.line}:${start.column}-${end.line}:${end.column}${(node as ObsidianComment).unclosed ? '!' : ''}`);
  });
  return found;
}

const secret = /secret/i;

describe.each(parsers)('comments with %s', (_, parse) => {
  // [what, input, what stays visible, comment nodes]
  it.each([
    ['inline, closed', 'a %%SECRET%% b', 'a b', ['1:3-1:13']],
    ['across a blank line', 'Line one %%SECRET\n\nSECRET%%', 'Line one', ['1:10-3:9']],
    ['across a blank line, text after', 'Line one %%SECRET\n\nSECRET%% after', 'Line one after', ['1:10-3:9']],
    ['unclosed in a line: the rest of the doc', 'Shown %%SECRET\n\nSECRET\n\n# SECRET', 'Shown', ['1:7-5:9!']],
    ['unclosed on its own line', 'a\n\n%%\nSECRET\n\n[[SECRET]]', 'a', ['3:1-6:11!']],
    ['block comment between paragraphs', 'para\n%%\nSECRET\n%%\nmore', 'para more', ['2:1-4:3']],
    ['block comment hides the rest of its closing line', 'x\n%%\nSECRET\n%% SECRET\ny', 'x y', ['2:1-4:10']],
    ['several in one paragraph', 'a %%SECRET%% b %%SECRET%% c %%SECRET', 'a b c', ['1:3-1:13', '1:16-1:26', '1:29-1:37!']],
    // A `%%` inside a block comment closes it (Obsidian pairs markers, nothing inside is parsed); the block
    // swallows the rest of that line, so the last `%%` opens a comment that runs to the end.
    ['inline comment inside a block comment', '%%\nSECRET %%SECRET%% SECRET\n%%\nSECRET', '', ['1:1-2:25', '3:1-4:7!']],
    ['list items', '- a %%SECRET\n- SECRET%% b\n- c', 'a b c', ['1:5-2:11']],
    ['nested list and quote', '- a %%SECRET\n  - SECRET\n\n> SECRET%% d', 'a d', ['1:5-4:11']],
    ['block comment in a list item keeps one list', '- a\n  %%\n  SECRET\n  %%\n- b', 'a b', ['2:3-4:5']],
    ['block comment in a nested list', '- a\n  - b\n    %%\n    SECRET\n    %%\n  - c', 'a b c', ['3:5-5:7']],
    ['quote across a quoted blank line', '> q %%SECRET\n>\n> SECRET%% r\n> s', 'q r s', ['1:5-3:11']],
    ['callout title and body', '> [!note] Title %%SECRET%%\n> body %%SECRET\n> SECRET%% end', '[!note] Title body end', ['1:17-1:27', '2:8-3:11']],
    ['heading', '# Deploy %%SECRET%% plan', 'Deploy plan', ['1:10-1:20']],
    ['table cells, one comment across two rows', '| a %%SECRET%% | b |\n| - | - |\n| %%SECRET\n| SECRET%% e | f |', 'a b e f', ['1:5-1:15', '3:3-4:11']],
    ['footnote', 'Text[^1]\n\n[^1]: note %%SECRET%% end', 'Text note end', ['3:12-3:22']],
    ['emphasis around a comment', '**bold %%SECRET%% text**', 'bold text', ['1:8-1:18']],
    ['link text', '[see %%SECRET%% docs](other.md)', 'see docs', ['1:6-1:16']],
    ['CRLF', 'a %%SECRET\r\n\r\nSECRET%% b\r\n%%\r\nSECRET\r\n%%\r\nc\r\n', 'a b c', ['1:3-3:9', '4:1-6:3']],
    ['BOM', '\ufeff%%\nSECRET\n%%\n# H %%SECRET%%', 'H', ['1:1-3:3', '4:5-4:15']],
    ['code span and code blocks show it', '`%%a%%` b\n\n```\n%%\n```\n\n    %% c %%', '%%a%% b %% %% c %%', []],
    ['escaped', 'a \\%% b \\%% c', 'a %% b %% c', []],
    ['an escaped backslash does not escape', 'a \\\\%%SECRET%% c', 'a \\ c', ['1:5-1:15']],
    ['HTML opens nothing, a pair inside it is cut out', '<div>%%SECRET%%</div>\n\n<!-- 50%% -->\n\nafter', '<div></div> <!-- 50%% --> after', []],
    ['a fence inside a comment opens nothing', '%%\n```\n%%\n\ntext', 'text', ['1:1-3:3']],
    ['a backtick inside a comment pairs with nothing', '%% a ` SECRET %% and `code %% x %%`', 'and code %% x %%', ['1:1-1:17']],
    ['code after a comment that hid an unclosed fence', 'p\n\n%%\n```\n%%\n\ntext\n\n```\n%%\nafter', 'p text %% after', ['3:1-5:3']],
  ])('%s', (_, text, shown, nodes) => {
    const doc = parseWith(parse, text);
    expect(visible(doc)).toBe(shown);
    expect(comments(doc)).toEqual(nodes);
    expect(JSON.stringify(doc.tree)).not.toMatch(secret);
    expect(JSON.stringify(doc.facts)).not.toMatch(secret);
  });

  it('keeps positions exact after a comment across lines', () => {
    const doc = parseWith(parse, 'a %%SECRET\nSECRET%% [[link]] #tag\n\n%%\nSECRET\n%%\n[[next]]');
    expect(doc.facts.links.map((l) => `${l.target} ${l.span.start.line}:${l.span.start.column}-${l.span.end.line}:${l.span.end.column}`)).toEqual([
      'link 2:10-2:18',
      'next 7:1-7:9',
    ]);
    expect(doc.facts.tags).toEqual(['tag']);
  });

  it('counts no link, tag or block id inside a comment', () => {
    const doc = parseWith(parse, 'see %%[[secret-note]] #secret-tag ^secret-id%% [[shown]] #shown-tag\n\n%%\n![[secret.png]]\n[secret](secret.md)\n%%\n');
    expect(doc.facts.links.map((l) => l.target)).toEqual(['shown']);
    expect(doc.facts.tags).toEqual(['shown-tag']);
    expect(doc.facts.blockIds).toEqual([]);
  });

  it('reads headings without their comments, for anchors and the title', () => {
    const doc = parseWith(parse, '# Deploy %%SECRET%% plan\n\n## %%SECRET%%Steps\n\n%%\n## SECRET\n%%');
    expect(doc.facts.headings).toEqual([
      { text: 'Deploy plan', depth: 1 },
      { text: 'Steps', depth: 2 },
    ]);
    expect(doc.facts.title).toBe('Deploy plan');
  });

  it('reads a callout title without its comment', () => {
    const doc = parseWith(parse, '> [!todo] Deploy checklist %%SECRET%%\n> - [ ] drain %%SECRET%%\n> - [ ] upgrade');
    const titles: unknown[] = [];
    walk(doc.tree, (node) => {
      if (node.type === 'blockquote') titles.push((node.data as { callout?: { title: string } }).callout?.title);
    });
    expect(titles).toEqual(['Deploy checklist']);
    expect(doc.facts.checklists?.[0]?.checklist?.items.map((item) => item.text)).toEqual(['drain', 'upgrade']);
  });

  it.each([
    // [wikilink, what it shows, its target or undefined when it is hidden whole]
    ['[[note|alias %%SECRET%%]]', 'alias', 'note'],
    ['[[note|alias %%SECRET]]', 'alias', 'note'],
    ['[[note|%%SECRET]]', '', 'note'],
    ['![[img.png|300 %%SECRET%%]]', '300', 'img.png'],
    // A `%%` in the target part: which file is meant cannot be told, so the whole link is hidden.
    ['[[SECRET%%x%%]]', undefined, undefined],
    ['[[note %%SECRET%%|alias]]', undefined, undefined],
    ['[[a %%SECRET|SECRET%%]]', undefined, undefined],
    ['[[note#Steps %%SECRET%%]]', undefined, undefined],
  ])('wikilink %s', (text, alias, target) => {
    const doc = parseWith(parse, `x ${text} y`);
    const links: WikiLink[] = [];
    walk(doc.tree, (node) => {
      if (node.type === 'wikiLink') links.push(node as WikiLink);
    });
    expect(links.map((l) => [l.alias, l.target])).toEqual(target === undefined ? [] : [[alias, target]]);
    expect(doc.facts.links.map((l) => l.target)).toEqual(target === undefined ? [] : [target]);
    expect(comments(doc)).toEqual(target === undefined ? [`1:3-1:${3 + text.length}`] : []);
    expect(JSON.stringify(doc.tree)).not.toMatch(secret);
    expect(JSON.stringify(doc.facts)).not.toMatch(secret);
  });

  it('quotes a link with a comment in messages without what the comment hides', () => {
    const doc = parseWith(parse, '[[note|steps %%SECRET%%]] [[note|more %%SECRET]] [see %%SECRET%% this](missing.md)');
    expect(doc.facts.links.map((l) => l.raw)).toEqual(['[[note|steps %%…%%]]', '[[note|more %%…%%]]', '[see %%…%% this](missing.md)']);
  });

  it('leaves frontmatter values alone: YAML is not Markdown', () => {
    const doc = parseWith(parse, '---\ntitle: 100%% done\n---\nbody');
    expect(doc.frontmatter?.data).toEqual({ title: '100%% done' });
    expect(visible(doc)).toBe('body');
  });

  it('marks the rest of a tangled doc hidden instead of guessing', () => {
    // Each comment holds a backtick that pairs with the next line's: the reading does not settle.
    const doc = parseWith(parse, 'x ` %% ` %% y ` %%\n'.repeat(40));
    const marked: string[] = [];
    walk(doc.tree, (node) => {
      if ((node as ObsidianComment).unsettled) marked.push(`${node.position!.start.line}`);
    });
    expect(marked).toHaveLength(1);
    expect(doc.facts.links).toEqual([]);
  });
});

it('parses a file once when it has no `%%`, or has it only in code', async () => {
  const { parseWithComments } = await import('../../src/markdown/obsidian-comments.ts');
  const at = (offset: number) => ({ line: 1, column: offset + 1, offset });
  for (const text of ['# Plain\n\nNo comments, 100% sure.', 'Use `%%` in code.']) {
    let parses = 0;
    const code = text.indexOf('`');
    const tree = {
      type: 'root' as const,
      children: code === -1 ? [] : [{ type: 'inlineCode' as const, value: '%%', position: { start: at(code), end: at(code + 4) } }],
    };
    parseWithComments(text, () => (parses++, tree as never));
    expect(parses).toBe(1);
  }
});
