/**
 * Reads a base (a `.base` file, or a `base` code block) into a typed Base, following
 * help.obsidian.md/bases/syntax: `filters` (a string, or `and`/`or`/`not` lists, recursively), `formulas`,
 * `properties` (`displayName`), `summaries`, `views`. Every expression keeps the YAML offset of each of its
 * characters (inside the quotes of a quoted scalar, past its escapes), so a problem in `'status != "done")'` lands on
 * its `)`. YAML errors, unknown keys and wrong types are problems at their place; nothing throws.
 *
 * In: `filters: 'file.hasTag("ops")'\nviews:\n  - type: table\n    name: All\n`
 * Out: `{ filters: { type: 'expression', source: { text: 'file.hasTag("ops")', start: 10, … } },
 *        views: [{ type: 'table', name: 'All', order: [], sort: [], … }], … }`
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import type { QueryProblem } from '../types.ts';
import { suggest } from '../../diagnostics/suggest.ts';

/** An expression as the base writes it, with where each of its characters is in the YAML text. */
export interface BaseExpression {
  readonly text: string;
  /** YAML offsets of the scalar (its quotes included). */
  readonly start: number;
  readonly end: number;
  /** The YAML offset of each character of `text`, and one more for its end. */
  readonly positions: readonly number[];
}

/** A property as `order`, `sort`, `groupBy`, `properties` and `summaries` name it: `note.x`, `file.x`, `formula.x`. */
export interface BaseProperty {
  /** Normalised: a bare `status` is `note.status`. */
  readonly id: string;
  readonly source: BaseExpression;
}

export type BaseFilter =
  | { readonly type: 'expression'; readonly source: BaseExpression }
  | { readonly type: 'and' | 'or' | 'not'; readonly items: readonly BaseFilter[]; readonly start: number; readonly end: number };

export interface BaseSort {
  readonly property: BaseProperty;
  readonly direction: 'ASC' | 'DESC';
}

export interface BaseViewSummary {
  readonly property: BaseProperty;
  /** A built-in summary (`Average`) or the name of one of the base's `summaries`. */
  readonly summary: string;
  readonly start: number;
  readonly end: number;
}

export interface BaseView {
  /** `table`, `list`, `cards`, `map`, or a plugin's. */
  readonly type: string;
  readonly name: string;
  /** The view's entry in the YAML text. */
  readonly start: number;
  readonly end: number;
  readonly limit?: number;
  readonly filters?: BaseFilter;
  readonly order: readonly BaseProperty[];
  readonly sort: readonly BaseSort[];
  readonly groupBy?: BaseSort;
  readonly summaries: readonly BaseViewSummary[];
}

export interface Base {
  readonly filters?: BaseFilter;
  readonly formulas: ReadonlyMap<string, BaseExpression>;
  /** By property id: its `displayName`. */
  readonly displayNames: ReadonlyMap<string, string>;
  readonly summaries: ReadonlyMap<string, BaseExpression>;
  readonly views: readonly BaseView[];
}

export interface ParsedBase {
  readonly base: Base;
  readonly problems: readonly QueryProblem[];
}

/** `status` → `note.status`; `file.name`, `formula.x`, `note.x` stay. */
function propertyId(name: string): string {
  const trimmed = name.trim();
  return /^(?:note|file|formula)\./.test(trimmed) ? trimmed : `note.${trimmed}`;
}

/** `; did you mean \`status\`?` when a candidate is close to `word`, else ''; the end of an "unknown name" message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const close = suggest(word, candidates);
  return close.length > 0 ? `; did you mean ${close.map((name) => `\`${name}\``).join(', ')}?` : '';
}

/** A problem an expression's parser or check found (offsets into its text), placed in the YAML text. */
export function placeInYaml(source: BaseExpression, problem: QueryProblem): QueryProblem {
  const at = (offset: number) => source.positions[Math.max(0, Math.min(offset, source.positions.length - 1))] ?? source.start;
  const start = at(problem.start);
  const end = problem.end > problem.start ? at(problem.end - 1) + 1 : start + 1;
  return { ...problem, start, end: Math.max(end, start + 1) };
}

