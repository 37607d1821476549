/**
 * Evaluates DQL expressions over a row: a page (its frontmatter, and the implicit `file.*` fields read from the
 * property index's `FileProperties`), a task of a page (`TASK` queries: `text`, `completed`, … then the page's
 * fields), or a group (`key`, `rows`). Names bound by `FLATTEN … AS` and `GROUP BY … AS` come first, `this` is the
 * file holding the query, and `[[link]].field` reads the linked page. An unknown field is null, as in Dataview.
 * Reference: https://blacksmithgu.github.io/obsidian-dataview/annotation/metadata-pages/ (implicit fields),
 * https://blacksmithgu.github.io/obsidian-dataview/annotation/metadata-tasks/ (task fields)
 *
 * In: `file.name` on the row of `runbooks/rollback.md` → `'rollback'`
 */
import type { QueryContext, QueryDoc, QueryLink, QueryObject, QueryTask, Value } from '../types.ts';
import type { Expr } from './ast.ts';
import { callFunction, dqlFunctions, type Arg, type CallContext } from './functions.ts';
import { dateField, dayOf, durationField, makeDuration, namedDate, parseDateText } from './time.ts';
import { arithmetic, compareValues, lookupField, truthy, typeOf } from './values.ts';

/** One row a query works on. */
export interface Row {
  /** The file the row is; a group's first member's. */
  readonly path: string;
  /** The page; undefined for a group, which has only `key`, `rows` and its `AS` name. */
  readonly doc?: QueryDoc;
  /** For a `TASK` query: the task the row is. */
  readonly task?: QueryTask;
  /** Names the data commands bound: `FLATTEN … AS x`, `GROUP BY`'s `key` and `rows`. */
  readonly bindings: Readonly<Record<string, Value>>;
  /** For a group: the rows it holds (a `TASK` query shows them under its key). */
  readonly members?: readonly Row[];
}

/** One shared empty record: a page row binds nothing until a `FLATTEN`, and 10,000 rows need not own one each. */
const noBindings: Readonly<Record<string, Value>> = Object.freeze({});

export function pageRow(doc: QueryDoc): Row {
  return { path: doc.path, doc, bindings: noBindings };
}

/** Evaluates expressions for one query run: file objects are built once per doc and reused across rows. */
export class Evaluator {
  private readonly context: QueryContext;
  private readonly files = new Map<QueryDoc, QueryObject>();
  private readonly calls: CallContext;

  constructor(context: QueryContext) {
    this.context = context;
    this.calls = {
      now: context.now,
      field: (value, name) => this.field(value, name),
      link: (target, display) => this.link(target, display),
    };
  }

