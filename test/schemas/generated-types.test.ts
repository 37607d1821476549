/**
 * The types in `src/schemas/generated/` are what `scripts/generate-types.ts` makes of `schemas/*.json` today: a
 * schema edited without regenerating fails here, with the file to regenerate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedDir, generateTypes } from '../../scripts/generate-types.ts';

describe('generated types', async () => {
  const generated = await generateTypes();

  it('are every generated file, and no other', () => {
    expect(readdirSync(generatedDir).sort()).toEqual([...generated.keys()].sort());
  });

  it.each([...generated])('%s matches its schema (run node scripts/generate-types.ts)', (name, text) => {
    expect(readFileSync(join(generatedDir, name), 'utf8')).toBe(text);
  });
});
