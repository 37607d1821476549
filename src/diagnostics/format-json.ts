/**
 * The machine-readable formatter: exactly one JSON object on one line, keys in a fixed order, diagnostics
 * in the order given. `fix` stays internal (it is offsets into a decoded text, not a public contract).
 *
 * In: `{ files: 2, diagnostics: [{ rule: 'broken-link', severity: 'error', file: 'a.md', line: 3, … }] }`
 * Out: `{"version":1,"files":2,"diagnostics":[{"rule":"broken-link","severity":"error","file":"a.md","line":3,…}],"summary":{"errors":1,"warnings":0,"infos":0}}`
 * With a baseline each diagnostic ends with `"baseline":"unchanged"` or `"new"`, and the object with
 * `"baseline":{"file":"shipshape-baseline.json","unchanged":13230,"new":2,"fixed":41}`.
 */
import { summarize, type BaselineState, type BaselineSummary, type CheckResult, type Diagnostic, type Severity, type Summary } from './diagnostic.ts';

/** Bump when a field changes meaning or disappears; adding an optional field is not a break. */
export const jsonFormatVersion = 1;

export interface JsonDiagnostic {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  hint?: string;
  suggestions?: string[];
  /** With a baseline: `unchanged`, a known problem that fails nothing, or `new`. */
  baseline?: BaselineState;
}

export interface JsonOutput {
  version: typeof jsonFormatVersion;
  /** Number of files checked. */
  files: number;
  diagnostics: JsonDiagnostic[];
  /** Every diagnostic listed, known ones included. */
  summary: Summary;
  /** With a baseline: its file, how many diagnostics it knows and how many it does not, and how many known problems are fixed. */
  baseline?: BaselineSummary;
}

export function formatJson(result: CheckResult): string {
  const output: JsonOutput = {
    version: jsonFormatVersion,
    files: result.files,
    diagnostics: result.diagnostics.map(toJsonDiagnostic),
    summary: summarize(result.diagnostics),
    ...(result.baseline ? { baseline: { ...result.baseline } } : {}),
  };
  return JSON.stringify(output) + '\n';
}

// Built field by field, not by spreading the Diagnostic: that fixes the key order and drops `fix`.
function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = {
    rule: d.rule,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: d.message,
  };
  if (d.hint !== undefined) out.hint = d.hint;
  if (d.suggestions !== undefined && d.suggestions.length > 0) out.suggestions = [...d.suggestions];
  if (d.baseline !== undefined) out.baseline = d.baseline;
  return out;
}
