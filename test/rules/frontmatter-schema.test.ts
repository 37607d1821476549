import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/frontmatter-schema.ts';
import type { ResolvedConfig } from '../../src/vault/config-types.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const schema = (name: string): string => join(import.meta.dirname, '../fixtures/schemas', `${name}.schema.json`);

/** Runbooks have a schema of their own; everything else gets the (closed) doc schema. */
const config: Partial<ResolvedConfig> = {
  docSchemas: { runbook: schema('runbook') },
  defaultDocSchema: schema('doc'),
};

const md = (...lines: string[]): string => `${lines.join('\n')}\n`;

const cases: Array<[name: string, markdown: string, expected: string[], config?: Partial<ResolvedConfig>]> = [
  ['valid frontmatter', md('---', 'title: Rollback', 'status: active', '---', '# Rollback'), []],
  [
    'every error of a file, each at its key or value',
    md('---', 'title: 42', 'status: wip', 'ownr: sre', 'created: 2026-13-45', 'tags: [ops, deploy, ops]', '---'),
    [
      '2:8 Unexpected number for title, expected string',
      '3:9 Unexpected value "wip" for status, expected one of: draft, active, deprecated',
      '4:1 Unexpected key "ownr"',
      '5:10 Unexpected "2026-13-45" for created, expected a date (YYYY-MM-DD)',
      '6:21 Unexpected duplicate "ops" in tags (items 1 and 3), expected unique items',
    ],
  ],
  ['a missing top-level key at the frontmatter block', md('---', 'status: draft', '---'), ['1:1 Missing required key title']],
  ['an empty frontmatter block', md('---', '---', '# A'), ['1:1 Missing required key title']],
  ['an empty value at its key', md('---', 'title:', '---'), ['2:1 Unexpected empty value for title, expected string']],
  [
    'a value three levels deep in a list of maps',
    md(
      '---',
      'title: Roll back checkout',
      'type: runbook',
      'owner: sre',
      'severity: sev2',
      'steps:',
      '  - name: drain traffic',
      '    checks:',
      '      - url: https://checkout.example.com/healthz',
      '        expect: 200',
      '      - url: not a url',
      '        expect: 700',
      '---',
    ),
    [
      '11:14 Unexpected "not a url" for steps[0].checks[1].url, expected a URI',
      '12:17 Unexpected 700 for steps[0].checks[1].expect, expected at most 599',
    ],
  ],
  [
    'a missing key of a nested mapping at the mapping\'s key',
    md('---', 'title: Rollback', 'type: runbook', 'owner: sre', 'severity: sev1', 'contact:', '  channel: "#sre"', '---'),
    ['6:1 Missing required key team in contact'],
  ],
  [
    'a missing key of a mapping in a list at the item',
    md('---', 'title: Rollback', 'type: runbook', 'owner: sre', 'severity: sev1', 'steps:', '  - checks: []', '---'),
    ['7:5 Missing required key name in steps[0]'],
  ],
  [
    'an unexpected nested key, with a suggestion',
    md('---', 'title: Rollback', 'type: runbook', 'owner: sre', 'severity: sev1', 'contact: {team: sre, chanel: "#sre"}', '---'),
    ['6:22 Unexpected key "chanel" in contact'],
  ],
  [
    'CRLF line endings',
    '---\r\ntitle: Rollback\r\nstatus: wip\r\ncreated: 2026-02-30\r\n---\r\n# Rollback\r\n',
    [
      '3:9 Unexpected value "wip" for status, expected one of: draft, active, deprecated',
      '4:10 Unexpected "2026-02-30" for created, expected a date (YYYY-MM-DD)',
    ],
  ],
  [
    '`__proto__` and `constructor` are ordinary keys',
    md('---', 'title: Rollback', '__proto__: {polluted: true}', 'constructor: 5', '---'),
    ['3:1 Unexpected key "__proto__"', '4:14 Unexpected number for constructor, expected string'],
  ],
  ['an unused `constructor` key does not see Object.prototype', md('---', 'title: Rollback', '---'), []],
  [
    'a runbook gets the runbook schema',
    md('---', 'title: Rollback', 'type: runbook', 'owner: sre', 'severity: sev9', '---'),
    ['5:11 Unexpected value "sev9" for severity, expected one of: sev1, sev2, sev3'],
  ],
  [
    'an unknown type, when the default schema does not restrict types',
    md('---', 'title: Rollback', 'type: runbok', '---'),
    ['3:7 Unexpected type "runbok", expected one of: runbook'],
  ],
  [
    'an unknown type, when the default schema lists the types: its own error only',
    md('---', 'title: Rollback', 'type: runbok', '---'),
    ['3:7 Unexpected value "runbok" for type, expected one of: runbook, guide'],
    { docSchemas: { runbook: schema('runbook') }, defaultDocSchema: schema('strict-doc') },
  ],
  [
    'a type the default schema accepts needs no schema of its own',
    md('---', 'title: Writing runbooks', 'type: guide', '---'),
    [],
    { docSchemas: { runbook: schema('runbook') }, defaultDocSchema: schema('strict-doc') },
  ],
  [
    'an unknown type without a default schema',
    md('---', 'title: Rollback', 'type: servce', '---'),
    ['3:7 Unexpected type "servce", expected one of: runbook, service'],
    { docSchemas: { runbook: schema('runbook'), service: schema('doc') } },
  ],
  [
    'a type named like an Object.prototype member is unknown',
    md('---', 'title: Rollback', 'type: constructor', '---'),
    ['3:7 Unexpected type "constructor", expected one of: runbook'],
    { docSchemas: { runbook: schema('runbook') } },
  ],
  ['no type and no default schema', md('---', 'title: 1', '---'), [], { docSchemas: { runbook: schema('runbook') } }],
  ['no schemas configured', md('---', 'type: runbook', '---'), [], { docSchemas: {} }],
  ['no frontmatter, with a default schema: plain notes are fine', md('# Rollback', '', 'Steps.'), []],
  ['no frontmatter, without a default schema', md('# Rollback'), [], { docSchemas: { runbook: schema('runbook') } }],
  ['frontmatter that is not valid YAML is left to yaml-syntax', md('---', 'title: [unclosed', '---'), []],
  ['unclosed frontmatter is left to yaml-syntax', md('---', 'title: 1'), []],
];

