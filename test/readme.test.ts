/**
 * The rules reference in docs/rules.md is the one the rules generate (regenerate with `npm run docs:rules`), and the
 * README's links into docs/ reach a file and, GitHub's way, a heading.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { expect, it } from 'vitest';
import { rules } from '../src/rules/index.ts';
import { referencePath, withReference } from '../scripts/rules-reference.ts';

const root = join(import.meta.dirname, '..');
const reference = readFileSync(referencePath, 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

it('docs/rules.md is up to date', () => {
  expect(withReference(reference)).toBe(reference);
});

it.each(rules.map((rule) => rule.id))('docs/rules.md documents %s', (id) => {
  expect(reference).toContain(`### \`${id}\``);
});

it('README keeps the two commands for a fresh machine', () => {
  expect(readme).toContain('npm install && npm run build   # check the bundled knowledge base in content/ and build it into dist/\n');
  expect(readme).toContain('npm test                       # type-check and run the test suite');
});

/** GitHub's heading ids of a Markdown file, fenced code left out. */
function anchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').matchAll(/^#{1,6} (.+)$/gm);
  return new Set([...headings].map((m) => slugger.slug((m[1] ?? '').replace(/`/g, ''))));
}

const links = [...readme.matchAll(/\]\((docs\/[^)#\s]*)(?:#([^)\s]+))?\)/g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);

it('README links into docs/', () => {
  expect(links.length).toBeGreaterThan(10);
});

it.each(links)('README link %s#%s resolves', (path, anchor) => {
  const file = join(root, path);
  expect(existsSync(file), path).toBe(true);
  if (anchor) expect([...anchors(readFileSync(file, 'utf8'))]).toContain(anchor);
  expect(dirname(file).startsWith(join(root, 'docs'))).toBe(true);
});
