/**
 * The NDJSON writer: appends what is new, leaves what is the same, keeps and reports what was edited since.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mergeRuns, writeRuns } from '../../../src/runs/import/write-runs.ts';
import type { Run } from '../../../src/runs/types.ts';
import { makeTemp, removeTemp } from '../../cli/run-cli.ts';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

const run = (id: string, extra: Partial<Run> = {}): Run => ({
  id,
  service: 'checkout-api',
  environment: 'production',
  status: 'success',
  sha: 'abc1234',
  finishedAt: '2026-11-20T10:00:00Z',
  ...extra,
});

describe('mergeRuns', () => {
  test.each([
    ['into an empty file', '', [run('a')], { added: 1, unchanged: 0, conflicts: [] }],
    ['the same record, keys in another order', `${JSON.stringify({ sha: 'abc1234', id: 'a', finishedAt: '2026-11-20T10:00:00Z', status: 'success', environment: 'production', service: 'checkout-api' })}\n`, [run('a')], { added: 0, unchanged: 1, conflicts: [] }],
    ['an edited record', `not json\n${JSON.stringify(run('a', { status: 'failure' }))}\n`, [run('a'), run('b')], { added: 1, unchanged: 0, conflicts: [{ id: 'a', line: 2 }] }],
    ['a payload listing a run twice', '', [run('a'), run('a')], { added: 1, unchanged: 1, conflicts: [] }],
  ])('%s', (_name, existing, runs, expected) => {
    expect(mergeRuns(existing, runs)).toMatchObject(expected);
  });

  test('keeps every existing line as it was, broken ones included', () => {
    const existing = `not json\n${JSON.stringify(run('a', { status: 'failure' }))}\n`;
    const merged = mergeRuns(existing, [run('a'), run('b')]);
    expect(merged.text).toBe(`${existing}${JSON.stringify(run('b'))}\n`);
  });

  test('--replace overwrites the conflicting line in place', () => {
    const merged = mergeRuns(`${JSON.stringify(run('a', { status: 'failure' }))}\n${JSON.stringify(run('b'))}\n`, [run('a')], { replace: true });
    expect(merged.text).toBe(`${JSON.stringify(run('a'))}\n${JSON.stringify(run('b'))}\n`);
    expect(merged).toMatchObject({ replaced: true, conflicts: [{ id: 'a', line: 1 }] });
  });

  test('a file without a final newline gets one before the appended line', () => {
    expect(mergeRuns(JSON.stringify(run('a')), [run('b')]).text).toBe(`${JSON.stringify(run('a'))}\n${JSON.stringify(run('b'))}\n`);
  });
});

describe('writeRuns', () => {
  test('one file per service; importing twice adds nothing and leaves the bytes alone', async () => {
    const dir = makeTemp('shipshape-import-');
    temps.push(dir);
    const runs = [run('a'), run('b', { service: 'ledger' }), run('c')];
    const first = await writeRuns(join(dir, 'runs'), runs);
    expect(first.map((r) => [r.file.slice(dir.length), r.added, r.unchanged])).toEqual([
      ['/runs/checkout-api.ndjson', 2, 0],
      ['/runs/ledger.ndjson', 1, 0],
    ]);
    const bytes = readFileSync(join(dir, 'runs/checkout-api.ndjson'), 'utf8');
    const second = await writeRuns(join(dir, 'runs'), runs);
    expect(second.map((r) => [r.added, r.unchanged, r.conflicts.length])).toEqual([
      [0, 2, 0],
      [0, 1, 0],
    ]);
    expect(readFileSync(join(dir, 'runs/checkout-api.ndjson'), 'utf8')).toBe(bytes);
  });

  test('a hand-edited record is kept and reported with its line', async () => {
    const dir = makeTemp('shipshape-import-');
    temps.push(dir);
    await writeRuns(dir, [run('a'), run('b')]);
    const file = join(dir, 'checkout-api.ndjson');
    const edited = readFileSync(file, 'utf8').replace('"id":"b","service":"checkout-api","environment":"production","status":"success"', '"id":"b","service":"checkout-api","environment":"production","status":"failure"');
    writeFileSync(file, edited);
    const [result] = await writeRuns(dir, [run('a'), run('b')]);
    expect(result).toMatchObject({ added: 0, unchanged: 1, conflicts: [{ id: 'b', line: 2 }] });
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  test('a service that cannot name a file is refused', async () => {
    await expect(writeRuns('/nonexistent', [run('a', { service: '../etc' })])).rejects.toThrow(/cannot name a file/);
  });
});
