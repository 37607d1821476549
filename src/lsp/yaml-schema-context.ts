/**
 * Where the cursor is in a YAML body (frontmatter, a dashboard or checklist block), read from the lines above it as
 * the author types (the YAML may not parse yet), and what the JSON Schema of that body says there: the keys a
 * mapping may have, the values a key takes, the description of a key. Schemas are read as JSON, following `allOf`,
 * `anyOf`, `oneOf` and `$ref` (to a sibling file or `#/$defs/…`).
 *
 * In: lines ['items:', '  - id: a', '    phase: pr'], cursor at the end → `{ path: ['items', '[]'], key: 'phase', value: 'pr' }`
 * In: `schemaAt(runbookSchema, ['severity'])` → the `severity` property's schemas (enum sev1…sev4, its description)
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { toolRoot } from '../vault/config.ts';

export interface YamlContext {
  /** Keys from the body's root to the mapping or list the cursor is in; `[]` stands for an item of a list. */
  path: string[];
  /** The key being written (no value yet) or, with `value`, the key whose value is being written. */
  key: string;
  /** The value being written after `key:`; undefined when the key itself is. */
  value?: string;
  /** Writing an item of a flow list (`tags: [a, b`): the value completes an item of `key`'s list. */
  inFlowList?: boolean;
  /** Writing a list item (`- x`): `key` is the item so far, a scalar item or its mapping's first key; `path` ends at the item. */
  inItem?: boolean;
}

interface Line {
  indent: number;
  dash: boolean;
  key?: string;
  rest: string;
}

