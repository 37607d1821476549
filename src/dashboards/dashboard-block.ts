/**
 * A ```dashboard block's body: validated against `schemas/dashboard-block.schema.json`, then the combinations the
 * schema does not say (`metric` or `view`, not both; `show` and `window` go with a metric, `limit` with recent
 * runs). The rule reports the problems at their place; the site renders a valid spec and shows the source of an
 * invalid one.
 *
 * In: `readDashboardSpec({ metric: 'lead-time', limit: 3 })`
 * Out: `{ problems: [{ pointer: '/limit', part: 'key', message: 'Unexpected limit with metric, expected it with view: recent-runs only' }] }`
 */
import { join } from 'node:path';
import type { DashboardBlock } from '../schemas/generated/dashboard-block.ts';
import type { PointerProblem } from '../diagnostics/diagnostic.ts';
import { pointerProblem } from '../schemas/messages.ts';
import { loadSchemas, type SchemaRegistry } from '../schemas/registry.ts';
import { toolRoot } from '../vault/config.ts';

export type DashboardSpec =
  | { kind: 'metric'; metric: string; service?: string; environment?: string; days?: number; show: 'tile' | 'trend' }
  | { kind: 'view'; view: 'deployed-versions' | 'recent-runs'; service?: string; environment?: string; limit: number };

const dashboardBlockSchema = join(toolRoot, 'schemas', 'dashboard-block.schema.json');
let registry: SchemaRegistry | undefined;

/** The spec of a block's data, or what is wrong with it. */
export function readDashboardSpec(data: unknown): { spec?: DashboardSpec; problems: PointerProblem[] } {
  registry ??= loadSchemas([dashboardBlockSchema]);
  if (data === null || data === undefined) return { problems: [{ pointer: '', part: 'value', message: 'Unexpected empty dashboard block, expected `metric:` or `view:`' }] };
  const issues = registry.validate(dashboardBlockSchema, data);
  if (issues.length > 0) {
    return { problems: issues.map(pointerProblem) };
  }
  const block = data as DashboardBlock;
  const problems: PointerProblem[] = [];
  const misplaced = (key: string, expected: string) =>
    problems.push({ pointer: `/${key}`, part: 'key', message: `Unexpected ${key} with ${block.metric !== undefined ? 'metric' : `view: ${block.view}`}, expected it with ${expected} only` });
  if ((block.metric === undefined) === (block.view === undefined)) {
    problems.push({
      pointer: block.metric !== undefined ? '/view' : '',
      part: 'key',
      message: block.metric !== undefined ? 'Unexpected view beside metric, expected one of them' : 'Missing metric or view, expected one of them',
    });
    return { problems };
  }
  if (block.view !== undefined) {
    if (block.show !== undefined) misplaced('show', 'metric');
    if (block.window !== undefined) misplaced('window', 'metric');
    if (block.limit !== undefined && block.view !== 'recent-runs') misplaced('limit', 'view: recent-runs');
  } else if (block.limit !== undefined) misplaced('limit', 'view: recent-runs');
  if (problems.length > 0) return { problems };

  const where = { ...(block.service ? { service: block.service } : {}), ...(block.environment ? { environment: block.environment } : {}) };
  if (block.metric !== undefined) {
    const days = block.window ? Number.parseInt(block.window, 10) * (block.window.endsWith('w') ? 7 : 1) : undefined;
    return { spec: { kind: 'metric', metric: block.metric, ...where, ...(days ? { days } : {}), show: block.show ?? 'tile' }, problems };
  }
  return { spec: { kind: 'view', view: block.view!, ...where, limit: block.limit ?? 10 }, problems };
}
