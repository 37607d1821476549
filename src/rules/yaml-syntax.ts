/**
 * `yaml-syntax`: frontmatter that is not valid YAML, has duplicate keys, expands too many aliases (an "alias
 * bomb"), is not a mapping, or never closes. The problems are found once, while parsing; this rule reports them.
 *
 * In: `---\ntitle: a\ntitle: b\n---` → 3:1 "Map keys must be unique"
 */
import { defineFileRule } from './rule.ts';

export const yamlSyntax = defineFileRule({
  id: 'yaml-syntax',
  description: 'Frontmatter must be valid YAML: a mapping with unique keys, closed by `---`.',
  defaultSeverity: 'error',
  defaultOptions: {},
  docs: 'Positions come from the YAML parser. Aliases are expanded at most 100 times, so a "billion laughs" document is reported instead of eating memory.',
  examples: {
    ok: [{ markdown: '---\ntitle: Rollback\ntags: [ops, rollback]\n---\n# Rollback\n' }],
    notOk: [
      { title: 'Duplicate key', markdown: '---\ntitle: Rollback\ntitle: Roll back\n---\n', expect: ['3:1 Map keys must be unique'] },
      { title: 'Unclosed flow sequence', markdown: '---\ntags: [ops, rollback\nowner: sre\n---\n', expect: ['3:'] },
      { title: 'No closing fence', markdown: '---\ntitle: Rollback\n\n# Rollback\n', expect: ['1:1 Unexpected end of file in frontmatter'] },
    ],
  },
  check(doc, context) {
    for (const problem of doc.frontmatterProblems) {
      context.report({
        message: problem.message,
        span: problem.span,
        ...(problem.kind === 'unclosed' ? { hint: 'add a line `---` after the last frontmatter key' } : {}),
        ...(problem.kind === 'duplicate-key' ? { hint: 'keep one of the keys; YAML mappings cannot repeat a key' } : {}),
      });
    }
  },
});
