/**
 * Writes the rules reference into README.md, between `<!-- rules:start -->` and `<!-- rules:end -->`, from the
 * rules' own metadata and examples (the same examples the tests run). `--check` exits 1 when README is stale.
 *
 * In: `node scripts/rules-reference.ts` → README.md's rule table and per-rule sections regenerated
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/index.ts';
import type { Rule, RuleExample } from '../src/rules/rule.ts';

const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';

/** The fence's language from the example's file: run data examples are JSON Lines or YAML, the rest Markdown. */
function language(path = 'example.md'): string {
  if (/\.(?:ndjson|jsonl|json)$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return 'markdown';
}

function fence(markdown: string, path?: string): string {
  const longest = Math.max(2, ...[...markdown.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language(path)}\n${markdown.replace(/\n$/, '')}\n${ticks}`;
}

function example(kind: 'ok' | 'not ok', ex: RuleExample): string {
  const title = ex.title ? `: ${ex.title}` : '';
  const others = ex.files ? `\n\nWith ${Object.keys(ex.files).map((f) => `\`${f}\``).join(', ')} in the vault.` : '';
  const options = ex.options ? `\n\nOptions: \`${JSON.stringify(ex.options)}\`` : '';
  const expected = ex.expect?.length ? `\n\nReports: ${ex.expect.map((e) => `\`${e}\``).join('; ')}` : '';
  const file = ex.path ? ` (\`${ex.path}\`)` : '';
  return `*${kind}${title}*${file}${others}${options}\n\n${fence(ex.markdown, ex.path)}${expected}`;
}

function section(rule: Rule): string {
  const options = Object.keys(rule.defaultOptions).length > 0 ? `\n\nDefault options: \`${JSON.stringify(rule.defaultOptions)}\`` : '';
  return [
    `### \`${rule.id}\``,
    '',
    `${rule.description} Default: **${rule.defaultSeverity}**.${rule.docs ? `\n\n${rule.docs}` : ''}${options}`,
    ...rule.examples.ok.map((ex) => `\n${example('ok', ex)}`),
    ...rule.examples.notOk.map((ex) => `\n${example('not ok', ex)}`),
  ].join('\n');
}

export function rulesReference(): string {
  const table = [
    '| id | default | what it reports |',
    '| --- | --- | --- |',
    ...rules.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | ${rule.defaultSeverity} | ${rule.description} |`),
  ].join('\n');
  return `${start}\n${table}\n\n${rules.map(section).join('\n\n')}\n${end}`;
}

export function withReference(readme: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md has no ${start} … ${end} markers`);
  return readme.slice(0, from) + rulesReference() + readme.slice(to + end.length);
}

if (import.meta.main) {
  const path = join(import.meta.dirname, '..', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const next = withReference(readme);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('README.md rules reference is stale: run `npm run docs:rules`\n');
      process.exitCode = 1;
    }
  } else if (next !== readme) {
    writeFileSync(path, next);
  }
}
