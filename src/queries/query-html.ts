/**
 * A query's result as static HTML, for a Bases view or a Dataview query in a published doc: a figure captioned with
 * the view's name holding a table, a list, cards or a task list, with group headings, summaries and the notes the
 * reader should see. No script: what Obsidian makes interactive (sorting, ticking a task) is shown as it stands.
 * Built as hast, so every string from the vault (values, labels, titles) is escaped by construction.
 *
 * In: `renderQueryResult({ name: 'Runbooks', layout: 'table', columns: [{ id: 'file.name', label: 'Name' }], groups:
 *       [{ rows: [{ path: 'rollback.md', cells: ['rollback'] }] }], total: 1, notes: [] }, { href, title })`
 * Out: `<figure class="query query-table"><figcaption>Runbooks</figcaption><div class="query-scroll"><table>…
 *       <th scope="row"><a href="/rollback/">rollback</a></th>…</table></div></figure>`
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { QueryColumn, QueryDate, QueryDuration, QueryGroup, QueryResult, QueryRow, Value } from './types.ts';

export interface QueryHtmlOptions {
  /** The URL of a published doc's or file's page; undefined when it has none (its name then shows as text). */
  href(path: string): string | undefined;
  /** What a link to a file shows when it has no text of its own: a doc's title, an attachment's name. */
  title(path: string): string;
}

type Summaries = NonNullable<QueryGroup['summaries']>;

const render = (node: ElementContent): string => toHtml({ type: 'root', children: [node] } as Root);

/** One view's result as a `<figure class="query">`. */
export function renderQueryResult(result: QueryResult, options: QueryHtmlOptions): string {
  const groups = result.groups.filter((group) => group.rows.length > 0);
  const body = groups.length === 0 ? h('p.query-empty', 'No results') : layouts[result.layout](result.columns, groups, options);
  return render(
    h('figure.query', { className: [`query-${result.layout}`] }, [
      ...(result.name ? [h('figcaption.query-name', result.name)] : []),
      ...result.notes.map((note) => h('p.query-note', { role: 'note' }, note)),
      body,
    ]),
  );
}

/** A single value, as a query cell shows it (Dataview's inline `= expression`). */
export function renderQueryValue(value: Value, options: QueryHtmlOptions): string {
  return toHtml({ type: 'root', children: valueNodes(value, options) });
}

type Layout = (columns: readonly QueryColumn[], groups: readonly QueryGroup[], options: QueryHtmlOptions) => Element;

const layouts: Record<QueryResult['layout'], Layout> = {
  table: tableOf,
  list: (columns, groups, options) =>
    grouped(columns, groups, options, (rows) =>
      h(
        'ul.query-list',
        rows.map((row) =>
          h('li', [
            ...titleOf(row, options),
            ...row.cells.slice(1).flatMap((cell) => (isEmpty(cell) ? [] : [' · ', h('span.query-value', valueNodes(cell, options))])),
          ]),
        ),
      ),
    ),
  cards: (columns, groups, options) =>
    grouped(columns, groups, options, (rows) =>
      h(
        'ul.query-cards',
        rows.map((row) =>
          h('li.query-card', [
            h('p.query-card-title', titleOf(row, options)),
            ...(columns.length > 1
              ? [h('dl', columns.slice(1).map((column, i) => h('div', [h('dt', column.label), h('dd', valueNodes(row.cells[i + 1] ?? null, options))])))]
              : []),
          ]),
        ),
      ),
    ),
  task: (columns, groups, options) =>
    grouped(columns, groups, options, (rows) =>
      h(
        'ul.query-tasks',
        rows.map((row) =>
          h('li.query-task', row.task ? { dataStatus: row.task.status } : {}, [
            ...(row.task ? [h('label', [h('input', { type: 'checkbox', disabled: true, checked: row.task.completed }), ' ', row.task.text]), ' '] : []),
            h('span.query-task-source', docLink(row.path, options)),
          ]),
        ),
      ),
    ),
};

