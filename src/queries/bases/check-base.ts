/**
 * Checks a base against the vault's names without running it: expressions that do not parse, `formula.x` that is
 * not defined, formulas that depend on themselves, unknown functions, methods and file properties, wrong argument
 * counts (errors); note properties no doc has (warnings, with "did you mean"); unknown summaries; what only
 * Obsidian can show (infos). Every problem is at offsets into the base's YAML text.
 *
 * In: a base with `formulas: { ppu: "price / agee" }` and a vault whose notes have `price` and `age`
 * Out: `[{ message: 'Unknown property `agee`: no note has it; did you mean `age`?', severity: 'warning', start: 27, end: 31 }]`
 */
import type { QueryProblem, VaultNames } from '../types.ts';
import { safeRegex } from '../safe-regex.ts';
import { didYouMean, placeInYaml, type Base, type BaseExpression, type BaseFilter, type BaseProperty } from './base.ts';
import { children, parseExpression, type Expr } from './expression.ts';
import { fileFields, globals, methodArity } from './functions.ts';
import { builtInSummaryNames } from './summaries.ts';
import { own } from './values.ts';

export { viewNames } from './base.ts';

/** The bindings a list method gives its argument (help.obsidian.md/bases/functions#List filter(), map(), reduce()). */
const lambdaBindings: Readonly<Record<string, readonly string[]>> = { filter: ['value', 'index'], map: ['value', 'index'], reduce: ['value', 'index', 'acc'] };
const layouts = ['table', 'list', 'cards'];

function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return max === Number.POSITIVE_INFINITY ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
}

/** `this.file`, whose members are file properties as `file`'s are. */
function isThisFile(expr: Expr, scope: ReadonlySet<string>): boolean {
  return expr.type === 'member' && expr.name === 'file' && expr.object.type === 'identifier' && expr.object.name === 'this' && !scope.has('this');
}

class Checker {
  readonly problems: QueryProblem[] = [];
  private readonly base: Base;
  private readonly names: VaultNames;
  constructor(base: Base, names: VaultNames) {
    this.base = base;
    this.names = names;
  }

  /** Parses and checks one expression; its tree, for the formula graph. */
  expression(source: BaseExpression, scope: readonly string[] = []): Expr | undefined {
    const parsed = parseExpression(source.text);
    if (!parsed.expr) {
      for (const problem of parsed.problems) this.problems.push(placeInYaml(source, problem));
      return undefined;
    }
    const report = (start: number, end: number, message: string, severity?: QueryProblem['severity']) =>
      this.problems.push(placeInYaml(source, severity ? { message, start, end, severity } : { message, start, end }));
    this.visit(parsed.expr, new Set(scope), report);
    return parsed.expr;
  }

  private visit(expr: Expr, scope: ReadonlySet<string>, report: (start: number, end: number, message: string, severity?: QueryProblem['severity']) => void): void {
    const visit = (child: Expr, inner = scope) => this.visit(child, inner, report);
    switch (expr.type) {
      case 'identifier':
        if (!scope.has(expr.name) && !['note', 'file', 'this', 'formula'].includes(expr.name)) this.noteProperty(expr.name, expr.start, expr.end, report);
        return;
      case 'member': {
        const object = expr.object.type === 'identifier' && !scope.has(expr.object.name) ? expr.object.name : undefined;
        if (object === 'formula') this.formula(expr.name, expr.nameStart, expr.end, report);
        else if (object === 'note') this.noteProperty(expr.name, expr.nameStart, expr.end, report);
        else if (object === 'file' || isThisFile(expr.object, scope)) this.fileField(expr.name, expr.nameStart, expr.end, report);
        else visit(expr.object);
        return;
      }
      case 'index': {
        const object = expr.object.type === 'identifier' && !scope.has(expr.object.name) ? expr.object.name : undefined;
        const key = expr.index.type === 'literal' && typeof expr.index.value === 'string' ? expr.index.value : undefined;
        if (key !== undefined && object === 'formula') this.formula(key, expr.index.start, expr.index.end, report);
        else if (key !== undefined && object === 'note') this.noteProperty(key, expr.index.start, expr.index.end, report);
        else visit(expr.object);
        visit(expr.index);
        return;
      }
      case 'call':
        this.call(expr, scope, report);
        return;
      case 'list':
        expr.items.forEach((item) => visit(item));
        return;
      case 'object':
        expr.entries.forEach((entry) => visit(entry.value));
        return;
      case 'unary':
        visit(expr.operand);
        return;
      case 'binary':
        visit(expr.left);
        visit(expr.right);
        return;
      case 'regex':
        if (!safeRegex(expr.pattern, expr.flags)) report(expr.start, expr.end, `Unexpected regular expression /${expr.pattern}/ that can take exponential time, expected a simpler one`);
        return;
      default:
        return;
    }
  }

