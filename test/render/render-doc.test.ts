/**
 * `renderDoc` from small Markdown strings parsed with the real `parseDoc`: placeholders, ids, sections, callouts,
 * code, raw HTML in each mode, and inputs that must not make it throw.
 */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDoc } from '../../src/markdown/parse.ts';
import { renderDoc } from '../../src/render/render-doc.ts';
import type { HtmlMode, RenderedDoc } from '../../src/render/types.ts';

function parse(text: string) {
  return parseDoc({ path: 'a.md', bytes: new TextEncoder().encode(text), text, lines: lineIndex(text), isTemplate: false });
}

const render = (text: string, html: HtmlMode = 'sanitize'): Promise<RenderedDoc> => renderDoc(parse(text), { html });

const section = (doc: RenderedDoc, id: string): string => {
  const heading = doc.headings.find((h) => h.id === id)!;
  return doc.html.slice(heading.start, heading.end);
};

describe('headings', () => {
  it('get GitHub slugs, de-duplicated in document order', async () => {
    const doc = await render('# Steps\n\n## Steps\n\n### Step 1: Build *it*\n\n## Steps\n');
    expect(doc.headings.map((h) => [h.depth, h.id, h.text])).toEqual([
      [1, 'steps', 'Steps'],
      [2, 'steps-1', 'Steps'],
      [3, 'step-1-build-it', 'Step 1: Build it'],
      [2, 'steps-2', 'Steps'],
    ]);
    expect(doc.html).toContain('<h3 id="step-1-build-it">Step 1: Build <em>it</em></h3>');
  });

  it('give each heading a section up to the next heading of the same or a higher level', async () => {
    const doc = await render('# A\n\ntext a\n\n## B\n\ntext b\n\n### B1\n\ntext b1\n\n## C\n\ntext c\n\n# D\n\ntext d\n');
    expect(doc.headings.every((h) => doc.html.startsWith(`<h${h.depth} id="${h.id}">`, h.start))).toBe(true);
    const a = section(doc, 'a');
    expect(a).toMatch(/^<h1 id="a">A<\/h1>/);
    expect(a).toContain('text c');
    expect(a).not.toContain('id="d"');
    const b = section(doc, 'b');
    expect(b).toContain('text b1');
    expect(b).not.toContain('id="c"');
    expect(section(doc, 'b1')).toBe('<h3 id="b1">B1</h3>\n<p>text b1</p>\n');
    expect(section(doc, 'd')).toBe('<h1 id="d">D</h1>\n<p>text d</p>');
    expect(doc.headings.at(-1)!.end).toBe(doc.html.length);
  });

  it('ends the last section before the footnotes, and a nested heading’s section with its container', async () => {
    const doc = await render('# A\n\nx[^1]\n\n> [!info]\n> ## Inside\n> quoted\n\nafter\n\n[^1]: note\n');
    expect(section(doc, 'a')).not.toContain('footnotes');
    expect(doc.html.slice(doc.headings[0]!.end)).toMatch(/^\n?<section data-footnotes/);
    expect(section(doc, 'inside')).toBe('<h2 id="inside">Inside</h2>\n<p>quoted</p>\n');
  });

  it('lists headings in the order check reads them, nested ones included', async () => {
    const text = '# A\n\n- item\n  ## In a list\n\n> ## In a quote\n\n## B\n';
    const doc = await render(text);
    expect(doc.headings.map((h) => h.text)).toEqual(parse(text).facts.headings.map((h) => h.text));
  });

  it('keep the footnotes heading id free', async () => {
    const doc = await render('# Footnote label\n\nx[^1]\n\n[^1]: y\n');
    expect(doc.headings[0]!.id).toBe('footnote-label-1');
    expect(doc.html).toContain('<h2 class="sr-only" id="footnote-label">');
  });

  it('handles a 10,000-character heading', async () => {
    const title = 'word '.repeat(2_000).trim();
    const doc = await render(`# ${title}\n\nbody\n`);
    expect(doc.headings).toHaveLength(1);
    expect(doc.headings[0]!.text).toBe(title);
    expect(doc.headings[0]!.id).toBe(title.replaceAll(' ', '-'));
    expect(section(doc, doc.headings[0]!.id)).toContain('<p>body</p>');
  });
});

