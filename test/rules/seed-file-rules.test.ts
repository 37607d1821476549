/**
 * Pins what the content rules say about a copy of the seed doc (`test/fixtures/seed/deployment-strategy.md`), a
 * real page with the typical defects: Templater dates never executed, a diagram closed with ```` ```text ````
 * that swallows the next section, and the template's example change-log row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/diagnostics/diagnostic.ts';
import { codeFence } from '../../src/rules/code-fence.ts';
import { mermaidSyntax } from '../../src/rules/mermaid-syntax.ts';
import { placeholderText } from '../../src/rules/placeholder-text.ts';
import type { FileRule } from '../../src/rules/rule.ts';
import { templaterPlaceholder } from '../../src/rules/templater-placeholder.ts';
import { runFileRule } from '../helpers/run-rule.ts';

const seed = readFileSync(new URL('../fixtures/seed/deployment-strategy.md', import.meta.url), 'utf8');
const rules: Array<FileRule<object>> = [codeFence, mermaidSyntax, placeholderText, templaterPlaceholder];

async function positions(text: string): Promise<string[]> {
  const found: Array<[number, number, string]> = [];
  for (const rule of rules) {
    for (const { span } of await runFileRule(rule, text)) found.push([span.start.line, span.start.column, rule.id]);
  }
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2])).map(([line, column, id]) => `${line}:${column} ${id}`);
}

const applyFixes = (text: string, reports: readonly Report[]): string =>
  reports
    .flatMap((r) => r.fix?.edits ?? [])
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('file rules on the seed doc', () => {
  it('report the known defects, each once', async () => {
    expect(await positions(seed)).toEqual([
      '3:10 templater-placeholder', // created: <% tp.date.now("YYYY-MM-DD") %>
      '4:10 templater-placeholder', // updated: <% tp.date.now("YYYY-MM-DD") %>
      '22:1 code-fence', // ```text closes nothing: the diagram runs on to the list item's ``` on line 38
      '24:5 mermaid-syntax', // `### Strategy Architecture`, swallowed into the diagram
      '259:3 placeholder-text', // | YYYY-MM-DD | Initial deployment strategy documentation | Name |
      '259:60 placeholder-text',
      '263:16 templater-placeholder', // *Last updated: <% tp.date.now("YYYY-MM-DD") %>*
    ]);
  });

  it('the code-fence fix closes the diagram, which then parses', async () => {
    const fixed = applyFixes(seed, await runFileRule(codeFence, seed));
    expect(fixed.split('\n')[21]).toBe('```');
    expect(await runFileRule(codeFence, fixed)).toEqual([]);
    expect(await runFileRule(mermaidSyntax, fixed)).toEqual([]);
  });
});
