/**
 * The one Markdown parser of Shipshape: `check` and the site both read files through `parseDoc`, so they never
 * disagree on what a link, a heading or a code block is.
 *
 * Two implementations give the same tree (test/markdown/parser-equivalence.test.ts holds them to it): satteri, a
 * native parser about 40 times faster, with an adapter for Obsidian's syntax (`parse-satteri.ts`), is the default;
 * micromark with our own extensions (`parse-micromark.ts`) is the reference, selected with SHIPSHAPE_PARSER=micromark.
 * Only the selected one is loaded.
 *
 * In: a SourceFile → Out: `{ tree, frontmatter, facts, frontmatterProblems }`
 *
 * The facts of fenced blocks (dashboards, checklists…) are the blocks' own: `readBlocks(parseDoc(source))` from
 * `src/blocks` adds them, as the pipeline does.
 */
import type { ParsedDoc, SourceFile } from './types.ts';

export const parseDoc: (source: SourceFile) => ParsedDoc =
  process.env.SHIPSHAPE_PARSER === 'micromark'
    ? (await import('./parse-micromark.ts')).parseDocMicromark
    : (await import('./parse-satteri.ts')).parseDocSatteri;