describe('wikilinks', () => {
  it.each([
    ['[[note]]', '<a data-ss-link="0">note</a>', { kind: 'wikilink', target: 'note' }],
    ['[[note|the note]]', '<a data-ss-link="0">the note</a>', { kind: 'wikilink', target: 'note' }],
    ['[[note#Heading]]', '<a data-ss-link="0">note > Heading</a>', { kind: 'wikilink', target: 'note', anchor: 'Heading' }],
    ['[[note#A#B]]', '<a data-ss-link="0">note > A > B</a>', { kind: 'wikilink', target: 'note', anchor: 'A#B' }],
    ['[[#Heading]]', '<a data-ss-link="0">Heading</a>', { kind: 'wikilink', target: '', anchor: 'Heading' }],
    ['[[note#^blk|see]]', '<a data-ss-link="0">see</a>', { kind: 'wikilink', target: 'note', anchor: '^blk' }],
    ['[[a & <b>]]', '<a data-ss-link="0">a &#x26; &#x3C;b></a>', { kind: 'wikilink', target: 'a & <b>' }],
  ])('%s', async (text, html, link) => {
    const doc = await render(text);
    expect(doc.html).toBe(`<p>${html}</p>`);
    expect(doc.links).toEqual([{ ...link, context: expect.any(String) }]);
  });

  it('carry the text around them as context', async () => {
    const doc = await render(
      [
        'Before the deploy, read [[rollback]]   and\n[[checklist|the checklist]].',
        '',
        '- a list item with [[in-list]]',
        '',
        '| service | runbook |',
        '| - | - |',
        '| api | see [[api-runbook]] |',
        '',
        '## Heading with [[in-heading]]',
      ].join('\n'),
    );
    expect(doc.links.map((l) => [l.target, l.context])).toEqual([
      ['rollback', 'Before the deploy, read rollback and the checklist.'],
      ['checklist', 'Before the deploy, read rollback and the checklist.'],
      ['in-list', 'a list item with in-list'],
      ['api-runbook', 'see api-runbook'],
      ['in-heading', 'Heading with in-heading'],
    ]);
  });

  it('cut a long context to a window around the link', async () => {
    const before = Array.from({ length: 60 }, (_, i) => `before${i}`).join(' ');
    const after = Array.from({ length: 60 }, (_, i) => `after${i}`).join(' ');
    const doc = await render(`${before} [[target]] ${after}`);
    const { context } = doc.links[0]!;
    expect(context.length).toBeLessThanOrEqual(202);
    expect(context).toContain(' target ');
    expect(context).toMatch(/^…before\d+ .* after\d+…$/);
  });
});