  private call(expr: Extract<Expr, { type: 'call' }>, scope: ReadonlySet<string>, report: (start: number, end: number, message: string, severity?: QueryProblem['severity']) => void): void {
    const { callee, args } = expr;
    let bindings: readonly string[] = [];
    if (callee.type === 'identifier') {
      const def = own(globals, callee.name);
      if (!def) report(callee.start, callee.end, `Unknown function \`${callee.name}\`${didYouMean(callee.name, Object.keys(globals))}`);
      else {
        if (args.length < def.min || args.length > def.max) report(expr.start, expr.end, `Unexpected ${args.length} argument${args.length === 1 ? '' : 's'} to \`${callee.name}()\`, expected ${arity(def.min, def.max)}`);
        if (def.needsApp) report(callee.start, callee.end, `${def.needsApp}: the published page shows nothing here`, 'info');
      }
    } else if (callee.type === 'member') {
      const known = methodArity.get(callee.name);
      if (!known) report(callee.nameStart, callee.end, `Unknown method \`${callee.name}\`${didYouMean(callee.name, methodArity.keys())}`);
      else if (args.length < known.min || args.length > known.max)
        report(callee.nameStart, expr.end, `Unexpected ${args.length} argument${args.length === 1 ? '' : 's'} to \`${callee.name}()\`, expected ${arity(known.min, known.max)}`);
      bindings = own(lambdaBindings, callee.name) ?? [];
      this.visit(callee.object, scope, report);
    } else {
      report(callee.start, callee.end, 'Unexpected call of a value, expected a function or a method');
      this.visit(callee, scope, report);
    }
    const inner = bindings.length > 0 ? new Set([...scope, ...bindings]) : scope;
    // `reduce`'s second argument is its start value: no `value` or `acc` there.
    args.forEach((arg, i) => this.visit(arg, callee.type === 'member' && callee.name === 'reduce' && i > 0 ? scope : inner, report));
  }

  private formula(name: string, start: number, end: number, report: (start: number, end: number, message: string) => void): void {
    if (!this.base.formulas.has(name)) report(start, end, `Unknown formula \`${name}\`: \`formulas\` does not define it${didYouMean(name, this.base.formulas.keys())}`);
  }

  private noteProperty(name: string, start: number, end: number, report: (start: number, end: number, message: string, severity?: QueryProblem['severity']) => void): void {
    if (!this.names.properties.has(name)) report(start, end, `Unknown property \`${name}\`: no note has it${didYouMean(name, this.names.properties)}`, 'warning');
  }

  private fileField(name: string, start: number, end: number, report: (start: number, end: number, message: string) => void): void {
    if (!(fileFields as readonly string[]).includes(name)) report(start, end, `Unknown file property \`file.${name}\`${didYouMean(name, fileFields)}`);
  }

  /** A property `order`, `sort`, `groupBy`, `properties` or a summary names. */
  property(property: BaseProperty): void {
    const [prefix, ...rest] = property.id.split('.');
    const name = rest.join('.');
    const whole = { start: 0, end: property.source.text.length };
    const report = (_start: number, _end: number, message: string, severity?: QueryProblem['severity']) =>
      this.problems.push(placeInYaml(property.source, severity ? { message, ...whole, severity } : { message, ...whole }));
    if (prefix === 'formula') this.formula(name, 0, 0, report);
    else if (prefix === 'file') this.fileField(name, 0, 0, report);
    else this.noteProperty(name, 0, 0, report);
  }

