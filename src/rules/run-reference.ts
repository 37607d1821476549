/**
 * Rule `run-reference`: run data points at things the vault knows. A run's `service` and `environment` (and an
 * incident's `service`) name a doc of type `service`/`environment` by its title, an alias or its file name
 * (case-insensitive); an incident's `causedBy` is the id of a run or the sha of a deployed commit.
 *
 * In: `{"id":"gha-101","service":"chekout-api",…}` with `services/checkout-api.md` in the vault
 * Out: `Unresolved service "chekout-api", expected a doc with type: service` (suggestions: checkout-api)
 */
import { docNames } from '../markdown/doc-names.ts';
import type { DocFacts } from '../markdown/types.ts';
import { recordSpan, type LoadedRecord } from '../runs/load-runs.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { defineVaultRule } from './rule.ts';

const service = '---\ntitle: checkout-api\ntype: service\n---\n';
const environment = '---\ntitle: Production\ntype: environment\naliases: [prod]\n---\n';
const run = (env: string) =>
  `{"id":"gha-101","service":"checkout-api","environment":"${env}","status":"success","sha":"3f9c2a1","finishedAt":"2026-11-20T14:07:12Z"}`;

/** Lower-cased title, aliases and file name of each non-template doc of a type → the name to suggest. */
function namesOf(facts: readonly DocFacts[], type: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const doc of facts) {
    if (doc.isTemplate || doc.type?.toLowerCase() !== type) continue;
    for (const name of docNames(doc)) if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return names;
}

function field(record: LoadedRecord, key: string): string | undefined {
  const data = record.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' && Object.hasOwn(data, key) ? value : undefined;
}

