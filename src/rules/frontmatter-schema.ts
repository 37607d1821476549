/**
 * Rule `frontmatter-schema`: a document's frontmatter matches the JSON Schema of its type. The `type` field picks
 * the schema (`runbook` → `schemas/runbook.schema.json`), else the default schema applies. Every error is reported
 * on the key or value it is about; a missing key on the frontmatter block (or on the nested key that lacks it).
 *
 * In: "---\ntitle: Rollback\ntype: runbook\nseverity: critical\n---\n"
 * Out: `4:11 Unexpected value "critical" for severity, expected one of: sev1, sev2, sev3, sev4`
 */
import type { Span } from '../diagnostics/diagnostic.ts';
import type { Frontmatter, ParsedDoc } from '../markdown/types.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { schemaRegistryFor, type SchemaRegistry, type ValidationIssue } from '../schemas/registry.ts';
import { escapePointerSegment, locateYamlNode } from '../schemas/yaml-position.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import { defineFileRule } from './rule.ts';

interface Options {
  /** Report docs that have no frontmatter at all (off by default: plain notes are normal in a vault). */
  requireFrontmatter: boolean;
}

/** A value no schema's `type` enum can contain, to ask a schema whether it restricts the type field at all. */
const probeType = '\u0000shipshape-probe';

export default defineFileRule<Options>({
  id: 'frontmatter-schema',
  description: 'Frontmatter matches the JSON Schema of the document type',
  defaultSeverity: 'error',
  defaultOptions: { requireFrontmatter: false },
  docs: [
    'The frontmatter field named by `typeField` (default `type`) selects a schema from `docSchemas`; documents',
    'without a type, or with a type that has no schema of its own, are checked against `defaultDocSchema` if one is set.',
    'A type that is neither in `docSchemas` nor accepted by the default schema is reported with the known types.',
    '',
    'Every violation is reported where it is: a bad value at the value, an unexpected key at the key, a missing key',
    'at the frontmatter block (or, inside a nested mapping, at the key that holds the mapping). When a default schema',
    'applies and the `requireFrontmatter` option is on, a document without frontmatter is reported at its first line.',
    '',
    'Templates are skipped (their values are placeholders), and so is frontmatter that is not valid YAML',
    '(`yaml-syntax` reports it).',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'A runbook with every required key',
        markdown: [
          '---',
          'title: Roll back a canary',
          'type: runbook',
          'owner: checkout-team',
          'severity: sev2',
          'last_tested: 2026-10-14',
          '---',
          '',
          '# Roll back a canary',
          '',
        ].join('\n'),
      },
      {
        title: 'A type without a schema of its own, accepted by the default schema',
        markdown: ['---', 'title: Writing a good runbook', 'type: guide', '---', '', '# Writing a good runbook', ''].join('\n'),
      },
    ],
    notOk: [
      {
        title: 'Values outside the schema',
        markdown: [
          '---',
          'title: Roll back a canary',
          'type: runbook',
          'owner: checkout-team',
          'severity: critical',
          'last_tested: 2026-13-45',
          '---',
          '',
          '# Roll back a canary',
          '',
        ].join('\n'),
        expect: [
          '5:11 Unexpected value "critical" for severity, expected one of: sev1, sev2, sev3, sev4',
          '6:14 Unexpected "2026-13-45" for last_tested, expected a date (YYYY-MM-DD)',
        ],
      },
      {
        title: 'A missing required key',
        markdown: ['---', 'title: Deployment Strategy', 'type: strategy', 'status: active', '---', '', '# Deployment Strategy', ''].join('\n'),
        expect: ['1:1 Missing required key owner'],
      },
      {
        title: 'A mistyped type',
        markdown: ['---', 'title: Roll back a canary', 'type: runbok', '---', ''].join('\n'),
        expect: ['3:7 Unexpected value "runbok" for type'],
      },
    ],
  },
  check(doc, context) {
    if (doc.source.isTemplate) return;
    const { config } = context;
    const frontmatter = doc.frontmatter;
    // Built on first use: a vault without schemas never loads ajv.
    const registry = (): SchemaRegistry => schemaRegistryFor(config);

    if (!frontmatter) {
      if (!context.options.requireFrontmatter || config.defaultDocSchema === undefined) return;
      const missing = registry()
        .validate(config.defaultDocSchema, {})
        .filter((issue) => issue.keyword === 'required' && issue.instancePath === '')
        .flatMap((issue) => (issue.key === undefined ? [] : [issue.key]));
      const expected = missing.length > 0 ? `, expected a \`---\` block with ${missing.join(', ')}` : '';
      context.report({ message: `Missing frontmatter${expected}`, span: doc.source.lines.span(0, 0) });
      return;
    }
    const data = frontmatter.data;
    if (!data) return;

    const spanOf = (pointer: string, part: 'key' | 'value'): Span => issueSpan(doc, frontmatter, pointer, part);
    const schema = selectSchema(data, config, registry, (message, suggestions) =>
      context.report({
        message,
        span: spanOf(`/${escapePointerSegment(config.typeField)}`, 'value'),
        ...(suggestions.length > 0 ? { suggestions } : {}),
      }),
    );
    if (schema === undefined) return;

    const issues = registry().validate(schema, data);
    const located = issues.map((issue: ValidationIssue) => ({ issue, span: spanOf(issue.target.pointer, issue.target.part) }));
    located.sort((a, b) => a.span.start.offset - b.span.start.offset);
    for (const { issue, span } of located) {
      // An unexecuted Templater command is reported once, by `templater-placeholder`, not again as a bad value.
      if (issue.target.part === 'value' && doc.source.text.slice(span.start.offset, span.end.offset).includes('<%')) continue;
      context.report({ message: issue.message, span, ...(issue.suggestions ? { suggestions: issue.suggestions } : {}) });
    }
  },
});

