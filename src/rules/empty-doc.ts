/**
 * `empty-doc`: a Markdown file with no content at all (or only white space), usually a note created by a
 * click on an unresolved link and never written.
 *
 * In: `` → 1:1 "Unexpected empty document"
 */
import { defineFileRule } from './rule.ts';

export const emptyDoc = defineFileRule({
  id: 'empty-doc',
  description: 'A doc must have content.',
  defaultSeverity: 'warn',
  defaultOptions: {},
  examples: {
    ok: [{ markdown: '# Rollback\n' }],
    notOk: [{ markdown: '\n\n', expect: ['1:1 Unexpected empty document'] }],
  },
  check(doc, context) {
    if (doc.source.text.trim() !== '' || doc.source.bytes.length > doc.source.text.length * 4) return;
    context.report({
      message: 'Unexpected empty document, expected content',
      span: doc.source.lines.span(0, 0),
      hint: 'write the doc, or delete the file',
    });
  },
});
