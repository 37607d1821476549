/**
 * Obsidian's property types: `.obsidian/types.json` gives each frontmatter property one type for the whole vault
 * (`{"types": {"due": "date", "tags": "tags"}}`). Read once with the config, so editing the file invalidates cached
 * results like editing a schema does. The scan skips `.obsidian/` (it holds no docs); this file is config, read here.
 * A file that is not JSON, or names an unknown type, is kept as problems with positions (`property-types-file`
 * reports them); the properties it does type well are still checked.
 *
 * In: `{"types": {"Due": "date", "status": "list"}}` → `{ types: { due: 'date' }, problems: [{ message: 'Unexpected property type "list" …', span: 1:37–1:43 }] }`
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { pointAt, type Span, type SpanProblem } from '../diagnostics/diagnostic.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { jsonErrorOffset, jsonErrorText } from '../schemas/json-error.ts';
import { escapePointerSegment, locateYamlNode } from '../schemas/yaml-position.ts';

/** The types Obsidian's property editor offers (`multitext` is its "List", hence the suggestion for `list`). */
const propertyTypeNames = ['aliases', 'checkbox', 'date', 'datetime', 'multitext', 'number', 'tags', 'text'] as const;
export type PropertyType = (typeof propertyTypeNames)[number];

export interface PropertyTypes {
  /** Vault-relative path of the file, for diagnostics. */
  path: string;
  /** Lower-cased property name → type: Obsidian treats `Status` and `status` as one property. */
  types: Record<string, PropertyType>;
  problems: SpanProblem[];
}

const propertyTypesPath = '.obsidian/types.json';

export function readPropertyTypes(contentDir: string): PropertyTypes | undefined {
  const file = join(contentDir, propertyTypesPath);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const problem = { message: `Unreadable file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, span: at('', 0, 0) };
    return { path: propertyTypesPath, types: {}, problems: [problem] };
  }
  return parsePropertyTypes(text.replace(/^\uFEFF/, ''));
}

/** The types and problems of a types.json text (exported for tests of the table of malformed files). */
export function parsePropertyTypes(text: string): PropertyTypes {
  const result: PropertyTypes = { path: propertyTypesPath, types: {}, problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const offset = Math.min(jsonErrorOffset(text, (error as Error).message), text.length);
    result.problems.push({ message: `Unexpected text in ${propertyTypesPath}, expected JSON: ${jsonErrorText((error as Error).message)}`, span: at(text, offset, offset + 1) });
    return result;
  }
  // JSON is YAML: the `yaml` package keeps every node's offsets, so problems are placed as frontmatter problems are.
  const document = parseDocument(text);
  const place = (pointer: string, part: 'key' | 'value') => {
    const range = locateYamlNode(document, pointer, part);
    return range ? at(text, range.start, range.end) : at(text, 0, 0);
  };
  // `{}` types nothing, as in a vault where no property has a type yet.
  if (isRecord(data) && Object.keys(data).length === 0) return result;
  const types = isRecord(data) ? data.types : undefined;
  if (!isRecord(types)) {
    result.problems.push({
      message: `Unexpected ${describe(types)}${types !== undefined ? ' for types' : ''}, expected {"types": {"property": "type", …}}`,
      span: place(isRecord(data) && data.types !== undefined ? '/types' : '', 'value'),
    });
    return result;
  }
  const typed: Array<[string, PropertyType]> = [];
  for (const [name, type] of Object.entries(types)) {
    if (typeof type === 'string' && (propertyTypeNames as readonly string[]).includes(type)) {
      typed.push([name.toLowerCase(), type as PropertyType]);
      continue;
    }
    const close = typeof type !== 'string' ? [] : type.toLowerCase() === 'list' ? ['multitext'] : suggest(type, propertyTypeNames);
    result.problems.push({
      message: `Unexpected property type ${typeof type === 'string' ? JSON.stringify(type) : describe(type)} for ${name}, expected one of: ${propertyTypeNames.join(', ')}`,
      span: place(`/types/${escapePointerSegment(name)}`, 'value'),
      ...(close.length > 0 ? { suggestions: close } : {}),
    });
  }
  // `fromEntries` makes an own property even of a property called `__proto__`, which assignment would not.
  result.types = Object.fromEntries(typed);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'no types';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'list' : typeof value;
}

function at(text: string, start: number, end: number): Span {
  return { start: pointAt(text, start), end: pointAt(text, Math.min(Math.max(end, start), text.length)) };
}
