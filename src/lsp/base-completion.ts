/**
 * Completion inside a ```base block (help.obsidian.md/bases/syntax): where the YAML makes it clear, the base's keys
 * and a view's, view types, sort directions, summaries and property ids (`note.x`, `file.x`, `formula.x`); inside an
 * expression (a filter, a formula, a summary), the vault's properties, `file.` fields, `formula.` names of the block,
 * the global functions and, after `.` on a value, the methods of the Bases functions table with their arity.
 *
 * In: "views:\n  - type: ‸" → table, list, cards, map
 * In: "filters: 'file.‸" → backlinks, ctime, …, hasTag (method, at least 1 argument), …
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { topKeys, viewKeys, viewTypes } from '../queries/bases/base.ts';
import { fileFields, globals, methodArity, methodFor } from '../queries/bases/functions.ts';
import { builtInSummaryNames } from '../queries/bases/summaries.ts';
import { arity, perNames, propertyEntries, queryItems, type QueryCursor, type QueryEntry } from './query-cursor.ts';
import { yamlContextAt } from './yaml-schema-context.ts';

// The keys base.ts reads (it keeps its lists to itself): help.obsidian.md/bases/syntax.
const filterKeys = ['and', 'or', 'not'];
const sortKeys = ['property', 'direction'];

export function baseCompletion(cursor: QueryCursor): CompletionItem[] {
  const context = yamlContextAt(cursor.before.split(/\r\n|\r|\n/));
  if (!context) return [];
  const { path, key } = context;
  const inView = path[0] === 'views' && path[1] === '[]';
  // Where in the base or in its view the cursor is: `['sort', '[]']` is an item of a view's `sort`.
  const where = inView ? path.slice(2) : path;
  const inFilters = where[0] === 'filters';
  const last = where.at(-1);
  const sortLike = (last === '[]' && where.at(-2) === 'sort') || (where.length === 1 && last === 'groupBy');

  if (context.value !== undefined) {
    const value = context.value;
    if (context.inFlowList) {
      if (inView && where.length === 0 && key === 'order') return propertyIds(cursor, value);
      return inFilters || (where.length === 0 && key === 'filters') || filterKeys.includes(key) ? expression(cursor, value) : [];
    }
    if (where.length === 0 && key === 'filters') return expression(cursor, value);
    if (!inView && where.length === 1 && last === 'formulas') return expression(cursor, value);
    if (!inView && where.length === 1 && last === 'summaries') return expression(cursor, value, ['values']);
    if (inView && where.length === 0 && key === 'type') return keywords(cursor, value, viewTypes, CompletionItemKind.EnumMember, 'view type');
    if (inView && where.length === 1 && last === 'summaries') return summaryNames(cursor, value);
    if (sortLike && key === 'direction') return keywords(cursor, value, ['ASC', 'DESC'], CompletionItemKind.EnumMember, 'direction');
    if (sortLike && key === 'property') return propertyIds(cursor, value);
    return [];
  }

  if (context.inItem) {
    const item = unquoted(key);
    if (inView && where.length === 2 && where[0] === 'order') return propertyIds(cursor, item);
    if (inFilters && last === '[]') return [...keys(cursor, item, filterKeys, 'filter'), ...expression(cursor, item)];
    if (inView && where.length === 0) return keys(cursor, key, viewKeys, 'view');
    if (sortLike) return keys(cursor, key, sortKeys, 'sort');
    return [];
  }

  if (!inView && path.length === 0) return keys(cursor, key, topKeys, 'base');
  if (inView && where.length === 0) return keys(cursor, key, viewKeys, 'view');
  if (inFilters && (where.length === 1 || filterKeys.includes(last ?? ''))) return keys(cursor, key, filterKeys, 'filter');
  if (sortLike) return keys(cursor, key, sortKeys, 'sort');
  if ((!inView && where.length === 1 && last === 'properties') || (inView && where.length === 1 && last === 'summaries')) {
    return propertyIds(cursor, key, ': ');
  }
  if (!inView && where.length === 2 && where[0] === 'properties') return keys(cursor, key, ['displayName'], 'property');
  return [];
}

/** An item's text without its opening YAML quote: the expression starts after it. */
const unquoted = (text: string) => text.replace(/^["']/, '');

function keys(cursor: QueryCursor, typed: string, names: readonly string[], of: string): CompletionItem[] {
  return queryItems(cursor, typed, names.map((label) => ({ label, kind: CompletionItemKind.Property, detail: `${of} key`, insert: `${label}: ` })));
}

function keywords(cursor: QueryCursor, typed: string, names: readonly string[], kind: CompletionItemKind, detail: string): CompletionItem[] {
  return queryItems(cursor, typed, names.map((label) => ({ label, kind, detail })));
}

/**
 * `note.status`, `file.name`, `formula.ppu`: how `order`, `sort`, `groupBy`, `properties` and `summaries` name a
 * column; `suffix` follows one written as a key.
 */
function propertyIds(cursor: QueryCursor, typed: string, suffix = ''): CompletionItem[] {
  const entry = (label: string, kind: CompletionItemKind, detail: string): QueryEntry => ({ label, kind, detail, insert: `${label}${suffix}` });
  return queryItems(cursor, unquoted(typed), [
    ...cursor.names.properties.map((name) => entry(`note.${name}`, CompletionItemKind.Property, 'property')),
    ...fileFields.map((name) => entry(`file.${name}`, CompletionItemKind.Field, 'file property')),
    ...namesUnder(cursor.text, 'formulas').map((name) => entry(`formula.${name}`, CompletionItemKind.Variable, 'formula of this base')),
  ]);
}

function summaryNames(cursor: QueryCursor, typed: string): CompletionItem[] {
  return queryItems(cursor, typed, [
    ...builtInSummaryNames.map((label) => ({ label, kind: CompletionItemKind.EnumMember, detail: 'built-in summary' })),
    ...namesUnder(cursor.text, 'summaries').map((label) => ({ label, kind: CompletionItemKind.Variable, detail: 'summary of this base' })),
  ]);
}

/**
 * The keys of a top-level mapping of the block (`formulas:`, `summaries:`), read from its lines: the YAML is being
 * typed and may not parse.
 */
function namesUnder(text: string, section: string): string[] {
  const names: string[] = [];
  let indent: number | undefined;
  let inside = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lead = /^\s*/.exec(line)![0].length;
    if (lead === 0) {
      inside = new RegExp(`^${section}:\\s*(#.*)?$`).test(line);
      indent = undefined;
      continue;
    }
    if (!inside) continue;
    indent ??= lead;
    const match = lead === indent ? /^\s*(?:"([^"]+)"|'([^']+)'|([^\s:#][^:#]*?))\s*:/.exec(line) : null;
    if (match) names.push(match[1] ?? match[2] ?? match[3]!);
  }
  return names;
}

