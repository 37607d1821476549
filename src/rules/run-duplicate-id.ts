/**
 * Rule `run-duplicate-id`: a run id names one run across every file under `runs/` (and an incident id one
 * incident under `incidents/`). The second occurrence is reported, with a hint naming the first.
 *
 * In: `runs/a.ndjson:1` and `runs/b.ndjson:4` both `"id": "gha-101"`
 * Out: `runs/b.ndjson 4:… Unexpected duplicate run id "gha-101", expected unique ids` (hint: first at runs/a.ndjson:1)
 */
import { originText, recordSpan, type LoadedRecord } from '../runs/load-runs.ts';
import { defineVaultRule } from './rule.ts';

const line = (id: string) => `{"id":"${id}","service":"checkout-api","environment":"production","status":"running","sha":"3f9c2a1"}`;

export const runDuplicateId = defineVaultRule({
  id: 'run-duplicate-id',
  description: 'A run or incident id is used by one record only, across all files.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: 'Metrics count runs by id: a run imported twice (two exports overlapping) would count twice. Ids are compared exactly.',
  examples: {
    ok: [{ title: 'Distinct ids', path: 'runs/deploys.ndjson', markdown: `${line('gha-101')}\n${line('gha-102')}\n` }],
    notOk: [
      {
        title: 'The same run in two files',
        path: 'runs/b.ndjson',
        markdown: `${line('gha-102')}\n${line('gha-101')}\n`,
        files: { 'runs/a.ndjson': `${line('gha-101')}\n` },
        expect: ['2:7 Unexpected duplicate run id "gha-101"'],
      },
    ],
  },
  check(_index, _facts, context) {
    const first = new Map<string, LoadedRecord>();
    for (const record of context.runs.records) {
      const data = record.data;
      if (typeof data !== 'object' || data === null || !('id' in data) || typeof data.id !== 'string') continue;
      const key = `${record.kind}\0${data.id}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, record);
        continue;
      }
      context.report(record.origin.file, {
        message: `Unexpected duplicate ${record.kind} id ${JSON.stringify(data.id)}, expected unique ids`,
        span: recordSpan(record, '/id'),
        hint: `first used at ${originText(earlier.origin)}`,
      });
    }
  },
});
