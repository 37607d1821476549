/**
 * The Bases expression language (help.obsidian.md/bases/syntax, /bases/functions): a lexer and a Pratt parser
 * that turn a filter or formula into a tree whose every node carries its offsets in the expression string, so a
 * problem lands on the exact characters. Bad input is a `QueryProblem`, never an exception.
 *
 * In: `price.toFixed(2) + " dollars"`
 * Out: `{ type: 'binary', op: '+', left: { type: 'call', callee: { type: 'member', name: 'toFixed', … }, … },
 *        right: { type: 'literal', value: ' dollars', start: 19, end: 29 }, start: 0, end: 29 }`
 */
import type { QueryProblem } from '../types.ts';
import { SyntaxProblem } from '../syntax-problem.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type Expr = Span &
  (
    | { readonly type: 'literal'; readonly value: null | boolean | number | string }
    | { readonly type: 'regex'; readonly pattern: string; readonly flags: string }
    | { readonly type: 'list'; readonly items: readonly Expr[] }
    | { readonly type: 'object'; readonly entries: readonly { readonly key: string; readonly value: Expr }[] }
    | { readonly type: 'identifier'; readonly name: string }
    /** `object.name`; `nameStart` is where the name begins (for a problem about the name alone). */
    | { readonly type: 'member'; readonly object: Expr; readonly name: string; readonly nameStart: number }
    | { readonly type: 'index'; readonly object: Expr; readonly index: Expr }
    /** A global function when `callee` is an identifier, else a method of the member's object. */
    | { readonly type: 'call'; readonly callee: Expr; readonly args: readonly Expr[] }
    | { readonly type: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
    | { readonly type: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr }
  );

export type ParseResult = { readonly expr: Expr; readonly problems: readonly [] } | { readonly expr?: undefined; readonly problems: readonly [QueryProblem] };

type TokenType = 'number' | 'string' | 'regex' | 'name' | 'punct' | 'end';

interface Token extends Span {
  readonly type: TokenType;
  /** The source text; for a string, its value. */
  readonly text: string;
  readonly value?: number | string;
  readonly flags?: string;
}


const punctuators = ['&&', '||', '==', '!=', '<=', '>=', '(', ')', '[', ']', '{', '}', ',', '.', ':', '!', '<', '>', '+', '-', '*', '/', '%'];
const nameStart = /[\p{L}_$]/u;
const namePart = /[\p{L}\p{N}_$]/u;
const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Binding power of each infix operator: higher binds tighter. */
const infixPower: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};
const prefixPower = 7;
/** Deeper nesting is a problem, not a stack overflow (here, or in the evaluator and the check that recurse on trees). */
const maxDepth = 256;
const maxHeight = 512;

function describe(token: Token): string {
  return token.type === 'end' ? 'end of expression' : `\`${token.text}\``;
}

class Lexer {
  private pos = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  /** The next token; `regexAllowed` where an operand is expected, so that `/` starts a regular expression. */
  next(regexAllowed: boolean): Token {
    const text = this.text;
    while (this.pos < text.length && /\s/.test(text[this.pos]!)) this.pos++;
    const start = this.pos;
    if (start >= text.length) return { type: 'end', text: '', start, end: start };
    const c = text[start]!;
    if (/\d/.test(c) || (c === '.' && /\d/.test(text[start + 1] ?? ''))) return this.number(start);
    if (c === '"' || c === "'") return this.string(start, c);
    if (c === '/' && regexAllowed) return this.regex(start);
    if (nameStart.test(c)) {
      let end = start + 1;
      while (end < text.length && namePart.test(text[end]!)) end++;
      this.pos = end;
      return { type: 'name', text: text.slice(start, end), start, end };
    }
    const punct = punctuators.find((p) => text.startsWith(p, start));
    if (!punct) throw new SyntaxProblem(`Unexpected \`${c}\`, expected an expression`, start, start + 1);
    this.pos = start + punct.length;
    return { type: 'punct', text: punct, start, end: this.pos };
  }

