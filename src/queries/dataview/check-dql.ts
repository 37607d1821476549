/**
 * Checks a DQL query against the vault's names without running it: syntax errors, `FROM` folders and tags that do not
 * exist (with "did you mean"), unknown functions and wrong argument counts, regexes that could take exponential time.
 * An unknown field is no problem: in Dataview it is null.
 *
 * In: `LIST FROM "Opps" WHERE lenght(tags) > 1` with a folder `Ops`
 * Out: `Unexpected folder "Opps", expected a folder or file of the vault (did you mean "Ops"?)` (warning, at `"Opps"`),
 *      `Unexpected function lenght, expected one of Dataview's functions (did you mean length?)` (error, at `lenght`)
 */
import { suggest } from '../../diagnostics/suggest.ts';
import type { QueryProblem, VaultNames } from '../types.ts';
import type { DqlQuery, Expr, Source } from './ast.ts';
import { parseDql } from './dql.ts';
import { isCatastrophicRegex } from '../safe-regex.ts';
import { dqlFunctions, obsidianOnlyFunctions } from './functions.ts';

/** Regex functions and the index of their pattern argument. */
const regexArgument: Readonly<Record<string, number>> = { regextest: 0, regexmatch: 0, regexreplace: 1, split: 1 };

/**
 * The problems of `query`. `files` (vault paths) lets a `FROM "folder/file"` source be told from a missing folder;
 * without it only folders count.
 */
export function checkDql(query: string, names: VaultNames, files?: ReadonlySet<string>): QueryProblem[] {
  const parsed = parseDql(query);
  if (!parsed.query) return [...parsed.problems];
  return [...parsed.problems, ...checkSources(parsed.query.source, names, files), ...checkExpressions(parsed.query)];
}

function didYouMean(suggestions: readonly string[], quote: (s: string) => string): string {
  return suggestions.length ? ` (did you mean ${suggestions.map(quote).join(', ')}?)` : '';
}

function checkSources(source: Source | undefined, names: VaultNames, files: ReadonlySet<string> | undefined): QueryProblem[] {
  if (!source) return [];
  switch (source.type) {
    case 'path': {
      const path = source.path.replace(/^\/+|\/+$/g, '');
      if (path === '' || names.folders.has(path) || files?.has(path) || files?.has(`${path}.md`)) return [];
      const hint = didYouMean(suggest(path, [...names.folders, ...(files ?? [])]), (s) => `"${s}"`);
      return [{ message: `Unexpected folder "${source.path}", expected a folder or file of the vault${hint}`, start: source.start, end: source.end, severity: 'warning' }];
    }
    case 'tag': {
      const tag = source.tag.toLowerCase();
      if (names.tags.has(tag)) return [];
      const hint = didYouMean(suggest(tag, names.tags), (s) => `#${s}`);
      return [{ message: `Unexpected tag #${source.tag}, expected a tag some doc has${hint}`, start: source.start, end: source.end, severity: 'warning' }];
    }
    case 'and':
    case 'or':
      return [...checkSources(source.left, names, files), ...checkSources(source.right, names, files)];
    case 'not':
      return checkSources(source.source, names, files);
    default:
      // A link that resolves to nothing is the broken-link rule's to report, where the link is written.
      return [];
  }
}

function checkExpressions(query: DqlQuery): QueryProblem[] {
  const exprs: Expr[] = [];
  const type = query.type;
  if (type.kind === 'table') exprs.push(...type.columns.map((column) => column.expr));
  if ((type.kind === 'list' && type.expr) || type.kind === 'calendar') exprs.push(type.expr!.expr);
  for (const command of query.commands) {
    if (command.kind === 'sort') exprs.push(...command.keys.map((key) => key.expr));
    else if (command.kind !== 'limit') exprs.push(command.expr);
  }
  const problems: QueryProblem[] = [];
  for (const expr of exprs) visit(expr, (node) => problems.push(...checkCall(node)));
  return problems;
}

function checkCall(node: Expr): QueryProblem[] {
  if (node.type !== 'call') return [];
  const name = node.name.toLowerCase();
  if (obsidianOnlyFunctions.has(name)) {
    return [{ message: `${node.name}() needs Obsidian: it is null in the published site`, start: node.start, end: node.nameEnd, severity: 'info' }];
  }
  const f = dqlFunctions.get(name);
  if (!f) {
    const hint = didYouMean(suggest(name, dqlFunctions.keys()), (s) => s);
    return [{ message: `Unexpected function ${node.name}, expected one of Dataview's functions${hint}`, start: node.start, end: node.nameEnd }];
  }
  const count = node.args.length;
  if (count < f.min || count > f.max) {
    const expected = f.max === Infinity ? `at least ${f.min}` : f.min === f.max ? `${f.min}` : `${f.min} to ${f.max}`;
    return [{ message: `Unexpected ${count} argument${count === 1 ? '' : 's'} to ${node.name}, expected ${expected}`, start: node.start, end: node.end }];
  }
  const pattern = node.args[regexArgument[name] ?? -1];
  if (pattern?.type === 'literal' && typeof pattern.value === 'string' && isCatastrophicRegex(pattern.value)) {
    return [{ message: `Unexpected regex "${pattern.value}", expected no repeated group that itself repeats: it can take exponential time, so it is not run`, start: pattern.start, end: pattern.end, severity: 'warning' }];
  }
  return [];
}

/** Calls `f` on `expr` and every expression inside it. */
function visit(expr: Expr, f: (node: Expr) => void): void {
  f(expr);
  switch (expr.type) {
    case 'member':
      return visit(expr.object, f);
    case 'index':
      visit(expr.object, f);
      return visit(expr.index, f);
    case 'call':
      return expr.args.forEach((arg) => visit(arg, f));
    case 'unary':
      return visit(expr.operand, f);
    case 'binary':
      visit(expr.left, f);
      return visit(expr.right, f);
    case 'list':
      return expr.items.forEach((item) => visit(item, f));
    case 'object':
      return expr.entries.forEach((entry) => visit(entry.value, f));
    case 'lambda':
      return visit(expr.body, f);
  }
}
