/**
 * Rule `property-type`: frontmatter values match the property types Obsidian keeps for the vault in
 * `.obsidian/types.json`, so a vault with no JSON Schema of its own is still checked. As lenient as Obsidian: an empty
 * value is fine, a date is `YYYY-MM-DD` (a date and time passes too), a checkbox is `true` or `false`.
 *
 * In: types.json `{"types": {"due": "date"}}`, "---\ndue: next week\n---\n"
 * Out: `2:6 Unexpected "next week" for due, expected a date (YYYY-MM-DD)`
 */
import type { Span } from '../diagnostics/diagnostic.ts';
import type { Frontmatter, ParsedDoc } from '../markdown/types.ts';
import { schemaRegistryFor } from '../schemas/registry.ts';
import { escapePointerSegment, locateYamlNode, parsePointer } from '../schemas/yaml-position.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import type { PropertyType } from '../vault/property-types.ts';
import frontmatterSchema, { selectSchema } from './frontmatter-schema.ts';
import { defineFileRule } from './rule.ts';
import { ruleSettings } from './settings.ts';

const typesJson = (types: Record<string, string>) => JSON.stringify({ types }, null, 2);

export const propertyType = defineFileRule({
  id: 'property-type',
  description: 'Frontmatter values match the property types of `.obsidian/types.json`.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: [
    'Obsidian gives each property one type for the whole vault and keeps it in `.obsidian/types.json`. When the vault',
    'has that file, every doc\'s frontmatter is checked against it, with no JSON Schema to write. Property names match',
    'whatever their case, as in Obsidian; an empty value is always fine. What each type accepts:',
    '',
    '| Type | Accepts |',
    '| --- | --- |',
    '| `text` | a string, number or boolean; not a list (an unquoted `[[link]]` is one: YAML reads it as a list in a list) |',
    '| `multitext`, `aliases` | a list of strings, or a single string |',
    '| `tags` | the same; each tag needs a character that is not a digit |',
    '| `number` | a number (a quoted number too) |',
    '| `checkbox` | `true` or `false` (YAML 1.2 reads `yes` and `on` as text) |',
    '| `date` | `YYYY-MM-DD`, a real day; a date and time passes too |',
    '| `datetime` | `YYYY-MM-DDTHH:mm`, with seconds, fraction and zone optional (a space for the `T` too); a date alone passes |',
    '',
    'Where the doc\'s JSON Schema (see `frontmatter-schema`) also finds fault with a property, its message is the one',
    'reported and this rule says nothing more about that property: both are checked, each problem is reported once',
    '(with `frontmatter-schema` off, this rule reports it).',
    'A `.obsidian/types.json` that is not JSON, or names a type Obsidian does not have, is reported by',
    '`property-types-file`; the properties it does type well are still checked. Templates are skipped, and so are',
    'values holding a Templater command.',
  ].join('\n'),
  examples: {
    ok: [
      {
        title: 'Values of every type, and empty ones',
        markdown: [
          '---',
          'title: Rotate the TLS certificates',
          'tags: [tls, security]',
          'aliases: Certificate rotation',
          'due: 2026-12-01',
          'reviewed: 2026-11-20T14:30',
          'priority: 2',
          'automated: false',
          'related: "[[Renew the wildcard certificate]]"',
          'owner:',
          '---',
          '',
        ].join('\n'),
        files: {
          '.obsidian/types.json': typesJson({
            tags: 'tags',
            aliases: 'aliases',
            due: 'date',
            reviewed: 'datetime',
            priority: 'number',
            automated: 'checkbox',
            related: 'text',
            owner: 'text',
          }),
        },
      },
    ],
    notOk: [
      {
        title: 'Values Obsidian shows as a type mismatch (the property name matches whatever its case)',
        markdown: [
          '---',
          'title: Rotate the TLS certificates',
          'Due: next week',
          'priority: high',
          'automated: yes',
          'related: [[Renew the wildcard certificate]]',
          'services: 3',
          '---',
          '',
        ].join('\n'),
        files: {
          '.obsidian/types.json': typesJson({ due: 'date', priority: 'number', automated: 'checkbox', related: 'text', services: 'multitext' }),
        },
        expect: [
          '3:6 Unexpected "next week" for Due, expected a date (YYYY-MM-DD)',
          '4:11 Unexpected "high" for priority, expected a number',
          '5:12 Unexpected "yes" for automated, expected true or false',
          '6:10 Unexpected list for related, expected text: an unquoted [[link]] is a list in a list to YAML, quote it',
          '7:11 Unexpected number 3 for services, expected a list',
        ],
      },
    ],
  },
  check(doc, context) {
    const types = context.config.propertyTypes?.types;
    if (!types || doc.source.isTemplate) return;
    const frontmatter = doc.frontmatter;
    const data = frontmatter?.data;
    if (!frontmatter || !data) return;
    let faultedBySchema: Set<string> | undefined;
    for (const [key, value] of Object.entries(data)) {
      const type = Object.hasOwn(types, key.toLowerCase()) ? types[key.toLowerCase()] : undefined;
      if (type === undefined) continue;
      const problems = typeProblems(type, key, value);
      if (problems.length === 0) continue;
      // Computed once a doc has a problem: most docs have none, and then no schema is validated twice.
      faultedBySchema ??= schemaFaults(data, context.config);
      if (faultedBySchema.has(key)) continue;
      for (const problem of problems) {
        const span = valueSpan(doc, frontmatter, problem.pointer);
        // An unexecuted Templater command is reported once, by `templater-placeholder`.
        if (doc.source.text.slice(span.start.offset, span.end.offset).includes('<%')) continue;
        context.report({ message: problem.message, span, hint: `.obsidian/types.json gives ${key.toLowerCase()} the type ${type}` });
      }
    }
  },
});