  private number(start: number): Token {
    // A dot belongs to the number only before a digit: `5.isEmpty()` is a method of 5.
    const match = /^\d*(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(start))!;
    this.pos = start + match[0].length;
    return { type: 'number', text: match[0], value: Number(match[0]), start, end: this.pos };
  }

  private string(start: number, quote: string): Token {
    let value = '';
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== quote) {
      if (this.text[i] === '\\' && i + 1 < this.text.length) {
        const e = this.text[i + 1]!;
        value += escapes[e] ?? e;
        i += 2;
      } else {
        value += this.text[i];
        i++;
      }
    }
    if (i >= this.text.length) throw new SyntaxProblem(`Unexpected end of expression, expected \`${quote}\` to close the string`, start, this.text.length);
    this.pos = i + 1;
    return { type: 'string', text: this.text.slice(start, this.pos), value, start, end: this.pos };
  }

  private regex(start: number): Token {
    let i = start + 1;
    let inClass = false;
    while (i < this.text.length) {
      const c = this.text[i]!;
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i++;
    }
    if (i >= this.text.length) throw new SyntaxProblem('Unexpected end of expression, expected `/` to close the regular expression', start, this.text.length);
    const pattern = this.text.slice(start + 1, i);
    let end = i + 1;
    while (end < this.text.length && /[a-z]/.test(this.text[end]!)) end++;
    const flags = this.text.slice(i + 1, end);
    try {
      new RegExp(pattern, flags);
    } catch (error) {
      throw new SyntaxProblem(`Unexpected regular expression: ${(error as Error).message}`, start, end);
    }
    this.pos = end;
    return { type: 'regex', text: this.text.slice(start, end), value: pattern, flags, start, end };
  }
}

class Parser {
  private readonly lexer: Lexer;
  private token: Token;
  private depth = 0;
  private readonly heights = new WeakMap<Expr, number>();
  constructor(text: string) {
    this.lexer = new Lexer(text);
    this.token = this.lexer.next(true);
  }

  parse(): Expr {
    const expr = this.expression(0);
    if (this.token.type !== 'end') throw this.unexpected('an operator or the end of the expression');
    return expr;
  }

  private advance(regexAllowed: boolean): Token {
    const token = this.token;
    this.token = this.lexer.next(regexAllowed);
    return token;
  }

  private is(text: string): boolean {
    return this.token.type === 'punct' && this.token.text === text;
  }

  private expect(text: string, what: string): Token {
    if (!this.is(text)) throw this.unexpected(what);
    // After a closing bracket comes an operator, never an operand.
    return this.advance(!(text === ')' || text === ']' || text === '}'));
  }

  /** A composite node, once its height is known to be within bounds: `1 + 1 + … + 1` is a deep tree without parentheses. */
  private measure(expr: Expr): Expr {
    const height = 1 + Math.max(0, ...children(expr).map((child) => this.heights.get(child) ?? 1));
    if (height > maxHeight) throw new SyntaxProblem(`Unexpected expression more than ${maxHeight} operations deep, expected a simpler expression`, expr.start, expr.end);
    this.heights.set(expr, height);
    return expr;
  }

  private unexpected(expected: string): SyntaxProblem {
    return new SyntaxProblem(`Unexpected ${describe(this.token)}, expected ${expected}`, this.token.start, Math.max(this.token.end, this.token.start + 1));
  }

  private expression(minPower: number): Expr {
    if (++this.depth > maxDepth) throw new SyntaxProblem(`Unexpected nesting deeper than ${maxDepth}, expected a simpler expression`, this.token.start, this.token.end);
    const expr = this.operators(minPower);
    this.depth--;
    return expr;
  }

  private operators(minPower: number): Expr {
    let left = this.prefix();
    for (;;) {
      const token = this.token;
      if (token.type !== 'punct') break;
      if (token.text === '.' || token.text === '[' || token.text === '(') {
        left = this.measure(this.postfix(left));
        continue;
      }
      const power = infixPower[token.text];
      if (power === undefined || power <= minPower) break;
      this.advance(true);
      const right = this.expression(power);
      left = this.measure({ type: 'binary', op: token.text as BinaryOperator, left, right, start: left.start, end: right.end });
    }
    return left;
  }

