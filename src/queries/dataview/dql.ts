/**
 * The Dataview query language (DQL) parser: tokens (lexer.ts) → a query (ast.ts), by recursive descent, with
 * precedence climbing for expressions. A syntax error is one problem at the offset of the token that does not fit,
 * an offset into the whole query text (the caller places it in the file). Keywords are case-insensitive.
 * Grammar: https://blacksmithgu.github.io/obsidian-dataview/queries/structure/ and …/reference/expressions/
 *
 * In: `LIST\nWHER status = "open"`
 * Out: `{ problems: [{ message: 'Unexpected `WHER`, expected FROM, WHERE, SORT, GROUP BY, FLATTEN, LIMIT or the end
 *        of the query', start: 5, end: 9 }] }`
 */
import { closeness } from '../../diagnostics/suggest.ts';
import type { QueryProblem } from '../types.ts';
import type { BinaryOp, Column, Command, DqlQuery, Expr, NamedDate, QueryType, SortKey, Source } from './ast.ts';
import { tokenize, type Token } from './lexer.ts';
import { needsObsidian } from './obsidian-only.ts';
import { parseDateText, parseDurationText } from './time.ts';
import { SyntaxProblem } from '../syntax-problem.ts';

export interface DqlParse {
  /** Undefined when the text has a syntax error. */
  readonly query?: DqlQuery;
  /** The syntax error, or what the query needs Obsidian for (a `CALENDAR` view, as `info`). */
  readonly problems: readonly QueryProblem[];
}


/** How deep expressions and sources may nest; real queries stay far below. */
const maxDepth = 200;

/** The words that open a data command (and `FROM`), lower-cased. */
export const commandKeywords: readonly string[] = ['from', 'where', 'sort', 'group', 'flatten', 'limit'];
const namedDates: readonly NamedDate[] = ['today', 'now', 'tomorrow', 'yesterday', 'sow', 'eow', 'som', 'eom', 'soy', 'eoy'];