/** A table: a header row, a `<tbody>` per group under its key, summaries at the end of each group or in the `<tfoot>`. */
function tableOf(columns: readonly QueryColumn[], groups: readonly QueryGroup[], options: QueryHtmlOptions): Element {
  // Without columns, a row is its file: one column of links, so that no row is an empty line.
  const shown = columns.length > 0 ? columns : [{ id: 'file', label: 'File' }];
  const ungrouped = groups.length === 1 && groups[0]!.key === undefined;
  const summaryRow = (summaries: Summaries) =>
    h(
      'tr.query-summary',
      shown.map((column) => {
        const summary = summaries[column.id];
        return h('td', summary ? [h('span.query-summary-label', summary.label), ' ', ...valueNodes(summary.value, options)] : []);
      }),
    );
  const rowOf = (row: QueryRow) =>
    h('tr', [
      h('th', { scope: 'row' }, columns.length > 0 ? firstCell(row, options) : docLink(row.path, options)),
      ...shown.slice(1).map((_, i) => h('td', valueNodes(row.cells[i + 1] ?? null, options))),
    ]);
  const tfoot = ungrouped && hasSummaries(groups[0]!) ? [h('tfoot', [summaryRow(groups[0]!.summaries!)])] : [];
  return h('div.query-scroll', [
    h('table', [
      h('thead', [h('tr', shown.map((column) => h('th', { scope: 'col' }, column.label)))]),
      ...groups.map((group) =>
        h('tbody', [
          ...(ungrouped ? [] : [h('tr.query-group', [h('th', { scope: 'rowgroup', colSpan: shown.length }, keyNodes(group.key, options))])]),
          ...group.rows.map(rowOf),
          ...(!ungrouped && hasSummaries(group) ? [summaryRow(group.summaries!)] : []),
        ]),
      ),
      ...tfoot,
    ]),
  ]);
}

/** A list layout's groups: each under its key, with its summaries after its rows; one ungrouped list as it is. */
function grouped(columns: readonly QueryColumn[], groups: readonly QueryGroup[], options: QueryHtmlOptions, list: (rows: readonly QueryRow[]) => Element): Element {
  const part = (group: QueryGroup) => [list(group.rows), ...(hasSummaries(group) ? [summaryList(columns, group.summaries!, options)] : [])];
  if (groups.length === 1 && groups[0]!.key === undefined) return h('div.query-body', part(groups[0]!));
  return h(
    'div.query-body',
    groups.map((group) => h('div.query-group', [h('p.query-group-key', keyNodes(group.key, options)), ...part(group)])),
  );
}

function summaryList(columns: readonly QueryColumn[], summaries: Summaries, options: QueryHtmlOptions): Element {
  return h(
    'dl.query-summaries',
    Object.entries(summaries).map(([id, { label, value }]) =>
      h('div', [h('dt', `${label} (${columns.find((column) => column.id === id)?.label ?? id})`), h('dd', valueNodes(value, options))]),
    ),
  );
}

const hasSummaries = (group: QueryGroup) => group.summaries !== undefined && Object.keys(group.summaries).length > 0;

/** A group's heading: its key, or "No value" for the rows that have none. */
function keyNodes(key: Value | undefined, options: QueryHtmlOptions): ElementContent[] {
  return key === undefined || isEmpty(key) ? [h('span.query-none', 'No value')] : valueNodes(key, options);
}

/** A table row's first cell links to the row's file, unless it is a link itself (a link holds no link). */
function firstCell(row: QueryRow, options: QueryHtmlOptions): ElementContent[] {
  const cell = row.cells[0] ?? null;
  const nodes = valueNodes(cell, options);
  const href = options.href(row.path);
  return isEmpty(cell) || holdsLink(cell) || href === undefined ? nodes : [h('a', { href }, nodes)];
}

