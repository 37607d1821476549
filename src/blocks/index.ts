/**
 * The fenced-block types, in the order of the rules reference: the one list that the parse (facts), the rules, the
 * renderer and the site iterate. A new block type is one module beside these and one line here.
 *
 * In: a parsed doc with "```dashboard\nmetric: lead-time\n```" → `readBlocks(doc)` → `doc.facts.dashboards: [{ spec, problems: [] }]`
 */
import type { Code } from 'mdast';
import type { ParsedDoc } from '../markdown/types.ts';
import type { BlockType } from './block-type.ts';
import { baseBlocks } from './base.ts';
import { checklistBlocks } from './checklist.ts';
import { dashboardBlocks } from './dashboard.ts';
import { dataviewBlocks } from './dataview.ts';
import { mermaidBlocks } from './mermaid.ts';
import { modelBlocks } from './model-block.ts';

export const blockTypes: readonly BlockType[] = [mermaidBlocks, modelBlocks, dashboardBlocks, checklistBlocks, baseBlocks, dataviewBlocks];

/** The type of a fenced block, if it has one. */
export function blockTypeOf(node: Code): BlockType | undefined {
  const lang = node.lang?.toLowerCase();
  return blockTypes.find((type) => type.matches(lang, node.meta));
}

/** Reads every block type's facts into `doc.facts`, from the code blocks the parse collected (no walk of its own). */
export function readBlocks(doc: ParsedDoc): ParsedDoc {
  const byType = new Map<BlockType, Code[]>();
  for (const { node } of doc.code) {
    const type = blockTypeOf(node);
    if (!type?.read) continue;
    const blocks = byType.get(type);
    if (blocks) blocks.push(node);
    else byType.set(type, [node]);
  }
  // Every reader runs: a checklist is also a task list under a "… checklist" heading.
  for (const type of blockTypes) type.read?.(doc, byType.get(type) ?? []);
  return doc;
}