  /** `expr` on `row`; never throws. */
  evaluate(expr: Expr, row: Row, locals: ReadonlyMap<string, Value> = new Map()): Value {
    switch (expr.type) {
      case 'literal':
        return expr.value;
      case 'namedDate':
        return namedDate(expr.name, this.context.now);
      case 'link':
        return this.link(expr.target, expr.display);
      case 'field':
        return this.name(expr.name, row, locals);
      case 'member': {
        // `FLATTEN file.tags` binds `file.tags`: reading it again gives the flattened value, not the file's list.
        const path = pathText(expr);
        if (path !== undefined && Object.hasOwn(row.bindings, path)) return row.bindings[path]!;
        return this.field(this.evaluate(expr.object, row, locals), expr.name);
      }
      case 'index':
        return this.index(this.evaluate(expr.object, row, locals), this.evaluate(expr.index, row, locals));
      case 'call': {
        const f = dqlFunctions.get(expr.name.toLowerCase());
        if (!f) return null;
        const args = expr.args.map((arg): Arg =>
          arg.type === 'lambda'
            ? { kind: 'lambda', call: (values) => this.evaluate(arg.body, row, bind(locals, arg.params, values)) }
            : this.evaluate(arg, row, locals),
        );
        return callFunction(f, args, this.calls);
      }
      case 'unary': {
        const operand = this.evaluate(expr.operand, row, locals);
        if (expr.op === '!') return !truthy(operand);
        if (typeof operand === 'number') return -operand;
        if (typeOf(operand) === 'duration') {
          const d = operand as { months: number; ms: number };
          return makeDuration(-d.months, -d.ms);
        }
        return null;
      }
      case 'binary': {
        const left = this.evaluate(expr.left, row, locals);
        if (expr.op === 'and') return truthy(left) && truthy(this.evaluate(expr.right, row, locals));
        if (expr.op === 'or') return truthy(left) || truthy(this.evaluate(expr.right, row, locals));
        const right = this.evaluate(expr.right, row, locals);
        switch (expr.op) {
          case '=':
            return compareValues(left, right) === 0;
          case '!=':
            return compareValues(left, right) !== 0;
          case '<':
            return compareValues(left, right) < 0;
          case '>':
            return compareValues(left, right) > 0;
          case '<=':
            return compareValues(left, right) <= 0;
          case '>=':
            return compareValues(left, right) >= 0;
          default:
            return arithmetic(expr.op, left, right);
        }
      }
      case 'list':
        return expr.items.map((item) => this.evaluate(item, row, locals));
      case 'object': {
        const fields: Record<string, Value> = {};
        for (const entry of expr.entries) fields[entry.key] = this.evaluate(entry.value, row, locals);
        return { kind: 'object', fields };
      }
      case 'lambda':
        // A lambda is a value only as a function's argument (`map(xs, (x) => …)`), handled in `call`.
        return null;
    }
  }

  /** `value.name`: an object's field, a page's field behind a link or file, a date's or duration's part; a list maps. */
  field(value: Value, name: string): Value {
    if (value === null) return null;
    if (Array.isArray(value)) return value.map((item: Value) => this.field(item, name));
    switch (typeOf(value)) {
      case 'object': {
        const tagged = value as QueryObject | { kind: 'file'; path: string };
        if (tagged.kind === 'object') return lookupField(tagged.fields, name) ?? null;
        const doc = this.context.vault.byPath.get(tagged.path);
        return doc ? this.pageField(doc, name) : null;
      }
      case 'link': {
        const link = value as QueryLink;
        const doc = link.path === undefined ? undefined : this.context.vault.byPath.get(link.path);
        return doc ? this.pageField(doc, name) : null;
      }
      case 'date':
        return dateField(value as never, name);
      case 'duration':
        return durationField(value as never, name);
      default:
        return null;
    }
  }

  /** The whole row as an object: what `row["where"]` indexes and what a group's `rows` holds. */
  rowObject(row: Row): QueryObject {
    const fields: Record<string, Value> = {};
    if (row.doc) {
      Object.assign(fields, row.doc.note);
      fields.file = this.fileObject(row.doc);
    }
    if (row.task) Object.assign(fields, taskFields(row.task, row.path));
    Object.assign(fields, row.bindings);
    return { kind: 'object', fields };
  }

  /** Dataview's `file` object of a doc. */
  fileObject(doc: QueryDoc): QueryObject {
    let object = this.files.get(doc);
    if (!object) {
      object = { kind: 'object', fields: fileFields(doc) };
      this.files.set(doc, object);
    }
    return object;
  }

  /** A link to `target` as the file holding the query resolves it; `[[]]` is that file. */
  link(target: string, display?: string): QueryLink {
    const from = this.context.self?.path ?? '';
    const path = target === '' ? this.context.self?.path : this.context.vault.resolve(target, from);
    return { kind: 'link', target: target === '' ? from : target, ...(path !== undefined && { path }), ...(display !== undefined && { display }) };
  }

  private name(name: string, row: Row, locals: ReadonlyMap<string, Value>): Value {
    if (locals.has(name)) return locals.get(name)!;
    const bound = lookupField(row.bindings, name);
    if (bound !== undefined) return bound;
    if (name === 'this') return this.context.self ? { kind: 'file', path: this.context.self.path } : null;
    if (row.task) {
      const value = lookupField(taskFields(row.task, row.path), name);
      if (value !== undefined) return value;
    }
    if (row.doc) {
      if (name === 'file') return this.fileObject(row.doc);
      const value = lookupField(row.doc.note, name);
      if (value !== undefined) return value;
    }
    if (name === 'row') return this.rowObject(row);
    return null;
  }

