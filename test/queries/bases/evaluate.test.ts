import { describe, expect, it } from 'vitest';
import { evaluate, rowEnv } from '../../../src/queries/bases/evaluate.ts';
import { parseExpression, type Expr } from '../../../src/queries/bases/expression.ts';
import type { QueryDoc, Value } from '../../../src/queries/types.ts';
import { at, contextOf, day, doc, link } from './vault.ts';

const sre = doc('teams/sre.md', { lead: 'Ana' }, { tags: ['team'] });
const rollback = doc(
  'runbooks/db/rollback.md',
  {
    price: 3,
    age: 0,
    status: 'active',
    owner: link('sre', 'teams/sre.md'),
    authors: [link('sre', 'teams/sre.md')],
    labels: ['db', 'ops'],
    reviewed: day('2026-01-05'),
    at: at('2026-01-05T10:00:00'),
    'last review': '2026-01-05 10:00',
    meta: { kind: 'object', fields: { tier: 1 } },
  },
  { tags: ['ops/db', 'Runbook'], links: [link('sre', 'teams/sre.md'), link('missing')], mtime: at('2026-01-08T12:00:00') as never },
);
const docs = [sre, rollback];

function parse(text: string): Expr {
  const result = parseExpression(text);
  if (!result.expr) throw new Error(`${text}: ${result.problems[0]?.message}`);
  return result.expr;
}

function run(text: string, row: QueryDoc = rollback, formulas: Record<string, string> = {}, self?: QueryDoc) {
  const context = contextOf(docs, self ? { self } : {});
  const parsed = new Map(Object.entries(formulas).map(([name, source]) => [name, parse(source)]));
  return evaluate(parse(text), rowEnv(row, context, parsed));
}

