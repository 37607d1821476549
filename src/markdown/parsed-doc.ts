/**
 * What both parsers share around the tree: frontmatter read with positions, the guard against bodies too deep or
 * too long to parse safely, and the facts. A parser only turns text into mdast.
 *
 * In: `parsedDoc(source, (text) => tree)` → `{ source, tree, frontmatter, facts, code, frontmatterProblems }`
 */
import type { Root } from 'mdast';
import { collectFacts } from './facts.ts';
import { readFrontmatter } from './frontmatter.ts';
import { parseWithComments } from './obsidian-comments.ts';
import { findUnparseable } from './parse-guard.ts';
import type { ParsedDoc, SourceFile } from './types.ts';
import { walk } from './walk.ts';

export function parsedDoc(source: SourceFile, parseBody: (text: string) => Root): ParsedDoc {
  const { frontmatter, problems } = readFrontmatter(source.text, source.lines);
  const unparseable = findUnparseable(source.text);
  // Both parsers count positions after a byte order mark, so they, and the comment finder, read the text without it.
  const bom = source.text.startsWith('\ufeff');
  const tree: Root = unparseable ? { type: 'root', children: [] } : parseWithComments(bom ? source.text.slice(1) : source.text, parseBody);
  if (bom) afterByteOrderMark(tree, source);
  return {
    source,
    tree,
    ...(unparseable ? { unparsed: unparseable } : {}),
    ...(frontmatter ? { frontmatter } : {}),
    ...collectFacts(tree, source, frontmatter),
    frontmatterProblems: problems,
  };
}

/**
 * Both parsers read the text after a byte order mark and count from there; the file's own line index (every span,
 * every other rule) counts the mark as offset 0. Without this, every position after line 1 was one column early.
 */
function afterByteOrderMark(tree: Root, source: SourceFile): void {
  walk(tree, (node) => {
    if (node.position) node.position = { start: source.lines.point(node.position.start.offset! + 1), end: source.lines.point(node.position.end.offset! + 1) };
  });
}
