/**
 * Rule `run-time-order`: a record's times make sense. A run cannot finish before it started, nor an incident be
 * resolved before it opened (errors); no time may lie after the check's `now` (a warning by default: often a
 * clock or time zone mistake in an exporter).
 *
 * In: `{"startedAt":"2026-11-20T14:10:00Z","finishedAt":"2026-11-20T14:02:00Z",…}`
 * Out: `Unexpected finishedAt 2026-11-20T14:02:00Z before startedAt 2026-11-20T14:10:00Z, expected it at or after`
 */
import type { SeveritySetting } from '../diagnostics/diagnostic.ts';
import { recordSpan, type LoadedRecord } from '../runs/load-runs.ts';
import { defineVaultRule } from './rule.ts';

interface Options {
  /** How to report times in the future: at most this severity (`off` skips the check). */
  future: SeveritySetting;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** Pairs that must be in order: [earlier, later]. */
const order: Record<LoadedRecord['kind'], Array<[string, string]>> = {
  run: [['startedAt', 'finishedAt']],
  incident: [['openedAt', 'resolvedAt']],
};
const times: Record<LoadedRecord['kind'], string[]> = { run: ['startedAt', 'finishedAt'], incident: ['openedAt', 'resolvedAt'] };

function timeOf(data: Record<string, unknown>, key: string): number | undefined {
  const value = Object.hasOwn(data, key) ? data[key] : undefined;
  if (typeof value !== 'string' || !rfc3339.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

const run = (started: string, finished: string) =>
  `{"id":"gha-101","service":"checkout-api","environment":"production","status":"success","sha":"3f9c2a1","startedAt":"${started}","finishedAt":"${finished}"}`;

export const runTimeOrder = defineVaultRule<Options>({
  id: 'run-time-order',
  description: 'Runs finish after they start, incidents resolve after they open, and no time is in the future.',
  defaultSeverity: 'error',
  defaultOptions: { future: 'warn' },
  docs: [
    'Compares `startedAt`/`finishedAt` of runs, `openedAt`/`resolvedAt` of incidents and the `timestamp` of each',
    'commit. A time after the moment of the check is reported at most at the `future` severity (default `warn`).',
    'Times that are not RFC 3339 are left to `run-schema`.',
  ].join('\n'),
  examples: {
    ok: [{ title: 'In order, in the past', path: 'runs/deploys.ndjson', markdown: `${run('2026-11-20T14:02:00Z', '2026-11-20T14:07:00Z')}\n` }],
    notOk: [
      {
        title: 'Finished before it started',
        path: 'runs/deploys.ndjson',
        markdown: `${run('2026-11-20T14:10:00Z', '2026-11-20T14:02:00Z')}\n`,
        expect: ['1:152 Unexpected finishedAt 2026-11-20T14:02:00Z before startedAt 2026-11-20T14:10:00Z'],
      },
      {
        title: 'A time in the future',
        path: 'runs/deploys.ndjson',
        markdown: `${run('2026-11-20T14:02:00Z', '2999-01-01T00:00:00Z')}\n`,
        expect: ['1:152 Unexpected finishedAt 2999-01-01T00:00:00Z in the future'],
      },
    ],
  },
  check(_index, _facts, context) {
    const now = context.now.getTime();
    const future = context.options.future;
    for (const record of context.runs.records) {
      const data = record.data;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) continue;
      const fields = data as Record<string, unknown>;
      for (const [earlier, later] of order[record.kind]) {
        const from = timeOf(fields, earlier);
        const to = timeOf(fields, later);
        if (from === undefined || to === undefined || to >= from) continue;
        context.report(record.origin.file, {
          message: `Unexpected ${later} ${String(fields[later])} before ${earlier} ${String(fields[earlier])}, expected it at or after`,
          span: recordSpan(record, `/${later}`),
        });
      }
      if (future === 'off') continue;
      const dated: Array<[pointer: string, label: string, time: number | undefined, text: unknown]> = times[record.kind].map((key) => [
        `/${key}`,
        key,
        timeOf(fields, key),
        fields[key],
      ]);
      if (record.kind === 'run' && Array.isArray(fields.commits)) {
        fields.commits.forEach((commit: unknown, i) => {
          if (typeof commit !== 'object' || commit === null) return;
          const c = commit as Record<string, unknown>;
          dated.push([`/commits/${i}/timestamp`, `commits[${i}].timestamp`, timeOf(c, 'timestamp'), c.timestamp]);
        });
      }
      for (const [pointer, label, time, text] of dated) {
        if (time === undefined || time <= now) continue;
        context.report(record.origin.file, {
          message: `Unexpected ${label} ${String(text)} in the future, expected a time before the check (${context.now.toISOString()})`,
          span: recordSpan(record, pointer),
          hint: 'check the exporter\'s clock and time zone',
          cap: future,
        });
      }
    }
  },
});
