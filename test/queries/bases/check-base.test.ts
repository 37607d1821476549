import { describe, expect, it } from 'vitest';
import { parseBase } from '../../../src/queries/bases/base.ts';
import { checkBase, viewNames } from '../../../src/queries/bases/check-base.ts';
import type { QueryProblem, VaultNames } from '../../../src/queries/types.ts';

const names: VaultNames = {
  properties: new Set(['price', 'age', 'status', 'owner', 'due', 'last review']),
  folders: new Set(['runbooks']),
  tags: new Set(['ops']),
};

/** The problems of a base, each with the YAML text it covers. */
function check(yaml: string): Array<QueryProblem & { text: string }> {
  const { base, problems } = parseBase(yaml);
  expect(problems).toEqual([]);
  return checkBase(base, names).map((problem) => ({ ...problem, text: yaml.slice(problem.start, problem.end) }));
}

describe('checkBase', () => {
  it('accepts the syntax page example over a vault that has its properties', () => {
    const yaml = `filters:
  or:
    - file.hasTag("tag")
    - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
summaries:
  customAverage: 'values.mean().round(3)'
views:
  - type: table
    name: "My table"
    order: [file.name, note.age, formula.ppu]
    summaries:
      formula.ppu: customAverage
      note.age: Average
`;
    expect(check(yaml)).toEqual([]);
  });

  it.each([
    // [YAML, [message, severity, the YAML text it covers]]
    ['filters: \'status != )\'', ['Unexpected `)`, expected an expression', undefined, ')']],
    ['filters: "stauts == 1"', ['Unknown property `stauts`: no note has it; did you mean `status`?', 'warning', 'stauts']],
    ['filters: \'note["last reveiw"] > 1\'', ['Unknown property `last reveiw`: no note has it; did you mean `last review`?', 'warning', '"last reveiw"']],
    ['filters: "formula.nope > 1"', ['Unknown formula `nope`: `formulas` does not define it', undefined, 'nope']],
    ['filters: "file.nam == 1"', ['Unknown file property `file.nam`; did you mean `name`?', undefined, 'nam']],
    ['filters: "this.file.nam == 1"', ['Unknown file property `file.nam`; did you mean `name`?', undefined, 'nam']],
    ['filters: "iff(price, 1)"', ['Unknown function `iff`; did you mean `if`?', undefined, 'iff']],
    ['filters: "if(price)"', ['Unexpected 1 argument to `if()`, expected 2 to 3 arguments', undefined, 'if(price)']],
    ['filters: "now(1)"', ['Unexpected 1 argument to `now()`, expected 0 arguments', undefined, 'now(1)']],
    ['filters: "status.lowr()"', ['Unknown method `lowr`; did you mean `lower`?', undefined, 'lowr']],
    ['filters: \'status.startsWith()\'', ['Unexpected 0 arguments to `startsWith()`, expected 1 argument', undefined, 'startsWith()']],
    ['filters: \'file.hasTag()\'', ['Unexpected 0 arguments to `hasTag()`, expected at least 1 argument', undefined, 'hasTag()']],
    ['formulas:\n  pic: \'image("x.png")\'', ['`image()` renders in Obsidian only: the published page shows nothing here', 'info', 'image']],
    ['views:\n  - type: map\n    name: Sites', ['Map view `Sites` is shown as a table: maps need Obsidian', 'info', 't']],
    ['views:\n  - type: table\n    order: [file.name, stats]', ['Unknown property `stats`: no note has it; did you mean `status`?', 'warning', 'stats']],
    ['filters: \'/(a+)+$/.matches(status)\'', ['Unexpected regular expression /(a+)+$/ that can take exponential time, expected a simpler one', undefined, '/(a+)+$/']],
    ['views:\n  - type: table\n    summaries:\n      price: Averag', ['Unknown summary `Averag`, expected a built-in one or one of `summaries`; did you mean `Average`?', undefined, 'Averag']],
  ] as const)('%s', (yaml, [message, severity, text]) => {
    const [problem, ...rest] = check(yaml);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ message, text, ...(severity ? { severity } : {}) });
    if (!severity) expect(problem!.severity).toBeUndefined();
  });

  it('lets filter, map and reduce read value, index and acc, and summaries read values', () => {
    const yaml = `formulas:
  big: 'owner.filter(value > 1).map(value + index).reduce(acc + value, 0)'
summaries:
  total: 'values.sum()'
`;
    expect(check(yaml)).toEqual([]);
    expect(check(`formulas:\n  x: '[1].reduce(acc, acc)'\n`)).toMatchObject([{ message: expect.stringMatching(/^Unknown property `acc`/), severity: 'warning' }]);
  });

  it('reports formulas that refer to themselves, at each reference on the cycle', () => {
    const yaml = `formulas:
  a: "formula.b + 1"
  b: "formula.c * 2"
  c: "formula.a"
  d: "formula.d"
  e: "formula.a + 1"
`;
    expect(check(yaml).map((p) => [p.message, p.text])).toEqual([
      ['Unexpected circular reference `a` → `b` → `c` → `a`, expected a formula that does not depend on itself', 'b'],
      ['Unexpected circular reference `b` → `c` → `a` → `b`, expected a formula that does not depend on itself', 'c'],
      ['Unexpected circular reference `c` → `a` → `b` → `c`, expected a formula that does not depend on itself', 'a'],
      ['Unexpected circular reference `d` → `d`, expected a formula that does not depend on itself', 'd'],
    ]);
  });

  it('reports a second view of the same name, and lists view names for embeds', () => {
    const yaml = 'views:\n  - type: table\n    name: Open\n  - type: list\n    name: Open\n';
    expect(check(yaml).map((p) => p.message)).toEqual(['Unexpected second view named `Open`, expected each view name once (an embed names one)']);
    expect(viewNames(parseBase(yaml).base)).toEqual(['Open', 'Open']);
  });
});
