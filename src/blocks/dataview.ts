/**
 * The Dataview plugin's queries: ```` ```dataview ```` blocks (DQL: `TABLE … FROM … WHERE …`), which the site runs at
 * build time (`queries/dataview/`) into static tables and lists, and what only Obsidian can run — ```` ```dataviewjs ````
 * blocks and inline queries (`` `= this.owner` ``, `` `$= dv.current()` ``) — left as they are. Read once while the
 * file is parsed (their text and place); the `dataview` rule checks them.
 *
 * In: "```dataview\nLIST FROM #runbook\n```" → facts `dataview: [{ text: 'LIST FROM #runbook', starts: […] }]`
 */
import type { InlineCode } from 'mdast';
import type { Span } from '../diagnostics/diagnostic.ts';
import { walk } from '../markdown/walk.ts';
import type { QueryText } from '../queries/query-text.ts';
import { sourcePlaceholder, type BlockType } from './block-type.ts';
import { queryTextOf } from './query-block.ts';

/** A ```dataview block, or a ```dataviewjs block (`js`), which only Obsidian runs. */
export interface DataviewBlock extends QueryText {
  js?: true;
}

/** An inline query, which only Obsidian runs, and where it is. */
export interface InlineQuery {
  kind: 'inline' | 'inline-js';
  span: Span;
}

declare module '../markdown/types.ts' {
  interface DocFacts {
    /** The ```dataview and ```dataviewjs blocks, in document order. */
    dataview?: DataviewBlock[];
    /** The inline queries (`= …`, `$= …`). */
    inlineQueries?: InlineQuery[];
  }
}

declare module './block-type.ts' {
  interface BlockSite {
    /** A DQL query's result as HTML, run over the published vault; in the doc `from`. */
    dataview?: (query: QueryText, from: string) => string | undefined;
  }
}

/** Dataview's default inline prefixes: `= expr` (DQL) and `$= code` (JavaScript). */
const inline = /^(\$?)=\s/;

export const dataviewBlocks: BlockType = {
  name: 'dataview',
  matches: (lang) => lang === 'dataview' || lang === 'dataviewjs',
  read(doc, blocks) {
    const { lines } = doc.source;
    const queries: DataviewBlock[] = blocks
      .filter((code) => code.position)
      .map((code) => (code.lang?.toLowerCase() === 'dataviewjs' ? { ...queryTextOf(code, lines), js: true } : queryTextOf(code, lines)));
    const inlineQueries: InlineQuery[] = [];
    // Inline queries are inline code: the tree is walked only when the text has one.
    if (/`\$?=\s/.test(doc.source.text)) {
      walk(doc.tree, (node) => {
        if (node.type !== 'inlineCode' || !node.position) return;
        const match = inline.exec((node as InlineCode).value);
        if (match) inlineQueries.push({ kind: match[1] ? 'inline-js' : 'inline', span: lines.span(node.position.start.offset!, node.position.end.offset!) });
      });
    }
    if (queries.length > 0) doc.facts.dataview = queries;
    if (inlineQueries.length > 0) doc.facts.inlineQueries = inlineQueries;
  },
  // A dataviewjs block keeps its source: only DQL is run.
  placeholder: (node, index) => sourcePlaceholder('dataview', node, index),
  fill(index, _inner, facts, site) {
    const query = facts.dataview?.[index];
    return query && !query.js ? site.dataview?.(query, facts.path) : undefined;
  },
};