export const topKeys = ['filters', 'formulas', 'properties', 'summaries', 'views'];
/** Keys core views write besides the ones this reads (help.obsidian.md/bases/views and its layout pages). */
export const viewKeys = ['type', 'name', 'limit', 'filters', 'order', 'sort', 'groupBy', 'summaries'];
/** The view types Obsidian ships: a map is shown as a table, with a note (it needs Obsidian). */
export const viewTypes = ['table', 'list', 'cards', 'map'];
const viewStateKeys = ['columnSize', 'rowHeight', 'image', 'imageFit', 'imageAspectRatio', 'cardSize', 'indentProperties', 'markers', 'separator', 'coordinates', 'center', 'defaultZoom', 'maxZoom', 'minZoom', 'mapTiles', 'markerIcon', 'markerColor', 'mapHeight'];

/** Where each character of a scalar's value is in `text`: exact for plain and one-line quoted scalars, best effort else. */
function positionsOf(scalar: Scalar, value: string, text: string): number[] {
  const [start, end] = scalar.range ?? [0, 0];
  const raw = text.slice(start, end);
  const positions: number[] = [];
  if (scalar.type === 'QUOTE_SINGLE' || scalar.type === 'QUOTE_DOUBLE') {
    const double = scalar.type === 'QUOTE_DOUBLE';
    for (let i = 1; i < raw.length - 1; i++) {
      positions.push(start + i);
      if (!double && raw[i] === "'" && raw[i + 1] === "'") i++;
      else if (double && raw[i] === '\\') {
        const hex = { x: 2, u: 4, U: 8 }[raw[i + 1] ?? ''] ?? 0;
        i += 1 + hex;
      } else if (raw[i] === '\n' || raw[i] === '\r') while (/\s/.test(raw[i + 1] ?? '')) i++;
    }
  } else if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    const body = raw.indexOf('\n') + 1;
    const indent = /^[ \t]*/.exec(raw.slice(body).replace(/^(?:[ \t]*\n)*/, ''))?.[0].length ?? 0;
    let i = body;
    while (i < raw.length) {
      i += Math.min(indent, /^[ \t]*/.exec(raw.slice(i))![0].length);
      while (i < raw.length && raw[i] !== '\n') positions.push(start + i++);
      if (i < raw.length) positions.push(start + i++);
    }
  } else {
    for (let i = 0; i < raw.length; i++) {
      positions.push(start + i);
      if (raw[i] === '\n') while (/\s/.test(raw[i + 1] ?? '')) i++;
    }
  }
  if (positions.length < value.length) {
    // Folding the parser did and this walk did not: fall back to counting from the first character.
    const first = positions[0] ?? start;
    return [...Array(value.length + 1).keys()].map((i) => Math.min(first + i, end));
  }
  const cut = positions.slice(0, value.length);
  cut.push(value.length > 0 ? cut[value.length - 1]! + 1 : (scalar.type?.startsWith('QUOTE') ? start + 1 : start));
  return cut;
}

class Reader {
  readonly problems: QueryProblem[] = [];
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  report(node: Node | Pair | undefined, message: string, severity: QueryProblem['severity'] = 'error'): void {
    const range = (node && 'range' in node ? node.range : undefined) ?? (node && 'key' in node ? (node.key as Node | null)?.range : undefined) ?? [0, 1];
    const problem: QueryProblem = { message, start: range[0], end: Math.max(range[1], range[0] + 1) };
    this.problems.push(severity === 'error' ? problem : { ...problem, severity });
  }

