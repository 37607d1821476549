/**
 * Loading run data: each format, each record's origin, and files that do not parse.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuns, parseRunFiles, recordKindOf, recordSpan } from '../../src/runs/load-runs.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const load = (path: string, text: string) => parseRunFiles([{ path, bytes: encode(text) }]);
const brief = (loaded: ReturnType<typeof load>) => ({
  records: loaded.records.map((r) => `${r.kind} ${r.origin.file}:${r.origin.line}:${r.origin.column} ${JSON.stringify(r.data)}`),
  problems: loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
});

describe('recordKindOf', () => {
  it.each([
    ['runs/a.json', 'run'],
    ['runs/2026/a.ndjson', 'run'],
    ['runs/a.jsonl', 'run'],
    ['incidents/a.yaml', 'incident'],
    ['incidents/a.yml', 'incident'],
    ['runs/notes.txt', undefined],
    ['services/runs/a.json', undefined],
    ['attachments/a.json', undefined],
  ])('%s → %s', (path, kind) => {
    expect(recordKindOf(path)).toBe(kind);
  });
});

describe('parseRunFiles', () => {
  it('reads a JSON object', () => {
    expect(brief(load('runs/a.json', '{\n  "id": "r1"\n}\n'))).toEqual({ records: ['run runs/a.json:1:1 {"id":"r1"}'], problems: [] });
  });

  it('reads a JSON array, each record at its own position', () => {
    const loaded = load('runs/a.json', '[\n  {"id": "r1"},\n  {"id": "r2"}\n]\n');
    expect(brief(loaded).records).toEqual(['run runs/a.json:2:3 {"id":"r1"}', 'run runs/a.json:3:3 {"id":"r2"}']);
  });

  it('reads a YAML mapping and a YAML sequence', () => {
    expect(brief(load('incidents/a.yaml', 'id: INC-1\nservice: api\n')).records).toEqual(['incident incidents/a.yaml:1:1 {"id":"INC-1","service":"api"}']);
    expect(brief(load('runs/a.yml', '# runs\n- id: r1\n- id: r2\n  sha: abc1234\n')).records).toEqual([
      'run runs/a.yml:2:3 {"id":"r1"}',
      'run runs/a.yml:3:3 {"id":"r2","sha":"abc1234"}',
    ]);
  });

  it('reads NDJSON and JSON Lines, one record per line, skipping blank lines', () => {
    expect(brief(load('runs/a.ndjson', '{"id":"r1"}\n\n  {"id":"r2"}\r\n')).records).toEqual([
      'run runs/a.ndjson:1:1 {"id":"r1"}',
      'run runs/a.ndjson:3:3 {"id":"r2"}',
    ]);
    expect(brief(load('runs/a.jsonl', '{"id":"r1"}')).records).toEqual(['run runs/a.jsonl:1:1 {"id":"r1"}']);
  });

  it('reports a malformed NDJSON line and keeps the rest', () => {
    const loaded = brief(load('runs/a.ndjson', '{"id":"r1"}\n{"id": "r2",\n{"id":"r3"}\n'));
    expect(loaded.records).toEqual(['run runs/a.ndjson:1:1 {"id":"r1"}', 'run runs/a.ndjson:3:1 {"id":"r3"}']);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatch(/^runs\/a\.ndjson:2:1 Unparsable JSON line/);
  });

  it('reports a malformed JSON file once, at the parse error, and loads none of it', () => {
    const loaded = brief(load('runs/a.json', '[\n  {"id": "r1"},\n  {"id": "r2"\n]\n'));
    expect(loaded.records).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatch(/^runs\/a\.json:\d+:\d+ Unparsable JSON/);
    expect(loaded.problems[0]).not.toMatch(/^runs\/a\.json:1:1 /);
  });

  it('holds a .json file to JSON, though YAML would read it', () => {
    const loaded = brief(load('runs/a.json', 'id: r1\n'));
    expect(loaded.records).toEqual([]);
    expect(loaded.problems[0]).toMatch(/^runs\/a\.json:1:1 Unparsable JSON/);
  });

  it('reports malformed YAML at the error', () => {
    const loaded = brief(load('incidents/a.yaml', 'id: INC-1\n  service: [api\n'));
    expect(loaded.records).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatch(/^incidents\/a\.yaml:\d+:\d+ Unparsable YAML/);
  });

  it.each([
    ['runs/a.ndjson', '{"id":"r0"}\n{"id":"r1","status":"done"}\n', 1, '/status', '2:21'],
    ['runs/a.json', '[{"id":"r0"},\n {"id":"r1",\n  "status": "done"}]', 1, '/status', '3:13'],
    ['runs/a.yaml', '- id: r0\n- id: r1\n  status: done\n', 1, '/status', '3:11'],
    ['runs/a.yaml', '- id: r0\n- id: r1\n  status: done\n', 1, '', '2:3'],
  ])('locates %s %j record %i at %s', (path, text, index, pointer, where) => {
    const record = load(path, text).records[index]!;
    const span = recordSpan(record, pointer);
    expect(`${span.start.line}:${span.start.column}`).toBe(where);
  });
});

describe('loadRuns', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-runs-'));
    const files: Record<string, string> = {
      'runs/a.ndjson': '{"id":"r1"}\n',
      'incidents/b.yaml': 'id: INC-1\n',
      'attachments/c.json': '{"id":"nope"}\n',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads only run and incident files among the attachments', () => {
    const loaded = loadRuns(dir, ['attachments/c.json', 'incidents/b.yaml', 'runs/a.ndjson', 'runs/missing.json']);
    expect(loaded.records.map((r) => `${r.kind} ${r.origin.file}`)).toEqual(['incident incidents/b.yaml', 'run runs/a.ndjson']);
    expect(loaded.problems.map((p) => `${p.file} ${p.message}`)).toEqual(['runs/missing.json Unreadable file: ENOENT']);
  });
});
