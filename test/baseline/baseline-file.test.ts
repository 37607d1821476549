/** The baseline file: its stable text, the schema that documents it, clear errors, and entries moved with their files. */
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BaselineError, parseBaseline, readBaseline, serializeBaseline, type BaselineEntry } from '../../src/baseline/baseline-file.ts';
import { entriesOf, fingerprintOf, matchBaseline, pruneEntries, rewriteEntries } from '../../src/baseline/match-baseline.ts';
import { scopeOf } from '../../src/vault/vault-path.ts';
import { moveBaselineEntries, moveEntries, movePathsIn, planBaselineMove } from '../../src/baseline/move-baseline.ts';
import { movedPath } from '../../src/vault/move-files.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { makeTemp, removeTemp, repoRoot } from '../cli/run-cli.ts';

const entry = (file: string, rule: string, fingerprint: string, count?: number): BaselineEntry => ({
  file,
  rule,
  fingerprint,
  message: `${rule} in ${file}`,
  text: '[[x]]',
  ...(count ? { count } : {}),
});

const diagnostic = (file: string, line: number, message: string): Diagnostic => ({
  rule: 'broken-link',
  severity: 'error',
  file,
  line,
  column: 5,
  endLine: line,
  endColumn: 5 + message.length,
  message: `Unresolved wikilink ${message}`,
});

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/baseline.schema.json'), 'utf8')) as object;

let temp: string | undefined;
afterEach(() => {
  if (temp) removeTemp(temp);
  temp = undefined;
});

describe('serializeBaseline', () => {
  it('sorts by file, rule, fingerprint, merges identical entries into a count, one entry a line', () => {
    const text = serializeBaseline([
      entry('b.md', 'broken-link', '00000000000000ff'),
      entry('a.md', 'code-fence', '0000000000000001'),
      entry('a.md', 'broken-link', '0000000000000002'),
      entry('a.md', 'broken-link', '0000000000000001'),
      entry('a.md', 'broken-link', '0000000000000001', 2),
    ]);
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "entries": [',
        '    {"file":"a.md","rule":"broken-link","fingerprint":"0000000000000001","message":"broken-link in a.md","text":"[[x]]","count":3},',
        '    {"file":"a.md","rule":"broken-link","fingerprint":"0000000000000002","message":"broken-link in a.md","text":"[[x]]"},',
        '    {"file":"a.md","rule":"code-fence","fingerprint":"0000000000000001","message":"code-fence in a.md","text":"[[x]]"},',
        '    {"file":"b.md","rule":"broken-link","fingerprint":"00000000000000ff","message":"broken-link in b.md","text":"[[x]]"}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(serializeBaseline([])).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
  });

  it('writes what the schema documents, and reads back what it wrote', () => {
    const diagnostics = [diagnostic('a.md', 3, '[[x]]'), diagnostic('a.md', 9, '[[x]]'), diagnostic('notes/é b.md', 2, '[[y]] (opened at line 2)')];
    const text = serializeBaseline(entriesOf(diagnostics, () => '    [[x]] [[y]]\n'.repeat(10)));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const entries = parseBaseline(text, 'b.json');
    expect(entries.map((e) => [e.file, e.count ?? 1, e.message])).toEqual([
      ['a.md', 2, 'Unresolved wikilink [[x]]'],
      ['notes/é b.md', 1, 'Unresolved wikilink [[y]] (opened at line #)'],
    ]);
    expect(serializeBaseline(entries)).toBe(text);
  });

  it("the schema's own examples are valid baselines", () => {
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const example of (schema as { examples: unknown[] }).examples) expect(validate(example)).toBe(true);
  });
});

describe('parseBaseline errors', () => {
  it.each([
    ['not JSON', '{"version": 1,\n "entries": [}', /^Invalid baseline b\.json:2:14: Unexpected token '\}'$/],
    ['cut short', '{"version": 1,\n "entries": [', /^Invalid baseline b\.json:2:14: Unexpected end of JSON input$/],
    ['another version', '{"version": 2, "entries": []}', /\/version: must be equal to constant/],
    ['an entry without a fingerprint', '{"version": 1, "entries": [{"file": "a.md", "rule": "r", "message": "m"}]}', /^Invalid baseline b\.json \(schemas\/baseline\.schema\.json\):\n {2}1:28 \/entries\/0: must have required property 'fingerprint'/],
    ['a count of 1 written out', '{"version": 1, "entries": [{"file": "a.md", "rule": "r", "fingerprint": "0123456789abcdef", "message": "m", "count": 0}]}', /1:118 \/entries\/0\/count: must be >= 2/],
  ])('%s', (_, text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });

  it('a missing file is no baseline', async () => {
    expect(await readBaseline(join(repoRoot, 'no-such-baseline.json'))).toBeUndefined();
  });
});

describe('matching, pruning, rewriting', () => {
  const read = () => '    [[x]] [[y]]';
  it('prune drops what is fixed and never adds', () => {
    const entries = entriesOf([diagnostic('a.md', 1, '[[x]]'), diagnostic('a.md', 2, '[[x]]'), diagnostic('b.md', 1, '[[y]]')], read);
    const match = matchBaseline(entries, [diagnostic('a.md', 1, '[[x]]'), diagnostic('c.md', 1, '[[x]]')], read);
    expect(match.new).toBe(1);
    const pruned = pruneEntries(entries, match.fixed);
    expect(pruned.map((e) => [e.file, e.count ?? 1])).toEqual([['a.md', 1]]);
  });

  it('rewriting some files keeps the entries of the others', () => {
    const old = [entry('a.md', 'broken-link', '0000000000000001'), entry('b.md', 'broken-link', '0000000000000002')];
    const rewritten = rewriteEntries(old, [diagnostic('a.md', 1, '[[x]]')], read, scopeOf(['a.md']));
    expect(rewritten.map((e) => e.file)).toEqual(['a.md', 'b.md']);
    expect(rewritten[0]!.fingerprint).not.toBe('0000000000000001');
    expect(rewritten[1]).toEqual(old[1]);
  });
});

