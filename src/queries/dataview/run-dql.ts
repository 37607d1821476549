/**
 * Runs a DQL query over the vault at build time: the `FROM` source picks Markdown files (a folder with its subfolders,
 * a tag with its nested tags, the files linking to `[[x]]` or linked from `outgoing([[x]])`), then the data commands
 * run in the order written (WHERE, SORT, GROUP BY, FLATTEN, LIMIT, each as often as written), and the rows become a
 * `QueryResult`. A `TASK` query's rows are the tasks of the picked files.
 * Reference: https://blacksmithgu.github.io/obsidian-dataview/queries/data-commands/ and …/reference/sources/
 *
 * In: `TABLE owner FROM #runbook SORT file.name` over a vault with `a.md` (#runbook, owner "ann")
 * Out: `{ result: { layout: 'table', columns: [File, owner], groups: [{ rows: [{ path: 'a.md', cells: [link a, 'ann'] }] }],
 *        total: 1, notes: [] }, problems: [] }`
 */
import type { QueryColumn, QueryContext, QueryDoc, QueryGroup, QueryProblem, QueryResult, QueryRow, Value } from '../types.ts';
import type { Command, DqlQuery, Source } from './ast.ts';
import { parseDql } from './dql.ts';
import { Evaluator, pageRow, type Row } from './evaluate.ts';
import { compareValues, truthy } from './values.ts';

export interface DqlRun {
  /** Undefined when the query has a syntax error or needs Obsidian (`CALENDAR`): see `problems`. */
  readonly result?: QueryResult;
  readonly problems: readonly QueryProblem[];
}

/** Parses and runs `query`; never throws. */
export function runDql(query: string, context: QueryContext): DqlRun {
  const parsed = parseDql(query);
  if (!parsed.query || parsed.query.type.kind === 'calendar') return { problems: parsed.problems };
  return { result: runDqlQuery(parsed.query, context), problems: parsed.problems };
}

/** Runs a parsed query other than `CALENDAR`. */
function runDqlQuery(query: DqlQuery, context: QueryContext): QueryResult {
  const evaluator = new Evaluator(context);
  const pages = selectDocs(query.source, context);
  let rows: Row[] =
    query.type.kind === 'task'
      ? pages.flatMap((doc) => doc.file.tasks.map((task): Row => ({ ...pageRow(doc), task })))
      : pages.map(pageRow);
  let grouped = false;
  let total: number | undefined;
  for (const command of query.commands) {
    if (command.kind === 'limit') total ??= rowCount(query, rows, grouped);
    if (command.kind === 'group') grouped = true;
    rows = applyCommand(command, rows, evaluator);
  }
  return toResult(query, rows, grouped, total ?? rowCount(query, rows, grouped), evaluator, context.maxRows);
}

/** The rows a reader sees: a grouped `TASK` result shows its groups' tasks, any other one row per group. */
function rowCount(query: DqlQuery, rows: readonly Row[], grouped: boolean): number {
  return query.type.kind === 'task' && grouped ? rows.reduce((n, group) => n + (group.members?.length ?? 0), 0) : rows.length;
}

function applyCommand(command: Command, rows: Row[], evaluator: Evaluator): Row[] {
  switch (command.kind) {
    case 'where':
      return rows.filter((row) => truthy(evaluator.evaluate(command.expr, row)));
    case 'sort': {
      const keyed = rows.map((row, i) => ({ row, i, keys: command.keys.map((key) => evaluator.evaluate(key.expr, row)) }));
      keyed.sort((a, b) => {
        for (const [k, key] of command.keys.entries()) {
          const c = compareValues(a.keys[k]!, b.keys[k]!);
          if (c) return key.descending ? -c : c;
        }
        return a.i - b.i;
      });
      return keyed.map((k) => k.row);
    }
    case 'group': {
      // Groups come in the order of their keys, as Dataview's; a group's rows keep their order.
      const keyed = rows.map((row, i) => ({ row, i, key: evaluator.evaluate(command.expr, row) }));
      keyed.sort((a, b) => compareValues(a.key, b.key) || a.i - b.i);
      const groups: Row[] = [];
      for (let start = 0; start < keyed.length; ) {
        let end = start + 1;
        while (end < keyed.length && compareValues(keyed[end]!.key, keyed[start]!.key) === 0) end++;
        const members = keyed.slice(start, end).map((k) => k.row);
        const key = keyed[start]!.key;
        const bindings: Record<string, Value> = { key, rows: members.map((member) => evaluator.rowObject(member)) };
        if (command.name) bindings[command.name] = key;
        groups.push({ path: members[0]!.path, bindings, members });
        start = end;
      }
      return groups;
    }
    case 'flatten':
      return rows.flatMap((row) => {
        const value = evaluator.evaluate(command.expr, row);
        const values = Array.isArray(value) ? (value as readonly Value[]) : [value];
        return values.map((item): Row => ({ ...row, bindings: { ...row.bindings, [command.name]: item } }));
      });
    case 'limit':
      return rows.slice(0, command.count);
  }
}

