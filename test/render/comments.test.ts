/**
 * What a reader of the site gets from a doc with `%% comments %%`: the HTML, the excerpt (the description meta tag),
 * headings with their ids (the table of contents), link contexts (backlinks) and embeds — from both parsers alike.
 * Hidden text is spelled SECRET in every input, so one search over the whole rendered doc proves it went nowhere.
 */
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../src/markdown/line-index.ts';
import { parseDocMicromark } from '../../src/markdown/parse-micromark.ts';
import { parseDocSatteri } from '../../src/markdown/parse-satteri.ts';
import { renderDoc } from '../../src/render/render-doc.ts';
import type { RenderedDoc } from '../../src/render/types.ts';

async function renderBoth(text: string): Promise<RenderedDoc> {
  const source = { path: 'a.md', bytes: new TextEncoder().encode(text), text, lines: lineIndex(text), isTemplate: false };
  const [fast, reference] = await Promise.all([renderDoc(parseDocSatteri(source)), renderDoc(parseDocMicromark(source))]);
  expect(fast).toEqual(reference);
  expect(JSON.stringify(fast)).not.toMatch(/secret/i);
  return fast;
}

describe('comments in the rendered doc', () => {
  it.each([
    ['inline', 'a %%SECRET%% b', '<p>a  b</p>'],
    ['across a blank line', 'Line one %%SECRET\n\nSECRET%%', '<p>Line one </p>'],
    ['across a blank line, text after', 'Line one %%SECRET\n\nSECRET%% after', '<p>Line one  after</p>'],
    ['unclosed mid-line: the rest of the doc', 'Shown %%SECRET\n\n## SECRET\n\n- SECRET', '<p>Shown </p>'],
    ['unclosed block', 'Shown\n\n%%\nSECRET\n\n[[SECRET]]', '<p>Shown</p>'],
    ['block between paragraphs', 'para\n%%\nSECRET\n%%\nmore', '<p>para</p>\n<p>more</p>'],
    ['only comments: no empty paragraph', '%%SECRET%% %%SECRET%%\n\nnext', '<p>next</p>'],
    ['list items', '- a %%SECRET\n- SECRET%% b\n- c', '<ul>\n<li>a  b</li>\n<li>c</li>\n</ul>'],
    ['a block comment in a list item keeps one list', '- a\n  %%\n  SECRET\n  %%\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>'],
    ['quote', '> q %%SECRET\n>\n> SECRET%% r', '<blockquote>\n<p>q  r</p>\n</blockquote>'],
    [
      'callout title and body',
      '> [!note] Title %%SECRET%%\n> body %%SECRET\n> SECRET%% end',
      '<div class="callout" data-callout="note"><div class="callout-title">Title </div><div class="callout-content">\n<p>body  end</p>\n</div></div>',
    ],
    [
      'table cells',
      '| a %%SECRET%% | b |\n| - | - |\n| %%SECRET%% c | d |',
      '<table>\n<thead>\n<tr>\n<th>a </th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td> c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>',
    ],
    ['emphasis', '**bold %%SECRET%% text**', '<p><strong>bold  text</strong></p>'],
    ['wikilink alias', 'See [[note|the steps %%SECRET%%]].', '<p>See <a data-ss-link="0">the steps</a>.</p>'],
    ['wikilink alias, unclosed', 'See [[note|the steps %%SECRET]].', '<p>See <a data-ss-link="0">the steps</a>.</p>'],
    ['wikilink target: the link is hidden', 'See [[SECRET %%x%%]] and [[note %%SECRET%%|x]].', '<p>See  and .</p>'],
    ['Markdown link text', '[see %%SECRET%% docs](other.md)', '<p><a data-ss-link="0">see  docs</a></p>'],
    ['external link text', '[see %%SECRET%% docs](https://example.com)', '<p><a href="https://example.com" rel="noopener" class="external">see  docs</a></p>'],
    ['tags inside are not tags', 'a %%#SECRET%% #ops', '<p>a  <a data-ss-tag="ops">#ops</a></p>'],
    ['code shows it', '`%%a%%`\n\n```\n%%\n```', '<p><code>%%a%%</code></p>\n<pre><code>%%\n</code></pre>'],
    ['escaped', 'a \\%% b \\%% c', '<p>a %% b %% c</p>'],
    ['CRLF', 'a %%SECRET\r\n\r\nSECRET%% b\r\n%%\r\nSECRET\r\n%%\r\nc\r\n', '<p>a  b</p>\n<p>c</p>'],
    ['HTML: a pair inside is cut out', '<div>%%SECRET%%</div>\n\nx <span title="%%SECRET%%">y</span>', '<div></div>\n<p>x <span title="">y</span></p>'],
  ])('%s', async (_, text, html) => {
    const doc = await renderBoth(text);
    // Code blocks are highlighted: compare their text, not Shiki's markup.
    expect(doc.html.replace(/<pre class="shiki[^>]*><code>([\s\S]*?)<\/code><\/pre>/g, (_, code: string) => `<pre><code>${code.replace(/<[^>]+>/g, '')}\n</code></pre>`)).toBe(html);
  });

  it('leaves comments out of heading text, ids and the table of contents', async () => {
    const doc = await renderBoth('# Deploy %%SECRET%% plan\n\n## %%SECRET%%Steps\n\ntext\n\n%%\n## SECRET\n%%\n\n## Verify %%SECRET');
    expect(doc.headings.map((h) => [h.depth, h.id, h.text])).toEqual([
      [1, 'deploy-plan', 'Deploy plan'],
      [2, 'steps', 'Steps'],
      [2, 'verify', 'Verify'],
    ]);
    expect(doc.html).toContain('<h1 id="deploy-plan">Deploy  plan</h1>');
  });

  it('leaves comments out of the excerpt', async () => {
    expect((await renderBoth('%%SECRET%%\n\nFirst %%SECRET\n\nSECRET%% words. Then more.')).excerpt).toBe('First words. Then more.');
    expect((await renderBoth('%%\nSECRET\n%%\nReal start.')).excerpt).toBe('Real start.');
  });

  it('leaves comments out of link contexts (backlinks)', async () => {
    const doc = await renderBoth('Roll back %%SECRET\n\nSECRET%% with [[rollback|the runbook %%SECRET%%]] %%SECRET%% now.');
    expect(doc.links.map((l) => [l.target, l.context])).toEqual([['rollback', 'Roll back with the runbook now.']]);
  });

  it('leaves comments out of footnotes and embeds', async () => {
    const doc = await renderBoth('Text[^1] ![[diagram.png|300 %%SECRET%%]] ![alt %%SECRET%%](img.png)\n\n[^1]: note %%SECRET%% end');
    expect(doc.embeds.map((e) => [e.target, e.width, e.alt])).toEqual([
      ['diagram.png', 300, undefined],
      ['img.png', undefined, 'alt '],
    ]);
    expect(doc.html).toContain('<p>note  end <a href="#user-content-fnref-1"');
  });

  it('names a task checkbox without the comment', async () => {
    const doc = await renderBoth('- [ ] drain %%SECRET%% the node');
    expect(doc.html).toContain('aria-label="drain the node"');
  });
});
