/**
 * Every rule's own `ok` and `not-ok` examples, run through the whole pipeline: the examples in the rules
 * reference are true by construction.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.ts';
import { checkFiles } from '../helpers/check-files.ts';

const now = new Date('2026-11-27T12:00:00Z');

describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  // Examples are shown with the rule on, whatever its default severity.
  const enabled = (options?: Record<string, unknown>) => ({ [id]: ['error', options ?? {}] as ['error', Record<string, unknown>] });

  it.each(rule.examples.ok.map((example, i) => [example.title ?? `ok #${i + 1}`, example] as const))('ok: %s', async (_, example) => {
    const path = example.path ?? 'example.md';
    const diagnostics = await checkFiles({ ...example.files, [path]: example.markdown }, { rules: enabled(example.options), now });
    expect(diagnostics.filter((d) => d.rule === id).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([]);
  });

  const notOk = rule.examples.notOk.map((example, i) => [example.title ?? `not-ok #${i + 1}`, example] as const);
  it.runIf(notOk.length > 0).each(notOk)('not ok: %s', async (_, example) => {
    const path = example.path ?? 'example.md';
    const diagnostics = await checkFiles({ ...example.files, [path]: example.markdown }, { rules: enabled(example.options), now });
    const found = diagnostics.filter((d) => d.rule === id && d.file === path).map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(found.length).toBeGreaterThan(0);
    for (const expected of example.expect ?? []) {
      expect(found.some((line) => line.startsWith(expected.split(' ')[0]!) && line.includes(expected.slice(expected.indexOf(' ') + 1)))).toBe(true);
    }
  });
});
