import { describe, expect, it } from 'vitest';
import type { Expr, Source } from '../../../src/queries/dataview/ast.ts';
import { parseDql, parseDqlExpression } from '../../../src/queries/dataview/dql.ts';
import { isIdentifier, tokenize } from '../../../src/queries/dataview/lexer.ts';

/** An expression as an S-expression, so that a case's expected tree fits on one line. */
function show(expr: Expr): string {
  switch (expr.type) {
    case 'literal':
      return JSON.stringify(expr.value);
    case 'namedDate':
      return `date(${expr.name})`;
    case 'link':
      return `${expr.embed ? '!' : ''}[[${expr.target}${expr.subpath ? `#${expr.subpath}` : ''}${expr.display ? `|${expr.display}` : ''}]]`;
    case 'field':
      return expr.name;
    case 'member':
      return `${show(expr.object)}.${expr.name}`;
    case 'index':
      return `${show(expr.object)}[${show(expr.index)}]`;
    case 'call':
      return `${expr.name}(${expr.args.map(show).join(', ')})`;
    case 'unary':
      return `(${expr.op} ${show(expr.operand)})`;
    case 'binary':
      return `(${expr.op} ${show(expr.left)} ${show(expr.right)})`;
    case 'list':
      return `[${expr.items.map(show).join(', ')}]`;
    case 'object':
      return `{${expr.entries.map((e) => `${e.key}: ${show(e.value)}`).join(', ')}}`;
    case 'lambda':
      return `(λ ${expr.params.join(' ')} ${show(expr.body)})`;
  }
}

function showSource(source: Source): string {
  switch (source.type) {
    case 'path':
      return `"${source.path}"`;
    case 'tag':
      return `#${source.tag}`;
    case 'link':
      return `[[${source.target}]]`;
    case 'outgoing':
      return `outgoing([[${source.target}]])`;
    case 'not':
      return `(not ${showSource(source.source)})`;
    default:
      return `(${source.type} ${showSource(source.left)} ${showSource(source.right)})`;
  }
}

describe('tokenize', () => {
  it('reads tags, links, dashed names and operators with their offsets', () => {
    expect(tokenize('LIST FROM #ops/db AND -"T" WHERE time-played >= 2').map((t) => [t.kind, t.value, t.start])).toEqual([
      ['ident', 'LIST', 0],
      ['ident', 'FROM', 5],
      ['tag', 'ops/db', 10],
      ['ident', 'AND', 18],
      ['op', '-', 22],
      ['string', 'T', 23],
      ['ident', 'WHERE', 27],
      ['ident', 'time-played', 33],
      ['op', '>=', 45],
      ['number', '2', 48],
      ['end', '', 49],
    ]);
  });

  it('tells a list of lists from a link', () => {
    expect(tokenize('[[1, 2], [3]]')[0]!.kind).toBe('op');
    expect(tokenize('[[Some note|Shown]]')[0]).toMatchObject({ kind: 'link', value: 'Some note|Shown' });
  });
});

describe('isIdentifier', () => {
  it.each([
    ['due-date', true],
    ['time_played2', true],
    ['⭐rating', true],
    ['Due Date', false],
    ['2nd', false],
    ['', false],
  ] as const)('%s: %s', (name, expected) => {
    expect(isIdentifier(name)).toBe(expected);
  });
});

describe('parseDqlExpression', () => {
  // https://blacksmithgu.github.io/obsidian-dataview/reference/expressions/ and …/reference/literals/
  const cases: Array<[string, string]> = [
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['a - b - c', '(- (- a b) c)'],
    ['time-played', 'time-played'],
    ['a = 1 and b != 2 or !c', '(or (and (= a 1) (!= b 2)) (! c))'],
    ['a & b | c', '(or (and a b) c)'],
    ['x AND y OR z', '(or (and x y) z)'],
    ['-200', '(- 200)'],
    ['file.mtime >= date(today) - dur(1 week)', '(>= file.mtime (- date(today) {"kind":"duration","months":0,"ms":604800000}))'],
    ['date(2021-09-20T20:17)', '{"kind":"date","time":1632169020000,"hasTime":true}'],
    ['date(2021-11-11)', '{"kind":"date","time":1636588800000,"hasTime":false}'],
    ['date(due)', 'date(due)'],
    ['date("2021-11-11")', 'date("2021-11-11")'],
    ['dur(1s 2m 3h)', '{"kind":"duration","months":0,"ms":10921000}'],
    ['dur(1 yr, 2 mo)', '{"kind":"duration","months":14,"ms":0}'],
    ['episode_metadata["previous"]', 'episode_metadata["previous"]'],
    ['list(1, 2, 3)[0]', 'list(1, 2, 3)[0]'],
    ['[[Some note#Steps|shown]].owner', '[[Some note#Steps|shown]].owner'],
    ['![[diagram.png]]', '![[diagram.png]]'],
    ['[1, [2, 3], []]', '[1, [2, 3], []]'],
    ['{ a: 1, "b c": "x" }', '{a: 1, b c: "x"}'],
    ['map(xs, (x) => x * 2)', 'map(xs, (λ x (* x 2)))'],
    ['reduce(xs, (a, b) => a + b)', 'reduce(xs, (λ a b (+ a b)))'],
    ['TRUE = true and null', '(and (= true true) null)'],
    ['row["where"]', 'row["where"]'],
  ];
  it.each(cases)('%s', (text, expected) => {
    const { expr, problems } = parseDqlExpression(text);
    expect(problems).toEqual([]);
    expect(show(expr!)).toBe(expected);
  });

  it.each([
    ['a b', { message: 'Unexpected `b`, expected the end of the expression', start: 2, end: 3 }],
    ['(a', { message: 'Unexpected end of query, expected `)`', start: 2, end: 2 }],
  ])('%s is one problem and no expression', (text, problem) => {
    expect(parseDqlExpression(text)).toEqual({ problems: [problem] });
  });
});