describe('Markdown links', () => {
  it.each([
    ['[x](other.md)', { target: 'other.md' }],
    ['[x](../ops/y.md#Roll%20back)', { target: '../ops/y.md', anchor: 'Roll back' }],
    ['[x](other%20note.md)', { target: 'other note.md' }],
    ['[x](<with space.md>)', { target: 'with space.md' }],
  ])('%s is internal', async (text, link) => {
    const doc = await render(text);
    expect(doc.html).toBe('<p><a data-ss-link="0">x</a></p>');
    expect(doc.links).toEqual([{ kind: 'markdown', ...link, context: 'x' }]);
  });

  it.each([
    ['[x](#steps)', '<a href="#steps">x</a>'],
    ['[x](/docs/a)', '<a href="/docs/a">x</a>'],
    ['[x](https://example.com/a "T")', '<a href="https://example.com/a" title="T" rel="noopener" class="external">x</a>'],
    ['<https://example.com>', '<a href="https://example.com" rel="noopener" class="external">https://example.com</a>'],
    ['www.example.com', '<a href="http://www.example.com" rel="noopener" class="external">www.example.com</a>'],
    ['[x](mailto:ops@example.com)', '<a href="mailto:ops@example.com" rel="noopener" class="external">x</a>'],
    ['[x](javascript:alert(1))', '<a>x</a>'],
  ])('%s stays a link', async (text, html) => {
    const doc = await render(text);
    expect(doc.html).toBe(`<p>${html}</p>`);
    expect(doc.links).toEqual([]);
  });

  it('resolves reference links through their definition', async () => {
    const doc = await render('[x][ref] and [y][web]\n\n[ref]: notes/a.md#Top\n[web]: https://example.com');
    expect(doc.html).toBe('<p><a data-ss-link="0">x</a> and <a href="https://example.com" rel="noopener" class="external">y</a></p>');
    expect(doc.links).toEqual([{ kind: 'markdown', target: 'notes/a.md', anchor: 'Top', context: 'x and y' }]);
  });
});

describe('embeds', () => {
  it('replace a paragraph that holds only the embed', async () => {
    const doc = await render('intro\n\n  ![[note#Section]]  \n\nend');
    expect(doc.html).toBe('<p>intro</p>\n<ss-embed data-ss-embed="0"></ss-embed>\n<p>end</p>');
    expect(doc.embeds).toEqual([{ kind: 'wikilink', target: 'note', anchor: 'Section', block: true }]);
    expect(doc.links).toEqual([]);
  });

  it('stay inline beside other text', async () => {
    const doc = await render('see ![[note#^blk]] here');
    expect(doc.html).toBe('<p>see <ss-embed data-ss-embed="0"></ss-embed> here</p>');
    expect(doc.embeds).toEqual([{ kind: 'wikilink', target: 'note', anchor: '^blk', block: false }]);
  });

  it.each([
    ['![[img.png|300]]', { width: 300 }],
    ['![[img.png|300x200]]', { width: 300, height: 200 }],
    ['![[img.png|a diagram]]', { alt: 'a diagram' }],
    ['![[img.png|a diagram|120]]', { alt: 'a diagram', width: 120 }],
  ])('%s', async (text, size) => {
    const doc = await render(text);
    expect(doc.embeds).toEqual([{ kind: 'wikilink', target: 'img.png', ...size, block: true }]);
  });

  it.each([
    ['![Flow chart](img/flow%20chart.png)', { target: 'img/flow chart.png', alt: 'Flow chart' }],
    ['![diagram|300](a.png)', { target: 'a.png', alt: 'diagram', width: 300 }],
    ['![](a.png)', { target: 'a.png' }],
  ])('vault image %s', async (text, embed) => {
    const doc = await render(text);
    expect(doc.html).toBe('<ss-embed data-ss-embed="0"></ss-embed>');
    expect(doc.embeds).toEqual([{ kind: 'image', ...embed, block: true }]);
    expect(doc.links).toEqual([]);
  });

  it.each([
    ['![x](https://example.com/a.png)', '<img src="https://example.com/a.png" alt="x" loading="lazy">'],
    ['![x](data:image/png;base64,AAAA)', '<img src="data:image/png;base64,AAAA" alt="x" loading="lazy">'],
    ['![x](javascript:alert(1))', 'x'],
  ])('web image %s', async (text, html) => {
    const doc = await render(text);
    expect(doc.html).toBe(`<p>${html}</p>`);
    expect(doc.embeds).toEqual([]);
  });
});

