/**
 * Runs a base over the vault, one result per view (help.obsidian.md/bases/syntax#Views, /bases/views): the global
 * and the view's filters together, formulas (lazily, once per row), `order` → columns, `sort`, `groupBy`, `limit`,
 * summaries, and the row cap. Sorting is stable and total, so a build is reproducible whatever the types.
 *
 * In: a base with `views: [{ type: table, name: Open, order: [file.name, status], filters: 'status != "done"' }]`
 * Out: `[{ name: 'Open', layout: 'table', columns: [{ id: 'file.name', label: 'file name' }, { id: 'note.status',
 *        label: 'status' }], groups: [{ rows: [{ path: 'a.md', cells: ['a.md', 'open'] }] }], total: 1, notes: [] }]`
 */
import type { QueryColumn, QueryContext, QueryDoc, QueryGroup, QueryResult, Value } from '../types.ts';
import type { Base, BaseFilter, BaseSort, BaseView } from './base.ts';
import { evaluate, fileField, rowEnv, type Env } from './evaluate.ts';
import { parseExpression, type Expr } from './expression.ts';
import { builtInSummaries } from './summaries.ts';
import { groupKey, isEmpty, isTruthy, own, sortCompare, toValue } from './values.ts';

const defaultView: BaseView = { type: 'table', name: 'Table', start: 0, end: 0, order: [], sort: [], summaries: [] };
const layouts = { table: 'table', list: 'list', cards: 'cards' } as const;

function parsed(text: string): Expr | undefined {
  return parseExpression(text).expr;
}

/** `file name` for `file.name`, `status` for `note.status` and `formula.status`. */
function defaultLabel(id: string): string {
  const [prefix, ...rest] = id.split('.');
  const name = rest.join('.');
  return prefix === 'file' ? `file ${name}` : name;
}

const count = (n: number) => n.toLocaleString('en-US');

class Run {
  private readonly envs = new Map<QueryDoc, Env>();
  private readonly formulas: ReadonlyMap<string, Expr | undefined>;
  /** The base's `summaries` formulas, parsed once for every group of every view. */
  private readonly summaryFormulas: ReadonlyMap<string, Expr | undefined>;
  private readonly filters = new Map<string, Expr | undefined>();
  private readonly base: Base;
  private readonly context: QueryContext;

  constructor(base: Base, context: QueryContext) {
    this.base = base;
    this.context = context;
    this.formulas = new Map([...base.formulas].map(([name, source]) => [name, parsed(source.text)]));
    this.summaryFormulas = new Map([...base.summaries].map(([name, source]) => [name, parsed(source.text)]));
  }

  env(doc: QueryDoc): Env {
    let env = this.envs.get(doc);
    if (!env) this.envs.set(doc, (env = rowEnv(doc, this.context, this.formulas)));
    return env;
  }

  /** A property's value in a row: `note.x`, `file.x` or `formula.x`. */
  value(id: string, env: Env): Value {
    const dot = id.indexOf('.');
    const prefix = id.slice(0, dot);
    const name = id.slice(dot + 1);
    if (prefix === 'formula') return toValue(env.formula(name));
    if (prefix === 'note') return own(env.doc.note, name) ?? null;
    return toValue(fileField({ kind: 'file', path: env.doc.path }, name, env));
  }

  matches(filter: BaseFilter | undefined, env: Env): boolean {
    if (!filter) return true;
    switch (filter.type) {
      case 'and':
        return filter.items.every((item) => this.matches(item, env));
      case 'or':
        return filter.items.length === 0 || filter.items.some((item) => this.matches(item, env));
      case 'not':
        return !filter.items.some((item) => this.matches(item, env));
      case 'expression': {
        const expr = this.filter(filter.source.text);
        return expr !== undefined && isTruthy(evaluate(expr, env));
      }
    }
  }

  private filter(text: string): Expr | undefined {
    if (!this.filters.has(text)) this.filters.set(text, parsed(text));
    return this.filters.get(text);
  }

  /** The filters of a tree that do not parse: no file matches them, and the result says so. */
  broken(filter: BaseFilter | undefined): string[] {
    if (!filter) return [];
    if (filter.type === 'expression') return this.filter(filter.source.text) ? [] : [`The filter \`${filter.source.text}\` does not parse, so no file matches it`];
    return filter.items.flatMap((item) => this.broken(item));
  }

