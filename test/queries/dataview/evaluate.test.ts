import { describe, expect, it } from 'vitest';
import { parseDqlExpression } from '../../../src/queries/dataview/dql.ts';
import { Evaluator, pageRow } from '../../../src/queries/dataview/evaluate.ts';
import { dqlFunctions } from '../../../src/queries/dataview/functions.ts';
import { isCatastrophicRegex } from '../../../src/queries/safe-regex.ts';
import { toText } from '../../../src/queries/dataview/values.ts';
import type { Value } from '../../../src/queries/types.ts';
import { context, date, doc, link, task } from './vault.ts';

const docs = {
  functions: 'https://blacksmithgu.github.io/obsidian-dataview/reference/functions/',
  expressions: 'https://blacksmithgu.github.io/obsidian-dataview/reference/expressions/',
  literals: 'https://blacksmithgu.github.io/obsidian-dataview/reference/literals/',
  implicit: 'https://blacksmithgu.github.io/obsidian-dataview/annotation/metadata-pages/',
};

const sre = doc('teams/sre.md', { lead: 'ann' });
const page = doc(
  'runbooks/2026-01-05 Rollback.md',
  {
    owner: link('sre', 'teams/sre.md'),
    'Last Reviewed': date('2026-01-05'),
    started: date('2026-01-05T10:00:00'),
    ended: date('2026-01-07T12:30:00'),
    count: 7,
    tags: ['ops', 'db'],
    meta: { kind: 'object', fields: { previous: 'S01E02', next: 'S01E04' } },
    empty: [],
  },
  {
    tags: ['ops/db/postgres', 'runbook'],
    aliases: ['rb'],
    links: [link('sre', 'teams/sre.md')],
    tasks: [task('page the lead', 'x', 4), task('write the postmortem', ' ', 5)],
    mtime: date('2026-02-01T08:00:00') as never,
  },
);
const cx = context([page, sre], { self: sre });
const evaluator = new Evaluator(cx);

function run(text: string): Value {
  const { expr, problems } = parseDqlExpression(text);
  expect(problems).toEqual([]);
  return evaluator.evaluate(expr!, pageRow(page));
}