describe('tags', () => {
  it('become tag placeholders in text and headings, not in code, links or numbers', async () => {
    const doc = await render('# Deploy #ops\n\nText #deploy, (#env/prod) but not #123, a#b, `#code` or [#linked](x.md)');
    expect(doc.html).toBe(
      '<h1 id="deploy-ops">Deploy <a data-ss-tag="ops">#ops</a></h1>\n' +
        '<p>Text <a data-ss-tag="deploy">#deploy</a>, (<a data-ss-tag="env/prod">#env/prod</a>) but not #123, a#b, <code>#code</code> or <a data-ss-link="0">#linked</a></p>',
    );
  });

  it('are the tags check finds in the text', async () => {
    const text = '# Deploy #not-a-heading-tag\n\nText with #deploy and #env/prod ^intro\n\n- #in-list\n';
    const doc = await render(text);
    const rendered = [...doc.html.matchAll(/data-ss-tag="([^"]+)"/g)].map((m) => m[1]);
    expect(rendered).toEqual(parse(text).facts.tags);
  });
});

describe('block ids', () => {
  it('name a paragraph, and leave the text', async () => {
    const doc = await render('Keep the window short. ^rollback-window');
    expect(doc.html).toBe('<p id="^rollback-window">Keep the window short.</p>');
    expect(doc.blocks).toEqual([{ id: 'rollback-window', html: doc.html }]);
  });

  it('name a list item', async () => {
    const doc = await render('- first ^one\n- second ^two\n  - nested ^three');
    expect(doc.html).toContain('<li id="^one">first</li>');
    expect(doc.html).toContain('<li id="^three">nested</li>');
    expect(doc.blocks.map((b) => [b.id, b.html])).toEqual([
      ['one', '<li id="^one">first</li>'],
      ['two', '<li id="^two">second\n<ul>\n<li id="^three">nested</li>\n</ul>\n</li>'],
      ['three', '<li id="^three">nested</li>'],
    ]);
  });

  it.each([
    ['- a\n- b\n\n^list', '<ul id="^list">'],
    ['| a |\n| - |\n| b |\n\n^table', '<table id="^table">'],
    ['> quoted\n\n^quote', '<blockquote id="^quote">'],
    ['> [!note]\n> body\n\n^callout', '<div class="callout" data-callout="note" id="^callout">'],
    ['```sh\nls\n```\n\n^code', 'data-language="sh" id="^code">'],
  ])('on its own line after a block name that block: %j', async (text, opening) => {
    const doc = await render(text);
    expect(doc.html).toContain(opening);
    expect(doc.html).not.toMatch(/<p>\^|\^\w+<\/p>/);
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0]!.html).toContain(opening);
  });

  it('are the ids check finds', async () => {
    const text = [
      'Para ^p1',
      '',
      '- item ^li1',
      '- item\n  continued ^li2',
      '',
      '^list1',
      '',
      '> [!tip] Title',
      '> body ^in-callout',
      '',
      'Trailing text^glued',
    ].join('\n');
    const doc = await render(text);
    expect(doc.blocks.map((b) => b.id).sort()).toEqual([...parse(text).facts.blockIds].sort());
    expect(doc.html).not.toMatch(/\^(p1|li1|li2|list1|in-callout)</);
    // Not a block id for check either: no white space before the `^`.
    expect(doc.html).toContain('<p>Trailing text^glued</p>');
  });
});

