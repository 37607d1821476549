/**
 * `parse-limits`: content beyond what any real document needs and that would make parsing explode — container
 * nesting deeper than 50 levels (the body is then not parsed), or a single line longer than `maxLineLength`.
 *
 * In: `'>'.repeat(10_000) + ' x'` → 1:1 "Unexpected nesting of 10000 levels …"
 */
import { defineFileRule } from './rule.ts';

interface Options {
  /** Longest line, in characters, before it is reported. */
  maxLineLength: number;
}

export const parseLimits = defineFileRule<Options>({
  id: 'parse-limits',
  description: 'Nesting and line length within what real documents need.',
  defaultSeverity: 'error',
  defaultOptions: { maxLineLength: 100_000 },
  docs: 'A file nested deeper than 50 quotes or list levels is reported and its body is not parsed (its frontmatter still is): parsing such input is super-linear. Very long lines are reported as a warning-worthy smell (generated or pasted data).',
  examples: {
    ok: [{ markdown: '> quote\n>> nested\n' }],
    notOk: [{ markdown: `${'>'.repeat(60)} deep\n`, expect: ['1:1 Unexpected nesting of 60 levels'] }],
  },
  check(doc, context) {
    const { lines, text } = doc.source;
    if (doc.unparsed) {
      const start = lines.starts[doc.unparsed.line - 1] ?? 0;
      context.report({
        message: `Unexpected nesting of ${doc.unparsed.depth} levels, expected at most 50; the body of this file was not parsed`,
        span: lines.span(start, start + Math.min(lines.lineText(doc.unparsed.line).length, 80)),
        hint: 'flatten the quotes or lists',
      });
    }
    const max = context.options.maxLineLength;
    if (text.length <= max) return;
    for (let line = 1; line <= lines.starts.length; line++) {
      const start = lines.starts[line - 1]!;
      const end = lines.starts[line] ?? text.length;
      if (end - start <= max) continue;
      context.report({
        message: `Unexpected line of ${end - start} characters, expected at most ${max}`,
        span: lines.span(start, start + 1),
        hint: 'wrap the line, or move generated data out of the doc',
      });
    }
  },
});