describe('parseDql', () => {
  it.each([
    ['LIST', { kind: 'list', withoutId: false }],
    ['list without id file.name', { kind: 'list', withoutId: true, text: 'file.name' }],
    ['TASK', { kind: 'task' }],
  ] as const)('%s', (text, expected) => {
    const { query, problems } = parseDql(text);
    expect(problems).toEqual([]);
    const type = query!.type;
    expect(type.kind).toBe(expected.kind);
    if ('withoutId' in expected && 'withoutId' in type) expect(type.withoutId).toBe(expected.withoutId);
    if ('text' in expected && type.kind === 'list') expect(type.expr?.text).toBe(expected.text);
  });

  it('reads TABLE columns with AS names, quoted or not', () => {
    const { query } = parseDql('TABLE WITHOUT ID file.link AS "Runbook", owner as Owner, (a + b) AS total, status');
    expect(query!.type).toMatchObject({ kind: 'table', withoutId: true });
    const columns = query!.type.kind === 'table' ? query!.type.columns : [];
    expect(columns.map((c) => [c.text, c.label])).toEqual([
      ['file.link', 'Runbook'],
      ['owner', 'Owner'],
      ['(a + b)', 'total'],
      ['status', 'status'],
    ]);
  });

  const sources: Array<[string, string]> = [
    ['LIST FROM "Ops"', '"Ops"'],
    ['LIST FROM #runbook AND -"Templates"', '(and #runbook (not "Templates"))'],
    ['LIST FROM #a or #b and !#c', '(or #a (and #b (not #c)))'],
    ['LIST FROM (#a or #b) and "x/y"', '(and (or #a #b) "x/y")'],
    ['LIST FROM [[Food]] OR outgoing([[Exercise]])', '(or [[Food]] outgoing([[Exercise]]))'],
    ['LIST FROM [[]]', '[[]]'],
  ];
  it.each(sources)('source of %s', (text, expected) => {
    const { query, problems } = parseDql(text);
    expect(problems).toEqual([]);
    expect(showSource(query!.source!)).toBe(expected);
  });

  it('keeps data commands in order, repeated, case-insensitive', () => {
    const { query, problems } = parseDql(
      'table x\nwhere a > 1\nSORT b DESC, c\nGroup By d AS dd\nflatten e\nFLATTEN f.g AS h\nwhere key != null\nlimit 5',
    );
    expect(problems).toEqual([]);
    expect(query!.commands.map((c) => (c.kind === 'group' || c.kind === 'flatten' ? `${c.kind}:${c.name}` : c.kind === 'sort' ? `sort:${c.keys.map((k) => k.descending).join()}` : c.kind === 'limit' ? `limit:${c.count}` : c.kind))).toEqual([
      'where',
      'sort:true,false',
      'group:dd',
      'flatten:e',
      'flatten:h',
      'where',
      'limit:5',
    ]);
  });

  it('tells the function sort( from the command SORT (', () => {
    const call = parseDql('TABLE sort(tags) WHERE (a) SORT (b)');
    expect(call.problems).toEqual([]);
    expect(call.query!.type.kind === 'table' && call.query!.type.columns.map((c) => c.text)).toEqual(['sort(tags)']);
    expect(call.query!.commands.map((c) => c.kind)).toEqual(['where', 'sort']);
  });

  it('reads the real-world index-page queries', () => {
    for (const text of [
      'TABLE file.mtime AS "Last Modified" FROM "Ops" SORT file.mtime DESC LIMIT 10',
      'LIST FROM #runbook AND -"Templates"',
      'TABLE owner, status WHERE type = "service" SORT file.name ASC',
    ]) {
      expect(parseDql(text).problems).toEqual([]);
    }
  });

  it('reports CALENDAR as needing Obsidian', () => {
    const { query, problems } = parseDql('CALENDAR file.day');
    expect(query?.type.kind).toBe('calendar');
    expect(problems).toEqual([{ message: 'A CALENDAR view needs Obsidian: it is left as it is in the published site', start: 0, end: 17, severity: 'info' }]);
  });

  // Offsets are into the whole text: the caller turns them into line:column of the file.
  const errors: Array<[string, string, number, number]> = [
    ['LIST\nWHER status = "open"', 'Unexpected `WHER`, expected FROM, WHERE, SORT, GROUP BY, FLATTEN, LIMIT or the end of the query', 5, 9],
    ['TABLE owner\nFROM "Ops"\nWHERE status =\nSORT file.name', 'Unexpected `SORT`, expected an expression', 38, 42],
    ['TABLE a\nFROM "x"\nWHERE b\nFROM "y"', 'Unexpected `FROM`, expected WHERE, SORT, GROUP BY, FLATTEN, LIMIT or the end of the query: FROM comes once, right after the query type', 25, 29],
    ['SELECT * FROM x', 'Unexpected `SELECT`, expected LIST, TABLE, TASK or CALENDAR', 0, 6],
    ['', 'Unexpected end of query, expected LIST, TABLE, TASK or CALENDAR', 0, 0],
    ['LIST FROM', 'Unexpected end of query, expected a source: "folder", #tag, [[link]] or outgoing([[link]])', 9, 9],
    ['LIST FROM #a AND', 'Unexpected end of query, expected a source: "folder", #tag, [[link]] or outgoing([[link]])', 16, 16],
    ['LIST WHERE contains(tags, "x"', 'Unexpected end of query, expected `,` or `)`', 29, 29],
    ['LIST WHERE x = "open', 'Unexpected an unclosed string, expected an expression', 15, 20],
    ['LIST WHERE a ~ b', 'Unexpected `~`, expected WHERE, SORT, GROUP BY, FLATTEN, LIMIT or the end of the query', 13, 14],
    ['LIST GROUP file.folder', 'Unexpected `file`, expected BY after GROUP', 11, 15],
    ['LIST LIMIT ten', 'Unexpected `ten`, expected a whole number after LIMIT', 11, 14],
    ['TABLE WITHOUT file.name', 'Unexpected `file`, expected ID after WITHOUT', 14, 18],
    ['TABLE x AS', 'Unexpected end of query, expected a column name after AS', 10, 10],
    ['LIST WHERE due < date(2026-13-45)', 'Unexpected `2026-13-45`, expected a date such as 2021-04-18 or today', 22, 32],
    ['LIST WHERE age > dur(3 fortnights)', 'Unexpected `3 fortnights`, expected a duration such as 1 day or 3 hours', 21, 33],
    ['LIST FROM outgoing("x")', 'Unexpected `"x"`, expected a link such as [[note]]', 19, 22],
  ];
  it.each(errors)('%j', (text, message, start, end) => {
    const { query, problems } = parseDql(text);
    expect(query).toBeUndefined();
    expect(problems).toEqual([{ message, start, end }]);
  });
});

describe('parseDql on hostile input', () => {
  it('reports deep nesting instead of overflowing the stack', () => {
    const deep = `LIST WHERE ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(parseDql(deep).problems[0]?.message).toBe('Unexpected `(`, expected at most 200 levels of nesting');
    expect(parseDql(`LIST FROM ${'-'.repeat(5000)}#a`).problems[0]?.message).toBe('Unexpected `-`, expected at most 200 levels of nesting');
  });

  it('never throws on arbitrary text', () => {
    const pieces = ['LIST', 'TABLE', 'TASK', 'FROM', 'WHERE', 'SORT', 'GROUP BY', 'FLATTEN', 'LIMIT', 'AS', '"x', '"y"', '#t', '[[a]]', '[[', ']]', '(', ')', '[', ']', '{', '}', ',', '.', ':', '=>', 'date(', 'dur(', '1 day', 'x', '-', '!', '+', '=', '\n', '€', '\\'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(' ');
      const { problems } = parseDql(text);
      for (const problem of problems) {
        expect(problem.start).toBeGreaterThanOrEqual(0);
        expect(problem.end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
