/**
 * What completion inside a query block (```base, ```dataview) works from: the block's text up to the cursor, and the
 * names the vault offers a query — its properties, folders and tags, read once per analysis (a keystroke's request
 * only adds the edited doc's own keys) — and the one way its items are made: filtered by what was typed, replacing it.
 *
 * In: "```base\nviews:\n  - type: ta‸" → `{ kind: 'base', before: 'views:\n  - type: ta' }`
 * In: `queryItems(cursor, 'sta', [{ label: 'status', kind: Property }])` → one item replacing `sta` with `status`
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { VaultAnalysis } from '../pipeline/check-vault.ts';
import { vaultNames } from '../queries/property-index.ts';
import { contains, typedRange, type CompletionRequest } from './completion-request.ts';

/** The vault's names, sorted: what a query may name. */
export interface QueryNames {
  /** Every frontmatter key of the vault (and of the doc being edited). */
  readonly properties: readonly string[];
  readonly folders: readonly string[];
  /** Lower-cased, without `#`, parents included. */
  readonly tags: readonly string[];
}

export interface QueryCursor {
  readonly request: CompletionRequest;
  /** Which engine reads the block: Obsidian Bases (YAML with expressions) or Dataview's DQL. */
  readonly kind: 'base' | 'dql';
  /** The block's text (its lines without a list item's indentation or a quote's `>`) up to the cursor. */
  readonly before: string;
  /** The whole block's text, for names defined after the cursor (a base's `formulas:` below its `views:`). */
  readonly text: string;
  readonly names: QueryNames;
}

const sorted = (names: Iterable<string>) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** One set of names per analysis: the server replaces the analysis after an edit, and the names with it. */
const namesByAnalysis = new WeakMap<VaultAnalysis, { names: QueryNames; properties: ReadonlySet<string> }>();

export function queryNames(request: CompletionRequest): QueryNames {
  const { analysis } = request.state;
  let cached = namesByAnalysis.get(analysis);
  if (!cached) {
    const { properties, folders, tags } = vaultNames(analysis.facts, analysis.attachments);
    cached = { names: { properties: sorted(properties), folders: sorted(folders).filter((folder) => folder !== ''), tags: sorted(tags) }, properties };
    namesByAnalysis.set(analysis, cached);
  }
  const { names, properties } = cached;
  // The doc being edited may have a key the last analysis has not seen yet.
  const added = Object.keys(request.doc.parsed.facts.frontmatter ?? {}).filter((key) => !properties.has(key));
  return added.length === 0 ? names : { ...names, properties: sorted([...names.properties, ...added]) };
}

/** The block of the doc holding the cursor, its text up to it; undefined outside every query block's lines. */
export function queryCursorAt(request: CompletionRequest): (Omit<QueryCursor, 'names'> & { js: boolean }) | undefined {
  const { doc, offset } = request;
  const facts = doc.parsed.facts;
  const blocks = [
    ...(facts.bases ?? []).map((query) => ({ query, kind: 'base' as const, js: false })),
    ...(facts.dataview ?? []).map((query) => ({ query, kind: 'dql' as const, js: query.js === true })),
  ];
  const line = doc.lines.point(offset).line;
  for (const { query, kind, js } of blocks) {
    const index = query.starts.findIndex((start) => start.line === line);
    if (index === -1) continue;
    const lines = query.text.split(/(?<=\r\n|\r(?!\n)|\n)/);
    let lineStart = 0;
    for (let i = 0; i < index; i++) lineStart += lines[i]?.length ?? 0;
    const lineLength = (lines[index] ?? '').replace(/\r?\n$|\r$/, '').length;
    // A cursor in the line's prefix (a list item's indentation, a quote's `>`) is at the start of the block's line.
    const column = Math.max(0, Math.min(offset - query.starts[index]!.offset, lineLength));
    return { request, kind, js, before: query.text.slice(0, lineStart + column), text: query.text };
  }
  return undefined;
}

/** What an item is, before it is filtered and placed. */
export interface QueryEntry {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  /** What is written in place of what was typed; the label when absent. */
  insert?: string;
}

/**
 * The entries whose label holds `typed`, as items replacing it. `group` orders the lists of one answer (keywords
 * before fields, say); within a group, the order given.
 */
export function queryItems(cursor: Pick<QueryCursor, 'request'>, typed: string, entries: readonly QueryEntry[], group = 0): CompletionItem[] {
  const range = typedRange(cursor.request, typed.length);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const { label, kind, detail, insert } of entries) {
    if (seen.has(label) || (typed !== '' && !contains(label, typed))) continue;
    seen.add(label);
    items.push({
      label,
      kind,
      ...(detail ? { detail } : {}),
      filterText: label,
      sortText: `${group}${String(items.length).padStart(5, '0')}`,
      textEdit: { range, newText: insert ?? label },
    });
  }
  return items;
}

/** `2 arguments`, `1–2 arguments`, `at least 1 argument`: a function's arity, for an item's detail. */
export function arity(min: number, max: number): string {
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (max === Number.POSITIVE_INFINITY) return min === 0 ? 'any number of arguments' : `at least ${min} ${plural(min)}`;
  if (min === max) return `${min} ${plural(min)}`;
  return `${min}–${max} arguments`;
}

/**
 * `build` memoised per list of names: the vault's properties are one list per analysis (`queryNames`), so what a
 * completion derives from them is built once, not on every keystroke.
 */
export function perNames<T>(build: (names: readonly string[]) => T): (names: readonly string[]) => T {
  const built = new WeakMap<readonly string[], T>();
  return (names) => {
    if (!built.has(names)) built.set(names, build(names));
    return built.get(names)!;
  };
}

export const propertyEntries = (names: readonly string[], detail = 'property'): QueryEntry[] =>
  names.map((label) => ({ label, kind: CompletionItemKind.Property, detail }));