  /** Sort keys in order of priority; ties keep the vault's order (the sort is stable). */
  sorted(envs: readonly Env[], sorts: readonly BaseSort[]): Env[] {
    if (sorts.length === 0) return [...envs];
    const keyed = envs.map((env) => ({ env, keys: sorts.map((sort) => this.value(sort.property.id, env)) }));
    keyed.sort((a, b) => {
      for (let i = 0; i < sorts.length; i++) {
        const order = directed(a.keys[i]!, b.keys[i]!, sorts[i]!.direction);
        if (order !== 0) return order;
      }
      return 0;
    });
    return keyed.map((entry) => entry.env);
  }

  summaries(view: BaseView, envs: readonly Env[]): QueryGroup['summaries'] {
    if (view.summaries.length === 0) return undefined;
    const out: Record<string, { label: string; value: Value }> = {};
    for (const { property, summary } of view.summaries) {
      const values = envs.map((env) => this.value(property.id, env));
      const builtIn = own(builtInSummaries, summary);
      if (builtIn) out[property.id] = { label: summary, value: builtIn(values) };
      else {
        const expr = this.summaryFormulas.get(summary);
        if (!expr) continue;
        // A summary formula reads `values`, not a row: it runs in the file holding the base, or the first row.
        const doc = this.context.self ?? envs[0]?.doc;
        const value = doc ? evaluate(expr, rowEnv(doc, this.context, this.formulas, new Map([['values', values]]))) : null;
        out[property.id] = { label: summary, value: toValue(value) };
      }
    }
    return out;
  }

  view(view: BaseView): QueryResult {
    const notes: string[] = [];
    const layout = own<'table' | 'list' | 'cards'>(layouts, view.type) ?? 'table';
    if (view.type === 'map') notes.push('Shown as a table: maps need Obsidian');
    else if (layout !== view.type) notes.push(`Shown as a table: the \`${view.type}\` layout comes from a plugin`);
    const order = view.order.length > 0 ? view.order.map((p) => p.id) : ['file.name'];
    const columns: QueryColumn[] = order.map((id) => ({ id, label: this.base.displayNames.get(id) ?? defaultLabel(id) }));
    notes.push(...this.broken(this.base.filters), ...this.broken(view.filters));
    const matching = this.context.vault.docs.map((doc) => this.env(doc)).filter((env) => this.matches(this.base.filters, env) && this.matches(view.filters, env));
    const total = matching.length;
    let rows = this.sorted(matching, view.sort);
    if (view.limit !== undefined) rows = rows.slice(0, view.limit);
    if (rows.length > this.context.maxRows) {
      notes.push(`First ${count(this.context.maxRows)} of ${count(rows.length)} rows`);
      rows = rows.slice(0, this.context.maxRows);
    }
    const toRow = (env: Env) => ({ path: env.doc.path, cells: order.map((id) => this.value(id, env)) });
    const group = (key: Value | undefined, envs: readonly Env[]): QueryGroup => {
      const summaries = this.summaries(view, envs);
      return { ...(key === undefined ? {} : { key }), rows: envs.map(toRow), ...(summaries ? { summaries } : {}) };
    };
    if (!view.groupBy) return { name: view.name, layout, columns, groups: [group(undefined, rows)], total, notes };
    const { property, direction } = view.groupBy;
    const groups = new Map<string, { key: Value; envs: Env[] }>();
    for (const env of rows) {
      const key = this.value(property.id, env);
      const id = groupKey(key);
      const found = groups.get(id);
      if (found) found.envs.push(env);
      else groups.set(id, { key, envs: [env] });
    }
    const ordered = [...groups.values()].sort((a, b) => directed(a.key, b.key, direction));
    return { name: view.name, layout, columns, groups: ordered.map((g) => group(g.key, g.envs)), total, notes };
  }
}

/** Ascending or descending, with empty values last either way. */
function directed(a: Value, b: Value, direction: 'ASC' | 'DESC'): number {
  const order = sortCompare(a, b);
  if (isEmpty(a) || isEmpty(b)) return order;
  return direction === 'DESC' ? -order : order;
}

/**
 * The results of a base's views, in order; only the view named `viewName` when given (none when no view has that
 * name: `checkBase` and the embed check report it). A base without views shows one table of every file.
 */
export function runBase(base: Base, context: QueryContext, viewName?: string): QueryResult[] {
  const run = new Run(base, context);
  const views = base.views.length > 0 ? base.views : [defaultView];
  return views.filter((view) => viewName === undefined || view.name === viewName).map((view) => run.view(view));
}
