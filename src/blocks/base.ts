/**
 * The ```` ```base ```` block: an Obsidian base written in the doc (YAML: filters, formulas, properties, views), as a
 * `.base` file holds one. Read once while the file is parsed (its text and place); the `bases` rule checks it
 * against the vault's names, and the site runs its views at build time (`queries/bases/`) into static tables.
 *
 * In: "```base\nviews:\n  - type: table\n    name: Active\n```" → facts `bases: [{ text: 'views:\n…', starts: […] }]`
 */
import type { QueryText } from '../queries/query-text.ts';
import { sourcePlaceholder, type BlockType } from './block-type.ts';
import { queryTextOf } from './query-block.ts';

declare module '../markdown/types.ts' {
  interface DocFacts {
    /** The ```base blocks, in document order. */
    bases?: QueryText[];
  }
}

declare module './block-type.ts' {
  interface BlockSite {
    /** A base's views as HTML (`view`: one of them, by name), run over the published vault; in the doc `from`. */
    base?: (base: QueryText, from: string, view?: string) => string | undefined;
    /** A `.base` file's views as HTML (`view`: one of them), for an embed in the doc `from`. */
    baseFile?: (path: string, from: string, view?: string) => string | undefined;
  }
}

export const baseBlocks: BlockType = {
  name: 'base',
  matches: (lang) => lang === 'base',
  read(doc, blocks) {
    const bases = blocks.filter((code) => code.position).map((code) => queryTextOf(code, doc.source.lines));
    if (bases.length > 0) doc.facts.bases = bases;
  },
  placeholder: (node, index) => sourcePlaceholder('base', node, index),
  fill(index, _inner, facts, site) {
    const base = facts.bases?.[index];
    return base && site.base?.(base, facts.path);
  },
};
