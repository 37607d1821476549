/**
 * Completion in YAML: the frontmatter's keys and values from the doc type's JSON Schema (with their descriptions),
 * tags and doc types; in ```dashboard and ```checklist blocks their schemas' keys and values, with the services,
 * environments and check ids of the run data.
 *
 * In: `severity: ` in a runbook's frontmatter → sev1 … sev4, each documented with the schema's `severity` description
 * In: "```dashboard\nservice: ch" → `checkout-api` (in 120 runs)
 */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { selectSchema } from '../rules/frontmatter-schema.ts';
import { schemaRegistryFor } from '../schemas/registry.ts';
import { contains, typedRange, type CompletionRequest } from './completion-request.ts';
import type { NavigationState } from './nav-context.ts';
import { vaultTags } from './tag-completion.ts';
import { blockSchemaOf, describe, propertiesAt, valuesAt, yamlContextAt } from './yaml-schema-context.ts';

export function frontmatterCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  const { doc, state } = request;
  const frontmatter = doc.parsed.frontmatter;
  if (!frontmatter) return undefined;
  // Frontmatter being written has no closing `---` yet: it runs to the end of the text.
  const yaml = frontmatter.closed ? frontmatter.yaml : doc.text.slice(frontmatter.yamlOffset);
  if (request.offset < frontmatter.yamlOffset || request.offset > frontmatter.yamlOffset + yaml.length) return undefined;
  const { config } = state;
  const data = frontmatter.data ?? typeFromText(yaml, config.typeField);
  const schema = selectSchema(data, config, () => schemaRegistryFor(config), () => {});
  const lines = doc.text.slice(frontmatter.yamlOffset, request.offset).split(/\r\n|\r|\n/);
  const present = new Set(Object.keys(data));
  return yamlCompletion(request, schema, lines, (key, path) => {
    if (path.length > 0) return [];
    if (key === 'tags') return tagValues(request);
    if (key === 'aliases') return [];
    if (key === config.typeField) return Object.keys(config.docSchemas).map((type) => ({ value: type, detail: 'doc type' }));
    return [];
  }, present);
}

