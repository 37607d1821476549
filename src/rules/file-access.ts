/**
 * `file-access`: vault entries the scan could not use — unreadable files and folders, broken symlinks, and
 * symlinks pointing outside the vault (never followed, so a vault cannot make the checker read `/etc`).
 *
 * In: `notes/secrets.md -> /etc/shadow` → 1:1 "Symlink points outside the vault …; not followed"
 */
import { defineVaultRule } from './rule.ts';

const start = { line: 1, column: 1, offset: 0 };

export const fileAccess = defineVaultRule({
  id: 'file-access',
  description: 'Every file of the vault must be readable and inside the vault.',
  defaultSeverity: 'error',
  defaultOptions: {},
  examples: { ok: [{ markdown: '# Readable\n' }], notOk: [] },
  check(_index, _facts, context) {
    for (const problem of context.scanProblems) {
      context.report(problem.path, { message: problem.message, span: { start, end: start } });
    }
  },
});