// Each case: [expression, expected value, the page and section it comes from].
const cases: Array<[string, Value, string]> = [
  // help.obsidian.md/bases/syntax#Arithmetic operators
  ['radius * (2 * 3.14)', null, 'syntax#Arithmetic operators (absent property)'],
  ['1 + 2 * 3', 7, 'syntax#Arithmetic operators'],
  ['(1 + 2) * 3', 9, 'syntax#Arithmetic operators'],
  ['7 % 4', 3, 'syntax#Arithmetic operators'],
  ['-price + 1', -2, 'syntax#Arithmetic operators'],
  // help.obsidian.md/bases/syntax#Comparison operators
  ['price > 2.1', true, 'syntax#Comparison operators'],
  ['status != "done"', true, 'syntax#Comparison operators'],
  ['reviewed < date("2026-02-01")', true, 'syntax#Comparison operators (dates)'],
  // help.obsidian.md/bases/syntax#Boolean operators
  ['!age && price > 0', true, 'syntax#Boolean operators'],
  ['age || price == 4', false, 'syntax#Boolean operators'],
  // help.obsidian.md/bases/syntax#Date arithmetic
  ['date("2024-12-01") + "1M" + "4h" + "3m"', at('2025-01-01T04:03:00'), 'syntax#Date arithmetic'],
  ['(now() + "1d") - now()', 86_400_000, 'syntax#Dates and durations'],
  ['file.mtime > now() - "1 week"', true, 'syntax#Date arithmetic'],
  ['today() + "7d"', day('2026-01-17'), 'syntax#Dates and durations'],
  ['date("2026-01-31") + "1 month"', day('2026-02-28'), 'syntax#Date arithmetic (end of month)'],
  ['date("2026-01-05") - "2w"', day('2025-12-22'), 'syntax#Date arithmetic (weeks)'],
  ['date("2026-01-05") + "3 months"', day('2026-04-05'), 'syntax#Date arithmetic (months spelled out)'],
  ['now() + (duration("1d") * 2) == date("2026-01-12 12:00")', true, 'functions#duration()'],
  // help.obsidian.md/bases/syntax#Note properties, #File properties, #Access properties with this
  ['note.price', 3, 'syntax#Note properties'],
  ['note["last review"]', '2026-01-05 10:00', 'syntax#Formulas (note["price"])'],
  ['file.name', 'rollback.md', 'syntax#File properties'],
  ['file.folder', 'runbooks/db', 'syntax#File properties'],
  ['file.ext == "md"', true, 'syntax#File properties'],
  ['meta.tier', 1, 'syntax#Objects and lists (dot notation)'],
  ['meta["tier"]', 1, 'syntax#Objects and lists (brackets)'],
  ['labels[0]', 'db', 'syntax#Objects and lists (0-based index)'],
  // help.obsidian.md/bases/syntax#Files and links
  ['owner == link("sre")', true, 'syntax#Files and links (same file)'],
  ['link("nowhere") == link("nowhere")', true, 'syntax#Files and links (unresolved, same text)'],
  ['owner == file("teams/sre.md")', true, 'syntax#Files and links (link equals file)'],
  ['owner.asFile().file.name', 'sre.md', 'functions#Link asFile()'],
  ['link("sre", "the team")', { kind: 'link', target: 'sre', path: 'teams/sre.md', display: 'the team' }, 'functions#Global link()'],
  // help.obsidian.md/bases/functions#Global
  ['if(price, price.toFixed(2) + " dollars")', '3.00 dollars', 'syntax#Formulas (formatted_price)'],
  ['if(age, "old")', null, 'functions#if() (no falseResult)'],
  ['if(age, "old", "new")', 'new', 'functions#if()'],
  ['number("3.4")', 3.4, 'functions#number()'],
  ['number(true)', 1, 'functions#number()'],
  ['number("x")', null, 'functions#number() (invalid → an error, null here)'],
  ['number(date("1970-01-02"))', 86_400_000, 'functions#number() (dates)'],
  ['number(duration("1M 1d"))', 31 * 86_400_000, 'functions#number() (durations: a month as 30 days)'],
  ['list("value")', ['value'], 'functions#list()'],
  ['list(labels)', ['db', 'ops'], 'functions#list()'],
  ['max(1, 5, 3)', 5, 'functions#max()'],
  ['min(4, 2)', 2, 'functions#min()'],
  ['date("2025-01-01 12:00:00")', at('2025-01-01T12:00:00'), 'functions#date()'],
  ['escapeHTML("<b>")', '&#60;b&#62;', 'functions#escapeHTML()'],
  ['icon("plus")', null, 'functions#icon() (needs the app)'],
  // help.obsidian.md/bases/functions#Any
  ['1.isTruthy()', true, 'functions#Any isTruthy()'],
  ['123.toString()', '123', 'functions#Any toString()'],
  ['meta.constructor', null, 'syntax#Objects and lists (only own fields)'],
  ['constructor', null, 'syntax#Note properties (only own properties)'],
  // help.obsidian.md/bases/functions#Date
  ['date("2025-05-27").format("YYYY-MM-DD")', '2025-05-27', 'functions#Date format()'],
  ['at.format("ddd D MMM YYYY, HH:mm [h]")', 'Mon 5 Jan 2026, 10:00 h', 'functions#Date format() (Moment tokens)'],
  ['at.date().format("YYYY-MM-DD HH:mm:ss")', '2026-01-05 00:00:00', 'functions#Date date()'],
  ['at.time()', '10:00:00', 'functions#Date time()'],
  ['at.year', 2026, 'functions#Date Fields'],
  ['at.month', 1, 'functions#Date Fields'],
  ['at.hour', 10, 'functions#Date Fields'],
  ['reviewed.relative()', '6 days ago', 'functions#Date relative()'],
  ['(now() + "2d").relative()', 'in 2 days', 'functions#Date relative()'],
  ['reviewed.isEmpty()', false, 'functions#Date isEmpty()'],
  // help.obsidian.md/bases/functions#String
  ['"hello".contains("ell")', true, 'functions#String contains()'],
  ['"hello".containsAll("h", "e")', true, 'functions#String containsAll()'],
  ['"hello".containsAny("x", "y", "e")', true, 'functions#String containsAny()'],
  ['"hello".endsWith("lo")', true, 'functions#String endsWith()'],
  ['"hello".startsWith("he")', true, 'functions#String startsWith()'],
  ['"Hello world".isEmpty()', false, 'functions#String isEmpty()'],
  ['"".isEmpty()', true, 'functions#String isEmpty()'],
  ['missing.isEmpty()', true, 'functions#String isEmpty() (not present)'],
  ['"HeLLo".lower()', 'hello', 'functions#String lower()'],
  ['"a,b,c,d".replace(/,/, "-")', 'a-b,c,d', 'functions#String replace()'],
  ['"a,b,c,d".replace(/,/g, "-")', 'a-b-c-d', 'functions#String replace()'],
  ['"a,b,c,d".replace(",", "-")', 'a-b-c-d', 'functions#String replace() (a string replaces all)'],
  ['"123".repeat(2)', '123123', 'functions#String repeat()'],
  ['"hello".reverse()', 'olleh', 'functions#String reverse()'],
  ['"hello".slice(1, 4)', 'ell', 'functions#String slice()'],
  ['"hello".slice(1)', 'ello', 'functions#String slice()'],
  ['"a,b,c,d".split(",", 3)', ['a', 'b', 'c'], 'functions#String split()'],
  ['"a,b,c,d".split(/,/, 3)', ['a', 'b', 'c'], 'functions#String split()'],
  ['"hello world".title()', 'Hello World', 'functions#String title()'],
  ['"  hi  ".trim()', 'hi', 'functions#String trim()'],
  ['"hello".length', 5, 'functions#String Fields'],
  // help.obsidian.md/bases/functions#Number
  ['(-5).abs()', 5, 'functions#Number abs()'],
  ['(2.1).ceil()', 3, 'functions#Number ceil()'],
  ['(2.9).floor()', 2, 'functions#Number floor()'],
  ['5.isEmpty()', false, 'functions#Number isEmpty()'],
  ['(2.5).round()', 3, 'functions#Number round()'],
  ['(2.3333).round(2)', 2.33, 'functions#Number round()'],
  ['(3.14159).toFixed(2)', '3.14', 'functions#Number toFixed()'],
  // help.obsidian.md/bases/functions#List
  ['[1,2,3].contains(2)', true, 'functions#List contains()'],
  ['[1,2,3].containsAll(2,3)', true, 'functions#List containsAll()'],
  ['[1,2,3].containsAny(3,4)', true, 'functions#List containsAny()'],
  ['[1,2,3,4].filter(value > 2)', [3, 4], 'functions#List filter()'],
  ['[5,6,7].filter(index > 0)', [6, 7], 'functions#List filter() (index)'],
  ['[1,[2,3]].flat()', [1, 2, 3], 'functions#List flat()'],
  ['[1,2,3].isEmpty()', false, 'functions#List isEmpty()'],
  ['[1,2,3].join(",")', '1,2,3', 'functions#List join()'],
  ['[1,2,3,4].map(value + 1)', [2, 3, 4, 5], 'functions#List map()'],
  ['[1,2,3].reduce(acc + value, 0)', 6, 'functions#List reduce()'],
  ['[3,1,"x",7].filter(value.isType("number")).reduce(if(acc == null || value > acc, value, acc), null)', 7, 'functions#List reduce() (max)'],
  ['[1,2,3].reverse()', [3, 2, 1], 'functions#List reverse()'],
  ['[1,2,3,4].slice(1,3)', [2, 3], 'functions#List slice()'],
  ['[3, 1, 2].sort()', [1, 2, 3], 'functions#List sort()'],
  ['["c", "a", "b"].sort()', ['a', 'b', 'c'], 'functions#List sort()'],
  ['[1,2,2,3].unique()', [1, 2, 3], 'functions#List unique()'],
  ['[1,2,3].length', 3, 'functions#List Fields'],
  ['[1,2,3,4].mean().round(3)', 2.5, 'syntax#Example (summaries: values.mean().round(3))'],
  ['[3, "x", 1, 2].median()', 2, 'functions#List median() (numbers only)'],
  ['[4, 1, 3, 2].median()', 2.5, 'functions#List median() (even count)'],
  ['["x"].average()', null, 'functions#List average() (no numbers)'],
  ['authors.contains(this)', true, 'syntax#Files and links (list contains this)'],
  // help.obsidian.md/bases/functions#File
  ['file.asLink()', { kind: 'link', target: 'runbooks/db/rollback', path: 'runbooks/db/rollback.md' }, 'functions#File asLink()'],
  ['file.hasLink(file("teams/sre.md"))', true, 'functions#File hasLink()'],
  ['file.hasLink("sre")', true, 'functions#File hasLink() (string)'],
  ['file.hasLink(this.file)', true, 'syntax#Access properties with this (backlinks)'],
  ['file.hasLink("missing")', true, 'functions#File hasLink() (unresolved link)'],
  ['file.hasLink("other")', false, 'functions#File hasLink()'],
  ['file.hasProperty("price")', true, 'functions#File hasProperty()'],
  ['file.hasProperty("cost")', false, 'functions#File hasProperty()'],
  ['file.hasTag("ops")', true, 'functions#File hasTag() (nested tags)'],
  ['file.hasTag("op")', false, 'functions#File hasTag() (a prefix is no parent)'],
  ['file.hasTag("x", "runbook")', true, 'functions#File hasTag() (any of, any case)'],
  ['file.inFolder("runbooks")', true, 'functions#File inFolder() (sub-folders)'],
  ['file.inFolder("runbooks/db")', true, 'functions#File inFolder()'],
  ['file.inFolder("run")', false, 'functions#File inFolder()'],
  ['file.inFolder("/runbooks/db/")', true, 'functions#File inFolder() (slashes around the folder)'],
  ['this.file.inFolder("runbooks")', false, 'functions#File inFolder() (another folder)'],
  ['this.file.name', 'sre.md', 'syntax#Access properties with this'],
  ['owner.linksTo(file)', false, 'functions#Link linksTo()'],
  // help.obsidian.md/bases/functions#Object
  ['{}.isEmpty()', true, 'functions#Object isEmpty()'],
  ['{"a": 1, "b": 2}.keys()', ['a', 'b'], 'functions#Object keys()'],
  ['{"a": 1, "b": 2}.values()', [1, 2], 'functions#Object values()'],
  // help.obsidian.md/bases/functions#Regular expression
  ['/abc/.matches("abcde")', true, 'functions#Regular expression matches()'],
  // A pattern that backtracks exponentially on this input would hang the build: refused, the expression is null.
  ['/(a+)+$/.matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")', null, 'functions#Regular expression matches() (catastrophic)'],
];

