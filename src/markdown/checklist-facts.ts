/**
 * The checklists a doc defines, read while the file is parsed: each ```checklist block (its YAML validated, every
 * problem placed in the file) and each task list under a heading, or in a callout, whose title ends in "checklist"
 * (manual items). What the cross-file pass needs is kept: the checklist, where its id is (duplicate ids across the
 * vault), and where each `check` evidence is (checks no run has recorded).
 *
 * In: "## Pre-deploy checklist\n- [ ] Change approved ^approved\n" in `strategy.md`
 * Out: `[{ checklist: { id: 'strategy-pre-deploy-checklist', items: [{ id: 'approved', evidence: { kind: 'manual' }, … }] }, problems: [], … }]`
 */
import type { Blockquote, Heading, List, ListItem, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { checklistHeading, readChecklist, taskListChecklist } from '../checklists/read-checklist.ts';
import { fenceLineSpan } from './block-offsets.ts';
import { readModelBlock } from './block-yaml.ts';
import { blockIdOf } from './facts.ts';
import type { ChecklistFact, CodeBlock, SourceFile } from './types.ts';

export function checklistFacts(tree: Root, code: readonly CodeBlock[], source: SourceFile): ChecklistFact[] {
  return [...blockChecklists(code, source), ...taskListChecklists(tree, source)].sort((a, b) => a.span.start.offset - b.span.start.offset);
}

function blockChecklists(code: readonly CodeBlock[], source: SourceFile): ChecklistFact[] {
  const { lines } = source;
  const facts: ChecklistFact[] = [];
  for (const { node } of code) {
    if (node.lang?.toLowerCase() !== 'checklist' || !node.position) continue;
    const fact: ChecklistFact = { span: fenceLineSpan(node, lines), problems: [], checks: [] };
    facts.push(fact);
    const block = readModelBlock(node, lines, 'checklist', (report) => fact.problems.push({ message: report.message, span: report.span }));
    if (!block.parsed) continue;
    const { place } = block;
    const read = readChecklist(block.data ?? null, { path: source.path, line: node.position.start.line });
    for (const problem of read.problems) {
      fact.problems.push({ message: problem.message, span: place(problem.pointer, problem.part), ...(problem.suggestions ? { suggestions: problem.suggestions } : {}) });
    }
    if (!read.checklist) continue;
    fact.checklist = read.checklist;
    fact.span = place('/id');
    read.checklist.items.forEach((item, i) => {
      if (item.evidence.kind === 'check') fact.checks.push({ id: item.evidence.check, span: place(`/items/${i}/evidence/check`) });
    });
  }
  return facts;
}

/**
 * Task lists (lists with `[ ]`/`[x]` items) under a "… checklist" heading, up to the next heading, and inside a
 * callout titled "… checklist" (`> [!todo] Pre-deploy checklist`), as Obsidian users often keep them.
 */
function taskListChecklists(tree: Root, source: SourceFile): ChecklistFact[] {
  const { lines, text } = source;
  const facts: ChecklistFact[] = [];
  const tasksOf = (list: List): Array<{ text: string; blockId?: string }> =>
    (list.children as ListItem[]).flatMap((item) => {
      if (typeof item.checked !== 'boolean') return [];
      const paragraph = item.children.find((child): child is Paragraph => child.type === 'paragraph');
      if (!paragraph) return [];
      const blockId = blockIdOf(paragraph, text);
      const task = toString(paragraph).replace(/\s*\^[A-Za-z0-9-]+\s*$/, '').trim();
      return task ? [{ text: task, ...(blockId ? { blockId } : {}) }] : [];
    });
  const add = (title: string, node: Heading | Blockquote, tasks: ReadonlyArray<{ text: string; blockId?: string }>) => {
    if (tasks.length === 0) return;
    const position = node.position!;
    const checklist = taskListChecklist(source.path, title, position.start.line, tasks);
    const end = node.type === 'heading' ? position.end.offset! : position.start.offset! + lines.lineText(position.start.line).length - (position.start.column - 1);
    const fact: ChecklistFact = { checklist, span: lines.span(position.start.offset!, end), problems: [], checks: [] };
    const seen = new Set<string>();
    for (const item of checklist.items) {
      if (seen.has(item.id)) fact.problems.push({ message: `Unexpected duplicate item id "${item.id}", expected each task once (give one a ^block-id)`, span: fact.span });
      seen.add(item.id);
    }
    if (fact.problems.length > 0) delete fact.checklist;
    facts.push(fact);
  };
  let heading: { node: Heading; text: string; tasks: Array<{ text: string; blockId?: string }> } | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (heading) add(heading.text, heading.node, heading.tasks);
      const title = toString(node).trim();
      heading = checklistHeading.test(title) && node.position ? { node, text: title, tasks: [] } : undefined;
    } else if (node.type === 'list' && heading) {
      heading.tasks.push(...tasksOf(node));
    } else if (node.type === 'blockquote' && node.position && checklistHeading.test(node.data?.callout?.title ?? '')) {
      add(node.data!.callout!.title, node, node.children.flatMap((child) => (child.type === 'list' ? tasksOf(child) : [])));
    }
  }
  if (heading) add(heading.text, heading.node, heading.tasks);
  return facts;
}
