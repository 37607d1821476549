import { describe, expect, test } from 'vitest';
import type { Log } from 'sarif';
// The genuine schema, shipped by Microsoft's SARIF SDK (@microsoft/jest-sarif): SARIF 2.1.0-rtm.5, the
// version `@types/sarif` is generated from. It is written in JSON Schema draft-04, hence `ajv-draft-04`.
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json' with { type: 'json' };
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { CheckResult } from '../../src/diagnostics/diagnostic.ts';
import { fingerprints } from '../../src/diagnostics/format-fingerprint.ts';
import { fingerprintKey, formatSarif, type SarifOptions, type SarifRule } from '../../src/diagnostics/format-sarif.ts';
import { clean, headingJump, sample } from './sample.ts';

// Both packages are CommonJS: under NodeNext the default import is `module.exports`, whose `.default` is the export.
// `unicodeRegExp: false`: the schema's `language` pattern has a stray `]`
// (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), legal without the `u` flag, a SyntaxError with it.
const ajv = new AjvDraft04.default({ allErrors: true, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(sarifSchema);

const rules: SarifRule[] = [
  {
    id: 'broken-link',
    description: 'Links resolve to a note, heading or block.',
    defaultSeverity: 'error',
    fullDescription: 'Every wikilink and Markdown link must resolve, as Obsidian resolves it.',
    helpUri: 'https://example.org/rules/broken-link',
  },
  { id: 'heading-increment', description: 'Headings go down one level at a time.', defaultSeverity: 'warn' },
  { id: 'missing-summary', description: 'A run has a summary.', defaultSeverity: 'info' },
  { id: 'todo', description: 'No TODO left.', defaultSeverity: 'off' },
];

const options: SarifOptions = { version: '0.1.0', rules, pathPrefix: 'content/' };

const cases: Array<[name: string, result: CheckResult, options: SarifOptions]> = [
  ['every severity', sample, options],
  ['no problems', clean, options],
  ['a rule missing from the registry', { ...sample, diagnostics: [{ ...sample.diagnostics[0]!, rule: 'config-error' }] }, options],
  ['no prefix, an information URI', sample, { ...options, pathPrefix: '', informationUri: 'https://example.org/shipshape' }],
  ['rules documented at a docs URI', sample, { ...options, docsUri: 'https://github.com/acme/shipshape' }],
];

describe('formatSarif', () => {
  test.each(cases)('%s: valid against the SARIF 2.1.0 schema', (_name, result, opts) => {
    const log: unknown = JSON.parse(formatSarif(result, opts));
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
  });

  test('the schema rejects what it should (the validator is not a no-op)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  test('exact log for the sample', () => {
    const log = JSON.parse(formatSarif(sample, options)) as Log;
    const location = (uri: string, startLine: number, startColumn: number, endLine: number, endColumn: number) => [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: { startLine, startColumn, endLine, endColumn },
        },
      },
    ];
    const [a, b, c] = fingerprints(sample.diagnostics, 'content/');
    expect(log).toStrictEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'shipshape',
              version: '0.1.0',
              rules: [
                {
                  id: 'broken-link',
                  shortDescription: { text: 'Links resolve to a note, heading or block.' },
                  fullDescription: { text: 'Every wikilink and Markdown link must resolve, as Obsidian resolves it.' },
                  helpUri: 'https://example.org/rules/broken-link',
                  defaultConfiguration: { level: 'error' },
                },
                {
                  id: 'heading-increment',
                  shortDescription: { text: 'Headings go down one level at a time.' },
                  defaultConfiguration: { level: 'warning' },
                },
                {
                  id: 'missing-summary',
                  shortDescription: { text: 'A run has a summary.' },
                  defaultConfiguration: { level: 'note' },
                },
                {
                  id: 'todo',
                  shortDescription: { text: 'No TODO left.' },
                  defaultConfiguration: { enabled: false, level: 'none' },
                },
              ],
            },
          },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'broken-link',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'Unresolved wikilink [[Alpah]] — Create the note or fix the link (did you mean Alpha, Alphabet?)' },
              partialFingerprints: { 'shipshapeFingerprint/v1': a },
              locations: location('content/notes/a.md', 3, 5, 3, 14),
            },
            {
              ruleId: 'heading-increment',
              ruleIndex: 1,
              level: 'warning',
              message: { text: 'Heading level jumps from 1 to 3' },
              partialFingerprints: { 'shipshapeFingerprint/v1': b },
              locations: location('content/notes/a.md', 12, 1, 12, 20),
            },
            {
              ruleId: 'missing-summary',
              ruleIndex: 2,
              level: 'note',
              message: { text: 'Run has no summary' },
              partialFingerprints: { 'shipshapeFingerprint/v1': c },
              locations: location('content/runs/2024-05-01%20run.md', 1, 1, 4, 4),
            },
          ],
        },
      ],
    });
  });

  test('a rule missing from the registry gets a descriptor, so ruleIndex stays valid', () => {
    const result = { ...sample, diagnostics: [{ ...sample.diagnostics[1]!, rule: 'config-error' }, sample.diagnostics[1]!] };
    const run = (JSON.parse(formatSarif(result, options)) as Log).runs[0]!;
    expect(run.tool.driver.rules?.map((r) => r.id)).toEqual([...rules.map((r) => r.id), 'config-error']);
    expect(run.results?.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ['config-error', 4],
      ['heading-increment', 1],
    ]);
  });

  test.each([
    ['content/', 'a b/c#d?.md', 'content/a%20b/c%23d%3F.md'],
    ['docs/content', 'a.md', 'docs/content/a.md'],
    ['./content/', 'a.md', 'content/a.md'],
    ['', 'é.md', '%C3%A9.md'],
  ])('prefix %j + file %j → uri %j', (pathPrefix, file, uri) => {
    const result = { ...sample, diagnostics: [{ ...sample.diagnostics[1]!, file }] };
    const run = (JSON.parse(formatSarif(result, { ...options, pathPrefix })) as Log).runs[0]!;
    expect(run.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(uri);
  });

  test('every result has a 64-hex fingerprint that survives moving the problem down the file', () => {
    const before = (JSON.parse(formatSarif(sample, options)) as Log).runs[0]!.results!;
    const moved = { ...sample, diagnostics: sample.diagnostics.map((d) => ({ ...d, line: d.line + 7, endLine: d.endLine + 7 })) };
    const after = (JSON.parse(formatSarif(moved, options)) as Log).runs[0]!.results!;
    for (const r of before) expect(r.partialFingerprints?.[fingerprintKey]).toMatch(/^[0-9a-f]{64}$/);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    expect(new Set(before.map((r) => r.partialFingerprints?.[fingerprintKey])).size).toBe(before.length);
  });

  test.each([
    ['a rule of its own keeps its helpUri', 'broken-link', 'https://github.com/acme/shipshape', 'https://example.org/rules/broken-link'],
    ['else the README anchor on the docs URI', 'heading-increment', 'https://github.com/acme/shipshape', 'https://github.com/acme/shipshape#heading-increment'],
    ['a fragment on the docs URI is replaced', 'todo', 'https://github.com/acme/shipshape#readme', 'https://github.com/acme/shipshape#todo'],
    ['no docs URI: no helpUri', 'todo', undefined, undefined],
  ])('%s', (_name, id, docsUri, helpUri) => {
    const opts = docsUri === undefined ? options : { ...options, docsUri };
    const run = (JSON.parse(formatSarif({ ...clean, diagnostics: [headingJump] }, opts)) as Log).runs[0]!;
    expect(run.tool.driver.rules?.find((r) => r.id === id)?.helpUri).toBe(helpUri);
  });
});
