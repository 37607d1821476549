import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlockSyntax as rule } from '../../src/blocks/model-block.ts';
import type { ResolvedConfig } from '../../src/vault/config-types.ts';
import { brief, runFileRule } from '../helpers/run-rule.ts';

const config: Partial<ResolvedConfig> = {
  blockSchemas: { 'deployment-plan': join(import.meta.dirname, '../fixtures/schemas/plan.schema.json') },
  blockKeys: { deployment_plan: 'deployment-plan' },
};

const md = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The "Implementation Planning" part of the seed document: a JSON plan inside a numbered list, indented 3. */
const seedPlan = md(
  '### Implementation Planning',
  '1. **Deployment Plan**',
  '   ```json',
  '   {',
  '     "deployment_plan": {',
  '       "phases": ["preparation", "execution", "validation", "monitoring"],',
  '       "activities": ["setup", "deployment", "testing", "verification"],',
  '       "resources": ["infrastructure", "applications", "services"]',
  '     }',
  '   }',
  '   ```',
  '',
  '2. **Timeline Planning**',
);

const cases: Array<[name: string, markdown: string, expected: string[]]> = [
  ['valid JSON and YAML', md('```json', '{"a": [1, 2]}', '```', '', '```yaml', 'a:', '  - 1', '```'), []],
  ['JSON: a missing comma', md('```json', '{', '  "a": 1', '  "b": 2', '}', '```'), ["4:3 Invalid JSON: Expected ',' or '}' after property value"]],
  [
    'JSON in a numbered list (indented): the file column',
    seedPlan.replace('"execution", ', '"execution" '),
    ["6:46 Invalid JSON: Expected ',' or ']' after array element"],
  ],
  ['JSON: an unexpected token without a position from V8', md('- list', '  ```json', '  [1, 2,]', '  ```'), ["3:9 Invalid JSON: Unexpected token ']'"]],
  ['JSON: a misspelt literal', md('```json', '{"enabled": tru}', '```'), ["2:16 Invalid JSON: Unexpected token '}'"]],
  ['JSON: the end of the input', md('```json', '{"a": [1,', '```'), ['2:10 Invalid JSON: Unexpected end of JSON input']],
  ['JSON: unterminated', md('```json', '{"a": 1', '```'), ["2:8 Invalid JSON: Expected ',' or '}' after property value"]],
  ['JSON: a duplicate key', md('```json', '{"a": 1, "a": 2}', '```'), ['2:10 Unexpected duplicate key "a", expected each key once']],
  ['JSON in a quote', md('> ```json', '> {"a" 1}', '> ```'), ["2:8 Invalid JSON: Expected ':' after property name"]],
  ['YAML: a syntax error', md('```yaml', 'a: [1, 2', 'b: 3', '```'), ['3:1 Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  [
    'YAML: a duplicate key in a list item',
    md('1. Service', '   ```yml', '   service: checkout', '   replicas: 3', '   replicas: 6', '   ```'),
    ['5:4 Unexpected duplicate key "replicas", expected each key once'],
  ],
  ['YAML: several documents, each checked', md('```yaml', 'a: 1', '---', 'b: 2', 'b: 3', '```'), ['5:1 Unexpected duplicate key "b", expected each key once']],
  [
    'a deployment_plan key triggers model validation (YAML)',
    md(
      'Plan:',
      '',
      '```yaml',
      'deployment_plan:',
      '  strategy: big-bang',
      '  phases:',
      '    - preparation',
      '    - name: execution',
      '      gat: approved',
      '    - executon',
      '```',
    ),
    [
      '5:13 Unexpected value "big-bang" for deployment_plan.strategy, expected one of: rolling, canary',
      '9:7 Unexpected key "gat" in deployment_plan.phases[1]',
      '10:7 Unexpected value "executon" for deployment_plan.phases[2], expected one of: preparation, execution, validation, monitoring',
    ],
  ],
  ['a deployment_plan key triggers model validation (JSON in a list, as in the seed)', seedPlan, ['5:6 Missing required key strategy in deployment_plan']],
  [
    'model errors in a JSON block at exact positions',
    seedPlan.replace('"phases": [', '"strategy": "canary", "phases": [42, ').replace('"setup"', '7'),
    [
      '6:41 Unexpected number for deployment_plan.phases[0], expected string or mapping',
      '7:23 Unexpected number for deployment_plan.activities[0], expected string',
    ],
  ],
  [
    'schema= in the info string names the model',
    md('```yaml schema=deployment-plan', 'strategy: canary', '```'),
    ['1:1 Missing required key deployment_plan', '2:1 Unexpected key "strategy"'],
  ],
  ['an unknown model name', md('```yaml schema=deployment-plna', 'a: 1', '```'), ['1:16 Unexpected schema "deployment-plna", expected one of: deployment-plan']],
  ['a quoted model name', md('```json schema="deploymentplan"', '{}', '```'), ['1:17 Unexpected schema "deploymentplan", expected one of: deployment-plan']],
  [
    'CRLF line endings',
    '1. Plan\r\n   ```yaml\r\n   deployment_plan:\r\n     strategy: canary\r\n     phases: [prep]\r\n   ```\r\n\r\n```json\r\n{\r\n  "a" 1\r\n}\r\n```\r\n',
    [
      '5:15 Unexpected value "prep" for deployment_plan.phases[0], expected one of: preparation, execution, validation, monitoring',
      "10:7 Invalid JSON: Expected ':' after property name",
    ],
  ],
  ['`__proto__` and `constructor` keys are ordinary keys', md('```json', '{"__proto__": {"x": 1}, "constructor": [}', '```'), ["2:41 Invalid JSON: Unexpected token '}'"]],
  [
    '`__proto__` in a model block is an unexpected key',
    md('```yaml', 'deployment_plan:', '  strategy: canary', '  phases: [execution]', '  __proto__: {polluted: true}', '  constructor: 1', '```'),
    ['5:3 Unexpected key "__proto__" in deployment_plan', '6:3 Unexpected key "constructor" in deployment_plan'],
  ],
  ['other languages are ignored', md('```python', 'def broken(:', '```', '', '```toml', 'a = ', '```'), []],
  ['blocks with template syntax are skipped', md('```yaml', 'image: {{ .Values.image }', '```', '', '```json', '{"a": <% tp.x %>}', '```'), []],
  ['empty blocks are skipped', md('```json', '```', '', '```yaml', '', '```'), []],
  ['indented code has no language', md('    {"a" 1}'), []],
];

describe('code-block-syntax', () => {
  it.each(cases)('%s', async (_, markdown, expected) => {
    expect(brief(await runFileRule(rule, markdown, { config }))).toEqual(expected);
  });

  it('without model config, checks syntax only', async () => {
    expect(brief(await runFileRule(rule, seedPlan))).toEqual([]);
    expect(brief(await runFileRule(rule, md('```yaml schema=deployment-plan', 'a: 1', '```')))).toEqual([
      '1:16 Unexpected schema "deployment-plan", expected a name from blockSchemas (none are configured)',
    ]);
  });

  it('suggests a close model name', async () => {
    const [report] = await runFileRule(rule, md('```yaml schema=deployment-plna', 'a: 1', '```'), { config });
    expect(report?.suggestions).toEqual(['deployment-plan']);
  });

  it('spans the offending token', async () => {
    const [report] = await runFileRule(rule, md('```yaml', 'deployment_plan:', '  strategy: big-bang', '  phases: [execution]', '```'), { config });
    expect(report?.span).toMatchObject({ start: { line: 3, column: 13 }, end: { line: 3, column: 21 } });
  });

  it('does not pollute Object.prototype', async () => {
    await runFileRule(rule, md('```json', '{"deployment_plan": {"__proto__": {"polluted": true}}}', '```'), { config });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