describe('frontmatter-schema', () => {
  it.each(cases)('%s', async (_, markdown, expected, overrides) => {
    expect(brief(await runFileRule(rule, markdown, { config: overrides ?? config }))).toEqual(expected);
  });

  it('reports missing frontmatter when requireFrontmatter is on', async () => {
    expect(brief(await runFileRule(rule, md('# Rollback'), { config, options: { requireFrontmatter: true } }))).toEqual([
      '1:1 Missing frontmatter, expected a `---` block with title',
    ]);
  });

  it('skips templates, whose values are placeholders', async () => {
    const markdown = md('---', 'title: <% tp.file.title %>', 'created: <% tp.date.now("YYYY-MM-DD") %>', '---');
    expect(await runFileRule(rule, markdown, { config, isTemplate: true })).toEqual([]);
    // In a published doc the command is templater-placeholder's to report, not a second time as a bad date.
    expect(brief(await runFileRule(rule, markdown, { config }))).toEqual([]);
  });

  it('suggests close keys and types', async () => {
    const typo = await runFileRule(rule, md('---', 'title: x', 'type: runbok', 'stauts: draft', '---'), { config });
    expect(typo.map((r) => [r.message, r.suggestions])).toEqual([
      ['Unexpected type "runbok", expected one of: runbook', ['runbook']],
      ['Unexpected key "stauts"', ['status']],
    ]);
  });

  it('spans the whole offending value', async () => {
    const [report] = await runFileRule(rule, md('---', 'title: Rollback', 'status: "wip"', '---'), { config });
    expect(report?.span).toMatchObject({ start: { line: 3, column: 9 }, end: { line: 3, column: 14 } });
  });

  it('does not pollute Object.prototype', async () => {
    await runFileRule(rule, md('---', 'title: x', '__proto__: {polluted: true}', '---'), { config });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
