/**
 * The one currency of the checker: a Diagnostic is plain, serialisable data.
 * Rules produce `Report`s (no severity, no file); the engine turns them into
 * `Diagnostic`s once it knows the file and the configured severity.
 *
 * In: `{ rule: 'broken-link', span: {start: {line: 3, column: 5}, …}, message: 'Unresolved wikilink [[x]]' }`
 * Out: `{ rule: 'broken-link', severity: 'error', file: 'a.md', line: 3, column: 5, … }`
 */

export type Severity = 'error' | 'warning' | 'info';

/** How a user configures a rule: `off` silences it, `warn` → warning, `error` → error. */
export type SeveritySetting = 'off' | 'warn' | 'error' | 'info';

/** A place in a file: 1-based line and column (UTF-16 code units, as editors count), 0-based offset into the text. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/**
 * The point at `offset` in `text`, lines broken at \n, \r\n and a lone \r as the checker's line index breaks them:
 * for a file read whole and placed once (a baseline, `.obsidian/types.json`), where an index would cost more.
 */
export function pointAt(text: string, offset: number): Point {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines.at(-1)!.length + 1, offset };
}

export interface Span {
  start: Point;
  end: Point;
}

/** One text replacement, by offsets into the file's decoded text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edit groups that can be applied together, as `--fix` and the editor's "fix all" apply them: in order of their
 * first edit, a group overlapping one already taken is left out (the first wins a conflict).
 */
export function compatibleEdits<K>(groups: Iterable<readonly [K, readonly Edit[]]>): Array<readonly [K, readonly Edit[]]> {
  const ordered = [...groups].sort((a, b) => Math.min(...a[1].map((e) => e.start)) - Math.min(...b[1].map((e) => e.start)));
  const taken: Array<readonly [K, readonly Edit[]]> = [];
  for (const group of ordered) {
    if (!group[1].some((e) => taken.some(([, edits]) => edits.some((t) => e.start < t.end && t.start < e.end)))) taken.push(group);
  }
  return taken;
}

/** A fix the tool may apply with `--fix`: only ever safe, mechanical edits. */
export interface Fix {
  description: string;
  edits: Edit[];
  /**
   * Why the fix is certain, where it is a judgement the user may want to review (link repair): `--fix-dry-run`
   * shows it per fix and `--fix` counts by `kind` (`renamed`, in `commit`).
   */
  reason?: { kind: string; commit?: string };
}

/** Which of a YAML or JSON node a problem belongs on: the mapping key that holds the value, or the value. */
export type NodePart = 'key' | 'value';

/** What is wrong, placed at a span of a file's text: what the readers' problems are, and what a rule reports. */
export interface SpanProblem {
  message: string;
  span: Span;
  /** Close matches for a mistyped name (`suggest.ts`). */
  suggestions?: string[];
}

/**
 * What is wrong in a block's data, placed by a JSON pointer (`''`: the whole data) because the reader sees data, not
 * text; the block that holds the text places it: `placeProblem`.
 */
export interface PointerProblem {
  message: string;
  pointer: string;
  part: NodePart;
  suggestions?: string[];
}

/** A pointer problem at the span `place` finds for its pointer. */
export function placeProblem({ message, pointer, part, suggestions }: PointerProblem, place: (pointer: string, part: NodePart) => Span): SpanProblem {
  return { message, span: place(pointer, part), ...(suggestions ? { suggestions } : {}) };
}

/** What a rule says about a place; the engine adds file and severity. */
export interface Report extends SpanProblem {
  hint?: string;
  fix?: Fix;
  /**
   * For a rule whose findings differ in weight: this report at most at this level (`warn` under an `error` rule).
   * The level comes from the rule's options, so the user still decides; never raises the configured severity.
   */
  cap?: Exclude<SeveritySetting, 'off'>;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  /** Relative to the content dir, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  hint?: string;
  suggestions?: string[];
  fix?: Fix;
  /** Set when the check ran with a baseline (src/baseline): a known problem, or one the baseline does not have. */
  baseline?: BaselineState;
}

/** SARIF's `baselineState` names: `unchanged` is in the baseline (known, not a failure), `new` is not. */
export type BaselineState = 'new' | 'unchanged';

export function toSeverity(setting: SeveritySetting): Severity | undefined {
  switch (setting) {
    case 'off':
      return undefined;
    case 'warn':
      return 'warning';
    default:
      return setting;
  }
}

export function toDiagnostic(rule: string, severity: Severity, file: string, report: Report): Diagnostic {
  const { span, message, hint, suggestions, fix, cap } = report;
  const capped = cap === undefined ? severity : toSeverity(cap)!;
  return {
    rule,
    severity: severityOrder[capped] > severityOrder[severity] ? capped : severity,
    file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(suggestions === undefined || suggestions.length === 0 ? {} : { suggestions }),
    ...(fix === undefined ? {} : { fix }),
  };
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Diagnostics grouped by file, each file's in the order given. */
export function byFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const files = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = files.get(d.file);
    if (list) list.push(d);
    else files.set(d.file, [d]);
  }
  return files;
}

/** Stable order: file, then position, then rule id. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

/** What a formatter receives: the whole result of one check run. */
export interface CheckResult {
  /** Number of files checked. */
  files: number;
  diagnostics: Diagnostic[];
  /** Absolute path of the content dir, for formatters that need absolute or repo-relative URIs. */
  contentDir: string;
  /** The baseline the diagnostics were matched against, when there was one; each diagnostic then has its `baseline`. */
  baseline?: BaselineSummary;
}

/** What a baseline made of one run: the formatters' summary lines. */
export interface BaselineSummary {
  /** The baseline file as the user names it (relative to the working directory). */
  file: string;
  /** Diagnostics the baseline knows. */
  unchanged: number;
  /** Diagnostics it does not. */
  new: number;
  /** Known problems of the files checked that are gone: `--baseline-prune` drops them. */
  fixed: number;
}

/** The problems to act on: every diagnostic, or with a baseline only the new ones. */
export function newProblems(result: Pick<CheckResult, 'diagnostics'>): Diagnostic[] {
  return result.diagnostics.filter((d) => d.baseline !== 'unchanged');
}
