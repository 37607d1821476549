import { describe, expect, it } from 'vitest';
import { parseBase, placeInYaml, viewNames } from '../../../src/queries/bases/base.ts';
import { parseExpression } from '../../../src/queries/bases/expression.ts';

// help.obsidian.md/bases/syntax#Example
const example = `filters:
  or:
    - file.hasTag("tag")
    - and:
        - file.hasTag("book")
        - file.hasLink("Textbook")
    - not:
        - file.hasTag("book")
        - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
properties:
  status:
    displayName: Status
  formula.formatted_price:
    displayName: "Price"
  file.ext:
    displayName: Extension
summaries:
  customAverage: 'values.mean().round(3)'
views:
  - type: table
    name: "My table"
    limit: 10
    groupBy:
      property: note.age
      direction: DESC
    filters:
      and:
        - 'status != "done"'
        - or:
            - "formula.ppu > 5"
            - "price > 2.1"
    order:
      - file.name
      - file.ext
      - note.age
      - formula.ppu
      - formula.formatted_price
    summaries:
      formula.ppu: Average
`;

/** The YAML text an expression's character `i` sits on. */
function at(text: string, offset: number, length: number): string {
  return text.slice(offset, offset + length);
}

describe('parseBase', () => {
  it('reads the syntax page example', () => {
    const { base, problems } = parseBase(example);
    expect(problems).toEqual([]);
    expect(base.filters).toMatchObject({ type: 'or', items: [{ type: 'expression', source: { text: 'file.hasTag("tag")' } }, { type: 'and' }, { type: 'not', items: [{}, {}] }] });
    expect([...base.formulas.keys()]).toEqual(['formatted_price', 'ppu']);
    expect(base.formulas.get('formatted_price')!.text).toBe('if(price, price.toFixed(2) + " dollars")');
    expect([...base.displayNames]).toEqual([['note.status', 'Status'], ['formula.formatted_price', 'Price'], ['file.ext', 'Extension']]);
    expect(base.summaries.get('customAverage')!.text).toBe('values.mean().round(3)');
    expect(viewNames(base)).toEqual(['My table']);
    const [view] = base.views;
    expect(view).toMatchObject({ type: 'table', name: 'My table', limit: 10, groupBy: { property: { id: 'note.age' }, direction: 'DESC' }, filters: { type: 'and' } });
    expect(view!.order.map((p) => p.id)).toEqual(['file.name', 'file.ext', 'note.age', 'formula.ppu', 'formula.formatted_price']);
    expect(view!.summaries).toMatchObject([{ property: { id: 'formula.ppu' }, summary: 'Average' }]);
  });

  it('keeps the offset of every character of an expression, inside quotes', () => {
    const { base } = parseBase(example);
    for (const source of [...base.formulas.values(), base.summaries.get('customAverage')!]) {
      expect(at(example, source.positions[0]!, source.text.length)).toBe(source.text);
    }
    const first = base.filters?.type === 'or' ? base.filters.items[0] : undefined;
    const plain = first?.type === 'expression' ? first.source : undefined;
    expect(plain && at(example, plain.positions[0]!, plain.text.length)).toBe('file.hasTag("tag")');
  });

  it.each([
    // [YAML, the expression's problem placed in the YAML text]
    [`filters: 'status != "done")'\n`, 'Unexpected `)`, expected an operator or the end of the expression', `filters: 'status != "done"`.length],
    [`filters: "status != \\"done\\")"\n`, 'Unexpected `)`, expected an operator or the end of the expression', `filters: "status != \\"done\\"`.length],
    [`filters: 'a == ''x'' + )'\n`, 'Unexpected `)`, expected an expression', `filters: 'a == ''x'' + `.length],
    [`filters: status == )\n`, 'Unexpected `)`, expected an expression', `filters: status == `.length],
    [`formulas:\n  x: |\n    price +\n      )\n`, 'Unexpected `)`, expected an expression', `formulas:\n  x: |\n    price +\n      `.length],
  ])('places a parse problem of %j in the YAML text', (yaml, message, offset) => {
    const { base } = parseBase(yaml);
    const source = base.filters?.type === 'expression' ? base.filters.source : base.formulas.get('x')!;
    const [problem] = parseExpression(source.text).problems;
    expect(placeInYaml(source, problem!)).toEqual({ message, start: offset, end: offset + 1 });
  });

  it.each([
    // [YAML, problems]
    ['filters: [\n', [{ message: expect.stringMatching(/^Invalid YAML: /), start: expect.any(Number), end: expect.any(Number) }]],
    ['a: 1\na: 2\n', [{ message: expect.stringMatching(/^Invalid YAML: Map keys must be unique/), start: 5, end: 6 }]],
    ['- 1\n', [{ message: 'Unexpected a list, expected a base (a mapping of `filters`, `formulas`, `properties`, `summaries`, `views`)', start: 0, end: 4 }]],
    ['fitlers: x\n', [{ message: 'Unexpected key `fitlers` in a base, expected one of `filters`, `formulas`, `properties`, `summaries`, `views`; did you mean `filters`?', start: 0, end: 7, severity: 'warning' }]],
    ['filters:\n  nand: []\n', [{ message: 'Unexpected key `nand` in a filter, expected `and`, `or` or `not`', start: 11, end: 15 }]],
    ['filters:\n  and: x\n', [{ message: 'Unexpected `x` after `and:`, expected a list of filters', start: 16, end: 17 }]],
    ['formulas:\n  a: [1]\n', [{ message: 'Unexpected a list, expected a formula (a string)', start: 15, end: 18 }]],
    ['views:\n  - type: table\n    limit: ten\n', [{ message: 'Unexpected `ten` for `limit`, expected a whole number', start: 34, end: 37 }]],
    ['views:\n  - type: table\n    sort:\n      - property: x\n        direction: UP\n', [{ message: 'Unexpected `UP`, expected `ASC` or `DESC`', start: 72, end: 74 }]],
    ['views:\n  - type: table\n    orders: []\n', [{ message: expect.stringMatching(/^Unexpected key `orders` in a view, .*did you mean `order`\?$/), start: 27, end: 33, severity: 'warning' }]],
    ['views:\n  - type: cards\n    image: note.cover\n    cardSize: 200\n', []],
    ['', []],
  ])('reports %j', (yaml, problems) => {
    expect(parseBase(yaml).problems).toEqual(problems);
  });

  it('reads sort as a list of property and direction, defaults included', () => {
    const { base } = parseBase('views:\n  - type: list\n    sort:\n      - property: due\n        direction: DESC\n      - property: file.name\n');
    expect(base.views[0]!.sort.map((s) => [s.property.id, s.direction])).toEqual([['note.due', 'DESC'], ['file.name', 'ASC']]);
    expect(base.views[0]!.name).toBe('View 1');
  });
});