/** While the YAML does not parse (it is being typed), its type is still read from the line that names it. */
function typeFromText(yaml: string, typeField: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of yaml.split(/\r\n|\r|\n/)) {
    const match = /^([^\s:#][^:#]*?):\s*(.*)$/.exec(line);
    if (match) data[match[1]!] = match[1] === typeField ? match[2]!.replace(/^["']|["']$/g, '') : null;
  }
  return data;
}

function tagValues(request: CompletionRequest): Value[] {
  return vaultTags(request).map(([tag, count]) => ({ value: tag, detail: count === 1 ? 'in 1 doc' : `in ${count} docs` }));
}

/** A plain YAML scalar when it reads back as the same string, else a quoted one (a name like `a: b` or `#x`). */
function yamlScalar(value: string): string {
  return /^[\s@`*&!|>%'"#?,[\]{}-]|: | #|\s$/.test(value) ? JSON.stringify(value) : value;
}

interface Value {
  value: string;
  detail?: string;
}

/** Values the schema cannot list but the vault knows (tags, services…), for the key being written at `path`. */
type ValueSource = (key: string, path: readonly string[]) => Value[];

function yamlCompletion(request: CompletionRequest, schema: string | undefined, lines: string[], source: ValueSource, presentAtRoot = new Set<string>()): CompletionItem[] {
  const context = yamlContextAt(lines);
  if (!context) return [];
  const items: CompletionItem[] = [];
  const valueItems = (path: readonly string[], key: string, typed: string) => {
    const range = typedRange(request, typed.length);
    // `key:` typed with no space yet: `key:value` would be one plain scalar, not a pair.
    const space = typed === '' && request.before.endsWith(':') ? ' ' : '';
    const fromSchema = schema ? valuesAt(schema, path) : { values: [], examples: [] };
    const values: Value[] = [
      ...fromSchema.values.map((value) => ({ value, detail: 'allowed by the schema' })),
      ...source(key, path.filter((segment) => segment !== '[]').slice(0, -1)),
    ];
    const seen = new Set<string>();
    const description = schema ? describe(schema, path) : undefined;
    const documentation = description === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: description } };
    for (const { value, detail } of values) {
      if (seen.has(value) || (typed !== '' && !contains(value, typed))) continue;
      seen.add(value);
      items.push({ label: value, kind: CompletionItemKind.Value, ...(detail ? { detail } : {}), ...documentation, filterText: value, textEdit: { range, newText: `${space}${yamlScalar(value)}` } });
    }
  };
  if (context.value !== undefined) {
    const path = context.inFlowList ? [...context.path, context.key, '[]'] : [...context.path, context.key];
    valueItems(path, context.key, context.value);
    return items;
  }
  if (context.inItem) {
    // A list of scalars takes values; the key above the item names the list.
    const listKey = context.path.filter((segment) => segment !== '[]').at(-1) ?? '';
    valueItems(context.path, listKey, context.key);
  }
  if (schema) {
    const range = typedRange(request, context.key.length);
    const present = context.path.length === 0 ? presentAtRoot : new Set<string>();
    for (const property of propertiesAt(schema, context.path)) {
      if (present.has(property.name) && property.name !== context.key) continue;
      if (context.key !== '' && !contains(property.name, context.key)) continue;
      const hints = property.values.length > 0 ? `one of: ${property.values.join(', ')}` : property.examples.length > 0 ? `e.g. ${property.examples.join(', ')}` : undefined;
      items.push({
        label: property.name,
        kind: CompletionItemKind.Property,
        detail: property.required ? 'required' : 'optional',
        ...(property.description || hints
          ? { documentation: { kind: MarkupKind.Markdown, value: [property.description, hints].filter(Boolean).join('\n\n') } }
          : {}),
        sortText: `${property.required ? 0 : 1}${property.name}`,
        textEdit: { range, newText: `${property.name}: ` },
      });
    }
  }
  return items;
}

/** Inside a ```dashboard or ```checklist block: its schema's keys and values, and the run data's names. */
export function blockCompletion(request: CompletionRequest): CompletionItem[] | undefined {
  // Inside, or at the end of a block still open (no closing fence yet).
  const block = request.doc.parsed.code.find(({ node }) => node.position!.start.offset! < request.offset && request.offset <= node.position!.end.offset!);
  if (!block) return undefined;
  const schema = blockSchemaOf(block.node.lang);
  if (!schema) return [];
  const start = block.node.position!.start.offset!;
  const firstLine = request.doc.lines.point(start).line;
  const cursorLine = request.doc.lines.point(request.offset).line;
  if (cursorLine <= firstLine) return [];
  const bodyStart = request.doc.lines.starts[firstLine]!;
  // The fence's own indentation (a block in a list item) is no YAML indentation.
  const fenceIndent = /^\s*/.exec(request.doc.lines.lineText(firstLine))![0].length;
  const lines = request.doc.text
    .slice(bodyStart, request.offset)
    .split(/\r\n|\r|\n/)
    .map((line) => line.slice(Math.min(fenceIndent, /^\s*/.exec(line)![0].length)));
  const runs = runNames(request.state);
  return yamlCompletion(request, schema, lines, (key) => {
    if (key === 'service' || key === 'services') return runs.services;
    if (key === 'environment' || key === 'environments') return runs.environments;
    if (key === 'check') return runs.checks;
    return [];
  });
}

/** Services, environments and check ids named in the run data (with the config's environments). */
function runNames(state: NavigationState): { services: Value[]; environments: Value[]; checks: Value[] } {
  const services = new Map<string, number>();
  const environments = new Map<string, number>();
  const checks = new Map<string, number>();
  const count = (map: Map<string, number>, value: unknown) => {
    if (typeof value === 'string' && value !== '') map.set(value, (map.get(value) ?? 0) + 1);
  };
  for (const record of state.analysis.runs?.records ?? []) {
    if (record.kind !== 'run' || typeof record.data !== 'object' || record.data === null) continue;
    const run = record.data as Record<string, unknown>;
    count(services, run.service);
    count(environments, run.environment);
    if (Array.isArray(run.checks)) for (const check of run.checks) count(checks, (check as Record<string, unknown> | null)?.id);
  }
  for (const environment of Object.keys(state.config.environments)) if (!environments.has(environment)) environments.set(environment, 0);
  const values = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value, n]) => ({ value, detail: n === 1 ? 'in 1 run' : n === 0 ? 'in the config' : `in ${n} runs` }));
  return { services: values(services), environments: values(environments), checks: values(checks) };
}