  /** A scalar as an expression; a problem and undefined for anything else. */
  expression(node: unknown, what: string): BaseExpression | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      this.report(node as Node, `Unexpected ${describe(node)}, expected ${what}`);
      return undefined;
    }
    const text = String(node.value);
    const [start, end] = node.range ?? [0, 0];
    return { text, start, end, positions: positionsOf(node, text, this.text) };
  }

  property(node: unknown): BaseProperty | undefined {
    const source = this.expression(node, 'a property name');
    return source && { id: propertyId(source.text), source };
  }

  pairs(node: unknown, what: string): Pair<unknown, unknown>[] {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) {
      this.report(node as Node, `Unexpected ${describe(node)}, expected ${what}`);
      return [];
    }
    return node.items;
  }

  keyOf(pair: Pair<unknown, unknown>): string {
    return isScalar(pair.key) ? String(pair.key.value) : '';
  }

  unknownKey(pair: Pair<unknown, unknown>, known: readonly string[], where: string): void {
    const key = this.keyOf(pair);
    this.report(pair.key as Node, `Unexpected key \`${key}\` in ${where}, expected one of ${known.map((name) => `\`${name}\``).join(', ')}${didYouMean(key, known)}`, 'warning');
  }

  filter(node: unknown): BaseFilter | undefined {
    if (isScalar(node) && typeof node.value === 'string') {
      const source = this.expression(node, 'a filter');
      return source && { type: 'expression', source };
    }
    if (isMap(node)) {
      const [first, ...extra] = node.items;
      for (const pair of extra) this.report(pair.key as Node, `Unexpected second key \`${this.keyOf(pair)}\`, expected one of \`and\`, \`or\`, \`not\` per filter object`);
      if (!first) return undefined;
      const key = this.keyOf(first);
      if (key !== 'and' && key !== 'or' && key !== 'not') {
        this.report(first.key as Node, `Unexpected key \`${key}\` in a filter, expected \`and\`, \`or\` or \`not\``);
        return undefined;
      }
      if (!isSeq(first.value)) {
        this.report((first.value as Node | null) ?? (first.key as Node), `Unexpected ${describe(first.value)} after \`${key}:\`, expected a list of filters`);
        return undefined;
      }
      const items = first.value.items.map((item) => this.filter(item)).filter((item) => item !== undefined);
      const [start, , end] = node.range ?? [0, 0, 0];
      return { type: key, items, start, end };
    }
    this.report(node as Node, `Unexpected ${describe(node)}, expected a filter (a string, or \`and\`, \`or\`, \`not\` with a list)`);
    return undefined;
  }

  sort(node: unknown, where: string): BaseSort | undefined {
    let property: BaseProperty | undefined;
    let direction: 'ASC' | 'DESC' = 'ASC';
    for (const pair of this.pairs(node, `a \`property\` and a \`direction\` in ${where}`)) {
      const key = this.keyOf(pair);
      if (key === 'property') property = this.property(pair.value);
      else if (key === 'direction') {
        const value = isScalar(pair.value) ? String(pair.value.value).toUpperCase() : '';
        if (value === 'ASC' || value === 'DESC') direction = value;
        else this.report(pair.value as Node, `Unexpected ${describe(pair.value)}, expected \`ASC\` or \`DESC\``);
      } else this.unknownKey(pair, ['property', 'direction'], where);
    }
    if (!property && isMap(node)) this.report(node, `Unexpected ${where} without \`property\`, expected the property to sort by`);
    return property && { property, direction };
  }

  view(node: unknown, index: number): BaseView | undefined {
    if (!isMap(node)) {
      this.report(node as Node, `Unexpected ${describe(node)}, expected a view (a mapping with \`type\` and \`name\`)`);
      return undefined;
    }
    const [start, , end] = node.range ?? [0, 0, 0];
    let type = 'table';
    let name = `View ${index + 1}`;
    let limit: number | undefined;
    let filters: BaseFilter | undefined;
    let order: BaseProperty[] = [];
    const sort: BaseSort[] = [];
    let groupBy: BaseSort | undefined;
    const summaries: BaseViewSummary[] = [];
    for (const pair of node.items) {
      const key = this.keyOf(pair);
      const value = pair.value;
      switch (key) {
        case 'type':
        case 'name':
          if (isScalar(value) && typeof value.value === 'string') {
            if (key === 'type') type = value.value;
            else name = value.value;
          } else this.report(value as Node, `Unexpected ${describe(value)} for \`${key}\`, expected a string`);
          break;
        case 'limit':
          if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value >= 0) limit = value.value;
          else this.report(value as Node, `Unexpected ${describe(value)} for \`limit\`, expected a whole number`);
          break;
        case 'filters':
          filters = this.filter(value);
          break;
        case 'order':
          if (isSeq(value)) order = value.items.map((item) => this.property(item)).filter((item) => item !== undefined);
          else this.report(value as Node, `Unexpected ${describe(value)} for \`order\`, expected a list of properties`);
          break;
        case 'sort':
          if (isSeq(value)) for (const item of value.items) sort.push(...[this.sort(item, '`sort`')].filter((s) => s !== undefined));
          else this.report(value as Node, `Unexpected ${describe(value)} for \`sort\`, expected a list of \`property\` and \`direction\``);
          break;
        case 'groupBy':
          groupBy = this.sort(value, '`groupBy`');
          break;
        case 'summaries':
          for (const entry of this.pairs(value, 'a mapping of properties to summaries')) {
            const property = this.property(entry.key);
            const summary = this.expression(entry.value, 'a summary name');
            const [s, , e] = (entry.value as Node | null)?.range ?? (entry.key as Node).range ?? [0, 0, 0];
            if (property && summary) summaries.push({ property, summary: summary.text, start: s, end: e });
          }
          break;
        default:
          if (!viewStateKeys.includes(key)) this.unknownKey(pair, viewKeys, 'a view');
      }
    }
    return { type, name, start, end, ...(limit === undefined ? {} : { limit }), ...(filters ? { filters } : {}), order, sort, ...(groupBy ? { groupBy } : {}), summaries };
  }
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    return typeof node.value === 'string' ? `\`${node.value}\`` : `${typeof node.value} \`${String(node.value)}\``;
  }
  return 'a value';
}

