import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { friendlyIssues, pathLabel } from '../../src/schemas/messages.ts';

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
ajvFormats.default(ajv);

const doc = {
  type: 'object',
  required: ['title', 'owner'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1 },
    owner: { type: 'string', pattern: '^[a-z-]+$' },
    status: { enum: ['draft', 'active', 'deprecated'] },
    created: { type: 'string', format: 'date' },
    tags: { type: 'array', uniqueItems: true, maxItems: 3, items: { type: 'string' } },
    contact: { type: 'object', required: ['team'], properties: { team: { type: 'string' } } },
    replicas: { type: 'integer', minimum: 1, maximum: 10 },
    labels: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } },
  },
};

const plan = {
  type: 'object',
  properties: {
    phases: { type: 'array', items: { anyOf: [{ $ref: '#/$defs/phaseName' }, { $ref: '#/$defs/phase' }] } },
    size: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 0 }] },
  },
  $defs: {
    phaseName: { type: 'string', enum: ['preparation', 'execution'] },
    phase: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: { $ref: '#/$defs/phaseName' }, gate: { type: 'string' } },
    },
  },
};

const environment = {
  type: 'object',
  properties: { tier: { enum: ['production', 'staging'] }, approvers: { type: 'array' } },
  if: { properties: { tier: { const: 'production' } }, required: ['tier'] },
  then: { required: ['approvers'] },
};

/** `pointer part: message` per issue, in order. */
function issues(schema: object, data: unknown): string[] {
  const validate = ajv.compile(schema);
  validate(data);
  return friendlyIssues(validate.errors ?? []).map((i) => `${i.target.pointer} ${i.target.part}: ${i.message}`);
}

const base = { title: 'Rollback', owner: 'sre' };

const cases: Array<[name: string, schema: object, data: unknown, expected: string[]]> = [
  ['enum', doc, { ...base, status: 'wip' }, ['/status value: Unexpected value "wip" for status, expected one of: draft, active, deprecated']],
  ['missing key at the root', doc, { title: 'Rollback' }, [' key: Missing required key owner']],
  ['missing key in a nested mapping', doc, { ...base, contact: {} }, ['/contact key: Missing required key team in contact']],
  ['unexpected key', doc, { ...base, ownr: 'x' }, ['/ownr key: Unexpected key "ownr"']],
  ['date format', doc, { ...base, created: '2026-13-45' }, ['/created value: Unexpected "2026-13-45" for created, expected a date (YYYY-MM-DD)']],
  ['type', doc, { ...base, title: 3 }, ['/title value: Unexpected number for title, expected string']],
  ['an empty YAML value', doc, { ...base, owner: null }, ['/owner value: Unexpected empty value for owner, expected string']],
  ['a list where a string goes', doc, { ...base, title: ['a'] }, ['/title value: Unexpected list for title, expected string']],
  ['empty string', doc, { ...base, title: '' }, ['/title value: Unexpected empty string for title, expected at least 1 character']],
  ['pattern', doc, { ...base, owner: '@sre' }, ['/owner value: Unexpected "@sre" for owner, expected a value matching /^[a-z-]+$/']],
  ['duplicate strings, at the later one', doc, { ...base, tags: ['a', 'b', 'a'] }, ['/tags/2 value: Unexpected duplicate "a" in tags (items 1 and 3), expected unique items']],
  ['duplicate mappings, at the later one', { type: 'array', uniqueItems: true }, [{ a: 1 }, { b: 2 }, { a: 1 }], ['/2 value: Unexpected duplicate mapping (items 1 and 3), expected unique items']],
  ['too many items', doc, { ...base, tags: ['a', 'b', 'c', 'd'] }, ['/tags value: Unexpected 4 items in tags, expected at most 3']],
  ['maximum', doc, { ...base, replicas: 12 }, ['/replicas value: Unexpected 12 for replicas, expected at most 10']],
  ['integer', doc, { ...base, replicas: 1.5 }, ['/replicas value: Unexpected number for replicas, expected integer']],
  ['a key that breaks propertyNames', doc, { ...base, labels: { Team: 'x' } }, ['/labels/Team key: Unexpected key "Team" in labels, expected a value matching /^[a-z]+$/']],
  [
    'all errors of a document, in order',
    doc,
    { title: 5, status: 'wip', extra: true },
    [
      ' key: Missing required key owner',
      '/extra key: Unexpected key "extra"',
      '/title value: Unexpected number for title, expected string',
      '/status value: Unexpected value "wip" for status, expected one of: draft, active, deprecated',
    ],
  ],
  ['anyOf: a mistyped name reports the enum only', plan, { phases: ['executon'] }, ['/phases/0 value: Unexpected value "executon" for phases[0], expected one of: preparation, execution']],
  ['anyOf: an object reports the object branch only', plan, { phases: [{ name: 'execution', gat: 'x' }] }, ['/phases/0/gat key: Unexpected key "gat" in phases[0]']],
  ['anyOf: a value deeper in the object branch', plan, { phases: [{ name: 'executon' }] }, ['/phases/0/name value: Unexpected value "executon" for phases[0].name, expected one of: preparation, execution']],
  ['anyOf: no branch takes the type', plan, { phases: [42] }, ['/phases/0 value: Unexpected number for phases[0], expected string or mapping']],
  [
    'anyOf: each item on its own',
    plan,
    { phases: ['preparation', 42, { name: 'execution', gate: 1 }] },
    ['/phases/1 value: Unexpected number for phases[1], expected string or mapping', '/phases/2/gate value: Unexpected number for phases[2].gate, expected string'],
  ],
  ['oneOf matching twice', plan, { size: 3 }, ['/size value: Unexpected value for size that matches several alternatives, expected exactly one']],
  ['if/then reports the then error only', environment, { tier: 'production' }, [' key: Missing required key approvers']],
  ['if/then, condition false', environment, { tier: 'staging' }, []],
];

describe('friendlyIssues', () => {
  it.each(cases)('%s', (_, schema, data, expected) => {
    expect(issues(schema, data)).toEqual(expected);
  });

  it('suggests close keys and values', () => {
    const validate = ajv.compile(doc);
    validate({ ...base, ownr: 'x', status: 'activ' });
    const found = friendlyIssues(validate.errors ?? []).map((i) => [i.message, i.suggestions]);
    expect(found).toEqual([
      ['Unexpected key "ownr"', undefined],
      ['Unexpected value "activ" for status, expected one of: draft, active, deprecated', ['active']],
    ]);
    validate({ title: 'x', ownr: 'x' });
    expect(friendlyIssues(validate.errors ?? []).find((i) => i.keyword === 'additionalProperties')?.suggestions).toEqual(['owner']);
  });

  it('names the key of required and additionalProperties issues', () => {
    const validate = ajv.compile(doc);
    validate({ ownr: 1 });
    expect(friendlyIssues(validate.errors ?? []).map((i) => i.key)).toEqual(['title', 'owner', 'ownr']);
  });
});

describe('pathLabel', () => {
  it.each([
    ['', ''],
    ['/status', 'status'],
    ['/deployment_plan/phases/1/name', 'deployment_plan.phases[1].name'],
    ['/0/name', '[0].name'],
    ['/a b/c', '["a b"].c'],
    ['/a~1b', '["a/b"]'],
    ['/review-by', 'review-by'],
  ])('%j → %j', (pointer, label) => {
    expect(pathLabel(pointer)).toBe(label);
  });
});