describe('callouts', () => {
  it('render with their title and content', async () => {
    const doc = await render('> [!warning] Before you start\n> Drain the node.');
    expect(doc.html).toBe(
      '<div class="callout" data-callout="warning"><div class="callout-title">Before you start</div><div class="callout-content">\n<p>Drain the node.</p>\n</div></div>',
    );
  });

  it.each([
    ['> [!faq]- Closed\n> body', '<details class="callout" data-callout="faq"><summary class="callout-title">Closed</summary>'],
    ['> [!faq]+ Open\n> body', '<details class="callout" data-callout="faq" open><summary class="callout-title">Open</summary>'],
  ])('fold: %j', async (text, opening) => {
    const doc = await render(text);
    expect(doc.html).toBe(`${opening}<div class="callout-content">\n<p>body</p>\n</div></details>`);
  });

  it('take the capitalised type as default title, and inline Markdown in a title', async () => {
    expect((await render('> [!TIP]\n> body')).html).toContain('<div class="callout-title">Tip</div>');
    expect((await render('> [!note] Read **this** [[x]]\n> body')).html).toContain(
      '<div class="callout-title">Read <strong>this</strong> <a data-ss-link="0">x</a></div>',
    );
  });

  it('nest', async () => {
    const doc = await render('> [!note] Outer\n> text\n> > [!danger] Inner\n> > deep');
    expect(doc.html).toBe(
      '<div class="callout" data-callout="note"><div class="callout-title">Outer</div><div class="callout-content">\n<p>text</p>\n' +
        '<div class="callout" data-callout="danger"><div class="callout-title">Inner</div><div class="callout-content">\n<p>deep</p>\n</div></div>\n' +
        '</div></div>',
    );
  });

  it('keep a plain quote a quote', async () => {
    expect((await render('> just a quote')).html).toBe('<blockquote>\n<p>just a quote</p>\n</blockquote>');
  });
});

