/**
 * The human formatter, after ESLint's `stylish`: one block per file, one aligned row per diagnostic,
 * hints and "did you mean" suggestions under the message, one summary line at the end.
 *
 * In: `{ files: 120, diagnostics: [{ file: 'a.md', line: 3, column: 5, severity: 'error', rule: 'broken-link', message: 'Unresolved wikilink [[x]]', hint: 'Create the note', … }] }`
 * Out:
 * ```text
 * a.md
 *   3:5  error  Unresolved wikilink [[x]]  broken-link
 *               ↳ Create the note
 *
 * ✖ 1 error in 1 file (120 files checked)
 * ```
 * With a baseline, its known problems are not listed; two lines say how many there are and how many are fixed:
 * ```text
 * ✖ 1 error in 1 file (120 files checked)
 * 13,230 known problems (baseline), 1 new
 * 41 baseline entries are fixed — run --baseline-prune
 * ```
 */
import { styleText } from 'node:util';
import { describeBaseline } from './describe.ts';
import { newProblems, summarize, type CheckResult, type Diagnostic, type Severity } from './diagnostic.ts';

export interface StylishOptions {
  /** Emit ANSI colours and styles; when false the output contains no escape sequence. */
  color: boolean;
  /** Prepended to each file header (the content dir relative to the working directory), so terminals can open it. */
  pathPrefix?: string;
}

type Style = Parameters<typeof styleText>[0];

const severityStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

export function formatStylish(result: CheckResult, options: StylishOptions): string {
  // `validateStream: false`: the caller decides about colour (TTY, NO_COLOR, --color); a formatter stays pure.
  const paint = (style: Style, text: string): string =>
    options.color ? styleText(style, text, { validateStream: false }) : text;

  const shown = newProblems(result);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of shown) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }

  const out: string[] = [];
  for (const [file, diagnostics] of byFile) {
    if (out.length > 0) out.push('');
    out.push(paint('underline', `${options.pathPrefix ?? ''}${file}`));
    const rows = diagnostics.map((d) => ({
      d,
      position: `${d.line}:${d.column}`,
      // A message is one row of the table; a stray line break would break the columns.
      message: oneLine(d.message),
    }));
    const positionWidth = Math.max(...rows.map((r) => r.position.length));
    const severityWidth = Math.max(...rows.map((r) => r.d.severity.length));
    const messageWidth = Math.max(...rows.map((r) => r.message.length));
    const indent = ' '.repeat(2 + positionWidth + 2 + severityWidth + 2);
    for (const { d, position, message } of rows) {
      out.push(
        '  ' +
          paint('dim', position.padEnd(positionWidth)) +
          '  ' +
          paint(severityStyle[d.severity], d.severity.padEnd(severityWidth)) +
          '  ' +
          message.padEnd(messageWidth) +
          '  ' +
          paint('dim', d.rule),
      );
      if (d.hint !== undefined) out.push(indent + paint('dim', '↳ ') + oneLine(d.hint));
      if (d.suggestions !== undefined && d.suggestions.length > 0) {
        out.push(indent + paint('dim', '↳ ') + 'did you mean ' + d.suggestions.map(oneLine).join(', ') + '?');
      }
    }
  }

  if (out.length > 0) out.push('');
  out.push(summaryLine(result.files, shown, byFile.size, result.baseline !== undefined, paint));
  if (result.baseline) {
    const { known, fixed } = describeBaseline(result.baseline);
    out.push(known, ...(fixed ? [paint('green', fixed)] : []));
  }
  return out.join('\n') + '\n';
}

function summaryLine(
  files: number,
  shown: readonly Diagnostic[],
  filesWithProblems: number,
  withBaseline: boolean,
  paint: (style: Style, text: string) => string,
): string {
  const checked = `${plural(files, 'file')} checked`;
  const { errors, warnings, infos } = summarize(shown);
  if (errors + warnings + infos === 0) return paint('green', '✔') + ` ${checked}, no ${withBaseline ? 'new ' : ''}problems`;
  const counts = [
    errors > 0 ? plural(errors, 'error') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
    infos > 0 ? plural(infos, 'info') : '',
  ].filter((s) => s !== '');
  const style: Style = errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'blue';
  const mark = errors + warnings > 0 ? '✖' : 'ℹ';
  return paint([style, 'bold'], `${mark} ${counts.join(', ')} in ${plural(filesWithProblems, 'file')}`) + ` (${checked})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
