/**
 * Evaluates a Bases expression over one row (help.obsidian.md/bases/syntax#Operators, #Types): properties
 * (`price`, `note["a b"]`, `file.name`, `formula.x`, `this.file.folder`), operators, date arithmetic, and the calls
 * of `functions.ts`. It never throws: what fails (a string that is no number, a formula that refers to itself) is
 * null, as an empty cell.
 *
 * In: `evaluate(parse('if(price, price.toFixed(2) + " dollars")'), rowEnv(doc, context, formulas))` with
 *     `price: 3` → `'3.00 dollars'`
 */
import type { Expr } from './expression.ts';
import type { QueryContext, QueryDate, QueryDoc, QueryDuration, QueryFile, QueryObject, Value } from '../types.ts';
import { durationMs, parseDate } from './dates.ts';
import { dateFields, EvalFailure, fileFields, globals, methodFor, rowOf, shiftDate, type Call, type Env } from './functions.ts';
import { compare, display, equals, isList, isTruthy, own, toValue, typeOf, type Val } from './values.ts';

export type { Env } from './functions.ts';

/** The value of `expr` for the row of `env`; null when it fails. */
export function evaluate(expr: Expr, env: Env): Val {
  try {
    return evaluateStrict(expr, env);
  } catch (error) {
    if (error instanceof EvalFailure) return null;
    // A pathological formula (a huge list, deep nesting) is an empty cell, not a failed build.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * A row's environment: formulas are evaluated when first read and remembered; a formula read while it is being
 * evaluated (it refers to itself, directly or through others) is null. `checkBase` reports such cycles.
 */
export function rowEnv(doc: QueryDoc, context: QueryContext, formulas: ReadonlyMap<string, Expr | undefined>, bindings: ReadonlyMap<string, Val> = new Map()): Env {
  const memo = new Map<string, Val>();
  const running = new Set<string>();
  const env: Env = {
    doc,
    context,
    bindings,
    formula(name) {
      if (memo.has(name)) return memo.get(name)!;
      const expr = formulas.get(name);
      if (!expr || running.has(name)) return null;
      running.add(name);
      const value = evaluate(expr, env);
      running.delete(name);
      memo.set(name, value);
      return value;
    },
  };
  return env;
}

function withBindings(env: Env, extra: Readonly<Record<string, Val>>): Env {
  const bindings = new Map(env.bindings);
  for (const [name, value] of Object.entries(extra)) bindings.set(name, value);
  return { doc: env.doc, context: env.context, formula: (name) => env.formula(name), bindings };
}

function noteObject(doc: QueryDoc | undefined): QueryObject {
  return { kind: 'object', fields: doc?.note ?? {} };
}

function evaluateStrict(expr: Expr, env: Env): Val {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'regex':
      return { kind: 'regexp', pattern: expr.pattern, flags: expr.flags };
    case 'list':
      return expr.items.map((item) => toValue(evaluateStrict(item, env)));
    case 'object':
      return { kind: 'object', fields: Object.fromEntries(expr.entries.map(({ key, value }) => [key, toValue(evaluateStrict(value, env))])) };
    case 'identifier':
      return identifier(expr.name, env);
    case 'member':
      if (expr.object.type === 'identifier' && expr.object.name === 'formula' && !env.bindings.has('formula')) return env.formula(expr.name);
      return member(evaluateStrict(expr.object, env), expr.name, env);
    case 'index': {
      const key = evaluateStrict(expr.index, env);
      if (expr.object.type === 'identifier' && expr.object.name === 'formula' && !env.bindings.has('formula')) return env.formula(display(key));
      return index(evaluateStrict(expr.object, env), key, env);
    }
    case 'call':
      return call(expr, env);
    case 'unary': {
      const operand = evaluateStrict(expr.operand, env);
      if (expr.op === '!') return !isTruthy(operand);
      if (typeof operand === 'number') return -operand;
      if (typeOf(operand) === 'duration') return { kind: 'duration', months: -(operand as QueryDuration).months, ms: -(operand as QueryDuration).ms };
      return null;
    }
    case 'binary':
      return binary(expr.op, expr.left, expr.right, env);
  }
}

/** A bare name: a binding, `note`, `file`, `this`, else the note property of that name. */
function identifier(name: string, env: Env): Val {
  if (env.bindings.has(name)) return env.bindings.get(name)!;
  switch (name) {
    case 'note':
      return noteObject(env.doc);
    case 'file':
      return { kind: 'file', path: env.doc.path };
    case 'this':
      return env.context.self ? { kind: 'file', path: env.context.self.path } : null;
    default:
      return own(env.doc.note, name) ?? null;
  }
}

/** A file property of `file` (`file.name`, `this.file.tags`), read from its row. */
export function fileField(file: QueryFile, name: string, env: Env): Val {
  const row = rowOf(file, env);
  if (!row) return null;
  const f = row.file;
  switch (name as (typeof fileFields)[number]) {
    case 'file':
      return file;
    case 'properties':
      return noteObject(row);
    case 'name':
      return f.name;
    case 'basename':
      return f.basename;
    case 'path':
      return f.path;
    case 'folder':
      return f.folder;
    case 'ext':
      return f.ext;
    case 'size':
      return f.size;
    case 'ctime':
      return f.ctime;
    case 'mtime':
      return f.mtime;
    case 'tags':
      return f.tags;
    case 'aliases':
      return f.aliases;
    case 'links':
      return f.links;
    case 'embeds':
      return f.embeds;
    case 'backlinks':
      return f.backlinks;
    default:
      // `this.status`: a file's note property.
      return own(row.note, name) ?? null;
  }
}

function member(object: Val, name: string, env: Env): Val {
  const type = typeOf(object);
  switch (type) {
    case 'file':
      return fileField(object as QueryFile, name, env);
    case 'object':
      return own((object as QueryObject).fields, name) ?? null;
    case 'date': {
      const field = own(dateFields, name);
      return field ? field(new Date((object as QueryDate).time)) : null;
    }
    case 'string': {
      if (name === 'length') return [...(object as string)].length;
      const field = own(dateFields, name);
      const date = field && parseDate(object as string);
      return date ? field(new Date(date.time)) : null;
    }
    case 'list':
      return name === 'length' ? (object as readonly Value[]).length : null;
    default:
      return null;
  }
}

function index(object: Val, key: Val, env: Env): Val {
  if (isList(object) && typeof key === 'number') return object.at(Math.trunc(key)) ?? null;
  if (typeof object === 'string' && typeof key === 'number') return object.at(Math.trunc(key)) ?? null;
  if (typeof key === 'string') return member(object, key, env);
  return null;
}

function call(expr: Extract<Expr, { type: 'call' }>, env: Env): Val {
  const site = (): Omit<Call, 'env'> => ({
    args: expr.args,
    arg: (i) => evaluateStrict(expr.args[i]!, env),
    argWith: (i, bindings) => evaluateStrict(expr.args[i]!, withBindings(env, bindings)),
  });
  const { callee } = expr;
  if (callee.type === 'identifier') {
    const def = own(globals, callee.name);
    if (!def || expr.args.length < def.min || expr.args.length > def.max) throw new EvalFailure(`Unexpected call of \`${callee.name}\``);
    return def.call({ env, ...site() });
  }
  if (callee.type !== 'member') throw new EvalFailure('Unexpected call, expected a function or a method');
  const receiver = callee.object.type === 'identifier' && callee.object.name === 'formula' && !env.bindings.has('formula') ? env.formula(callee.name) : evaluateStrict(callee.object, env);
  const found = methodFor(receiver, callee.name);
  // A method of an absent value is absent, as a property of it is: `due.format("YYYY")` on a note without `due`.
  if (!found) {
    if (receiver === null) return null;
    throw new EvalFailure(`Unexpected method \`${callee.name}\` of a ${typeOf(receiver)}`);
  }
  if (expr.args.length < found.def.min || expr.args.length > found.def.max) throw new EvalFailure(`Unexpected arguments of \`${callee.name}\``);
  return found.def.call(found.self, { env, ...site() });
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, env: Env): Val {
  const left = evaluateStrict(leftExpr, env);
  if (op === '&&') return isTruthy(left) && isTruthy(evaluateStrict(rightExpr, env));
  if (op === '||') return isTruthy(left) || isTruthy(evaluateStrict(rightExpr, env));
  const right = evaluateStrict(rightExpr, env);
  switch (op) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const order = compare(left, right);
      if (order === undefined || Number.isNaN(order)) return false;
      return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
    }
    case '+':
      return plus(left, right);
    case '-':
      return minus(left, right);
    default:
      return multiplicative(op, left, right);
  }
}

