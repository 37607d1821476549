/**
 * Writes the rules reference into docs/rules.md, between `<!-- rules:start -->` and `<!-- rules:end -->`, from the
 * rules' own metadata and examples (the same examples the tests run). `--check` exits 1 when docs/rules.md is stale.
 *
 * In: `node scripts/rules-reference.ts` → docs/rules.md's rule table and per-rule sections regenerated
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

/**
 * An example as an HTML `<pre>` block with every character that Markdown, Obsidian or a raw-text rule could read
 * escaped as an entity: docs/rules.md is itself a page of the docs vault, and its examples of broken things (an
 * unexecuted `<% %>`, mojibake, 60 levels of `>`) must read as they are on GitHub and the site without `check`
 * reporting them there. A fenced block is not enough: the Templater, encoding and nesting rules read code too.
 */
function fence(markdown: string, path?: string): string {
  const lines = markdown.replace(/\n$/, '').split('\n');
  const escaped = lines
    .map((line) => (line.length > longLine ? `${line.slice(0, 40)}…` : line))
    .map((line) => [...line].map((char) => (/[\w ,.:;=+-]/.test(char) && char.charCodeAt(0) < 0x80 ? char : entity(char))).join(''))
    .join('\n');
  const shortened = lines.flatMap((line, i) => (line.length > longLine ? [`line ${i + 1} holds ${line.length.toLocaleString('en')} characters`] : []));
  const note = shortened.length > 0 ? `\n\nShortened: ${shortened.join('; ')}.` : '';
  return `<pre><code class="language-${language(path)}">${escaped}</code></pre>${note}`;
}

/** What a raw-text rule reads even in code: a Templater command, a `%%` comment mark, non-ASCII text (mojibake). */
const rawRisk = /<%|%%|[^\x00-\x7F]/;

/**
 * Inline code: a code span, or, when it holds what a raw-text rule reads, an HTML `<code>` whose characters other
 * than lower-case letters, digits and plain punctuation are entities (inline HTML's text is Markdown text, read for
 * links, tags and placeholder words).
 */
function code(text: string): string {
  if (rawRisk.test(text)) {
    return `<code>${[...text].map((c) => (/[a-z0-9 ,.:;=+-]/.test(c) ? c : entity(c))).join('')}</code>`;
  }
  const ticks = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Prose with code spans: those holding what a raw-text rule reads become HTML `<code>`. */
function inline(text: string): string {
  return text.replace(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (span, _ticks: string, content: string) =>
    rawRisk.test(content) ? code(/^ .* $/s.test(content) ? content.slice(1, -1) : content) : span,
  );
}

function entity(char: string): string {
  return `&#x${char.codePointAt(0)!.toString(16).toUpperCase()};`;
}

/** A line longer than the parse limit cannot be shown in a page that must parse: shown shortened, with its length. */
const longLine = 1000;

function example(kind: 'ok' | 'not ok', ex: RuleExample): string {
  const title = ex.title ? `: ${inline(ex.title).replace(/%%|<%/g, (c) => [...c].map(entity).join(''))}` : '';
  const others = ex.files ? `\n\nWith ${Object.keys(ex.files).map((f) => `\`${f}\``).join(', ')} in the vault.` : '';
  const options = ex.options ? `\n\nOptions: \`${JSON.stringify(ex.options)}\`` : '';
  const expected = ex.expect?.length ? `\n\nReports: ${ex.expect.map(code).join('; ')}` : '';
  const file = ex.path ? ` (\`${ex.path}\`)` : '';
  return `*${kind}${title}*${file}${others}${options}\n\n${fence(ex.markdown, ex.path)}${expected}`;
}

function section(rule: Rule): string {
  const options = Object.keys(rule.defaultOptions).length > 0 ? `\n\nDefault options: \`${JSON.stringify(rule.defaultOptions)}\`` : '';
  return [
    `### \`${rule.id}\``,
    '',
    `${inline(rule.description)} Default: **${rule.defaultSeverity}**.${rule.docs ? `\n\n${inline(rule.docs)}` : ''}${options}`,
    ...rule.examples.ok.map((ex) => `\n${example('ok', ex)}`),
    ...rule.examples.notOk.map((ex) => `\n${example('not ok', ex)}`),
  ].join('\n');
}

export function rulesReference(): string {
  const table = [
    '| id | default | what it reports |',
    '| --- | --- | --- |',
    ...rules.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | ${rule.defaultSeverity} | ${inline(rule.description)} |`),
  ].join('\n');
  return `${start}\n${table}\n\n${rules.map(section).join('\n\n')}\n${end}`;
}

/** Where the reference lives: a page of the docs/ vault. */
export const referencePath = join(import.meta.dirname, '..', 'docs', 'rules.md');

export function withReference(readme: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/rules.md has no ${start} … ${end} markers`);
  return readme.slice(0, from) + rulesReference() + readme.slice(to + end.length);
}

if (import.meta.main) {
  const path = referencePath;
  const readme = readFileSync(path, 'utf8');
  const next = withReference(readme);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('docs/rules.md is stale: run `npm run docs:rules`\n');
      process.exitCode = 1;
    }
  } else if (next !== readme) {
    writeFileSync(path, next);
  }
}