function toResult(query: DqlQuery, rows: Row[], grouped: boolean, total: number, evaluator: Evaluator, maxRows: number): QueryResult {
  const type = query.type;
  const notes: string[] = [];
  const count = rowCount(query, rows, grouped);
  if (count > maxRows) notes.push(`First ${maxRows.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} rows`);
  let room = maxRows;
  const take = <T>(items: readonly T[]): T[] => {
    const kept = items.slice(0, Math.max(0, room));
    room -= kept.length;
    return kept;
  };

  if (type.kind === 'task') {
    const taskRow = (row: Row): QueryRow => ({ path: row.path, cells: [], ...(row.task && { task: row.task }) });
    const groups: QueryGroup[] = grouped
      ? rows.flatMap((group) => {
          const members = take(group.members ?? []);
          return members.length ? [{ key: group.bindings.key ?? null, rows: members.map(taskRow) }] : [];
        })
      : [{ rows: take(rows).map(taskRow) }];
    return { layout: 'task', columns: [], groups, total, notes };
  }

  const exprColumns = type.kind === 'table' ? type.columns : type.kind === 'list' && type.expr ? [type.expr] : [];
  // LIST and TABLE lead with the file (or the group), unless WITHOUT ID: then a row stands for no file.
  const withId = (type.kind === 'table' || type.kind === 'list') && !type.withoutId;
  const columns: QueryColumn[] = [
    ...(withId ? [grouped ? { id: 'key', label: 'Group' } : { id: 'file.link', label: 'File' }] : []),
    ...exprColumns.map((column) => ({ id: column.text, label: column.label })),
  ];
  const toRow = (row: Row): QueryRow => {
    const cells = exprColumns.map((column) => evaluator.evaluate(column.expr, row));
    if (withId) cells.unshift(grouped ? (row.bindings.key ?? null) : row.doc ? evaluator.fileObject(row.doc).fields.link! : null);
    return { path: withId ? row.path : '', cells };
  };
  const kept = take(rows);
  // A group is one row of a Dataview table or list (its key, then its columns over `rows`): one `QueryGroup` each.
  const groups: QueryGroup[] = grouped ? kept.map((row) => ({ key: row.bindings.key ?? null, rows: [toRow(row)] })) : [{ rows: kept.map(toRow) }];
  return { layout: type.kind === 'table' ? 'table' : 'list', columns, groups, total, notes };
}

/** The Markdown files `source` picks, in path order (all of them without `FROM`). */
function selectDocs(source: Source | undefined, context: QueryContext): QueryDoc[] {
  const docs = context.vault.docs.filter((doc) => doc.file.ext === 'md').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!source) return docs;
  const picked = pick(source, docs, context);
  return docs.filter((doc) => picked.has(doc.path));
}

function pick(source: Source, docs: readonly QueryDoc[], context: QueryContext): Set<string> {
  const paths = (keep: (doc: QueryDoc) => boolean) => new Set(docs.filter(keep).map((doc) => doc.path));
  switch (source.type) {
    case 'path': {
      const path = source.path.replace(/^\/+|\/+$/g, '');
      if (path === '') return paths(() => true);
      // A folder wins over a file of the same path, as in Dataview; `folder/file` and `folder/file.md` are that file.
      const inFolder = paths((doc) => doc.path.startsWith(`${path}/`));
      return inFolder.size ? inFolder : paths((doc) => doc.path === path || doc.path === `${path}.md`);
    }
    case 'tag': {
      const tag = source.tag.toLowerCase();
      return paths((doc) => doc.file.tags.some((t) => t.toLowerCase() === tag || t.toLowerCase().startsWith(`${tag}/`)));
    }
    case 'link': {
      const target = linkTarget(source.target, context);
      if (target === undefined) {
        const name = source.target.toLowerCase();
        return paths((doc) => doc.file.links.some((link) => link.path === undefined && link.target.toLowerCase() === name));
      }
      return paths((doc) => doc.path !== target && doc.file.links.some((link) => link.path === target));
    }
    case 'outgoing': {
      const target = linkTarget(source.target, context);
      const from = target === undefined ? undefined : context.vault.byPath.get(target);
      const linked = new Set((from?.file.links ?? []).flatMap((link) => (link.path === undefined ? [] : [link.path])));
      return paths((doc) => linked.has(doc.path));
    }
    case 'and': {
      const right = pick(source.right, docs, context);
      return new Set([...pick(source.left, docs, context)].filter((path) => right.has(path)));
    }
    case 'or':
      return new Set([...pick(source.left, docs, context), ...pick(source.right, docs, context)]);
    case 'not': {
      const excluded = pick(source.source, docs, context);
      return paths((doc) => !excluded.has(doc.path));
    }
  }
}

/** `[[x]]` resolved from the file holding the query; `[[]]` is that file. */
function linkTarget(target: string, context: QueryContext): string | undefined {
  if (target === '') return context.self?.path;
  return context.vault.resolve(target, context.self?.path ?? '');
}
