/**
 * Where in the YAML text a validated value came from. ajv names a value by a JSON pointer (`/rollback/trigger`);
 * the `yaml` package keeps every node's offsets, so we walk the pointer through the node tree instead of the data.
 * Offsets are relative to the YAML text: callers add `frontmatter.yamlOffset` (or map code-block offsets).
 *
 * In: `locateYamlNode(parseDocument('a:\n  b: [1, x]\n'), '/a/b/1', 'value')` → Out: `{ start: 12, end: 13, exact: true, depth: 3 }`
 */
import { isAlias, isDocument, isMap, isNode, isScalar, isSeq, type Document, type Node } from 'yaml';

import type { NodePart } from '../diagnostics/diagnostic.ts';

export type { NodePart };

export interface YamlRange {
  start: number;
  end: number;
  /** False when the pointer leads somewhere the YAML does not spell out (a merge key, an alias): the range is the nearest ancestor. */
  exact: boolean;
  /** How many pointer segments were matched; 0 means the range is the whole document. */
  depth: number;
}

/** `/a~1b/0` → `['a/b', '0']` (RFC 6901: `~1` is `/`, `~0` is `~`, decoded in that order). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One pointer segment: `a/b` → `a~1b`. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function locateYamlNode(root: Document | Node | null | undefined, pointer: string, part: NodePart): YamlRange | undefined {
  const top = isDocument(root) ? root.contents : root;
  if (!isNode(top)) return undefined;
  let node: Node = top;
  const whole = rangeOf(node);
  if (!whole) return undefined;
  let best: Range = whole;
  const segments = parsePointer(pointer);
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth]!;
    const last = depth === segments.length - 1;
    let next: unknown;
    let keyRange: Range | undefined;
    if (isMap(node)) {
      // The last pair wins, as in `toJS` (duplicates are a syntax error reported elsewhere).
      const pair = node.items.findLast((item) => keyText(item.key) === segment);
      if (!pair) return { ...best, exact: false, depth };
      keyRange = isNode(pair.key) ? rangeOf(pair.key) : undefined;
      next = pair.value;
    } else if (isSeq(node)) {
      next = /^(?:0|[1-9]\d*)$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (!isNode(next)) return { ...best, exact: false, depth };
    } else {
      return { ...best, exact: false, depth };
    }
    // `key:` with nothing after it is an empty scalar at the colon: point at the key instead.
    const valueRange = isNode(next) ? nonEmpty(rangeOf(next)) : undefined;
    const here: Range = (part === 'key' && last ? keyRange : undefined) ?? valueRange ?? keyRange ?? best;
    if (last) return { ...here, exact: true, depth: depth + 1 };
    // Through an alias the data continues at the anchor; we stop where the user wrote `*name`.
    if (!isNode(next) || isAlias(next)) return { ...here, exact: false, depth: depth + 1 };
    node = next;
    best = here;
  }
  return { ...best, exact: true, depth: segments.length };
}

interface Range {
  start: number;
  end: number;
}

function rangeOf(node: Node): Range | undefined {
  return node.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

function nonEmpty(range: Range | undefined): Range | undefined {
  return range && range.end > range.start ? range : undefined;
}

/** A key as `toJS` turns it into a property name: scalars by their value, so `1:` matches pointer segment `1`. */
function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
