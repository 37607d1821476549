/**
 * The baseline file (`shipshape-baseline.json`, documented by schemas/baseline.schema.json): read and validated,
 * written sorted and stable — one entry a line, by file, rule and fingerprint — so its diff in a pull request shows
 * exactly which problems were added or fixed. Writes are atomic; an exclusive write never replaces a baseline.
 *
 * In: `await readBaseline('/repo/shipshape-baseline.json')` → `[{ file: 'a.md', rule: 'broken-link', fingerprint: '3f9c…', message: 'Unresolved wikilink [[x]]' }]`
 *     (undefined when the file does not exist; a BaselineError, exit 2, when it is not a baseline)
 * In: `serializeBaseline(entries)` → `{\n  "version": 1,\n  "entries": [\n    {"file":"a.md","rule":"broken-link",…},\n …`
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { pointAt } from '../diagnostics/diagnostic.ts';
import type { BaselineEntry, ShipshapeBaseline } from '../schemas/generated/baseline.ts';
import { jsonErrorOffset, jsonErrorText } from '../schemas/json-error.ts';
import { locateYamlNode } from '../schemas/yaml-position.ts';
import { writeFileAtomic } from '../vault/atomic-write.ts';
import { ConfigError, toolRoot } from '../vault/config.ts';

export type { BaselineEntry };

/** A baseline that cannot be read or is not one: the check cannot run (exit 2). A ConfigError, so the CLI says why. */
export class BaselineError extends ConfigError {
  override name = 'BaselineError';
}

/** The schema's `version` const: a change to the fingerprint bumps both. */
const baselineVersion = 1;

let validateBaseline: ValidateFunction | undefined;

/** The entries of the baseline at `path`, or undefined when there is no such file. */
export async function readBaseline(path: string, label = path): Promise<BaselineEntry[] | undefined> {
  return (await readBaselineFile(path, label))?.entries;
}

/** The baseline's entries and the bytes they were read from: a caller that rewrites it can tell whether it changed since. */
export async function readBaselineFile(path: string, label = path): Promise<{ entries: BaselineEntry[]; bytes: Uint8Array } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`Cannot read the baseline ${label}: ${(error as Error).message}`);
  }
  return { entries: parseBaseline(bytes.toString('utf8'), label), bytes };
}

/** A baseline's text → its entries; `label` names it in errors, which say where the problem is. */
export function parseBaseline(text: string, label: string): BaselineEntry[] {
  const json = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const { message } = error as Error;
    throw new BaselineError(`Invalid baseline ${label}:${lineAndColumn(json, jsonErrorOffset(json, message))}: ${jsonErrorText(message)}`);
  }
  // Our own schema needs no check against the meta-schema (test/schemas/shipped-schemas.test.ts does it), which
  // would cost a pre-commit run of one file 20 ms.
  validateBaseline ??= new Ajv2020({ allErrors: true, strict: false, validateSchema: false }).compile(
    JSON.parse(readFileSync(join(toolRoot, 'schemas/baseline.schema.json'), 'utf8')),
  );
  if (!validateBaseline(data)) {
    // Placed as YAML places a node (JSON is YAML): only on this error path, so a good baseline never pays for it.
    const document = parseDocument(json);
    const problems = (validateBaseline.errors ?? []).slice(0, 5).map((e) => {
      const range = locateYamlNode(document, e.instancePath, 'value');
      return `${range ? `${lineAndColumn(json, range.start)} ` : ''}${e.instancePath || '(root)'}: ${e.message ?? e.keyword}`;
    });
    throw new BaselineError(
      `Invalid baseline ${label} (schemas/baseline.schema.json):\n  ${problems.join('\n  ')}\n` +
        'Write it again with shipshape check --baseline-write --force.',
    );
  }
  return (data as ShipshapeBaseline).entries;
}

/** `5:3` for a 0-based offset: 1-based line and column, as the check's diagnostics count them. */
function lineAndColumn(text: string, offset: number): string {
  const { line, column } = pointAt(text, offset);
  return `${line}:${column}`;
}

/** File, then rule, then fingerprint: the order of the file, so one problem's entry never moves in a diff. */
export function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries with the same file, rule and fingerprint become one with their counts summed; the rest sorted. */
export function normalizeEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const entry of entries) {
    const key = entryKey(entry);
    const seen = byKey.get(key);
    const count = (seen ? countOf(seen) : 0) + countOf(entry);
    byKey.set(key, withCount(seen ?? entry, count));
  }
  return [...byKey.values()].sort(compareEntries);
}

/** How many problems an entry stands for. */
export function countOf(entry: BaselineEntry): number {
  return entry.count ?? 1;
}

/** The entry with `count` (absent when 1), keys in the schema's order. */
export function withCount(entry: BaselineEntry, count: number): BaselineEntry {
  const { file, rule, fingerprint, message, text } = entry;
  return { file, rule, fingerprint, message, text, ...(count > 1 ? { count } : {}) };
}

/** What identifies an entry: file, rule, fingerprint. */
export function entryKey(entry: Pick<BaselineEntry, 'file' | 'rule' | 'fingerprint'>): string {
  return `${entry.file}\0${entry.rule}\0${entry.fingerprint}`;
}

/** Pretty but one entry a line: a diff line per problem added or fixed. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const lines = normalizeEntries(entries).map((entry) => `    ${JSON.stringify(withCount(entry, countOf(entry)))}`);
  return `{\n  "version": ${baselineVersion},\n  "entries": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Writes the baseline atomically (its folder made if missing); with `exclusive`, fails (EEXIST) rather than replace one. */
export async function writeBaseline(path: string, entries: readonly BaselineEntry[], options: { exclusive?: boolean } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, serializeBaseline(entries), options);
}
