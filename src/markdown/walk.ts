/**
 * Iterative pre-order traversal of a unist tree. Recursion would overflow the stack on a document of
 * 10,000 nested quotes or lists, so every rule walks with this instead of `unist-util-visit`.
 *
 * In: `walk(tree, (node, ancestors) => node.type === 'code' ? 'skip' : undefined)`
 */
import type { Node, Parent } from 'unist';

export type Visitor = (node: Node, ancestors: readonly Parent[]) => void | 'skip';

export function walk(tree: Node, visit: Visitor): void {
  const ancestors: Parent[] = [];
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    ancestors.length = depth;
    if (visit(node, ancestors) === 'skip') continue;
    const children = (node as Partial<Parent>).children;
    if (!children || children.length === 0) continue;
    ancestors.push(node as Parent);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
}
