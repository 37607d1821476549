/**
 * The block-type registry's contract: names the site can find, one type per fenced block, a placeholder the site's
 * filler recognises for every type that has one, and each type's rule in the rule registry.
 */
import { toHtml } from 'hast-util-to-html';
import type { Code } from 'mdast';
import { describe, expect, it } from 'vitest';
import { blockTypeOf, blockTypes } from '../../src/blocks/index.ts';
import { rules } from '../../src/rules/index.ts';

describe('block types', () => {
  it('have unique lower-case names', () => {
    const names = blockTypes.map((type) => type.name);
    expect(names.every((name) => /^[a-z]+$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each([
    ['mermaid', null, 'mermaid'],
    ['Mermaid', null, 'mermaid'],
    ['dashboard', null, 'dashboard'],
    ['checklist', null, 'checklist'],
    ['yaml', 'schema=deployment-plan', 'model'],
    ['json', null, 'model'],
    ['bash', null, undefined],
    [null, null, undefined],
  ])('```%s %s is a %s block', (lang, meta, name) => {
    const node: Code = { type: 'code', lang, meta, value: '' };
    expect(blockTypeOf(node)?.name).toBe(name);
  });

  it.each(blockTypes.filter((type) => type.placeholder).map((type) => [type.name, type] as const))('%s: the placeholder is one the site fills', (name, type) => {
    expect(type.fill).toBeDefined();
    const html = toHtml(type.placeholder!({ type: 'code', lang: name, meta: null, value: 'a <b> & c' }, 3));
    expect(html).toMatch(new RegExp(`^<(pre|div) class="[^"]*" data-ss-${name}="3">[\\s\\S]*</\\1>$`));
  });

  it('bring their rules to the rule registry, in order', () => {
    const own = blockTypes.flatMap((type) => (type.rule ? [type.rule.id] : []));
    expect(own).toEqual(['mermaid-syntax', 'code-block-syntax', 'dashboard-block', 'checklist']);
    const ids = rules.map((rule) => rule.id);
    expect(ids.slice(ids.indexOf(own[0]!), ids.indexOf(own[0]!) + own.length)).toEqual(own);
  });
});
