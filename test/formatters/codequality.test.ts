import { describe, expect, test } from 'vitest';
import Ajv from 'ajv';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { formatCodequality, type CodequalityIssue } from '../../src/diagnostics/format-codequality.ts';
import { fingerprints } from '../../src/diagnostics/format-fingerprint.ts';
import { fixture, makeTemp, removeTemp, runCli, spawnTimeout, writeFiles } from '../cli/run-cli.ts';
import { brokenLink, clean, headingJump, missingSummary, sample } from './sample.ts';

/**
 * GitLab's documented report format (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format):
 * a JSON array of objects with `description`, `check_name`, `fingerprint`, `severity` (one of info, minor, major,
 * critical, blocker), `location.path` and `location.lines.begin` (or `location.positions.begin.line`), written out
 * here as a JSON Schema so the output is checked against the documentation, not against the formatter's own types.
 */
const gitlabSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path'],
        properties: {
          // Relative to the repository root: no leading slash, no ./, forward slashes.
          path: { type: 'string', pattern: '^(?!/|\\./)[^\\\\]+$' },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
          positions: {
            type: 'object',
            required: ['begin'],
            properties: {
              begin: { type: 'object', required: ['line'], properties: { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } } },
              end: { type: 'object', required: ['line'], properties: { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } } },
            },
          },
        },
        anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
      },
    },
  },
};
const ajv = new Ajv.default({ allErrors: true, strict: false });
const validate = ajv.compile(gitlabSchema);

const only = (...diagnostics: CheckResult['diagnostics']): CheckResult => ({ ...sample, diagnostics });
const parse = (result: CheckResult, pathPrefix = 'content/') => JSON.parse(formatCodequality(result, { pathPrefix })) as CodequalityIssue[];

describe('formatCodequality', () => {
  test.each<[name: string, result: CheckResult, pathPrefix: string]>([
    ['every severity', sample, 'content/'],
    ['no problems', clean, 'content/'],
    ['content dir is the repository root', sample, ''],
    ['nested content dir', sample, './docs/kb'],
  ])('%s: has every field GitLab documents', (_name, result, pathPrefix) => {
    const report: unknown = JSON.parse(formatCodequality(result, { pathPrefix }));
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
  });

  test('the schema rejects what GitLab would (the validator is not a no-op)', () => {
    const issue = parse(only(brokenLink))[0]!;
    expect(validate([{ ...issue, severity: 'error' }])).toBe(false);
    expect(validate([{ ...issue, fingerprint: undefined }])).toBe(false);
    expect(validate([{ ...issue, location: { path: '/abs/a.md', lines: { begin: 1 } } }])).toBe(false);
    expect(validate({})).toBe(false);
  });

  test('exact report for the sample', () => {
    const [a, b, c] = fingerprints(sample.diagnostics, 'content/');
    expect(parse(sample)).toStrictEqual([
      {
        description: 'Unresolved wikilink [[Alpah]] — Create the note or fix the link (did you mean Alpha, Alphabet?)',
        check_name: 'broken-link',
        fingerprint: a,
        severity: 'major',
        location: { path: 'content/notes/a.md', lines: { begin: 3, end: 3 }, positions: { begin: { line: 3, column: 5 }, end: { line: 3, column: 14 } } },
      },
      {
        description: 'Heading level jumps from 1 to 3',
        check_name: 'heading-increment',
        fingerprint: b,
        severity: 'minor',
        location: { path: 'content/notes/a.md', lines: { begin: 12, end: 12 }, positions: { begin: { line: 12, column: 1 }, end: { line: 12, column: 20 } } },
      },
      {
        description: 'Run has no summary',
        check_name: 'missing-summary',
        fingerprint: c,
        severity: 'info',
        // GitLab links the path itself, so it is not percent-encoded as SARIF's URI is.
        location: { path: 'content/runs/2024-05-01 run.md', lines: { begin: 1, end: 4 }, positions: { begin: { line: 1, column: 1 }, end: { line: 4, column: 4 } } },
      },
    ]);
  });

  test('no problems: an empty array, which GitLab accepts', () => {
    expect(formatCodequality(clean, { pathPrefix: 'content/' })).toBe('[]\n');
  });

  test.each([
    ['content/', 'notes/a.md', 'content/notes/a.md'],
    ['docs/kb', 'a.md', 'docs/kb/a.md'],
    ['./content/', 'a.md', 'content/a.md'],
    ['', 'a b.md', 'a b.md'],
  ])('prefix %j + file %j → path %j', (pathPrefix, file, path) => {
    expect(parse(only({ ...headingJump, file }), pathPrefix)[0]!.location.path).toBe(path);
  });

  test('fingerprints: unique in a report, unchanged when lines are added above every problem', () => {
    const twice = only(brokenLink, headingJump, missingSummary, { ...brokenLink, line: 20, endLine: 20 });
    const before = parse(twice).map((i) => i.fingerprint);
    expect(new Set(before).size).toBe(before.length);
    const shifted = { ...twice, diagnostics: twice.diagnostics.map((d) => ({ ...d, line: d.line + 5, endLine: d.endLine + 5 })) };
    expect(parse(shifted).map((i) => i.fingerprint)).toEqual(before);
  });
});

test(
  'shipshape check --format codequality: paths relative to the working directory (the repository root in CI), exit code as ever',
  async () => {
    const run = await runCli(['check', '--content', fixture('broken-links'), '--format', 'codequality', '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    const report: unknown = JSON.parse(run.stdout);
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true);
    const issues = report as CodequalityIssue[];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.location.path).toMatch(/^test\/fixtures\/broken-links\//);
    expect(issues.map((i) => i.check_name)).toContain('broken-link');
  },
  spawnTimeout,
);

test(
  'through the CLI, a fingerprint survives lines added above the problem and changes with the offending text',
  async () => {
    const dir = makeTemp();
    try {
      const page = (above: string, link: string) => `---\ntitle: Home\n---\n\n# Home\n${above}\nSee ${link} and [[rollbak]].\n`;
      const report = async (text: string) => {
        writeFiles(dir, { 'content/index.md': text, 'content/rollback.md': '---\ntitle: Rollback\n---\n\n# Rollback\n' });
        const run = await runCli(['check', '--format', 'codequality', '--no-cache'], { cwd: dir });
        return (JSON.parse(run.stdout) as CodequalityIssue[]).map((i) => [i.location.lines.begin, i.fingerprint] as const);
      };
      const before = await report(page('', '[[nope]]'));
      const after = await report(page('\nA new paragraph.\n\nAnother.\n', '[[nope]]'));
      expect(after.map(([line]) => line)).toEqual(before.map(([line]) => line + 4));
      expect(after.map(([, print]) => print)).toEqual(before.map(([, print]) => print));
      const edited = await report(page('', '[[nope2]]'));
      expect(edited[0]![1]).not.toBe(before[0]![1]);
      expect(edited[1]![1]).toBe(before[1]![1]);
    } finally {
      removeTemp(dir);
    }
  },
  spawnTimeout * 3,
);