export const runReference = defineVaultRule({
  id: 'run-reference',
  description: 'Runs, incidents and dashboard blocks name known services and environments, and incidents a known run.',
  defaultSeverity: 'warn',
  defaultOptions: {},
  docs: [
    'A name matches a doc whose frontmatter `type` is `service` (or `environment`) by its `title`, one of its',
    '`aliases` or its file name, ignoring case. An incident\'s `causedBy` matches a run `id`, a run `sha` or a sha in',
    'a run\'s `commits`; a sha matches its abbreviations (7 characters or more). A ```dashboard block\'s `service`',
    'and `environment` match a name in the run data or a doc as above.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'An environment named by its alias',
        path: 'runs/deploys.ndjson',
        markdown: `${run('prod')}\n`,
        files: { 'services/checkout-api.md': service, 'environments/production.md': environment },
      },
    ],
    notOk: [
      {
        title: 'An environment with no doc',
        path: 'runs/deploys.ndjson',
        markdown: `${run('prodution')}\n`,
        files: { 'services/checkout-api.md': service, 'environments/production.md': environment },
        expect: ['1:56 Unresolved environment "prodution"'],
      },
      {
        title: 'One report for a name that many records repeat',
        path: 'runs/deploys.ndjson',
        markdown: `${run('prodution')}\n${run('prodution').replace('gha-101', 'gha-102')}\n${run('prodution').replace('gha-101', 'gha-103')}\n`,
        files: { 'services/checkout-api.md': service, 'environments/production.md': environment },
        expect: ['1:56 Unresolved environment "prodution" (and 2 more records of this file)'],
      },
      {
        title: 'An incident caused by an unknown run',
        path: 'incidents/2026.yaml',
        markdown: 'id: INC-7\nservice: checkout-api\nopenedAt: 2026-11-20T15:00:00Z\ncausedBy: gha-999\n',
        files: { 'services/checkout-api.md': service, 'runs/deploys.ndjson': `${run('production')}\n`, 'environments/production.md': environment },
        expect: ['4:11 Unresolved causedBy "gha-999"'],
      },
      {
        title: 'A dashboard block naming a service with neither runs nor a doc',
        markdown: '```dashboard\nmetric: lead-time\nservice: chekout-api\n```\n',
        files: { 'services/checkout-api.md': service, 'runs/deploys.ndjson': `${run('production')}\n`, 'environments/production.md': environment },
        expect: ['3:10 Unresolved service "chekout-api" in a dashboard block'],
      },
    ],
  },
  check(_index, facts, context) {
    const known = { service: namesOf(facts, 'service'), environment: namesOf(facts, 'environment') };
    const runIds = new Set<string>();
    for (const record of context.runs.records) {
      const id = record.kind === 'run' ? field(record, 'id') : undefined;
      if (id !== undefined) runIds.add(id);
    }
    // Every sha the runs name: built only when an incident names something that is not a run id, and sorted only
    // when one names a sha that is not recorded in full (an abbreviation, or a longer sha than a run recorded).
    let shaSet: Set<string> | undefined;
    let sorted: string[] | undefined;
    const knownShas = (): Set<string> => {
      if (!shaSet) {
        shaSet = new Set();
        for (const record of context.runs.records) {
          if (record.kind !== 'run') continue;
          const sha = field(record, 'sha');
          if (sha !== undefined) shaSet.add(sha.toLowerCase());
          const commits = (record.data as { commits?: unknown }).commits;
          if (Array.isArray(commits)) for (const c of commits) if (typeof c?.sha === 'string') shaSet.add(c.sha.toLowerCase());
        }
      }
      return shaSet;
    };
    const isSha = (text: string): boolean => {
      const value = text.toLowerCase();
      if (value.length < 7) return false;
      const set = knownShas();
      if (set.has(value)) return true;
      for (let length = 7; length < value.length; length++) if (set.has(value.slice(0, length))) return true;
      // Sorted, the shas that `value` abbreviates follow where it would be inserted: a binary search, not a scan.
      sorted ??= [...set].sort();
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (sorted[middle]! < value) low = middle + 1;
        else high = middle;
      }
      return sorted[low]?.startsWith(value) ?? false;
    };

    // One report per unknown name and file, at its first record: a long history with one undocumented service
    // would otherwise say the same thing once per run.
    const unresolved = new Map<string, { record: LoadedRecord; key: 'service' | 'environment'; value: string; count: number }>();
    // The names the runs use, for dashboard blocks below: a block may name what has runs, or what has a doc.
    const inRuns = { service: new Map<string, string>(), environment: new Map<string, string>() };
    for (const record of context.runs.records) {
      const names: Array<'service' | 'environment'> = record.kind === 'run' ? ['service', 'environment'] : ['service'];
      for (const key of names) {
        const value = field(record, key);
        if (value === undefined || value === '') continue;
        inRuns[key].set(value.toLowerCase(), value);
        if (known[key].has(value.toLowerCase())) continue;
        const id = `${record.origin.file}\0${key}\0${value}`;
        const seen = unresolved.get(id);
        if (seen) seen.count++;
        else unresolved.set(id, { record, key, value, count: 1 });
      }
      if (record.kind !== 'incident') continue;
      const cause = field(record, 'causedBy');
      if (cause === undefined || cause === '' || runIds.has(cause) || isSha(cause)) continue;
      const close = suggest(cause, runIds);
      context.report(record.origin.file, {
        message: `Unresolved causedBy ${JSON.stringify(cause)}, expected the id of a run or a deployed commit sha`,
        span: recordSpan(record, '/causedBy'),
        ...(close.length > 0 ? { suggestions: close } : {}),
      });
    }

    for (const { record, key, value, count } of unresolved.values()) {
      const close = suggest(value, known[key].values());
      const more = count > 1 ? ` (and ${count - 1} more record${count === 2 ? '' : 's'} of this file)` : '';
      context.report(record.origin.file, {
        message: `Unresolved ${key} ${JSON.stringify(value)}${more}, expected a doc with type: ${key} and this title, alias or file name`,
        span: recordSpan(record, `/${key}`),
        hint: known[key].size === 0 ? `the vault has no doc with type: ${key}` : `add a ${key} doc, or an alias to an existing one`,
        ...(close.length > 0 ? { suggestions: close } : {}),
      });
    }

    // A dashboard block's names: known when runs use them, or a doc has them (a new service before its first run).
    for (const doc of facts) {
      for (const ref of doc.isTemplate ? [] : (doc.dashboardRefs ?? [])) {
        const name = ref.name.toLowerCase();
        if (inRuns[ref.key].has(name) || known[ref.key].has(name)) continue;
        const close = suggest(ref.name, [...new Set([...inRuns[ref.key].values(), ...known[ref.key].values()])]);
        context.report(doc.path, {
          message: `Unresolved ${ref.key} ${JSON.stringify(ref.name)} in a dashboard block, expected a ${ref.key} with runs or a doc with type: ${ref.key}`,
          span: ref.span,
          ...(close.length > 0 ? { suggestions: close } : {}),
        });
      }
    }
  },
});