/** A list item's or card's title: its first cell linking to its file, or the file's title when that cell is empty. */
function titleOf(row: QueryRow, options: QueryHtmlOptions): ElementContent[] {
  return isEmpty(row.cells[0] ?? null) ? docLink(row.path, options) : firstCell(row, options);
}

function docLink(path: string, options: QueryHtmlOptions): ElementContent[] {
  const href = options.href(path);
  const text = options.title(path);
  return [href === undefined ? { type: 'text', value: text } : h('a', { href }, text)];
}

// `Array.isArray` does not narrow a readonly array out of a union.
const isList = (value: Value): value is readonly Value[] => Array.isArray(value);

const isEmpty = (value: Value) => value === null || value === '' || (isList(value) && value.length === 0);

function holdsLink(value: Value): boolean {
  if (isList(value)) return value.some(holdsLink);
  if (value === null || typeof value !== 'object') return false;
  if (value.kind === 'object') return Object.values(value.fields).some(holdsLink);
  return value.kind === 'link' || value.kind === 'file';
}

/** A value as the reader sees it: dates as days, links as links, lists with commas; null as nothing. */
function valueNodes(value: Value, options: QueryHtmlOptions): ElementContent[] {
  if (value === null) return [];
  if (typeof value === 'boolean') {
    return [h('span', { className: [value ? 'query-true' : 'query-false'] }, [h('span', { ariaHidden: 'true' }, value ? '✓' : '✗'), h('span.sr-only', value ? 'yes' : 'no')])];
  }
  if (typeof value === 'number' || typeof value === 'string') return [{ type: 'text', value: String(value) }];
  if (isList(value)) return joined(value.map((item) => valueNodes(item, options)), ', ');
  switch (value.kind) {
    case 'date': {
      const text = dateText(value);
      return text === '' ? [] : [h('time', { dateTime: value.hasTime ? `${text.replace(' ', 'T')}Z` : text }, text)];
    }
    case 'duration':
      return [{ type: 'text', value: durationText(value) }];
    case 'file':
      return docLink(value.path, options);
    case 'link': {
      const text = value.display || value.target || (value.path === undefined ? '' : options.title(value.path));
      const href = value.path === undefined ? undefined : options.href(value.path);
      return [href === undefined ? { type: 'text', value: text } : h('a', { href }, text)];
    }
    case 'object':
      return joined(
        Object.entries(value.fields).map(([key, field]) => [{ type: 'text', value: `${key}: ` }, ...valueNodes(field, options)]),
        '; ',
      );
  }
}

function joined(parts: ElementContent[][], separator: string): ElementContent[] {
  return parts.flatMap((part, i) => (i === 0 ? part : [{ type: 'text', value: separator }, ...part]));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-01-05`, or `2026-01-05 10:00` for a date with a time (UTC, as the vault's dates are read). */
export function dateText(date: QueryDate): string {
  const d = new Date(date.time);
  if (Number.isNaN(d.getTime())) return '';
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return date.hasTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

const units: ReadonlyArray<[string, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];
const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** `3 days`, `1 year, 2 months`, `2 hours, 30 minutes`, `250 milliseconds`, `0 seconds`. */
export function durationText(duration: QueryDuration): string {
  const parts: string[] = [];
  const sign = (negative: boolean) => (negative ? '-' : '');
  const months = Math.round(Math.abs(duration.months));
  const [years, rest] = [Math.floor(months / 12), months % 12];
  if (years) parts.push(sign(duration.months < 0) + count(years, 'year'));
  if (rest) parts.push(sign(duration.months < 0) + count(rest, 'month'));
  let ms = Math.round(Math.abs(duration.ms));
  const exact = ms;
  for (const [unit, size] of units) {
    const n = Math.floor(ms / size);
    ms -= n * size;
    if (n) parts.push(sign(duration.ms < 0) + count(n, unit));
  }
  if (parts.length === 0) return exact > 0 ? sign(duration.ms < 0) + count(exact, 'millisecond') : '0 seconds';
  return parts.join(', ');
}