/** Binary operators by precedence, loosest first; `&` and `|` are Dataview's spellings of `and` and `or`. */
const precedence: ReadonlyArray<Readonly<Record<string, BinaryOp>>> = [
  { or: 'or', '|': 'or' },
  { and: 'and', '&': 'and' },
  { '=': '=', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' },
  { '+': '+', '-': '-' },
  { '*': '*', '/': '/', '%': '%' },
];

/** The query and its problems; never throws. */
export function parseDql(text: string): DqlParse {
  const parser = new Parser(text);
  try {
    const query = parser.query();
    const problems = query.type.kind === 'calendar' ? [needsObsidian('calendar', query.type.start, query.type.end)] : [];
    return { query, problems };
  } catch (error) {
    return { problems: syntaxProblems(error) };
  }
}

/** An expression on its own (an inline `= …` query, a test), with the same problems. */
export function parseDqlExpression(text: string): { readonly expr?: Expr; readonly problems: readonly QueryProblem[] } {
  const parser = new Parser(text);
  try {
    const expr = parser.expression();
    parser.expectEnd('the end of the expression');
    return { expr, problems: [] };
  } catch (error) {
    return { problems: syntaxProblems(error) };
  }
}

/** A syntax error as the parse's one problem; any other error is a bug, and goes on up. */
function syntaxProblems(error: unknown): QueryProblem[] {
  if (!(error instanceof SyntaxProblem)) throw error;
  return [{ message: error.message, start: error.start, end: error.end }];
}

class Parser {
  private readonly text: string;
  private readonly tokens: Token[];
  private at = 0;
  private depth = 0;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  query(): DqlQuery {
    const type = this.queryType();
    let source: Source | undefined;
    if (this.isKeyword('from')) {
      this.next();
      source = this.source();
    }
    const commands: Command[] = [];
    while (this.peek().kind !== 'end') {
      try {
        commands.push(this.command(source === undefined && commands.length === 0));
      } catch (error) {
        throw (commands.length === 0 && !source && misspeltKeyword(type, error)) || error;
      }
    }
    return { type, source, commands };
  }

  expectEnd(what: string): void {
    if (this.peek().kind !== 'end') throw this.unexpected(what);
  }

  // --- Query type --------------------------------------------------------------------------------------------------

  private queryType(): QueryType {
    const token = this.peek();
    const kind = token.kind === 'ident' ? token.text.toLowerCase() : '';
    if (kind !== 'list' && kind !== 'table' && kind !== 'task' && kind !== 'calendar') {
      throw this.unexpected('LIST, TABLE, TASK or CALENDAR');
    }
    this.next();
    if (kind === 'task') return { kind, start: token.start, end: token.end };
    if (kind === 'calendar') {
      const expr = this.column(false);
      return { kind, expr, start: token.start, end: expr.end };
    }
    const withoutId = this.withoutId();
    if (kind === 'list') {
      const expr = this.startsExpression() ? this.column(false) : undefined;
      return { kind, withoutId, expr, start: token.start, end: expr?.end ?? this.previousEnd() };
    }
    const columns: Column[] = [];
    if (this.startsExpression()) {
      columns.push(this.column(true));
      while (this.isOp(',')) {
        this.next();
        columns.push(this.column(true));
      }
    }
    return { kind, withoutId, columns, start: token.start, end: this.previousEnd() };
  }

  private withoutId(): boolean {
    if (!this.isKeyword('without')) return false;
    this.next();
    if (!this.isKeyword('id')) throw this.unexpected('ID after WITHOUT');
    this.next();
    return true;
  }

  private column(named: boolean): Column {
    const expr = this.expression();
    const text = this.text.slice(expr.start, expr.end);
    if (named && this.isKeyword('as')) {
      this.next();
      const name = this.name('a column name after AS');
      return { expr, text, label: name, start: expr.start, end: this.previousEnd() };
    }
    return { expr, text, label: text, start: expr.start, end: expr.end };
  }

  /** An `AS` name: `"Last Modified"` or `modified`. */
  private name(what: string): string {
    const token = this.peek();
    if (token.kind !== 'string' && token.kind !== 'ident') throw this.unexpected(what);
    this.next();
    return token.value;
  }

  /** Whether the next token can start a column: not the end, not a data command's keyword. */
  private startsExpression(): boolean {
    const token = this.peek();
    if (token.kind === 'end') return false;
    return !(token.kind === 'ident' && commandKeywords.includes(token.text.toLowerCase())) || this.isCallAhead();
  }

  /** `sort(xs)` is the function, `SORT (a + b)` the command: a call's `(` follows its name without a space. */
  private isCallAhead(): boolean {
    const after = this.tokens[this.at + 1];
    return after?.kind === 'op' && after.text === '(' && after.start === this.peek().end;
  }

  // --- Sources ------------------------------------------------------------------------------------------------------

  private source(): Source {
    let left = this.sourceAnd();
    while (this.isKeyword('or')) {
      this.next();
      const right = this.sourceAnd();
      left = { type: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private sourceAnd(): Source {
    let left = this.sourceUnary();
    while (this.isKeyword('and')) {
      this.next();
      const right = this.sourceUnary();
      left = { type: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private sourceUnary(): Source {
    const token = this.peek();
    this.enter();
    try {
      if (this.isOp('-') || this.isOp('!')) {
        this.next();
        const source = this.sourceUnary();
        return { type: 'not', source, start: token.start, end: source.end };
      }
      return this.sourceAtom();
    } finally {
      this.depth--;
    }
  }

  private sourceAtom(): Source {
    const token = this.peek();
    const span = { start: token.start, end: token.end };
    if (token.kind === 'string') {
      this.next();
      return { type: 'path', path: token.value, ...span };
    }
    if (token.kind === 'tag') {
      this.next();
      return { type: 'tag', tag: token.value, ...span };
    }
    if (token.kind === 'link') {
      this.next();
      return { type: 'link', target: linkParts(token.value).target, ...span };
    }
    if (this.isOp('(')) {
      this.next();
      const inner = this.source();
      const close = this.expectOp(')', '`)`');
      return { ...inner, start: token.start, end: close.end };
    }
    if (this.isKeyword('outgoing')) {
      this.next();
      this.expectOp('(', '`(` after outgoing');
      const link = this.peek();
      if (link.kind !== 'link') throw this.unexpected('a link such as [[note]]');
      this.next();
      const close = this.expectOp(')', '`)`');
      return { type: 'outgoing', target: linkParts(link.value).target, start: token.start, end: close.end };
    }
    throw this.unexpected('a source: "folder", #tag, [[link]] or outgoing([[link]])');
  }

  // --- Data commands ------------------------------------------------------------------------------------------------

  private command(fromAllowed: boolean): Command {
    const token = this.peek();
    const keyword = token.kind === 'ident' ? token.text.toLowerCase() : '';
    const expected = `${fromAllowed ? 'FROM, ' : ''}WHERE, SORT, GROUP BY, FLATTEN, LIMIT or the end of the query`;
    if (keyword === 'from') {
      throw new SyntaxProblem(`Unexpected \`${token.text}\`, expected ${expected}: FROM comes once, right after the query type`, token.start, token.end);
    }
    if (!commandKeywords.includes(keyword)) throw this.unexpected(expected);
    this.next();
    switch (keyword) {
      case 'where': {
        const expr = this.expression();
        return { kind: 'where', expr, start: token.start, end: expr.end };
      }
      case 'sort': {
        const keys = [this.sortKey()];
        while (this.isOp(',')) {
          this.next();
          keys.push(this.sortKey());
        }
        return { kind: 'sort', keys, start: token.start, end: this.previousEnd() };
      }
      case 'group': {
        if (!this.isKeyword('by')) throw this.unexpected('BY after GROUP');
        this.next();
        const expr = this.expression();
        const name = this.asName();
        return { kind: 'group', expr, name, start: token.start, end: this.previousEnd() };
      }
      case 'flatten': {
        const expr = this.expression();
        const name = this.asName() ?? this.text.slice(expr.start, expr.end);
        return { kind: 'flatten', expr, name, start: token.start, end: this.previousEnd() };
      }
      default: {
        const count = this.peek();
        if (count.kind !== 'number' || count.text.includes('.')) throw this.unexpected('a whole number after LIMIT');
        this.next();
        return { kind: 'limit', count: Number(count.text), start: token.start, end: count.end };
      }
    }
  }

  private sortKey(): SortKey {
    const expr = this.expression();
    const direction = this.peek().kind === 'ident' ? this.peek().text.toLowerCase() : '';
    if (direction === 'asc' || direction === 'ascending') {
      this.next();
      return { expr, descending: false };
    }
    if (direction === 'desc' || direction === 'descending') {
      this.next();
      return { expr, descending: true };
    }
    return { expr, descending: false };
  }

  private asName(): string | undefined {
    if (!this.isKeyword('as')) return undefined;
    this.next();
    return this.name('a name after AS');
  }

  // --- Expressions --------------------------------------------------------------------------------------------------

  expression(): Expr {
    return this.binary(0);
  }

  private binary(level: number): Expr {
    if (level === precedence.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      const key = token.kind === 'op' ? token.text : token.kind === 'ident' ? token.text.toLowerCase() : '';
      const op = Object.hasOwn(precedence[level]!, key) ? precedence[level]![key] : undefined;
      if (!op) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { type: 'binary', op, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Expr {
    const token = this.peek();
    this.enter();
    try {
      if ((this.isOp('!') && !this.isEmbed()) || this.isOp('-')) {
        this.next();
        const operand = this.unary();
        return { type: 'unary', op: token.text as '!' | '-', operand, start: token.start, end: operand.end };
      }
      return this.postfix(this.primary());
    } finally {
      this.depth--;
    }
  }

  /** One level deeper into an expression or a source: a hostile `((((…` is a problem, not a stack overflow. */
  private enter(): void {
    if (++this.depth > maxDepth) {
      this.depth = 0;
      throw this.unexpected(`at most ${maxDepth} levels of nesting`);
    }
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.kind !== 'ident') throw this.unexpected('a field name after `.`');
        this.next();
        expr = { type: 'member', object: expr, name: name.text, start: expr.start, end: name.end };
      } else if (this.isOp('[')) {
        this.next();
        const index = this.expression();
        const close = this.expectOp(']', '`]`');
        expr = { type: 'index', object: expr, index, start: expr.start, end: close.end };
      } else return expr;
    }
  }

  private primary(): Expr {
    const token = this.peek();
    const span = { start: token.start, end: token.end };
    switch (token.kind) {
      case 'number':
        this.next();
        return { type: 'literal', value: Number(token.text), ...span };
      case 'string':
        this.next();
        return { type: 'literal', value: token.value, ...span };
      case 'link': {
        this.next();
        return { type: 'link', ...linkParts(token.value), embed: false, ...span };
      }
      case 'ident':
        // A data command's keyword ends the expression before it: `WHERE x =\nSORT y` lacks a value, not a field.
        if (commandKeywords.includes(token.text.toLowerCase()) && !this.isCallAhead()) break;
        return this.identifier(token);
      case 'op':
        if (token.text === '[') return this.list(token);
        if (token.text === '{') return this.object(token);
        if (token.text === '(') return this.lambda(token) ?? this.parenthesized(token);
        if (this.isEmbed()) {
          this.next();
          const link = this.next();
          return { type: 'link', ...linkParts(link.value), embed: true, start: token.start, end: link.end };
        }
    }
    throw this.unexpected('an expression');
  }

  private identifier(token: Token): Expr {
    this.next();
    const span = { start: token.start, end: token.end };
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { type: 'literal', value: lower === 'true', ...span };
    if (lower === 'null') return { type: 'literal', value: null, ...span };
    if (!this.isOp('(')) return { type: 'field', name: token.text, ...span };
    const literal = lower === 'date' || lower === 'dur' ? this.timeLiteral(token, lower) : undefined;
    if (literal) return literal;
    this.next();
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.expression());
      while (this.isOp(',')) {
        this.next();
        args.push(this.expression());
      }
    }
    const close = this.expectOp(')', args.length ? '`,` or `)`' : 'an argument or `)`');
    return { type: 'call', name: token.text, nameEnd: token.end, args, start: token.start, end: close.end };
  }

  /**
   * `date(today)`, `date(2021-09-20T20:17)`, `dur(1 day 4 hours)`: literals whose text is not made of tokens, read
   * from the raw text up to `)`. `date(field)` and `dur("…")` are ordinary calls.
   */
  private timeLiteral(name: Token, kind: 'date' | 'dur'): Expr | undefined {
    const open = this.peek();
    const close = this.text.indexOf(')', open.end);
    if (close < 0) return undefined;
    const raw = this.text.slice(open.end, close);
    const inner = raw.trim();
    const innerStart = open.end + raw.length - raw.trimStart().length;
    const span = { start: name.start, end: close + 1 };
    if (kind === 'date') {
      const named = namedDates.find((n) => n === inner.toLowerCase());
      const value = named ? undefined : /^\d{4}-\d{2}/.test(inner) ? parseDateText(inner) : undefined;
      if (!named && !value && !/^\d{4}-/.test(inner)) return undefined;
      if (!named && !value) throw new SyntaxProblem(`Unexpected \`${inner}\`, expected a date such as 2021-04-18 or today`, innerStart, innerStart + inner.length);
      this.skipTo(close + 1);
      return named ? { type: 'namedDate', name: named, ...span } : { type: 'literal', value: value!, ...span };
    }
    if (!/^\d/.test(inner)) return undefined;
    const value = parseDurationText(inner);
    if (!value) throw new SyntaxProblem(`Unexpected \`${inner}\`, expected a duration such as 1 day or 3 hours`, innerStart, innerStart + inner.length);
    this.skipTo(close + 1);
    return { type: 'literal', value, ...span };
  }

  private list(open: Token): Expr {
    this.next();
    const items: Expr[] = [];
    if (!this.isOp(']')) {
      items.push(this.expression());
      while (this.isOp(',')) {
        this.next();
        items.push(this.expression());
      }
    }
    const close = this.expectOp(']', items.length ? '`,` or `]`' : 'an expression or `]`');
    return { type: 'list', items, start: open.start, end: close.end };
  }

  private object(open: Token): Expr {
    this.next();
    const entries: Array<{ key: string; value: Expr }> = [];
    while (!this.isOp('}')) {
      if (entries.length) this.expectOp(',', '`,` or `}`');
      const key = this.name('a key (a name or a "string")');
      this.expectOp(':', '`:` after the key');
      entries.push({ key, value: this.expression() });
    }
    const close = this.next();
    return { type: 'object', entries, start: open.start, end: close.end };
  }

  /** `(x, y) => body`, told apart from a parenthesized expression by looking ahead for `) =>`. */
  private lambda(open: Token): Expr | undefined {
    let i = this.at + 1;
    const params: string[] = [];
    while (this.tokens[i]?.kind === 'ident') {
      params.push(this.tokens[i]!.text);
      i++;
      if (this.tokens[i]?.text !== ',' || this.tokens[i]?.kind !== 'op') break;
      i++;
    }
    if (this.tokens[i]?.text !== ')' || this.tokens[i + 1]?.text !== '=>') return undefined;
    this.at = i + 2;
    const body = this.expression();
    return { type: 'lambda', params, body, start: open.start, end: body.end };
  }

  private parenthesized(open: Token): Expr {
    this.next();
    const inner = this.expression();
    const close = this.expectOp(')', '`)`');
    return { ...inner, start: open.start, end: close.end };
  }

  // --- Tokens -------------------------------------------------------------------------------------------------------

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    const token = this.tokens[this.at]!;
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private previousEnd(): number {
    return this.at > 0 ? this.tokens[this.at - 1]!.end : 0;
  }

  private skipTo(offset: number): void {
    while (this.peek().kind !== 'end' && this.peek().start < offset) this.at++;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === op;
  }

  /** `![[x]]`: an embed, not `!` applied to a link. */
  private isEmbed(): boolean {
    const after = this.tokens[this.at + 1];
    return this.isOp('!') && after?.kind === 'link' && after.start === this.peek().end;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text.toLowerCase() === word;
  }

  private expectOp(op: string, what: string): Token {
    if (!this.isOp(op)) throw this.unexpected(what);
    return this.next();
  }

  private unexpected(expected: string): SyntaxProblem {
    const token = this.peek();
    if (token.kind === 'end') return new SyntaxProblem(`Unexpected end of query, expected ${expected}`, token.start, token.end);
    const what = token.kind === 'invalid' && token.value !== token.text ? token.value : `\`${token.text}\``;
    return new SyntaxProblem(`Unexpected ${what}, expected ${expected}`, token.start, token.end);
  }
}

/**
 * `LIST\nWHER x`: `WHER` reads as the list's field, and the error would fall on `x`. When the last column is a lone
 * name a typo away from a data command, the error is that name.
 */
function misspeltKeyword(type: QueryType, error: unknown): SyntaxProblem | undefined {
  if (!(error instanceof SyntaxProblem)) return undefined;
  const last = type.kind === 'list' ? type.expr : type.kind === 'table' ? type.columns.at(-1) : undefined;
  if (last?.expr.type !== 'field' || last.label !== last.text) return undefined;
  const name = last.expr.name;
  if (!commandKeywords.some((keyword) => closeness(name.toLowerCase(), keyword) !== undefined)) return undefined;
  const expected = error.message.slice(error.message.indexOf(', expected ') + 2);
  return new SyntaxProblem(`Unexpected \`${name}\`, ${expected}`, last.start, last.end);
}

/** `note#Heading|Shown` → its parts; the target is what resolves. */
function linkParts(inner: string): { target: string; subpath?: string; display?: string } {
  const bar = inner.indexOf('|');
  const display = bar >= 0 ? inner.slice(bar + 1) : undefined;
  const ref = bar >= 0 ? inner.slice(0, bar) : inner;
  const hash = ref.indexOf('#');
  return { target: (hash >= 0 ? ref.slice(0, hash) : ref).trim(), subpath: hash >= 0 ? ref.slice(hash + 1) : undefined, display };
}
