/**
 * Reading record files from disk: lines (whole files and byte ranges cut at line starts), and records streamed with
 * their origins and problems, as the in-memory face positions them.
 *
 * In: `runs/a.ndjson` = `{"id":"r1"}\n{oops\n[1]\n` → Out: one record at line 1; problems at lines 2 and 3
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunFiles, readRecordFiles, recordFiles, type LoadProblem, type ReadRecord } from '../../src/runs/load-runs.ts';
import { lineRanges, readLines } from '../../src/runs/read-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readLines', () => {
  it.each([
    ['LF', 'a\nb\n', ['a', 'b']],
    ['no final line break', 'a\nb', ['a', 'b']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b']],
    ['a lone CR', 'a\rb\r', ['a', 'b']],
    ['blank lines', '\n\na\n\n', ['', '', 'a', '']],
    ['a BOM', '\uFEFFa\nb', ['a', 'b']],
    ['empty', '', []],
  ])('%s', async (name, text, lines) => {
    expect(await all(readLines(write(`lines/${name}.txt`, text)))).toEqual(lines);
  });

  it('a CRLF across a chunk boundary is one line break', async () => {
    // Chunks are 1 MiB: put the \r as the chunk's last character.
    const first = 'x'.repeat((1 << 20) - 1);
    const lines = await all(readLines(write('lines/boundary.txt', `${first}\r\nnext\r\n`)));
    expect(lines.map((line) => line.length)).toEqual([first.length, 4]);
  });

  it('byte ranges from lineRanges, read one after the other, give every line once', async () => {
    const text = Array.from({ length: 500 }, (_, i) => `{"n":${i},"pad":"${'é'.repeat(i % 13)}"}`).join('\r\n');
    const path = write('lines/ranges.ndjson', text);
    const size = Buffer.byteLength(text);
    for (const parts of [1, 2, 3, 7, 50, 2000]) {
      const ranges = await lineRanges(path, size, parts);
      expect(ranges[0]!.start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(size);
      ranges.slice(1).forEach((range, i) => expect(range.start).toBe(ranges[i]!.end));
      const lines = [];
      for (const range of ranges) lines.push(...(await all(readLines(path, range))));
      expect(lines).toEqual(text.split('\r\n'));
    }
  });
});

describe('readRecordFiles', () => {
  const files = {
    'runs/2026/a.ndjson': '{"id":"r1"}\n{oops\n\n  [1]\n{"id":"r2","status":"done"}\r\n',
    'runs/b.json': '[\n  {"id": "r3"},\n  "nonsense"\n]\n',
    'runs/c.yaml': '- id: r4\n- id: r5\n',
    'runs/d.yaml': 'id: [oops\n',
    'runs/notes.txt': 'not a record file',
    'incidents/i.yml': 'id: INC-1\nservice: api\n',
  };
  for (const [path, text] of Object.entries(files)) write(`vault/${path}`, text);
  const vault = join(dir, 'vault');

  it('lists record files by kind, in path order', async () => {
    expect((await recordFiles(vault, 'run')).map((file) => file.path)).toEqual(['runs/2026/a.ndjson', 'runs/b.json', 'runs/c.yaml', 'runs/d.yaml']);
    expect(await recordFiles(vault, 'incident')).toEqual([{ path: 'incidents/i.yml', size: files['incidents/i.yml'].length }]);
    expect(await recordFiles(join(dir, 'nowhere'), 'run')).toEqual([]);
  });

  it('yields object records with the loader’s origins, and reports everything else at its line', async () => {
    const paths = (await recordFiles(vault, 'run')).map((file) => file.path);
    const problems: LoadProblem[] = [];
    const records: ReadRecord[] = [];
    await readRecordFiles(vault, paths, { record: (record) => records.push(record), problem: (problem) => problems.push(problem) });
    expect(records.map((r) => `${r.kind} ${r.origin.file}:${r.origin.line}:${r.origin.column} ${JSON.stringify(r.data)}`)).toEqual([
      'run runs/2026/a.ndjson:1:1 {"id":"r1"}',
      'run runs/2026/a.ndjson:5:1 {"id":"r2","status":"done"}',
      'run runs/b.json:2:3 {"id":"r3"}',
      'run runs/c.yaml:1:3 {"id":"r4"}',
      'run runs/c.yaml:2:3 {"id":"r5"}',
    ]);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message.split(':')[0]}`)).toEqual([
      'runs/2026/a.ndjson:2:1 Unparsable JSON line',
      'runs/2026/a.ndjson:4:3 Unexpected array, expected an object',
      'runs/b.json:3:3 Unexpected string, expected an object',
      'runs/d.yaml:2:1 Unparsable YAML',
    ]);
    // The check's loader puts the same records at the same places.
    const loaded = parseRunFiles(paths.map((path) => ({ path, bytes: new TextEncoder().encode(files[path as keyof typeof files]) })));
    const objects = loaded.records.filter((r) => typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data));
    expect(objects.map((r) => r.origin)).toEqual(records.map((r) => r.origin));
  });
});