  private pageField(doc: QueryDoc, name: string): Value {
    if (name === 'file') return this.fileObject(doc);
    return lookupField(doc.note, name) ?? null;
  }

  private index(object: Value, index: Value): Value {
    if (typeof index === 'string') return this.field(object, index);
    if (typeof index !== 'number' || !Number.isInteger(index)) return null;
    if (Array.isArray(object)) return (object as readonly Value[])[index] ?? null;
    if (typeof object === 'string') return object[index] ?? null;
    return null;
  }
}

function bind(locals: ReadonlyMap<string, Value>, names: readonly string[], values: readonly Value[]): ReadonlyMap<string, Value> {
  const next = new Map(locals);
  names.forEach((name, i) => next.set(name, values[i] ?? null));
  return next;
}

/** `a.b.c` for a chain of names, else undefined. */
function pathText(expr: Expr): string | undefined {
  if (expr.type === 'field') return expr.name;
  if (expr.type !== 'member') return undefined;
  const object = pathText(expr.object);
  return object === undefined ? undefined : `${object}.${expr.name}`;
}

/** A task's fields, as Dataview's task objects have them (`checked`: any status but a space). */
function taskFields(task: QueryTask, path: string): Record<string, Value> {
  return {
    text: task.text,
    status: task.status,
    completed: task.completed,
    checked: task.status !== ' ',
    fullyCompleted: task.completed,
    line: task.line,
    path,
    task: true,
  };
}

/** `#a/b/c` → `#a`, `#a/b`, `#a/b/c`: Dataview's `file.tags` breaks nested tags down. */
function withParents(tag: string): string[] {
  const parts = tag.split('/');
  return parts.map((_, i) => `#${parts.slice(0, i + 1).join('/')}`);
}

/** The date in a file's name (`2026-01-05 standup`, `20260105`), else its `date` property when that is a date. */
function fileDay(doc: QueryDoc): Value {
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(doc.file.basename) ?? /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/.exec(doc.file.basename);
  const fromName = m ? parseDateText(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
  if (fromName) return fromName;
  const date = lookupField(doc.note, 'date');
  return date !== undefined && typeOf(date) === 'date' ? date : null;
}

/** The implicit `file.*` fields (blacksmithgu.github.io/obsidian-dataview/annotation/metadata-pages/), `day` when the name is a date. */
export const fileFieldNames = ['name', 'path', 'folder', 'ext', 'link', 'size', 'ctime', 'cday', 'mtime', 'mday', 'tags', 'etags', 'aliases', 'outlinks', 'inlinks', 'tasks', 'frontmatter', 'day'];

function fileFields(doc: QueryDoc): Record<string, Value> {
  const file = doc.file;
  const tags = [...new Set(file.tags.flatMap(withParents))];
  const fields: Record<string, Value> = {
    name: file.basename,
    path: file.path,
    folder: file.folder,
    ext: file.ext,
    link: { kind: 'link', target: file.path, path: file.path, display: file.basename },
    size: file.size,
    ctime: file.ctime,
    cday: file.ctime === null ? null : dayOf(file.ctime),
    mtime: file.mtime,
    mday: file.mtime === null ? null : dayOf(file.mtime),
    tags,
    etags: [...new Set(file.tags.map((tag) => `#${tag}`))],
    aliases: [...file.aliases],
    outlinks: [...file.links],
    inlinks: [...file.backlinks],
    tasks: file.tasks.map((task): Value => ({ kind: 'object', fields: taskFields(task, file.path) })),
    frontmatter: { kind: 'object', fields: doc.note },
  };
  const dayValue = fileDay(doc);
  if (dayValue !== null) fields.day = dayValue;
  return fields;
}
