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
    // `expect` lists every report, in order, as `line:column message-substring`.
    if (example.expect) {
      expect(found).toHaveLength(example.expect.length);
      example.expect.forEach((expected, i) => {
        const space = expected.indexOf(' ');
        const [where, what] = space === -1 ? [expected, ''] : [expected.slice(0, space), expected.slice(space + 1)];
        expect(found[i]!.startsWith(where.includes(':') && !where.endsWith(':') ? `${where} ` : where), found[i]).toBe(true);
        expect(found[i]).toContain(what);
      });
    }
  });
});
