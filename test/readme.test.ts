/** The rules reference in README.md is the one the rules generate: regenerate with `npm run docs:rules`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { rules } from '../src/rules/index.ts';
import { withReference } from '../scripts/rules-reference.ts';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

it('README rules reference is up to date', () => {
  expect(withReference(readme)).toBe(readme);
});

it.each(rules.map((rule) => rule.id))('README documents %s', (id) => {
  expect(readme).toContain(`### \`${id}\``);
});
