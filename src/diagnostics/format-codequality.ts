/**
 * GitLab's Code Quality report: the subset of the Code Climate issue format that GitLab documents
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format), one JSON array, one issue per
 * diagnostic. GitLab shows the report in merge requests by comparing `fingerprint`s between the source and target
 * branches, so they come from format-fingerprint.ts and survive edits above the problem. Paths are relative to the
 * repository root (`pathPrefix`: the content dir relative to it), as GitLab expects. Baselined problems are listed
 * too: GitLab compares the report with the target branch's itself, and its full report should show every problem.
 *
 * In: `{ rule: 'broken-link', severity: 'error', file: 'a.md', line: 3, column: 5, endLine: 3, endColumn: 9, message: 'Unresolved wikilink [[x]]' }`, `{ pathPrefix: 'content/' }`
 * Out: `[{ "description": "Unresolved wikilink [[x]]", "check_name": "broken-link", "fingerprint": "…", "severity": "major", "location": { "path": "content/a.md", "lines": { "begin": 3, "end": 3 }, "positions": { "begin": { "line": 3, "column": 5 }, "end": { "line": 3, "column": 9 } } } }]`
 */
import { describeDiagnostic } from './describe.ts';
import type { CheckResult, Severity } from './diagnostic.ts';
import { fingerprints, repositoryPath, type ReadSource } from './format-fingerprint.ts';

export interface CodequalityOptions {
  /** The content dir relative to the repository root (the job's working directory in GitLab CI), e.g. `content/`; `''` when they are the same. */
  pathPrefix: string;
  /** Reads a checked file, so fingerprints include the offending text; without it they hash the message alone. */
  readSource?: ReadSource;
}

/** Code Climate's severities, of which GitLab shows these five. */
export type CodequalitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodequalityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodequalitySeverity;
  location: {
    path: string;
    lines: { begin: number; end: number };
    positions: { begin: { line: number; column: number }; end: { line: number; column: number } };
  };
}

// An error fails `shipshape check`, which GitLab calls major; critical and blocker are left to security tools.
const severity: Record<Severity, CodequalitySeverity> = { error: 'major', warning: 'minor', info: 'info' };

export function formatCodequality(result: CheckResult, options: CodequalityOptions): string {
  const prints = fingerprints(result.diagnostics, options.pathPrefix, options.readSource);
  const issues: CodequalityIssue[] = result.diagnostics.map((d, i) => ({
    description: describeDiagnostic(d),
    check_name: d.rule,
    fingerprint: prints[i]!,
    severity: severity[d.severity],
    location: {
      path: repositoryPath(options.pathPrefix, d.file),
      lines: { begin: d.line, end: d.endLine },
      positions: { begin: { line: d.line, column: d.column }, end: { line: d.endLine, column: d.endColumn } },
    },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