/**
 * The schema for a document: its type's own, else the default. An unknown type is reported unless the default
 * schema has an opinion on types (it lists them in an `enum`, say): then that schema's own error says it.
 */
export function selectSchema(
  data: Record<string, unknown>,
  config: ResolvedConfig,
  registry: () => SchemaRegistry,
  reportUnknownType: (message: string, suggestions: string[]) => void,
): string | undefined {
  const type = Object.hasOwn(data, config.typeField) ? data[config.typeField] : undefined;
  // `hasOwn`: a type named `constructor` must not find Object.prototype's.
  if (typeof type === 'string' && Object.hasOwn(config.docSchemas, type)) return config.docSchemas[type];
  const fallback = config.defaultDocSchema;
  const known = Object.keys(config.docSchemas).sort();
  if (type === undefined || known.length === 0) return fallback;
  if (fallback !== undefined && restrictsType(registry(), fallback, config.typeField)) return fallback;
  const shown = typeof type === 'string' ? JSON.stringify(type) : typeof type;
  const close = typeof type === 'string' ? suggest(type, known) : [];
  reportUnknownType(`Unexpected type ${shown}, expected one of: ${known.join(', ')}`, close.length > 0 ? close : known);
  return fallback;
}

function restrictsType(registry: SchemaRegistry, schema: string, typeField: string): boolean {
  const pointer = `/${escapePointerSegment(typeField)}`;
  // `fromEntries` makes an own property even when the type field is called `__proto__`.
  const probe = Object.fromEntries([[typeField, probeType]]);
  return registry.validate(schema, probe).some((issue) => issue.instancePath === pointer);
}

/** The file span of a node in the frontmatter; the whole block for the frontmatter itself or when the YAML has no such node. */
function issueSpan(doc: ParsedDoc, frontmatter: Frontmatter, pointer: string, part: 'key' | 'value'): Span {
  if (pointer === '') return frontmatter.span;
  const range = locateYamlNode(frontmatter.document, pointer, part);
  if (!range || range.depth === 0) return frontmatter.span;
  return doc.source.lines.span(frontmatter.yamlOffset + range.start, frontmatter.yamlOffset + range.end);
}