describe('evaluate', () => {
  it.each(cases)('%s → %j (%s)', (text, expected) => {
    expect(run(text, rollback, {}, sre)).toEqual(expected);
  });
});

describe('evaluate: the hostile cases', () => {
  it('division by zero is null, not Infinity or a crash', () => {
    expect(run('price / age')).toBeNull();
    expect(run('price % 0')).toBeNull();
    expect(run('(price / age).toFixed(2)')).toBeNull();
    expect(run('duration("1d") / 0')).toBeNull();
  });

  it('a formula that refers to itself, directly or through others, is null', () => {
    expect(run('formula.a', rollback, { a: 'formula.a + 1' })).toBeNull();
    expect(run('formula.a', rollback, { a: 'formula.b', b: 'formula.c * 2', c: 'formula.a' })).toBeNull();
    expect(run('formula.b', rollback, { a: 'price * 2', b: 'formula.a + formula.a' })).toBe(12);
  });

  it.each([
    ['2026-01-05', day('2026-01-05')],
    ['2026-01-05T10:00', at('2026-01-05T10:00:00')],
    ['2026-01-05 10:00', at('2026-01-05T10:00:00')],
    ['2026-01-05T10:00:00Z', at('2026-01-05T10:00:00')],
    ['2026-01-05T12:00:00+02:00', at('2026-01-05T10:00:00')],
    ['2026-02-30', null],
    ['5 January', null],
  ])('dates in mixed formats: date("%s")', (text, expected) => {
    expect(run(`date("${text}")`)).toEqual(expected);
  });

  it('compares dates with date strings of any of those formats', () => {
    expect(run('at == "2026-01-05 10:00"')).toBe(true);
    expect(run('at == "2026-01-05T10:00"')).toBe(true);
    expect(run('at > "2026-01-05"')).toBe(true);
    expect(run('reviewed == "2026-01-05"')).toBe(true);
    expect(run('date(note["last review"]).hour')).toBe(10);
    // A date the index left as text still has the date fields and methods.
    expect(run('note["last review"].hour')).toBe(10);
    expect(run('note["last review"].format("D MMM")')).toBe('5 Jan');
  });

  it('a property that is a list in some docs and a string in others works with contains', () => {
    const asList = doc('a.md', { team: ['ops', 'db'] });
    const asString = doc('b.md', { team: 'ops' });
    const absent = doc('c.md');
    for (const [row, expected] of [[asList, true], [asString, true], [absent, null]] as const) {
      expect(run('team.contains("ops")', row)).toBe(expected);
    }
    expect(run('list(team).contains("ops")', asString)).toBe(true);
    expect(run('team.join("+")', asString)).toBe('ops');
    expect(run('team.join("+")', asList)).toBe('ops+db');
    expect(run('team.containsAny("x", "db")', asList)).toBe(true);
  });

  it('evaluates the deepest expression the parser accepts', () => {
    expect(run(`${'1 + '.repeat(500)}1`)).toBe(501);
  });

  it('a method of an absent property is absent, and a wrong type is null, not an exception', () => {
    expect(run('due.format("YYYY")')).toBeNull();
    expect(run('price.lower()')).toBeNull();
    expect(run('"x".repeat(100000000)')).toBeNull();
    expect(run('nothing(1)')).toBeNull();
  });
});