const identifier = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const namePart = /[\p{L}\p{N}_$]/u;

/** The methods every value of one type has (its type's and every value's), by a value of that type. */
function methodsOf(sample: Parameters<typeof methodFor>[0]): string[] {
  return [...methodArity.keys()].filter((name) => methodFor(sample, name)?.self === sample);
}

const methodEntry = (name: string): QueryEntry => {
  const { min, max } = methodArity.get(name)!;
  return { label: name, kind: CompletionItemKind.Method, detail: `method, ${arity(min, max)}`, insert: max === 0 ? `${name}()` : name };
};
const allMethods = [...methodArity.keys()].sort().map(methodEntry);
const stringMethods = methodsOf('').sort().map(methodEntry);
const fileMethods = methodsOf({ kind: 'file', path: '' }).sort().map(methodEntry);
const fileEntries: QueryEntry[] = [...fileFields].sort().map((name) => ({ label: name, kind: CompletionItemKind.Field, detail: 'file property' }));
const globalEntries: QueryEntry[] = Object.entries(globals)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, def]) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: `function, ${arity(def.min, def.max)}${def.needsApp ? ' (renders in Obsidian only)' : ''}`,
    insert: def.max === 0 ? `${name}()` : name,
  }));

/** Whether the expression text ends inside a string literal (its quotes, `"` or `'`, balanced so far). */
function inString(text: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote && c === '\\') i++;
    else if (quote ? c === quote : c === '"' || c === "'") quote = quote ? undefined : c;
  }
  return quote !== undefined;
}

