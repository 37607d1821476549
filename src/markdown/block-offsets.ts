/**
 * Offsets in a fenced code block's value (what the parser gives: container prefixes taken off) as offsets in the
 * file, for reports and facts that point inside a block.
 *
 * In: a block `   ```json` in a list item, value `{\n  "a": 1\n}` → offset 4 of the value (`"a"`) is at line 3, column 6 of the file
 */
import type { Code } from 'mdast';
import type { Span } from '../diagnostics/diagnostic.ts';
import type { LineIndex } from './line-index.ts';

/**
 * Maps an offset in the block's value to an offset in the file. The value starts on the line after the opening
 * fence, one value line per file line, with the container's indentation (list item, `>`) taken off the front.
 */
export function valueToFile(value: string, fenceLine: number, lines: LineIndex): (offset: number) => number {
  const starts = [0];
  for (const match of value.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let index = starts.length - 1;
    while (index > 0 && starts[index]! > offset) index--;
    const lineStart = starts[index]!;
    const lineEnd = index + 1 < starts.length ? starts[index + 1]! : value.length;
    const valueLine = value.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
    const fileLine = fenceLine + 1 + index;
    const text = lines.lineText(fileLine);
    const indent = text.endsWith(valueLine) ? text.length - valueLine.length : 0;
    const column = Math.min(offset - lineStart, valueLine.length);
    return lines.offset(fileLine, indent + column + 1);
  };
}

/** The opening fence line of a block, from the fence to the line's end: where a problem with no better place goes. */
export function fenceLineSpan(node: Code, lines: LineIndex): Span {
  const fence = node.position!.start;
  const offset = fence.offset ?? 0;
  return lines.span(offset, offset + lines.lineText(fence.line).length - (fence.column - 1));
}
