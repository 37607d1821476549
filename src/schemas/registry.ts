/**
 * The JSON Schemas of a project, compiled once per process. Every schema file is added to one ajv instance, so a
 * relative `$ref` (`{"$ref": "doc.schema.json"}`) resolves through the `$id`s; each schema is compiled the first time
 * something is validated against it. A broken schema file never throws: it becomes a `problem` for the caller to report.
 *
 * In: `loadSchemas(['/p/schemas/runbook.schema.json']).validate('/p/schemas/runbook.schema.json', { title: 3 })`
 * Out: `[{ keyword: 'type', message: 'Unexpected number for title, expected string', target: { pointer: '/title', part: 'value' }, … }]`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { friendlyIssues, type ValidationIssue } from './messages.ts';

export type { ValidationIssue } from './messages.ts';

export interface SchemaProblem {
  /** Absolute path of the schema file. */
  path: string;
  message: string;
  /** True when the schema cannot be used at all; false for a warning (an unknown keyword is ignored, the rest works). */
  fatal: boolean;
}

export interface SchemaRegistry {
  /** Validates `data` against the schema file at `schemaPath` (absolute); `[]` when valid or when the schema is unusable. */
  validate(schemaPath: string, data: unknown): ValidationIssue[];
  /**
   * The top-level keys whose values name vault files (`"format": "vault-file"`, or an array whose `items` have it),
   * through `allOf`/`anyOf`/`oneOf` and `$ref`s: the site publishes the files they name.
   */
  fileFields(schemaPath: string): string[];
  /** Schema files that could not be read, parsed, added or compiled, in the order they were found. */
  readonly problems: readonly SchemaProblem[];
}

/** The format that marks a frontmatter value as a vault file (`image: img/cover.png`); it accepts any value. */
const vaultFileFormat = 'vault-file';

/** Which ajv key (the `$id`, else the file URL) each loaded file is registered under; `undefined` when it failed to load. */
type Keys = Map<string, string | undefined>;