/** `[expression, expected value, the docs page it is from]`; expected values are compared as DQL prints them. */
const cases: Array<[string, Value, string]> = [
  // Literals and arithmetic
  ['1 + 2 * 3', 7, docs.expressions],
  ['7 % 3', 1, docs.expressions],
  ['"a" + 1', 'a1', docs.expressions],
  ['"⭐" * 3', '⭐⭐⭐', docs.functions],
  ['[1, 2] + [3]', [1, 2, 3], docs.expressions],
  ['{ a: 1, b: 2 }.b', 2, docs.literals],
  ['list(1, 2, 3)[0]', 1, docs.expressions],
  ['1 / 0', null, docs.expressions],
  ['5 % 0', null, docs.expressions],
  ['missing + 1', null, docs.expressions],
  ['missing = null', true, docs.expressions],
  ['missing > 3', false, docs.expressions],
  ['!missing', true, docs.expressions],
  ['count > 5 and count < 10', true, docs.expressions],
  // Fields: simplified names, objects, links through to pages
  ['last-reviewed = date(2026-01-05)', true, docs.expressions],
  ['meta.previous', 'S01E02', docs.expressions],
  ['meta["next"]', 'S01E04', docs.expressions],
  ['owner.lead', 'ann', docs.expressions],
  ['[[sre]].lead', 'ann', docs.expressions],
  ['this.lead', 'ann', docs.expressions],
  ['this.file.name', 'sre', docs.implicit],
  ['row["count"]', 7, docs.expressions],
  // Implicit fields
  ['file.name', '2026-01-05 Rollback', docs.implicit],
  ['file.folder', 'runbooks', docs.implicit],
  ['file.ext', 'md', docs.implicit],
  ['file.tags', ['#ops', '#ops/db', '#ops/db/postgres', '#runbook'], docs.implicit],
  ['file.etags', ['#ops/db/postgres', '#runbook'], docs.implicit],
  ['file.aliases', ['rb'], docs.implicit],
  ['file.day = date(2026-01-05)', true, docs.implicit],
  ['file.mday = date(2026-02-01)', true, docs.implicit],
  ['string(file.mday)', 'February 01, 2026', docs.implicit],
  ['file.cday', null, docs.implicit],
  ['length(file.tasks)', 2, docs.implicit],
  ['file.tasks.completed', [true, false], docs.implicit],
  ['file.frontmatter.count', 7, docs.implicit],
  ['file.outlinks[0].lead', 'ann', docs.implicit],
  // Dates and durations
  ['ended - started > dur(2 days)', true, docs.literals],
  ['(ended - started).hours', 2, docs.expressions],
  ['date(2026-01-31) + dur(1 month) = date(2026-02-28)', true, docs.expressions],
  ['date(today) = date(2026-03-18)', true, docs.literals],
  ['date(sow) = date(2026-03-16)', true, docs.literals],
  ['date(som) = date(2026-03-01)', true, docs.literals],
  ['date(yesterday) < date(today) and date(today) < date(tomorrow)', true, docs.literals],
  ['date(2026-01-05).year', 2026, docs.expressions],
  ['date(2026-01-05).weekday', 1, docs.expressions],
  ['date(2021-01-03).week', 53, docs.expressions],
  ['dur(1 day) + dur(2 hours) = dur(26 hours)', true, docs.literals],
  // Constructors
  ['date("2026-01-05") = date(2026-01-05)', true, docs.functions],
  ['date("05/01/2026")', null, docs.functions],
  ['date("12/31/2022", "MM/dd/yyyy") = date(2022-12-31)', true, docs.functions],
  ['date("210313", "yyMMdd") = date(2021-03-13)', true, docs.functions],
  ['date([[2021-04-16]])', null, docs.functions],
  ['dur("8 minutes, 4 seconds") = dur(8 m 4 s)', true, docs.functions],
  ['number("18 years")', 18, docs.functions],
  ['number("hmm")', null, docs.functions],
  ['string(18)', '18', docs.functions],
  ['string(dur(8 hours))', '8 hours', docs.functions],
  ['typeof(8)', 'number', docs.functions],
  ['typeof([1, 2, 3])', 'array', docs.functions],
  ['typeof({ a: 1 })', 'object', docs.functions],
  ['typeof(date(2020-01-01))', 'date', docs.functions],
  ['typeof(dur(8 minutes))', 'duration', docs.functions],
  ['object("a", 4, "c", "yes").c', 'yes', docs.functions],
  ['link("sre").lead', 'ann', docs.functions],
  // Numbers
  ['round(16.555555)', 17, docs.functions],
  ['round(16.555555, 2)', 16.56, docs.functions],
  ['trunc(-93.33333)', -93, docs.functions],
  ['floor(-0.837764)', -1, docs.functions],
  ['ceil(12.937)', 13, docs.functions],
  ['min(1, 2, 3)', 1, docs.functions],
  ['max([1, 2, 3])', 3, docs.functions],
  ['max("a", "ab", "abc")', 'abc', docs.functions],
  ['sum([1, 2, 3])', 6, docs.functions],
  ['sum([])', null, docs.functions],
  ['sum(nonnull([null, 1, 8]))', 9, docs.functions],
  ['product([1, 2, 3])', 6, docs.functions],
  ['average([1, 2, 3])', 2, docs.functions],
  ['reduce([100, 20, 3], "-")', 77, docs.functions],
  ['reduce([200, 10, 2], "/")', 10, docs.functions],
  ['minby([1, 2, 3], (k) => 0 - k)', 3, docs.functions],
  ['maxby([1, 2, 3], (k) => k)', 3, docs.functions],
  // Lists, objects, strings
  ['contains("Hello", "lo")', true, docs.functions],
  ['contains("Hello", "Lo")', false, docs.functions],
  ['icontains("Hello", "Lo")', true, docs.functions],
  ['econtains(["this", "is", "example"], "ex")', false, docs.functions],
  ['econtains(["this", "is", "example"], "is")', true, docs.functions],
  ['contains(list(1, 2, 3), 3)', true, docs.functions],
  ['contains(tags, "ops")', true, docs.functions],
  ['contains(file, "ctime")', true, docs.functions],
  ['containsword("Hello there!", "hello")', true, docs.functions],
  ['containsword(["word", "Words"], "Word")', [true, false], docs.functions],
  ['extract(object("a", 1, "b", 2), "a").a', 1, docs.functions],
  ['sort(list("a", "b", "aa"))', ['a', 'aa', 'b'], docs.functions],
  ['reverse(list(1, 2, 3))', [3, 2, 1], docs.functions],
  ['length(object("hello", 1, "goodbye", 2))', 2, docs.functions],
  ['length(empty)', 0, docs.functions],
  ['nonnull([null, false])', [false], docs.functions],
  ['all(true, false)', false, docs.functions],
  ['all([1, 2, 3], (x) => x > 0)', true, docs.functions],
  ['any(list(1, 2, 3), (x) => x > 2)', true, docs.functions],
  ['none([true, true], (x) => x = false)', true, docs.functions],
  ['join(list(1, 2, 3))', '1, 2, 3', docs.functions],
  ['join(list(1, 2, 3), " ")', '1 2 3', docs.functions],
  ['join(6)', '6', docs.functions],
  ['join(list())', '', docs.functions],
  ['filter([1, 2, 3], (x) => x >= 2)', [2, 3], docs.functions],
  ['map(["yes", "no"], (x) => x + "?")', ['yes?', 'no?'], docs.functions],
  ['flat(list(1, list(21, 22), list(list(311, 312, 313))), 4)', [1, 21, 22, 311, 312, 313], docs.functions],
  ['slice([1, 2, 3, 4, 5], -2)', [4, 5], docs.functions],
  ['unique([1, 1, 2])', [1, 2], docs.functions],
  ['regextest("what", "what\'s up dog?")', true, docs.functions],
  ['regexmatch("what", "what\'s up dog?")', false, docs.functions],
  ['regexmatch("\\\\w+", "hello")', true, docs.functions],
  ['regexreplace("Suite 1000", "\\\\d+", "-")', 'Suite -', docs.functions],
  ['regexreplace("yes", "[ys]", "a")', 'aea', docs.functions],
  ['replace("The big dog chased the big cat.", "big", "small")', 'The small dog chased the small cat.', docs.functions],
  ['lower(["YES", "NO"])', ['yes', 'no'], docs.functions],
  ['upper("Test")', 'TEST', docs.functions],
  ['split("hello  world", "\\\\s")', ['hello', '', 'world'], docs.functions],
  ['split("hello there world", " ", 2)', ['hello', 'there'], docs.functions],
  ['split("hello there world", "(t?here)")', ['hello ', 'there', ' world'], docs.functions],
  ['startswith("path/to/something", "path/")', true, docs.functions],
  ['endswith("yes", "ye")', false, docs.functions],
  ['padleft("yes", 5, "!")', '!!yes', docs.functions],
  ['padright("hello", 7)', 'hello  ', docs.functions],
  ['substring("hello", 2, 4)', 'll', docs.functions],
  ['truncate("Hello there!", 8)', 'Hello...', docs.functions],
  ['truncate("Hello there!", 10, "!")', 'Hello the!', docs.functions],
  // Utility
  ['default(missing, "incomplete")', 'incomplete', docs.functions],
  ['default(list(1, 2, null), 3)', [1, 2, 3], docs.functions],
  ['ldefault(list(1, 2, null), 3)', [1, 2, null], docs.functions],
  ['choice(count > 4, "yes", "no")', 'yes', docs.functions],
  ['striptime(started) = date(2026-01-05)', true, docs.functions],
  ['string(striptime(started))', 'January 05, 2026', docs.functions],
  ['striptime(list(started, ended)) = list(date(2026-01-05), date(2026-01-07))', true, docs.functions],
  ['dateformat(started, "yyyy-MM-dd")', '2026-01-05', docs.functions],
  ['dateformat(started, "HH:mm:ss")', '10:00:00', docs.functions],
  ['dateformat(date(2014-08-06T13:07:04), "ffff")', 'Wednesday, August 6, 2014 at 1:07 PM Coordinated Universal Time', docs.functions],
  ['dateformat(date(2000-01-02T03:04:05), "x")', '946782245000', docs.functions],
  ['dateformat(date(2026-01-05), "cccc d LLLL yyyy \'(week\' W\')\'")', 'Monday 5 January 2026 (week 2)', docs.functions],
  ['durationformat(dur("3 days 7 hours 43 seconds"), "ddd\'d\' hh\'h\' ss\'s\'")', '003d 07h 43s', docs.functions],
  ['durationformat(dur("365 days 5 hours 49 minutes"), "yyyy ddd hh mm ss")', '0001 000 05 49 00', docs.functions],
  // The docs write `"M months"`, but `m`, `h` and `s` are tokens: the unit needs quotes, as the docs' other examples have.
  ['durationformat(dur("2000 years"), "M \'months\'")', '24000 months', docs.functions],
  ['durationformat(dur("14d"), "s \'seconds\'")', '1209600 seconds', docs.functions],
  ['meta([[sre|the team]]).display', 'the team', docs.functions],
  ['meta([[sre]]).display', null, docs.functions],
];

