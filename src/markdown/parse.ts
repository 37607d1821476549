/**
 * The one Markdown parser of Shipshape: `check` and the site both read files through `parseDoc`, so they never
 * disagree on what a link, a heading or a code block is.
 *
 * Two implementations give the same tree (test/markdown/parser-equivalence.test.ts holds them to it): satteri, a
 * native parser about 40 times faster, with an adapter for Obsidian's syntax (`parse-satteri.ts`), is the default;
 * micromark with our own extensions (below) is the reference, selected with SHIPSHAPE_PARSER=micromark.
 *
 * In: a SourceFile → Out: `{ tree, frontmatter, facts, frontmatterProblems }`
 */
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { collectFacts } from './facts.ts';
import { readFrontmatter } from './frontmatter.ts';
import { findUnparseable } from './parse-guard.ts';
import remarkCallouts from './remark-callouts.ts';
import remarkObsidian from './remark-obsidian.ts';
import { parseDocSatteri } from './parse-satteri.ts';
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
  const { frontmatter, problems } = readFrontmatter(source.text, source.lines);
  const unparseable = findUnparseable(source.text);
  const file = new VFile({ path: source.path, value: source.text });
  const tree: Root = unparseable ? { type: 'root', children: [] } : (processor.runSync(processor.parse(file), file) as Root);
  return {
    source,
    tree,
    ...(unparseable ? { unparsed: unparseable } : {}),
    ...(frontmatter ? { frontmatter } : {}),
    ...collectFacts(tree, source, frontmatter),
    frontmatterProblems: problems,
  };
}

export const parseDoc: (source: SourceFile) => ParsedDoc = process.env.SHIPSHAPE_PARSER === 'micromark' ? parseDocMicromark : parseDocSatteri;
