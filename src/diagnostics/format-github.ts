/**
 * GitHub Actions workflow commands: one annotation per diagnostic, shown on the pull request's diff.
 * Escaping follows `@actions/core` (`toolkit/packages/core/src/command.ts`): `%`, CR and LF in the
 * message, and also `:` and `,` in property values, which would otherwise end the value.
 *
 * In: `{ file: 'a.md', line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'error', rule: 'broken-link', message: 'Unresolved wikilink [[x]]', hint: 'Create the note' }`, `{ pathPrefix: 'content/' }`
 * Out: `::error file=content/a.md,line=3,col=5,endLine=3,endColumn=9,title=broken-link::Unresolved wikilink [[x]] — Create the note`
 * With a baseline, known problems get no annotation; one notice counts them:
 * `::notice title=shipshape baseline::13,230 known problems (baseline), 2 new; 41 baseline entries are fixed — run --baseline-prune`
 */
import { describeBaseline, describeDiagnostic } from './describe.ts';
import { newProblems, type CheckResult, type Severity } from './diagnostic.ts';

export interface GithubOptions {
  /** The content dir relative to the repository root (the working directory in Actions), e.g. `content/`; `''` when they are the same. */
  pathPrefix: string;
}

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(result: CheckResult, options: GithubOptions): string {
  let out = '';
  // Known problems are no news on a pull request: only new ones are annotated, the baseline's counts in one notice.
  for (const d of newProblems(result)) {
    const properties = [
      `file=${escapeProperty(withPrefix(options.pathPrefix, d.file))}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.rule)}`,
    ].join(',');
    const message = describeDiagnostic(d);
    out += `::${command[d.severity]} ${properties}::${escapeData(message)}\n`;
  }
  if (result.baseline) {
    const { known, fixed } = describeBaseline(result.baseline);
    out += `::notice title=${escapeProperty('shipshape baseline')}::${escapeData(fixed ? `${known}; ${fixed}` : known)}\n`;
  }
  return out;
}

export function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** `content` and `content/` both work; `''` and `.` mean the content dir is the repository root. */
function withPrefix(prefix: string, file: string): string {
  const p = prefix.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  if (p === '' || p === '.') return file;
  return p.endsWith('/') ? p + file : `${p}/${file}`;
}
