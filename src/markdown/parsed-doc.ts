/**
 * What both parsers share around the tree: frontmatter read with positions, the guard against bodies too deep or
 * too long to parse safely, and the facts. A parser only turns text into mdast.
 *
 * In: `parsedDoc(source, (text) => tree)` → `{ source, tree, frontmatter, facts, code, frontmatterProblems }`
 */
import type { Root } from 'mdast';
import { collectFacts } from './facts.ts';
import { readFrontmatter } from './frontmatter.ts';
import { findUnparseable } from './parse-guard.ts';
import type { ParsedDoc, SourceFile } from './types.ts';

export function parsedDoc(source: SourceFile, parseBody: (source: SourceFile) => Root): ParsedDoc {
  const { frontmatter, problems } = readFrontmatter(source.text, source.lines);
  const unparseable = findUnparseable(source.text);
  const tree: Root = unparseable ? { type: 'root', children: [] } : parseBody(source);
  return {
    source,
    tree,
    ...(unparseable ? { unparsed: unparseable } : {}),
    ...(frontmatter ? { frontmatter } : {}),
    ...collectFacts(tree, source, frontmatter),
    frontmatterProblems: problems,
  };
}
