/**
 * Every schema Shipshape ships is a valid JSON Schema 2020-12 and compiles: the readers of our own schemas (the
 * config, the baseline) skip ajv's meta-schema check at run time, which costs each command tens of milliseconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-cli.ts';

const dir = join(repoRoot, 'schemas');
const files = readdirSync(dir).filter((file) => file.endsWith('.schema.json'));
const schemas = new Map(files.map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as { $id: string }]));

describe('shipped schemas', () => {
  // One instance with all of them: the doc types' schemas $ref doc.schema.json. Formats are ajv-formats' business.
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  for (const schema of schemas.values()) ajv.addSchema(schema);

  it.each(files)('%s is valid against the meta-schema and compiles', (file) => {
    const schema = schemas.get(file)!;
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.getSchema(schema.$id)).not.toThrow();
    expect(ajv.getSchema(schema.$id)).toBeTypeOf('function');
  });
});
