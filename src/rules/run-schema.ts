/**
 * Rule `run-schema`: every record under `runs/` matches `schemas/run.schema.json`, every record under `incidents/`
 * matches `schemas/incident.schema.json`, and every run file parses. Reports land on the key or value at fault (for
 * NDJSON, on the record's line).
 *
 * In: `runs/deploys.ndjson` line 2 = `{"id":"r2",…,"status":"done"}`
 * Out: `2:… Unexpected value "done" for status, expected one of: success, failure, …`
 */
import { join } from 'node:path';
import { placeProblem, type NodePart } from '../diagnostics/diagnostic.ts';
import { recordSpan, problemSpan, type RecordKind } from '../runs/load-runs.ts';
import { pointerProblem } from '../schemas/messages.ts';
import { loadSchemas, type SchemaRegistry } from '../schemas/registry.ts';
import { toolRoot } from '../vault/config.ts';
import { defineVaultRule } from './rule.ts';

const schemaFiles: Readonly<Record<RecordKind, string>> = {
  run: join(toolRoot, 'schemas', 'run.schema.json'),
  incident: join(toolRoot, 'schemas', 'incident.schema.json'),
};

/** The schemas run data is validated with (their bytes are part of the cross-file cache key). */
export const runSchemaPaths: readonly string[] = Object.values(schemaFiles);

let registry: SchemaRegistry | undefined;

const record = (line: string) => `{"id":"gha-101","service":"checkout-api","environment":"production",${line}}`;

export const runSchema = defineVaultRule({
  id: 'run-schema',
  description: 'Run and incident records parse and match their JSON Schemas.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'Run data lives in the vault: files under `runs/` hold runs and files under `incidents/` hold incidents, as',
    'JSON (one object or an array), YAML (one mapping or a sequence) or NDJSON/JSON Lines (one object per line).',
    'Each record is checked against `schemas/run.schema.json` or `schemas/incident.schema.json`; a final status',
    '(`success`, `failure`, `cancelled`, `skipped`) needs `finishedAt`, and times are RFC 3339.',
    '',
    'A file that does not parse is reported once, at the parse error; in NDJSON a bad line is reported on its line',
    'and the other lines are still read.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'One run per line',
        path: 'runs/deploys.ndjson',
        markdown: `${record('"status":"success","sha":"3f9c2a1","finishedAt":"2026-11-20T14:07:12Z"')}\n`,
      },
    ],
    notOk: [
      {
        title: 'An unknown status, and a finished run without `finishedAt`',
        path: 'runs/deploys.ndjson',
        markdown: [record('"status":"done","sha":"3f9c2a1"'), record('"status":"failure","sha":"3f9c2a1"').replace('101', '102')].join('\n'),
        expect: ['1:78 Unexpected value "done" for status', '2:1 Missing required key finishedAt'],
      },
      {
        title: 'A line that is not JSON',
        path: 'runs/deploys.ndjson',
        markdown: `{"id": "gha-103",\n`,
        expect: ['1:1 Unparsable JSON line'],
      },
    ],
  },
  check(_index, _facts, context) {
    const { runs } = context;
    for (const problem of runs.problems) context.report(problem.file, { message: problem.message, span: problemSpan(problem) });
    if (runs.records.length === 0) return;
    registry ??= loadSchemas(runSchemaPaths);
    for (const record of runs.records) {
      const place = (pointer: string, part: NodePart) => recordSpan(record, pointer, part);
      for (const issue of registry.validate(schemaFiles[record.kind], record.data)) context.report(record.origin.file, placeProblem(pointerProblem(issue), place));
    }
  },
});