  filter(filter: BaseFilter | undefined): void {
    if (!filter) return;
    if (filter.type === 'expression') this.expression(filter.source);
    else filter.items.forEach((item) => this.filter(item));
  }
}

/** The formulas each formula reads (`formula.x`, `formula["x"]`). */
function formulaReferences(expr: Expr, found: Array<{ name: string; start: number; end: number }> = []): Array<{ name: string; start: number; end: number }> {
  if (expr.type === 'member' && expr.object.type === 'identifier' && expr.object.name === 'formula') found.push({ name: expr.name, start: expr.nameStart, end: expr.end });
  if (expr.type === 'index' && expr.object.type === 'identifier' && expr.object.name === 'formula' && expr.index.type === 'literal' && typeof expr.index.value === 'string')
    found.push({ name: expr.index.value, start: expr.index.start, end: expr.index.end });
  for (const child of children(expr)) formulaReferences(child, found);
  return found;
}

/** One problem per formula on a cycle, at its reference to the next formula of the cycle. */
function cycleProblems(base: Base, trees: ReadonlyMap<string, Expr>): QueryProblem[] {
  const problems: QueryProblem[] = [];
  const edges = new Map([...trees].map(([name, tree]) => [name, formulaReferences(tree).filter((ref) => trees.has(ref.name))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const ref of edges.get(name) ?? []) {
      if (state.get(ref.name) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(ref.name)), ref.name];
        for (let i = 0; i < cycle.length - 1; i++) {
          const from = cycle[i]!;
          if (reported.has(from)) continue;
          reported.add(from);
          const at = edges.get(from)!.find((r) => r.name === cycle[i + 1])!;
          const path = [...cycle.slice(i), ...cycle.slice(1, i + 1)].map((n) => `\`${n}\``).join(' → ');
          problems.push(placeInYaml(base.formulas.get(from)!, { message: `Unexpected circular reference ${path}, expected a formula that does not depend on itself`, start: at.start, end: at.end }));
        }
      } else if (!state.has(ref.name)) visit(ref.name);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of trees.keys()) if (!state.has(name)) visit(name);
  return problems;
}

/** Every problem of a base that the vault's names can tell, in the order of the YAML text. */
export function checkBase(base: Base, names: VaultNames): QueryProblem[] {
  const checker = new Checker(base, names);
  checker.filter(base.filters);
  const trees = new Map<string, Expr>();
  for (const [name, source] of base.formulas) {
    const tree = checker.expression(source);
    if (tree) trees.set(name, tree);
  }
  for (const source of base.summaries.values()) checker.expression(source, ['values']);
  const seen = new Set<string>();
  for (const view of base.views) {
    const at = { start: view.start, end: Math.min(view.end, view.start + 1) };
    if (seen.has(view.name)) checker.problems.push({ message: `Unexpected second view named \`${view.name}\`, expected each view name once (an embed names one)`, ...at, severity: 'warning' });
    seen.add(view.name);
    if (view.type === 'map') checker.problems.push({ message: `Map view \`${view.name}\` is shown as a table: maps need Obsidian`, ...at, severity: 'info' });
    else if (!layouts.includes(view.type)) checker.problems.push({ message: `View type \`${view.type}\` comes from a plugin: \`${view.name}\` is shown as a table`, ...at, severity: 'info' });
    checker.filter(view.filters);
    for (const property of [...view.order, ...view.sort.map((s) => s.property), ...(view.groupBy ? [view.groupBy.property] : [])]) checker.property(property);
    for (const summary of view.summaries) {
      checker.property(summary.property);
      if (!builtInSummaryNames.includes(summary.summary) && !base.summaries.has(summary.summary))
        checker.problems.push({
          message: `Unknown summary \`${summary.summary}\`, expected a built-in one or one of \`summaries\`${didYouMean(summary.summary, [...builtInSummaryNames, ...base.summaries.keys()])}`,
          start: summary.start,
          end: Math.max(summary.end, summary.start + 1),
        });
    }
  }
  return [...checker.problems, ...cycleProblems(base, trees)].sort((a, b) => a.start - b.start || a.end - b.end);
}