export function loadSchemas(paths: readonly string[]): SchemaRegistry {
  const problems: SchemaProblem[] = [];
  // Which file ajv is working on, so that its warnings land on the right schema.
  let current = '';
  const record = (path: string, message: string, fatal: boolean): void => {
    if (!problems.some((p) => p.path === path && p.message === message)) problems.push({ path, message, fatal });
  };
  const warn = (...args: unknown[]): void => record(current, args.map(String).join(' '), false);
  const ajv = new Ajv2020({
    allErrors: true,
    // `verbose` puts the value and the schema on each error: the messages quote the value and suggest known keys.
    verbose: true,
    // Without it ajv checks `data.constructor` through the prototype: a schema property named `constructor` would
    // see Object's function in every document.
    ownProperties: true,
    // Union types and `required` without `properties` are fine in users' schemas; unknown keywords (typos) are worth a warning.
    strict: false,
    strictSchema: 'log',
    logger: { log: () => {}, warn, error: warn },
    // Checking each schema against the 2020-12 meta-schema means compiling the meta-schema first: a tenth of a
    // second at every start. A schema is checked against it only when it fails to compile (see `load`).
    validateSchema: false,
  });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
  ajvFormats.default(ajv);
  ajv.addFormat(vaultFileFormat, true);

  const keys: Keys = new Map();
  const sources = new Map<string, object>();
  const load = (path: string): string | undefined => {
    if (keys.has(path)) return keys.get(path);
    current = path;
    let key: string | undefined;
    try {
      const schema: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
        throw new Error('Unexpected JSON value, expected a schema object');
      }
      const id = (schema as { $id?: unknown }).$id;
      // Without an `$id`, the file URL is the base, so `$ref`s relative to the file still resolve.
      key = typeof id === 'string' ? id.replace(/#$/, '') : pathToFileURL(path).href;
      ajv.addSchema(schema, typeof id === 'string' ? undefined : key);
      sources.set(path, schema);
    } catch (error) {
      record(path, describe(error), true);
      key = undefined;
    }
    keys.set(path, key);
    return key;
  };
  for (const path of paths) load(resolve(path));

  const compiled = new Map<string, ValidateFunction | undefined>();
  const validatorFor = (path: string): ValidateFunction | undefined => {
    if (compiled.has(path)) return compiled.get(path);
    const key = load(path);
    let validate: ValidateFunction | undefined;
    if (key !== undefined) {
      current = path;
      try {
        validate = ajv.getSchema(key);
        if (!validate) record(path, `No schema registered as ${key}`, true);
      } catch (error) {
        // The meta-schema says best what is wrong with a schema; it is only compiled for a schema that fails.
        const valid = ajv.validateSchema(sources.get(path) ?? {});
        record(path, valid ? describe(error) : `schema is invalid: ${ajv.errorsText(ajv.errors)}`, true);
      }
    }
    compiled.set(path, validate);
    return validate;
  };

  /** The schema a `$ref` names, from the loaded files by `$id` or file URL, then by JSON pointer. */
  const dereference = (ref: string, base: string): { schema: unknown; base: string } | undefined => {
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      return undefined;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    const path = [...keys].find(([, key]) => key === url.href)?.[0];
    let schema: unknown = path === undefined ? undefined : sources.get(path);
    for (const part of fragment.split('/').slice(1)) {
      schema = (schema as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return schema === undefined ? undefined : { schema, base: url.href };
  };

  const fileFieldsOf = new Map<string, string[]>();
  const collectFileFields = (schemaPath: string): string[] => {
    const fields = new Set<string>();
    const seen = new Set<unknown>();
    const isFile = (value: unknown): boolean => {
      const property = value as { format?: unknown; items?: { format?: unknown } } | undefined;
      return property?.format === vaultFileFormat || property?.items?.format === vaultFileFormat;
    };
    const visit = (schema: unknown, base: string): void => {
      if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
      seen.add(schema);
      const node = schema as Record<string, unknown>;
      for (const [key, value] of Object.entries((node.properties as Record<string, unknown> | undefined) ?? {})) {
        if (isFile(value)) fields.add(key);
      }
      for (const branch of ['allOf', 'anyOf', 'oneOf'] as const) {
        if (Array.isArray(node[branch])) for (const sub of node[branch]) visit(sub, base);
      }
      if (typeof node.$ref === 'string') {
        const target = dereference(node.$ref, base);
        if (target) visit(target.schema, target.base);
      }
    };
    const key = load(schemaPath);
    if (key !== undefined) visit(sources.get(schemaPath), key);
    return [...fields].sort();
  };

  return {
    problems,
    fileFields(schemaPath) {
      const path = resolve(schemaPath);
      let fields = fileFieldsOf.get(path);
      if (!fields) fileFieldsOf.set(path, (fields = collectFileFields(path)));
      return fields;
    },
    validate(schemaPath, data) {
      const validate = validatorFor(resolve(schemaPath));
      if (!validate || validate(data)) return [];
      return friendlyIssues(validate.errors ?? []);
    },
  };
}

/** Every schema path a config names, sorted and without duplicates. */
export function configuredSchemaPaths(config: Pick<ResolvedConfig, 'docSchemas' | 'defaultDocSchema' | 'blockSchemas'>): string[] {
  const paths = [...Object.values(config.docSchemas), ...Object.values(config.blockSchemas)];
  if (config.defaultDocSchema !== undefined) paths.push(config.defaultDocSchema);
  return [...new Set(paths.map((p) => resolve(p)))].sort();
}

const registries = new Map<string, SchemaRegistry>();
const byConfig = new WeakMap<object, SchemaRegistry>();

/**
 * The registry for a config, built on first use and then shared by every rule and file of the process.
 * Besides the configured files it loads the other `*.schema.json` files of their folders, which they may `$ref`.
 */
export function schemaRegistryFor(config: Pick<ResolvedConfig, 'docSchemas' | 'defaultDocSchema' | 'blockSchemas'>): SchemaRegistry {
  // Asked once per doc by some passes: the same config object needs no paths resolved again.
  const known = byConfig.get(config);
  if (known) return known;
  const configured = configuredSchemaPaths(config);
  const cacheKey = configured.join('\0');
  let registry = registries.get(cacheKey);
  if (!registry) {
    registry = loadSchemas(withSiblings(configured));
    registries.set(cacheKey, registry);
  }
  byConfig.set(config, registry);
  return registry;
}

function withSiblings(paths: readonly string[]): string[] {
  const all = new Set(paths);
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      // A missing folder: the configured files in it are reported as unreadable by `loadSchemas`.
      continue;
    }
    for (const name of names.sort()) if (name.endsWith('.schema.json')) all.add(join(dir, name));
  }
  return [...all];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