describe('moving entries', () => {
  it.each([
    ['a.md', [{ from: 'a.md', to: 'ops/b.md' }], 'ops/b.md'],
    ['ops/x/a.md', [{ from: 'ops', to: 'runbooks' }], 'runbooks/x/a.md'],
    ['ops/x/a.md', [{ from: 'ops/', to: 'runbooks/' }], 'runbooks/x/a.md'],
    ['opsx/a.md', [{ from: 'ops', to: 'runbooks' }], undefined],
    ['a.md', [{ from: 'a.md', to: 'b.md' }, { from: 'b.md', to: 'a.md' }], 'b.md'],
    ['b.md', [{ from: 'a.md', to: 'b.md' }, { from: 'b.md', to: 'a.md' }], 'a.md'],
  ])('%s after %j → %s', (file, moves, expected) => {
    expect(movedPath(file, moves)).toBe(expected);
  });

  it('merges entries that meet and re-sorts', () => {
    const same = (file: string) => ({ ...entry(file, 'r', '0000000000000001'), message: 'r' });
    const { entries, moved } = moveEntries([same('z.md'), same('m.md'), same('b.md')], [{ from: 'z.md', to: 'a.md' }, { from: 'm.md', to: 'b.md' }]);
    expect(moved).toBe(2);
    expect(entries.map((e) => [e.file, e.count ?? 1])).toEqual([['a.md', 1], ['b.md', 2]]);
  });

  it.each([
    ['Unresolved heading #x in ops/a.md', [{ from: 'ops', to: 'runbooks' }], 'Unresolved heading #x in runbooks/a.md'],
    ['Unresolved heading #x in ops/a.md', [{ from: 'ops/a.md', to: 'b.md' }], 'Unresolved heading #x in b.md'],
    ['Ambiguous link [[a]] resolves to x/a.md; it also matches y/a.md', [{ from: 'x/a.md', to: 'y/a.md' }, { from: 'y/a.md', to: 'x/a.md' }], 'Ambiguous link [[a]] resolves to y/a.md; it also matches x/a.md'],
    // A link's target as the author wrote it is no path of a file: a move leaves it.
    ['Unresolved wikilink [[ops]]: no file `ops` in the vault', [{ from: 'ops', to: 'runbooks' }], 'Unresolved wikilink [[ops]]: no file `ops` in the vault'],
    ['Unresolved wikilink [[ops/x]]: no file `ops/x` in the vault', [{ from: 'ops', to: 'runbooks' }], 'Unresolved wikilink [[ops/x]]: no file `ops/x` in the vault'],
    ['see opsx/a.md and ops.md', [{ from: 'ops', to: 'runbooks' }], 'see opsx/a.md and ops.md'],
  ])('%s after %j → %s', (message, moves, expected) => {
    expect(movePathsIn(message, moves)).toBe(expected);
  });

  it('an entry whose message names a moved path gets the fingerprint the rule will give it', () => {
    const text = '[[a#x]]';
    const before = { file: 'c.md', rule: 'broken-anchor', message: 'Unresolved heading #x in ops/a.md', text, fingerprint: fingerprintOf('broken-anchor', 'Unresolved heading #x in ops/a.md', text) };
    const { entries, moved } = moveEntries([before], [{ from: 'ops', to: 'runbooks' }]);
    expect(moved).toBe(1);
    expect(entries).toEqual([{ ...before, message: 'Unresolved heading #x in runbooks/a.md', fingerprint: fingerprintOf('broken-anchor', 'Unresolved heading #x in runbooks/a.md', text) }]);
  });

  it('moveBaselineEntries rewrites the file; without a move or a baseline it writes nothing', async () => {
    temp = makeTemp();
    const path = join(temp, 'shipshape-baseline.json');
    expect(await moveBaselineEntries(path, [{ from: 'a.md', to: 'b.md' }])).toBe(0);
    await writeFile(path, serializeBaseline([entry('docs/a.md', 'broken-link', '0000000000000001'), entry('c.md', 'broken-link', '0000000000000002')]));
    const before = await readFile(path, 'utf8');
    expect(await planBaselineMove(path, [{ from: 'x', to: 'y' }])).toBeUndefined();
    expect(await moveBaselineEntries(path, [{ from: 'x', to: 'y' }])).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(before);
    const plan = await planBaselineMove(path, [{ from: 'docs', to: 'runbooks' }]);
    expect(plan?.moved).toBe(1);
    // What the plan was made from, for the all-or-nothing write's "changed since it was read" refusal.
    expect(Buffer.from(plan!.original).toString('utf8')).toBe(before);
    expect(await moveBaselineEntries(path, [{ from: 'docs', to: 'runbooks' }])).toBe(1);
    const after = await readFile(path, 'utf8');
    expect(after).toBe(plan?.text);
    expect((await readBaseline(path))!.map((e) => e.file)).toEqual(['c.md', 'runbooks/a.md']);
    await rm(path);
  });
});
