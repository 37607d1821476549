/**
 * The reference parser: micromark with GFM, frontmatter and our own extension for wikilinks; comments are found on
 * the source by the module both parsers share (`obsidian-comments.ts`, which `parsed-doc.ts` calls). `parse.ts` uses
 * satteri by default; this one is selected with SHIPSHAPE_PARSER=micromark, and holds satteri to the same tree in
 * test/markdown/parser-equivalence.test.ts.
 *
 * In: a SourceFile → Out: `{ tree, frontmatter, facts, frontmatterProblems }`
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { parsedDoc } from './parsed-doc.ts';
import remarkCallouts from './remark-callouts.ts';
import remarkObsidian from './remark-obsidian.ts';
import type { ParsedDoc, SourceFile } from './types.ts';

const processor = unified()
  // text → mdast
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkObsidian)
  // mdast → mdast
  .use(remarkCallouts)
  .freeze();

export function parseDocMicromark(source: SourceFile): ParsedDoc {
  return parsedDoc(source, (value) => {
    const file = new VFile({ path: source.path, value });
    return processor.runSync(processor.parse(file), file) as Root;
  });
}