  private postfix(object: Expr): Expr {
    const token = this.advance(this.token.text !== '.');
    if (token.text === '.') {
      const name = this.token;
      if (name.type !== 'name') throw this.unexpected('a property or method name after `.`');
      this.advance(false);
      return { type: 'member', object, name: name.text, nameStart: name.start, start: object.start, end: name.end };
    }
    if (token.text === '[') {
      const index = this.expression(0);
      const close = this.expect(']', '`]`');
      return { type: 'index', object, index, start: object.start, end: close.end };
    }
    const args = this.sequence(')');
    const close = this.expect(')', '`,` or `)`');
    return { type: 'call', callee: object, args, start: object.start, end: close.end };
  }

  /** Comma-separated expressions up to `close` (not consumed); a trailing comma is allowed. */
  private sequence(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.expression(0));
      if (!this.is(',')) break;
      this.advance(true);
    }
    return items;
  }

  private prefix(): Expr {
    const token = this.token;
    const { start, end } = token;
    switch (token.type) {
      case 'number':
        this.advance(false);
        return { type: 'literal', value: token.value as number, start, end };
      case 'string':
        this.advance(false);
        return { type: 'literal', value: token.value as string, start, end };
      case 'regex':
        this.advance(false);
        return { type: 'regex', pattern: token.value as string, flags: token.flags ?? '', start, end };
      case 'name': {
        this.advance(false);
        if (token.text === 'true' || token.text === 'false') return { type: 'literal', value: token.text === 'true', start, end };
        if (token.text === 'null') return { type: 'literal', value: null, start, end };
        return { type: 'identifier', name: token.text, start, end };
      }
      case 'punct':
        return this.prefixPunct(token);
      case 'end':
        throw this.unexpected('an expression');
    }
  }

  private prefixPunct(token: Token): Expr {
    const { start } = token;
    switch (token.text) {
      case '(': {
        this.advance(true);
        const inner = this.expression(0);
        const close = this.expect(')', '`)`');
        // The parentheses belong to the span, so a problem about `(a + b)` covers them.
        return this.measure({ ...inner, start, end: close.end });
      }
      case '!':
      case '-': {
        this.advance(true);
        const operand = this.expression(prefixPower);
        return this.measure({ type: 'unary', op: token.text, operand, start, end: operand.end });
      }
      case '[': {
        this.advance(true);
        const items = this.sequence(']');
        const close = this.expect(']', '`,` or `]`');
        return this.measure({ type: 'list', items, start, end: close.end });
      }
      case '{': {
        this.advance(true);
        const entries: { key: string; value: Expr }[] = [];
        while (!this.is('}')) {
          const key = this.token;
          if (key.type !== 'string' && key.type !== 'name') throw this.unexpected('a key (a string or a name)');
          this.advance(false);
          this.expect(':', '`:`');
          entries.push({ key: key.type === 'string' ? (key.value as string) : key.text, value: this.expression(0) });
          if (!this.is(',')) break;
          this.advance(false);
        }
        const close = this.expect('}', '`,` or `}`');
        return this.measure({ type: 'object', entries, start, end: close.end });
      }
      default:
        throw this.unexpected('an expression');
    }
  }
}

/** Parses one expression; a syntax error is the one problem, at offsets into `text`. */
export function parseExpression(text: string): ParseResult {
  try {
    return { expr: new Parser(text).parse(), problems: [] };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return { problems: [{ message: error.message, start: error.start, end: error.end }] };
  }
}

/** The sub-expressions of a node, for the checks. */
export function children(expr: Expr): readonly Expr[] {
  switch (expr.type) {
    case 'list':
      return expr.items;
    case 'object':
      return expr.entries.map((entry) => entry.value);
    case 'member':
      return [expr.object];
    case 'index':
      return [expr.object, expr.index];
    case 'call':
      return [expr.callee, ...expr.args];
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    default:
      return [];
  }
}
