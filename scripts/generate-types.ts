/**
 * Writes the TypeScript types of the models in `schemas/` to `src/schemas/generated/`, one file per schema, with
 * json-schema-to-typescript: the schemas stay the one definition, their `description`s become doc comments.
 * `test/schemas/generated-types.test.ts` fails when the files drift from the schemas; `--check` exits 1 then too.
 *
 * In: `node scripts/generate-types.ts` with `schemas/run.schema.json` (`"title": "Run"`)
 * Out: `src/schemas/generated/run.ts` exporting `interface Run { … }`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const schemaDir = join(root, 'schemas');
export const generatedDir = join(root, 'src/schemas/generated');

/** The schemas whose types the code reads (a doc type's frontmatter is only validated, never typed). */
const models = ['run', 'incident', 'checklist', 'config', 'dashboard-block', 'baseline'];

/** Generated file name (`run.ts`) → its text, from the schemas on disk. */
export async function generateTypes(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const model of models) {
    const source = `schemas/${model}.schema.json`;
    const schema = JSON.parse(readFileSync(join(root, source), 'utf8')) as JSONSchema;
    const text = await compile(schema, model, {
      bannerComment: `/* Generated from ${source} by scripts/generate-types.ts: do not edit, change the schema and run \`node scripts/generate-types.ts\`. */`,
      cwd: schemaDir,
      // `minItems: 1` would make a list a tuple type: the schema checks it, the code reads a list.
      ignoreMinAndMaxItems: true,
      style: { singleQuote: true, printWidth: 140 },
    });
    files.set(`${model}.ts`, text);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [name, text] of await generateTypes()) {
    const path = join(generatedDir, name);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale = true;
    if (check) console.error(`${path} is stale: run node scripts/generate-types.ts`);
    else writeFileSync(path, text);
  }
  if (check && stale) process.exitCode = 1;
}