describe('evaluate', () => {
  it.each(cases)('%s (%#)', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('prints dates as Dataview does by default', () => {
    expect(toText(run('started'))).toBe('10:00 AM - January 05, 2026');
    expect(toText(run('last-reviewed'))).toBe('January 05, 2026');
  });

  it('reads a task row: its fields first, then its page', () => {
    const row = { path: page.path, doc: page, task: page.file.tasks[0]!, bindings: {} };
    const value = (text: string) => evaluator.evaluate(parseDqlExpression(text).expr!, row);
    expect([value('completed'), value('text'), value('status'), value('line'), value('count'), value('file.name')]).toEqual([
      true,
      'page the lead',
      'x',
      4,
      7,
      '2026-01-05 Rollback',
    ]);
  });
});

describe('functions', () => {
  it('declares every function with an arity', () => {
    for (const [name, f] of dqlFunctions) expect([name, f.min <= f.max]).toEqual([name, true]);
    expect([dqlFunctions.get('round')!.min, dqlFunctions.get('round')!.max]).toEqual([1, 2]);
  });

  it('gives null for a wrong argument count instead of throwing', () => {
    expect(run('round(1, 2, 3)')).toBeNull();
    expect(run('lower()')).toBeNull();
  });

  const bombs: Array<[string, boolean]> = [
    ['(a+)+$', true],
    ['(\\w*)*x', true],
    ['((ab)*c)+', true],
    ['(x{2,})+', true],
    ['(a|b)*', false],
    ['\\d+-\\d+', false],
    ['[(a+)+]', false],
    ['(ab){3}', false],
  ];
  it.each(bombs)('isCatastrophicRegex(%s) = %s', (pattern, expected) => {
    expect(isCatastrophicRegex(pattern)).toBe(expected);
  });

  it('refuses a regex bomb in time, and inputs past the cap', () => {
    const started = performance.now();
    expect(run(`regexmatch("(a+)+$", "${'a'.repeat(40)}!")`)).toBeNull();
    expect(run(`regexreplace("${'a'.repeat(40)}!", "(a|a)+(a+)+b", "x")`)).toBeNull();
    expect(run(`regextest("a", "${'a'.repeat(20_000)}")`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('does not build strings past the cap', () => {
    expect(run('"x" * 1000000000')).toBeNull();
    expect(run('padleft("x", 1000000000)')).toBeNull();
  });
});