function plus(left: Val, right: Val): Val {
  if (typeof left === 'number' && typeof right === 'number') return left + right;
  if (typeOf(left) === 'date') {
    const shifted = shiftDate(left as QueryDate, right, 1);
    if (shifted) return shifted;
  }
  if (typeOf(left) === 'duration' && typeOf(right) === 'duration') {
    const [a, b] = [left as QueryDuration, right as QueryDuration];
    return { kind: 'duration', months: a.months + b.months, ms: a.ms + b.ms };
  }
  if (typeof left === 'string' || typeof right === 'string') return display(left) + display(right);
  if (isList(left) && isList(right)) return [...left, ...right];
  return null;
}

function minus(left: Val, right: Val): Val {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeOf(left) === 'date') {
    // `now() - file.ctime`: milliseconds (help.obsidian.md/bases/syntax#Date arithmetic).
    if (typeOf(right) === 'date') return (left as QueryDate).time - (right as QueryDate).time;
    return shiftDate(left as QueryDate, right, -1) ?? null;
  }
  if (typeOf(left) === 'duration' && typeOf(right) === 'duration') {
    const [a, b] = [left as QueryDuration, right as QueryDuration];
    return { kind: 'duration', months: a.months - b.months, ms: a.ms - b.ms };
  }
  return null;
}

/** `*`, `/`, `%`: numbers, and a duration times or divided by a number (the duration on the left, as the docs say). */
function multiplicative(op: string, left: Val, right: Val): Val {
  if (typeof right !== 'number') return null;
  if (typeOf(left) === 'duration' && op !== '%') {
    const d = left as QueryDuration;
    if (op === '*') return { kind: 'duration', months: d.months * right, ms: d.ms * right };
    return right === 0 ? null : { kind: 'duration', months: 0, ms: durationMs(d) / right };
  }
  if (typeof left !== 'number') return null;
  if (op === '*') return left * right;
  // The docs say nothing of division by zero: the cell is empty rather than Infinity.
  if (right === 0) return null;
  return op === '/' ? left / right : left % right;
}
