import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/queries/bases/expression.ts';

describe('parseExpression', () => {
  it('parses with precedence and offsets on every node', () => {
    // help.obsidian.md/bases/syntax#Formulas: formatted_price
    const { expr } = parseExpression('if(price, price.toFixed(2) + " dollars")');
    expect(expr).toMatchObject({
      type: 'call',
      start: 0,
      end: 40,
      callee: { type: 'identifier', name: 'if', start: 0, end: 2 },
      args: [
        { type: 'identifier', name: 'price', start: 3, end: 8 },
        {
          type: 'binary',
          op: '+',
          start: 10,
          end: 39,
          left: { type: 'call', callee: { type: 'member', name: 'toFixed', nameStart: 16 }, args: [{ type: 'literal', value: 2 }] },
          right: { type: 'literal', value: ' dollars', start: 29, end: 39 },
        },
      ],
    });
  });

  it.each([
    // [expression, the tree's shape]
    ['1 + 2 * 3', { type: 'binary', op: '+', right: { type: 'binary', op: '*' } }],
    ['a || b && c', { type: 'binary', op: '||', right: { type: 'binary', op: '&&' } }],
    ['!a == b', { type: 'binary', op: '==', left: { type: 'unary', op: '!' } }],
    ['-x.abs()', { type: 'unary', op: '-', operand: { type: 'call' } }],
    ['a - -1', { type: 'binary', op: '-', right: { type: 'unary', op: '-' } }],
    ['note["name with spaces"]', { type: 'index', object: { name: 'note' }, index: { value: 'name with spaces' } }],
    ['this.file.name', { type: 'member', name: 'name', object: { type: 'member', name: 'file', object: { name: 'this' } } }],
    ["'single' + \"double\"", { type: 'binary', left: { value: 'single' }, right: { value: 'double' } }],
    ['"say \\"hi\\""', { type: 'literal', value: 'say "hi"' }],
    ['[1, "a", true, null]', { type: 'list', items: [{ value: 1 }, { value: 'a' }, { value: true }, { value: null }] }],
    ['{"a": 1, b: [2]}', { type: 'object', entries: [{ key: 'a' }, { key: 'b' }] }],
    ['5.isEmpty()', { type: 'call', callee: { type: 'member', name: 'isEmpty', object: { value: 5 } } }],
    ['(2.5).round()', { type: 'call', callee: { object: { value: 2.5, start: 0, end: 5 } } }],
    ['"a,b".replace(/,/g, "-")', { type: 'call', args: [{ type: 'regex', pattern: ',', flags: 'g' }, { value: '-' }] }],
    ['price / age / 2', { type: 'binary', op: '/', left: { type: 'binary', op: '/' }, right: { value: 2 } }],
    ['[1,2].filter(value > 1)', { type: 'call', args: [{ type: 'binary', op: '>' }] }],
  ])('%s', (text, shape) => {
    expect(parseExpression(text).expr).toMatchObject(shape);
  });

  it.each([
    // [expression, message, start, end]
    ['price > )', 'Unexpected `)`, expected an expression', 8, 9],
    ['(price / age', 'Unexpected end of expression, expected `)`', 12, 13],
    ['price age', 'Unexpected `age`, expected an operator or the end of the expression', 6, 9],
    ['if(a, b', 'Unexpected end of expression, expected `,` or `)`', 7, 8],
    ['"open', 'Unexpected end of expression, expected `"` to close the string', 0, 5],
    ['status == #done', 'Unexpected `#`, expected an expression', 10, 11],
    ['file.', 'Unexpected end of expression, expected a property or method name after `.`', 5, 6],
    ['[1, 2', 'Unexpected end of expression, expected `,` or `]`', 5, 6],
    ['', 'Unexpected end of expression, expected an expression', 0, 1],
    ['a && || b', 'Unexpected `||`, expected an expression', 5, 7],
    ['"x".replace(/(/, "")', 'Unexpected regular expression: Invalid regular expression: /(/: Unterminated group', 12, 15],
  ])('%s → %s at %i', (text, message, start, end) => {
    expect(parseExpression(text).problems).toEqual([{ message, start, end }]);
  });

  it('deep nesting is a problem, not a stack overflow', () => {
    const deep = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(parseExpression(deep).problems[0]?.message).toMatch(/^Unexpected nesting deeper than 256/);
    const long = `${'1 + '.repeat(100_000)}1`;
    expect(parseExpression(long).problems[0]?.message).toMatch(/^Unexpected expression more than 512 operations deep/);
    const chained = `x${'.trim()'.repeat(100_000)}`;
    expect(parseExpression(chained).problems[0]?.message).toMatch(/^Unexpected expression more than 512 operations deep/);
    const deepest = `${'1 + '.repeat(400)}1`;
    expect(parseExpression(deepest)).toMatchObject({ expr: { type: 'binary', op: '+', start: 0, end: deepest.length }, problems: [] });
  });
});