interface TypeProblem {
  /** JSON pointer of the offending value: the property's, or one item of a list. */
  pointer: string;
  message: string;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

export function typeProblems(type: PropertyType, key: string, value: unknown): TypeProblem[] {
  if (isEmpty(value)) return [];
  const pointer = `/${escapePointerSegment(key)}`;
  const problem = (expected: string): TypeProblem[] => [{ pointer, message: `Unexpected ${shown(value)} for ${key}, expected ${expected}` }];
  switch (type) {
    case 'text':
      if (isScalar(value)) return [];
      return problem(isUnquotedLink(value) ? 'text: an unquoted [[link]] is a list in a list to YAML, quote it' : 'text');
    case 'number':
      if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))) return [];
      return problem('a number');
    case 'checkbox':
      if (typeof value === 'boolean' || (typeof value === 'string' && /^(?:true|false)$/i.test(value))) return [];
      return problem('true or false');
    case 'date':
      return isDate(value) ? [] : problem('a date (YYYY-MM-DD)');
    case 'datetime':
      return isDate(value) ? [] : problem('a date and time (YYYY-MM-DDTHH:mm)');
    case 'multitext':
    case 'aliases':
    case 'tags':
      return listProblems(type, key, value, pointer);
  }
}

function listProblems(type: 'multitext' | 'aliases' | 'tags', key: string, value: unknown, pointer: string): TypeProblem[] {
  if (typeof value === 'string') return [];
  if (!Array.isArray(value)) return [{ pointer, message: `Unexpected ${shown(value)} for ${key}, expected a list` }];
  return value.flatMap((item, i): TypeProblem[] => {
    const at = `${pointer}/${i}`;
    if (isEmpty(item)) return [];
    if (!isScalar(item)) {
      const why = isUnquotedLink(item) ? ': an unquoted [[link]] is a list in a list to YAML, quote it' : '';
      return [{ pointer: at, message: `Unexpected ${shown(item)} in ${key}, expected text${why}` }];
    }
    if (type === 'tags' && (typeof item !== 'string' || /^\d+$/.test(item.replace(/^#/, '')))) {
      return [{ pointer: at, message: `Unexpected ${shown(item)} in ${key}, expected a tag with a character that is not a digit` }];
    }
    return [];
  });
}

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `key: [[Page]]` is `[["Page"]]` to YAML, and `[[A]], [[B]]` in a list is `[["A"], ["B"]]`. */
function isUnquotedLink(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((item) => Array.isArray(item) && item.length === 1 && typeof item[0] === 'string');
}

function isDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = isoDate.exec(value.trim()) ?? isoDateTime.exec(value.trim());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A real day: 2026-02-30 is no date, to Obsidian's date picker either.
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object' && value !== null) return 'mapping';
  return `${typeof value} ${String(value)}`;
}

/** The top-level keys the doc's JSON Schema reports on: its message wins there (when `frontmatter-schema` is on to say it). */
function schemaFaults(data: Record<string, unknown>, config: ResolvedConfig): Set<string> {
  if (!ruleSettings(frontmatterSchema, config.rules).severity) return new Set();
  const registry = () => schemaRegistryFor(config);
  const schema = selectSchema(data, config, registry, () => {});
  if (schema === undefined) return new Set();
  return new Set(registry().validate(schema, data).flatMap((issue) => parsePointer(issue.target.pointer).slice(0, 1)));
}

function valueSpan(doc: ParsedDoc, frontmatter: Frontmatter, pointer: string): Span {
  const range = locateYamlNode(frontmatter.document, pointer, 'value');
  if (!range || range.depth === 0) return frontmatter.span;
  return doc.source.lines.span(frontmatter.yamlOffset + range.start, frontmatter.yamlOffset + range.end);
}