describe('code', () => {
  it('is highlighted by Shiki with both themes as CSS variables', async () => {
    const doc = await render('```yaml\nkey: value\n```');
    expect(doc.html).toMatch(/^<pre class="shiki shiki-themes github-light github-dark" style="[^"]*--shiki-light:[^"]*--shiki-dark:/);
    expect(doc.html).toContain('data-language="yaml"');
    expect(doc.html).toMatch(/<span style="--shiki-light:#[0-9A-Fa-f]+;--shiki-dark:#[0-9A-Fa-f]+">key<\/span>/);
  });

  it.each([
    ['```no-such-language\n<b>x</b>\n```', 'no-such-language'],
    ['```\nplain\n```', 'text'],
  ])('falls back to plain text: %j', async (text, language) => {
    const doc = await render(text);
    expect(doc.html).toMatch(/^<pre class="shiki /);
    expect(doc.html).toContain(`data-language="${language}"`);
    expect(doc.html).not.toContain('<b>');
  });

  it('leaves a mermaid diagram as a placeholder with its escaped source', async () => {
    const source = 'graph TD\n  A["<b>x</b> & y"] --> B';
    const doc = await render(`\`\`\`mermaid\n${source}\n\`\`\`\n\n\`\`\`mermaid\ngraph LR\n\`\`\``);
    expect(doc.mermaid).toEqual([source, 'graph LR']);
    expect(doc.html).toBe(
      '<pre class="mermaid" data-ss-mermaid="0">graph TD\n  A["&#x3C;b>x&#x3C;/b> &#x26; y"] --> B</pre>\n<pre class="mermaid" data-ss-mermaid="1">graph LR</pre>',
    );
  });

  it('leaves a dashboard block as a placeholder with its escaped source, also inside a list', async () => {
    const doc = await render('```dashboard\nview: recent-runs\nservice: "<img src=x>"\n```\n\n- Now:\n  ```dashboard\n  metric: lead-time\n  ```');
    expect(doc.html).toContain('<div class="dashboard-block" data-ss-dashboard="0"><pre><code>view: recent-runs\nservice: "&#x3C;img src=x>"</code></pre></div>');
    expect(doc.html).toContain('<div class="dashboard-block" data-ss-dashboard="1"><pre><code>metric: lead-time</code></pre></div>');
  });

  it('shows very long code plain', async () => {
    const code = Array.from({ length: 6_000 }, (_, i) => `line ${i}`).join('\n');
    const doc = await render(`\`\`\`js\n${code}\n\`\`\``);
    expect(doc.html.startsWith('<pre data-language="js"><code class="language-js">line 0\nline 1\n')).toBe(true);
  });

  it('keeps inline code plain', async () => {
    expect((await render('run `ls <dir>`')).html).toBe('<p>run <code>ls &#x3C;dir></code></p>');
  });
});

describe('raw HTML', () => {
  const text = [
    '<details>',
    '<summary>More</summary>',
    '',
    '## Inside',
    '',
    'Press <kbd>Ctrl</kbd> <b onclick="steal()" class="key">now</b> <a href="javascript:alert(1)">js</a>',
    '',
    '</details>',
    '',
    '<script>alert(1)</script>',
    '',
    '<p data-ss-link="0" id="x" style="color:red">forged</p>',
    '',
    '<!-- note -->',
    '',
    'x[^1] [[link]]',
    '',
    '[^1]: footnote',
  ].join('\n');

  it('is sanitized by default, keeping its shape and the renderer’s own attributes', async () => {
    const doc = await render(text);
    expect(doc.html).toContain('<details>\n<summary>More</summary>\n<h2 id="inside">Inside</h2>');
    expect(doc.html).toContain('Press <kbd>Ctrl</kbd> <b class="key">now</b> <a>js</a></p>\n</details>');
    expect(doc.html).toContain('<p id="user-content-x">forged</p>');
    expect(doc.html).toContain('<a data-ss-link="0">link</a>');
    expect(doc.html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a>');
    expect(doc.html).toContain('<li id="user-content-fn-1">');
    expect(doc.html).not.toMatch(/script|onclick|javascript|style=|note -->|data-ss-keep/);
    expect(doc.headings.map((h) => h.id)).toEqual(['inside']);
  });

  it('is shown as text under escape', async () => {
    const doc = await render(text, 'escape');
    expect(doc.html).toContain('<p>&#x3C;details>\n&#x3C;summary>More&#x3C;/summary></p>');
    expect(doc.html).toContain('<p>&#x3C;script>alert(1)&#x3C;/script></p>');
    expect(doc.html).toContain('&#x3C;b onclick="steal()" class="key">now&#x3C;/b>');
  });

  it('passes through under allow', async () => {
    const doc = await render(text, 'allow');
    expect(doc.html).toContain('<script>alert(1)</script>');
    expect(doc.html).toContain('<b onclick="steal()" class="key">now</b>');
    expect(doc.html).toContain('<!-- note -->');
  });

  it('gives a block its sanitized HTML, and drops forged keys', async () => {
    const doc = await render('<b data-ss-keep="0:0" onclick="x()">bold</b> text ^blk');
    expect(doc.html).toBe('<p id="^blk"><b>bold</b> text</p>');
    expect(doc.blocks).toEqual([{ id: 'blk', html: doc.html }]);
  });

  it('keeps highlighted code and placeholders intact when sanitizing', async () => {
    const doc = await render('<div class="box">\n\n```yaml\na: 1\n```\n\n![[embed]]\n\n</div>');
    expect(doc.html).toMatch(/^<div class="box">\n<pre class="shiki [^>]*style="--shiki-light/);
    expect(doc.html).toContain('<ss-embed data-ss-embed="0"></ss-embed>');
  });
});

describe('GFM', () => {
  it('renders footnotes with matching ids', async () => {
    const doc = await render('Text[^a].\n\n[^a]: The note.');
    expect(doc.html).toContain('<sup><a href="#user-content-fn-a" id="user-content-fnref-a" data-footnote-ref aria-describedby="footnote-label">1</a></sup>');
    expect(doc.html).toContain('<li id="user-content-fn-a">\n<p>The note. <a href="#user-content-fnref-a"');
  });

  it('renders task lists with disabled checkboxes named by their task', async () => {
    const doc = await render('- [ ] todo\n- [x] done');
    expect(doc.html).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled aria-label="todo"> todo</li>\n' +
        '<li class="task-list-item"><input type="checkbox" checked disabled aria-label="done"> done</li>\n</ul>',
    );
  });

  it('renders tables with alignment, and strikethrough', async () => {
    const doc = await render('| a | b |\n| :- | -: |\n| ~~x~~ | 2 |');
    expect(doc.html).toContain('<th align="left">a</th>');
    expect(doc.html).toContain('<td align="left"><del>x</del></td>\n<td align="right">2</td>');
  });
});

describe('excerpt', () => {
  it.each([
    ['---\ntitle: T\n---\n# Title\n\n> [!note] Marker title\n> First *real* text. ^id\n\nSecond.', 'First real text.'],
    ['# Only a heading', ''],
    ['![[embed]]\n\nAfter [[the embed|it]].', 'After it.'],
    ['Line one\nline two', 'Line one line two'],
  ])('%j', async (text, excerpt) => {
    expect((await render(text)).excerpt).toBe(excerpt);
  });

  it('is cut at a word boundary', async () => {
    const { excerpt } = await render('lorem ipsum '.repeat(40));
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt).toMatch(/^lorem ipsum .*(lorem|ipsum)…$/);
  });
});

describe('robustness', () => {
  it('renders nothing for an unparsed doc, frontmatter or not', async () => {
    const doc = parse(`---\ntitle: Deep\n---\n${'>'.repeat(100)} x\n`);
    expect(doc.unparsed).toBeDefined();
    expect(await renderDoc(doc, { html: 'sanitize' })).toEqual({ html: '', headings: [], blocks: [], links: [], embeds: [], mermaid: [], excerpt: '' });
  });

  it('drops frontmatter and comments', async () => {
    expect((await render('---\ntitle: x\n---\n%% hidden [[x]] %%\n\nshown')).html).toBe('<p>shown</p>');
  });

  const nasty = [
    '',
    '---\n---\n',
    '^lonely',
    '> [!note]',
    '> [!]\n> x',
    '> [!note]-\n',
    '- ^id',
    '- [ ] ![[x]]',
    '# ![[x]] [[y]] #t ^z',
    '[[]] [[|]] [[#]] ![[]] ![[|300]]',
    '[x]() ![]() [y](#) [z](//host)',
    '[^1]\n\n[^1]: # heading in a footnote\n\n    more',
    '<div>\n\n# in raw\n\n</div>\n\n<table><tr><td>[[x]]</td></tr></table>\n\n</div></div></details>',
    '<script>\n[[x]]\n</script>\n\n*a **b <i>c</i> d** e*',
    '```\n```',
    '```js title="x"\n```',
    '> ```mermaid\n> graph TD\n> ```',
    '*'.repeat(5_000),
    '[a'.repeat(3_000),
    `${'- a\n  '.repeat(40)}b`,
    '| a |\n| - |\n' + '| x |\n'.repeat(500),
    '\uFEFF# BOM\r\n\r\ntext ^crlf\r\n',
  ];

  it.each(nasty)('never throws: %j', async (text) => {
    for (const mode of ['sanitize', 'escape', 'allow'] as const) {
      const doc = await render(text, mode);
      expect(typeof doc.html).toBe('string');
      expect(doc.html).not.toContain('<!--ss:');
      for (const heading of doc.headings) {
        expect(heading.start).toBeLessThanOrEqual(heading.end);
        expect(heading.end).toBeLessThanOrEqual(doc.html.length);
      }
    }
  });

  it('is deterministic', async () => {
    const text = '# A\n\n<b>x</b> [[y]] #t\n\n```js\n1\n```\n\n> [!note] n\n> z ^b\n';
    const first = await render(text);
    expect(await render(text)).toEqual(first);
  });
});


describe('task lists', () => {
  it('names a checkbox by the task’s plain text', async () => {
    const { html } = await render('- [x] Pipeline green\n- [ ] Change **approved**\n');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="Pipeline green">');
    expect(html).toContain('<input type="checkbox" disabled aria-label="Change approved">');
  });
});
