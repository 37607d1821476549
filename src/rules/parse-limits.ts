/**
 * `parse-limits`: content that no real document has and that would make parsing explode — container nesting
 * deeper than 50 levels, or a line longer than 20,000 characters. The body of such a file is not parsed (its
 * frontmatter still is), so nothing else is reported about it until it is fixed.
 *
 * In: `'>'.repeat(10_000) + ' x'` → 1:1 "Unexpected nesting of 10000 levels …"
 */
import { maxLineLength, maxNestingDepth } from '../markdown/parse-guard.ts';
import { defineFileRule } from './rule.ts';

export const parseLimits = defineFileRule({
  id: 'parse-limits',
  description: 'Nesting and line length within what real documents need.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: `Parsing Markdown is super-linear in container depth and in the length of a line of inline markup, so a file nested deeper than ${maxNestingDepth} quotes or list levels, or with a line over ${maxLineLength.toLocaleString('en')} characters (pasted data, a base64 image), is reported and its body is not parsed.`,
  examples: {
    ok: [{ markdown: '> quote\n>> nested\n' }],
    notOk: [
      { markdown: `${'>'.repeat(60)} deep\n`, expect: ['1:1 Unexpected nesting of 60 levels'] },
      { markdown: `# Data\n\n${'x'.repeat(maxLineLength + 1)}\n`, expect: [`3:1 Unexpected line of ${maxLineLength + 1} characters`] },
    ],
  },
  check(doc, context) {
    const problem = doc.unparsed;
    if (!problem) return;
    const { lines } = doc.source;
    const start = lines.starts[problem.line - 1] ?? 0;
    const span = lines.span(start, start + Math.min(lines.lineText(problem.line).length, 80));
    context.report(
      problem.reason === 'nesting'
        ? {
            message: `Unexpected nesting of ${problem.size} levels, expected at most ${maxNestingDepth}; the body of this file was not parsed`,
            span,
            hint: 'flatten the quotes or lists',
          }
        : {
            message: `Unexpected line of ${problem.size} characters, expected at most ${maxLineLength}; the body of this file was not parsed`,
            span,
            hint: 'wrap the line, or move generated data out of the doc',
          },
    );
  },
});