/**
 * The text before the name that ends it, and that name (`status.lo` → `status.`, `lo`), or with `dotted` the chain of
 * names (`x this.file` → `x `, `this.file`); scanned back, in linear time.
 */
function splitName(text: string, dotted = false): [string, string] {
  let start = text.length;
  while (start > 0 && (namePart.test(text[start - 1]!) || (dotted && text[start - 1] === '.'))) start--;
  return [text.slice(0, start), text.slice(start)];
}

/** After `note.`: the properties a name can follow a dot to. */
const noteEntries = perNames((properties) => propertyEntries(properties.filter((name) => identifier.test(name))));

/** After `this.`: the base's own file, and its properties. */
const thisEntries = perNames((properties): QueryEntry[] => [
  { label: 'file', kind: CompletionItemKind.Field, detail: 'the file showing the base' },
  ...noteEntries(properties),
]);

/** Where a value starts: every property, one that is no name written `note["Due Date"]`. */
const expressionEntries = perNames((properties) =>
  properties.map((name): QueryEntry => ({ label: name, kind: CompletionItemKind.Property, detail: 'property', ...(identifier.test(name) ? {} : { insert: `note[${JSON.stringify(name)}]` }) })),
);

/** After `file.`, `this.file.`, `formula.`, `note.` and `this.`: what each holds. */
function named(cursor: QueryCursor, object: string, typed: string): CompletionItem[] {
  switch (object) {
    case 'file':
    case 'this.file':
      return [...queryItems(cursor, typed, fileEntries), ...queryItems(cursor, typed, fileMethods, 1)];
    case 'formula':
      return queryItems(cursor, typed, namesUnder(cursor.text, 'formulas').map((label) => ({ label, kind: CompletionItemKind.Variable, detail: 'formula of this base' })));
    case 'note':
      return queryItems(cursor, typed, noteEntries(cursor.names.properties));
    default:
      return queryItems(cursor, typed, thisEntries(cursor.names.properties));
  }
}

/** Inside an expression: what the text before the cursor, `text`, can go on with. `bindings`: names the place defines. */
function expression(cursor: QueryCursor, text: string, bindings: readonly string[] = []): CompletionItem[] {
  if (inString(text)) return [];
  const [head, typed] = splitName(text);
  if (head.endsWith('.')) {
    const object = head.slice(0, -1);
    const chain = object.slice(splitName(object, true)[0].length);
    if (chain === 'file' || chain === 'this.file' || chain === 'formula' || chain === 'note' || chain === 'this') return named(cursor, chain, typed);
    // `2.5`: a number's decimals, not a method.
    if (/^[\d.]+$/.test(chain)) return [];
    return queryItems(cursor, typed, chain === '' && /["']$/.test(object) ? stringMethods : allMethods);
  }
  // Right after a value (`status `, `)`) comes an operator, not a name.
  if (typed === '' && /[\p{L}\p{N}_$)\]"']$/u.test(head.trimEnd())) return [];
  return [
    ...queryItems(cursor, typed, expressionEntries(cursor.names.properties)),
    ...queryItems(cursor, typed, [
      ...bindings.map((label) => ({ label, kind: CompletionItemKind.Variable, detail: 'the column’s values' })),
      { label: 'file', kind: CompletionItemKind.Module, detail: 'the file of the row' },
      { label: 'note', kind: CompletionItemKind.Module, detail: 'the properties of the row' },
      { label: 'formula', kind: CompletionItemKind.Module, detail: 'the formulas of this base' },
      { label: 'this', kind: CompletionItemKind.Module, detail: 'the file showing the base' },
    ], 1),
    ...queryItems(cursor, typed, globalEntries, 2),
  ];
}