function readLine(text: string): Line | undefined {
  const match = /^(\s*)(-\s+)?(?:([^\s:#'"[\]{}][^:#]*?):(?:\s+|$))?(.*)$/.exec(text);
  if (!match || text.trim() === '' || text.trimStart().startsWith('#')) return undefined;
  return { indent: match[1]!.length, dash: match[2] !== undefined, ...(match[3] !== undefined ? { key: match[3] } : {}), rest: match[4]! };
}

/** `lines` are the body's lines up to the cursor's, the last one cut at the cursor. */
export function yamlContextAt(lines: readonly string[]): YamlContext | undefined {
  const current = lines.at(-1);
  if (current === undefined) return undefined;
  const match = /^(\s*)(-\s+)?(.*)$/.exec(current)!;
  const indent = match[1]!.length;
  const dash = match[2] !== undefined;
  const content = match[3]!;
  const path: string[] = dash ? ['[]'] : [];
  let limit = indent;
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = readLine(lines[i]!);
    if (!line) continue;
    // A list may sit at its key's own indentation (`tags:\n- a`).
    const parentOfDash = path[0] === '[]' && path.length === 1 && line.indent === limit && !line.dash && line.key !== undefined && line.rest === '';
    if (line.indent >= limit && !parentOfDash) continue;
    if (line.dash) {
      // The cursor is in this item's mapping (or deeper): the item is the container, its key a sibling.
      path.unshift('[]');
      limit = line.indent;
    } else if (line.key !== undefined) {
      path.unshift(line.key);
      limit = line.indent;
    }
    if (limit === 0 && !line.dash) break;
  }
  const flow = /^([^\s:#][^:#]*?):\s*\[(?:[^\]]*,)?\s*([^,\]]*)$/.exec(content);
  if (flow) return { path, key: flow[1]!, value: flow[2]!.replace(/^["']/, ''), inFlowList: true };
  const pair = /^([^\s:#][^:#]*?):\s+(.*)$/.exec(content) ?? /^([^\s:#][^:#]*?):$/.exec(content);
  if (pair) return { path, key: pair[1]!, value: (pair[2] ?? '').replace(/^["']/, '') };
  // `- ph` begins a scalar item or the item's first key: both are offered.
  if (dash) return { path, key: content, inItem: true };
  return { path, key: content };
}

type Schema = Record<string, unknown>;

interface Located {
  schema: Schema;
  /** The file the schema was read from, for relative `$ref`s. */
  file: string;
  root: Schema;
}

/** Schema files by path, with the modification time they were read at: the author may edit a schema while the server runs. */
const files = new Map<string, { mtime: number; schema: Schema | undefined }>();

function readSchema(file: string): Schema | undefined {
  let mtime: number;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const known = files.get(file);
  if (known?.mtime === mtime) return known.schema;
  let schema: Schema | undefined;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8')) as Schema;
  } catch {
    // A broken schema is the `frontmatter-schema` rule's to report; completion just offers nothing from it.
    schema = undefined;
  }
  files.set(file, { mtime, schema });
  return schema;
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema and every schema it is made of (`allOf`, `anyOf`, `oneOf`, `$ref`), depth first. */
function expand(located: Located, seen = new Set<Schema>()): Located[] {
  if (seen.has(located.schema)) return [];
  seen.add(located.schema);
  const out = [located];
  const ref = located.schema.$ref;
  if (typeof ref === 'string') {
    const [file, pointer] = ref.split('#') as [string, string | undefined];
    const target = file === '' ? located.file : resolve(dirname(located.file), file);
    const root = file === '' ? located.root : readSchema(target);
    let schema: unknown = root;
    for (const part of (pointer ?? '').split('/').filter(Boolean)) schema = isSchema(schema) ? schema[part] : undefined;
    if (root && isSchema(schema)) out.push(...expand({ schema, file: target, root }, seen));
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = located.schema[keyword];
    if (Array.isArray(list)) for (const schema of list) if (isSchema(schema)) out.push(...expand({ ...located, schema }, seen));
  }
  return out;
}

/** The schemas that apply at `path` in a body validated by the schema file `file`. */
function schemasAt(file: string, path: readonly string[]): Located[] {
  const root = readSchema(file);
  if (!root) return [];
  let here = expand({ schema: root, file, root });
  for (const segment of path) {
    const next: Located[] = [];
    for (const located of here) {
      const child = segment === '[]' ? located.schema.items : isSchema(located.schema.properties) ? located.schema.properties[segment] : undefined;
      if (isSchema(child)) next.push(...expand({ ...located, schema: child }));
    }
    here = next;
  }
  return here;
}

export interface PropertyInfo {
  name: string;
  description?: string;
  /** The values the schema allows, when it lists them (`enum`, `const`, a boolean). */
  values: string[];
  /** The property's own examples, as YAML scalars. */
  examples: string[];
  required: boolean;
}

/** The keys a mapping at `path` may have, with what the schema says of each (the first description wins). */
export function propertiesAt(file: string, path: readonly string[]): PropertyInfo[] {
  const byName = new Map<string, PropertyInfo>();
  for (const located of schemasAt(file, path)) {
    const properties = located.schema.properties;
    const required = Array.isArray(located.schema.required) ? located.schema.required : [];
    if (!isSchema(properties)) continue;
    for (const name of Object.keys(properties)) {
      const info = byName.get(name) ?? { name, values: [], examples: [], required: false };
      const values = valuesAt(file, [...path, name]);
      if (info.description === undefined) {
        const description = describe(file, [...path, name]);
        if (description !== undefined) info.description = description;
      }
      info.values = values.values;
      info.examples = values.examples;
      info.required ||= required.includes(name);
      byName.set(name, info);
    }
  }
  return [...byName.values()];
}

/** The description of the value at `path`, from the first schema there that has one. */
export function describe(file: string, path: readonly string[]): string | undefined {
  for (const { schema } of schemasAt(file, path)) if (typeof schema.description === 'string') return schema.description;
  return undefined;
}

const scalar = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/** The values the schema allows at `path` (enum, const, booleans), and its examples. */
export function valuesAt(file: string, path: readonly string[]): { values: string[]; examples: string[] } {
  const values = new Set<string>();
  const examples = new Set<string>();
  for (const { schema } of schemasAt(file, path)) {
    if (Array.isArray(schema.enum)) for (const value of schema.enum) if (scalar(value) !== undefined) values.add(scalar(value)!);
    if (scalar(schema.const) !== undefined) values.add(scalar(schema.const)!);
    if (schema.type === 'boolean') for (const value of ['true', 'false']) values.add(value);
    if (Array.isArray(schema.examples)) for (const value of schema.examples) if (scalar(value) !== undefined) examples.add(scalar(value)!);
  }
  return { values: [...values], examples: [...examples].filter((example) => !values.has(example)) };
}

const blockSchemas: Readonly<Record<string, string>> = {
  dashboard: join(toolRoot, 'schemas', 'dashboard-block.schema.json'),
  checklist: join(toolRoot, 'schemas', 'checklist.schema.json'),
};

/** The schema file of a fenced block's YAML body, by the block's language (`dashboard`, `checklist`); undefined for others. */
export function blockSchemaOf(lang: string | null | undefined): string | undefined {
  const key = lang?.toLowerCase();
  return key !== undefined && Object.hasOwn(blockSchemas, key) ? blockSchemas[key] : undefined;
}
