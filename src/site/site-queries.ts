/**
 * The vault's queries on the site, run once at build time over the published vault (`queries/property-index.ts`: an
 * excluded doc is never a row) into static HTML: ```` ```base ```` blocks, `.base` files (a page of their own, and
 * `![[x.base#View]]` embeds), ```` ```dataview ```` blocks. `now()` is the config's `queries.asOf`, so a build is
 * reproducible. A query whose text does not parse is left as its source: the check reports it (`bases`, `dataview`).
 *
 * In: `siteQueries({ … }).dataview({ text: 'LIST FROM #runbook', starts }, 'index.md')`
 * Out: `<figure class="query query-list"><ul><li><a href="/runbooks/rollback/">Rollback</a></li></ul></figure>`
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { VaultIndex } from '../links/vault-index.ts';
import type { DocFacts } from '../markdown/types.ts';
import { parseBase, type ParsedBase } from '../queries/bases/base.ts';
import { runBase } from '../queries/bases/run-base.ts';
import type { BaseFile } from '../queries/base-files.ts';
import { runDql } from '../queries/dataview/run-dql.ts';
import { buildQueryVault } from '../queries/property-index.ts';
import { renderQueryResult, type QueryHtmlOptions } from '../queries/query-html.ts';
import type { QueryText } from '../queries/query-text.ts';
import type { QueryContext, QueryResult, QueryVault } from '../queries/types.ts';

export interface SiteQueriesInput extends QueryHtmlOptions {
  facts: readonly DocFacts[];
  attachments: readonly string[];
  index: VaultIndex;
  /** Whether a doc or file is on the site. */
  published(path: string): boolean;
  dates?: ReadonlyMap<string, { created: string; updated: string }>;
  contentDir: string;
  baseFiles: readonly BaseFile[];
  now: Date;
  maxRows: number;
}

export interface SiteQueries {
  /** A base's views (or the one named) as HTML, run for the doc `from`; undefined when its YAML is broken. */
  base(query: QueryText | string, from: string | undefined, view?: string): string | undefined;
  /** A `.base` file's views, as `base` does. */
  baseFile(path: string, from: string | undefined, view?: string): string | undefined;
  /** A DQL query's result as HTML, run for the doc `from`; undefined when it does not parse. */
  dataview(query: QueryText, from: string): string | undefined;
}

export function siteQueries(input: SiteQueriesInput): SiteQueries {
  // Built on the first query: a vault without any pays nothing.
  let vault: QueryVault | undefined;
  const context = (from: string | undefined): QueryContext => {
    vault ??= buildQueryVault({
      facts: input.facts,
      attachments: input.attachments,
      index: input.index,
      published: input.published,
      ...(input.dates ? { dates: input.dates } : {}),
      size: (path) => {
        try {
          return statSync(join(input.contentDir, path)).size;
        } catch {
          return undefined;
        }
      },
    });
    const self = from === undefined ? undefined : vault.byPath.get(from);
    return { vault, now: input.now, maxRows: input.maxRows, ...(self ? { self } : {}) };
  };
  const html = (results: readonly QueryResult[]) => `<div class="query-results">${results.map((result) => renderQueryResult(result, input)).join('')}</div>`;
  // A `.base` file is embedded by many docs and has its page: its YAML is read once.
  const parsedBases = new Map<string, ParsedBase>();
  const base: SiteQueries['base'] = (query, from, view) => {
    const text = typeof query === 'string' ? query : query.text;
    let parsed = parsedBases.get(text);
    if (!parsed) parsedBases.set(text, (parsed = parseBase(text)));
    if (parsed.problems.some((problem) => (problem.severity ?? 'error') === 'error')) return undefined;
    return html(runBase(parsed.base, context(from), view));
  };
  const files = new Map(input.baseFiles.map((file) => [file.path, file.text]));
  return {
    base,
    baseFile(path, from, view) {
      const text = files.get(path);
      return text === undefined ? undefined : base(text, from, view);
    },
    dataview(query, from) {
      const run = runDql(query.text, context(from));
      return run.result && html([run.result]);
    },
  };
}
