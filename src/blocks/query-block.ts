/**
 * What the two query block types (```` ```base ````, ```` ```dataview ````) share: a block's text with where its lines
 * start in the file (`queries/query-text.ts`), read once while the file is parsed, for the cross-file rules that check
 * it against the vault's names and for the site that runs it.
 *
 * In: a block "```dataview\nLIST\n```" at line 3 → `{ text: 'LIST', starts: [{ line: 4, column: 1, offset: … }] }`
 */
import type { Code } from 'mdast';
import type { Point } from '../diagnostics/diagnostic.ts';
import { valueToFile } from '../markdown/block-offsets.ts';
import type { LineIndex } from '../markdown/line-index.ts';
import type { QueryText } from '../queries/query-text.ts';

export function queryTextOf(node: Code, lines: LineIndex): QueryText {
  const toFile = valueToFile(node.value, node.position!.start.line, lines);
  const starts: Point[] = [lines.point(toFile(0))];
  for (const match of node.value.matchAll(/\r\n|\r|\n/g)) starts.push(lines.point(toFile(match.index + match[0].length)));
  return { text: node.value, starts };
}
