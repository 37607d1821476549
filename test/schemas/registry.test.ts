import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredSchemaPaths, loadSchemas, schemaRegistryFor } from '../../src/schemas/registry.ts';

const dir = join(import.meta.dirname, '../fixtures/schemas');
const schema = (name: string): string => join(dir, `${name}.schema.json`);
const broken = (name: string): string => join(dir, 'broken', `${name}.schema.json`);

const messages = (issues: ReadonlyArray<{ target: { pointer: string }; message: string }>): string[] =>
  issues.map((i) => `${i.target.pointer} ${i.message}`);

describe('loadSchemas', () => {
  const registry = loadSchemas(['doc', 'base', 'runbook', 'plan', 'strict-doc'].map(schema));

  it.each([
    ['doc', { title: 'Rollback', status: 'wip' }, ['/status Unexpected value "wip" for status, expected one of: draft, active, deprecated']],
    ['doc', { title: 'Rollback' }, []],
    // runbook.schema.json `$ref`s base.schema.json relative to its `$id`
    ['runbook', { owner: 'sre', severity: 'sev2' }, [' Missing required key title']],
    ['runbook', { title: 'Rollback', owner: 'sre', severity: 'sev2', steps: [{ name: 'drain', checks: [{ expect: 700 }] }] }, ['/steps/0/checks/0/expect Unexpected 700 for steps[0].checks[0].expect, expected at most 599']],
    ['plan', { deployment_plan: { strategy: 'canary', phases: ['execution', { name: 'validation', gat: 'x' }] } }, ['/deployment_plan/phases/1/gat Unexpected key "gat" in deployment_plan.phases[1]']],
  ])('%s %j', (name, data, expected) => {
    expect(messages(registry.validate(schema(name), data))).toEqual(expected);
  });

  it('takes `description`, `examples` and `$schema` without complaint', () => {
    for (const name of ['doc', 'base', 'runbook', 'plan', 'strict-doc']) registry.validate(schema(name), {});
    expect(registry.problems).toEqual([]);
  });

  it('validates `__proto__` and `constructor` as ordinary keys, without touching prototypes', () => {
    const data = JSON.parse('{"title": "x", "__proto__": {"polluted": true}, "constructor": 5}') as unknown;
    expect(messages(registry.validate(schema('doc'), data))).toEqual([
      '/__proto__ Unexpected key "__proto__"',
      '/constructor Unexpected number for constructor, expected string',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('loads a schema it was not given when asked to validate against it', () => {
    const lazy = loadSchemas([]);
    expect(messages(lazy.validate(schema('doc'), {}))).toEqual([' Missing required key title']);
  });

  it('resolves relative `$ref`s of schemas without `$id` by their file URL', () => {
    const noId = loadSchemas([broken('no-id'), broken('no-id-name')]);
    expect(messages(noId.validate(broken('no-id'), { name: 'ab' }))).toEqual(['/name Unexpected "ab" for name, expected at least 3 characters']);
  });
});

describe('schema problems', () => {
  it.each([
    ['invalid JSON', broken('invalid-json'), /JSON/, true],
    ['a file that is not there', join(dir, 'nowhere.schema.json'), /ENOENT/, true],
    ['a schema the meta-schema rejects', broken('invalid-schema'), /schema is invalid/, true],
    ['an unresolvable $ref, found when compiling', broken('missing-ref'), /can't resolve reference nowhere\.schema\.json/, true],
    ['an unknown keyword (a typo) is a warning', broken('typo'), /unknown keyword: "requird"/, false],
  ])('%s', (_, path, message, fatal) => {
    const registry = loadSchemas([path]);
    expect(() => registry.validate(path, { title: 1 })).not.toThrow();
    expect(registry.problems).toHaveLength(1);
    expect(registry.problems[0]).toMatchObject({ path, fatal });
    expect(registry.problems[0]!.message).toMatch(message);
  });

  it('compiles lazily: a broken $ref costs nothing until the schema is used', () => {
    const registry = loadSchemas([broken('missing-ref')]);
    expect(registry.problems).toEqual([]);
    expect(registry.validate(broken('missing-ref'), {})).toEqual([]);
    expect(registry.validate(broken('missing-ref'), {})).toEqual([]);
    expect(registry.problems).toHaveLength(1);
  });

  it('still validates against a schema with a warning', () => {
    const registry = loadSchemas([broken('typo')]);
    expect(messages(registry.validate(broken('typo'), { title: 1 }))).toEqual(['/title Unexpected number for title, expected string']);
  });
});

describe('schemaRegistryFor', () => {
  const config = {
    docSchemas: { runbook: schema('runbook') },
    defaultDocSchema: schema('doc'),
    blockSchemas: { plan: schema('plan') },
  };

  it('builds one registry per set of schemas and shares it', () => {
    const registry = schemaRegistryFor(config);
    expect(schemaRegistryFor({ ...config, docSchemas: { ...config.docSchemas } })).toBe(registry);
    expect(schemaRegistryFor({ ...config, defaultDocSchema: undefined })).not.toBe(registry);
  });

  it('adds the sibling schema files, so `$ref`s to unconfigured files resolve', () => {
    const registry = schemaRegistryFor({ docSchemas: { runbook: schema('runbook') }, blockSchemas: {} });
    expect(messages(registry.validate(schema('runbook'), { owner: 'sre', severity: 'sev1' }))).toEqual([' Missing required key title']);
    expect(registry.problems).toEqual([]);
  });

  it('lists configured paths once, sorted', () => {
    expect(configuredSchemaPaths({ ...config, docSchemas: { runbook: schema('runbook'), guide: schema('doc') } })).toEqual(
      ['doc', 'plan', 'runbook'].map(schema),
    );
  });
});