/** Reads a base; an empty text is a base with no filters and no views. */
export function parseBase(text: string): ParsedBase {
  const reader = new Reader(text);
  const formulas = new Map<string, BaseExpression>();
  const displayNames = new Map<string, string>();
  const summaries = new Map<string, BaseExpression>();
  const views: BaseView[] = [];
  let filters: BaseFilter | undefined;
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    reader.problems.push({ message: `Invalid YAML: ${error.message.split('\n')[0]!}`, start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) });
    return { base: { formulas, displayNames, summaries, views }, problems: reader.problems };
  }
  for (const pair of reader.pairs(document.contents, 'a base (a mapping of `filters`, `formulas`, `properties`, `summaries`, `views`)')) {
    const key = reader.keyOf(pair);
    switch (key) {
      case 'filters':
        filters = reader.filter(pair.value);
        break;
      case 'formulas':
      case 'summaries':
        for (const entry of reader.pairs(pair.value, `a mapping of names to formulas in \`${key}\``)) {
          const source = reader.expression(entry.value, 'a formula (a string)');
          if (source) (key === 'formulas' ? formulas : summaries).set(reader.keyOf(entry), source);
        }
        break;
      case 'properties':
        for (const entry of reader.pairs(pair.value, 'a mapping of properties to their settings')) {
          for (const setting of reader.pairs(entry.value, 'a mapping with `displayName`')) {
            if (reader.keyOf(setting) !== 'displayName') continue;
            const name = reader.expression(setting.value, 'a display name (a string)');
            if (name) displayNames.set(propertyId(reader.keyOf(entry)), name.text);
          }
        }
        break;
      case 'views':
        if (isSeq(pair.value)) pair.value.items.forEach((item, i) => views.push(...[reader.view(item, i)].filter((v) => v !== undefined)));
        else if (pair.value !== null) reader.report(pair.value as Node, `Unexpected ${describe(pair.value)} for \`views\`, expected a list of views`);
        break;
      default:
        reader.unknownKey(pair, topKeys, 'a base');
    }
  }
  return { base: { ...(filters ? { filters } : {}), formulas, displayNames, summaries, views }, problems: reader.problems };
}

/** The names of a base's views, in order, for a check of `![[file.base#View]]`. */
export function viewNames(base: Base): string[] {
  return base.views.map((view) => view.name);
}
