/**
 * The services and environments a doc's ```dashboard blocks name, with their places, so that the cross-file pass
 * can tell whether the run data knows them (`run-reference`). Blocks that do not parse name nothing here: the
 * `dashboard-block` rule reports them.
 *
 * In: "```dashboard\nmetric: lead-time\nservice: chekout-api\n```" → `[{ key: 'service', name: 'chekout-api', span: 3:10–3:21 }]`
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { valueToFile } from './block-offsets.ts';
import type { LineIndex } from './line-index.ts';
import type { CodeBlock, DashboardRef } from './types.ts';

const keys = ['service', 'environment'] as const;

export function dashboardRefs(code: readonly CodeBlock[], lines: LineIndex): DashboardRef[] {
  const refs: DashboardRef[] = [];
  for (const { node } of code) {
    if (node.lang?.toLowerCase() !== 'dashboard' || !node.position) continue;
    const document = parseDocument(node.value, { prettyErrors: false });
    if (document.errors.length > 0 || !isMap(document.contents)) continue;
    const toFile = valueToFile(node.value, node.position.start.line, lines);
    for (const key of keys) {
      const value = document.contents.get(key, true);
      if (!isScalar(value) || typeof value.value !== 'string' || !value.range) continue;
      refs.push({ key, name: value.value, span: lines.span(toFile(value.range[0]), toFile(value.range[1])) });
    }
  }
  return refs;
}
