/**
 * SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers): one run whose
 * driver lists every rule (each with a `helpUri`: its own, else `docsUri#<rule-id>`), one result per diagnostic with
 * `partialFingerprints` that survive edits above the problem (format-fingerprint.ts), so code scanning tracks an alert
 * across commits. With a baseline, each result has `baselineState` `unchanged` (known) or `new`; fixed known problems
 * are counted by the stylish and JSON formats, not listed as `absent` results. Types come from `@types/sarif`.
 *
 * In: `{ rule: 'broken-link', severity: 'error', file: 'a b.md', line: 3, column: 5, endLine: 3, endColumn: 9, message: 'Unresolved wikilink [[x]]' }`, `{ pathPrefix: 'content/', … }`
 * Out: `{ ruleId: 'broken-link', ruleIndex: 0, level: 'error', message: { text: 'Unresolved wikilink [[x]]' }, partialFingerprints: { 'shipshapeFingerprint/v1': '…' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'content/a%20b.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } }] }`
 */
import type { Log, ReportingConfiguration, ReportingDescriptor, Result } from 'sarif';
import { describeDiagnostic } from './describe.ts';
import type { CheckResult, Severity, SeveritySetting } from './diagnostic.ts';
import { fingerprints, repositoryPath, type ReadSource } from './format-fingerprint.ts';

/** What SARIF needs to know of a rule; the rule registry has it. */
export interface SarifRule {
  id: string;
  /** One sentence: SARIF `shortDescription`. */
  description: string;
  defaultSeverity: SeveritySetting;
  /** Longer documentation: SARIF `fullDescription`. */
  fullDescription?: string;
  /** The rule's documentation page: SARIF `helpUri`. */
  helpUri?: string;
}

export interface SarifOptions {
  /** shipshape's version, for `tool.driver.version`. */
  version: string;
  /** Every known rule, in the order they should be listed; `ruleIndex` points into this list. */
  rules: SarifRule[];
  /** The content dir relative to the repository root, e.g. `content/`; `''` when they are the same. */
  pathPrefix: string;
  /** The tool's home page, for `tool.driver.informationUri`. */
  informationUri?: string;
  /**
   * Where the rules are documented, one anchor per rule id (the README's `### \`broken-link\`` → `#broken-link`):
   * a rule without its own `helpUri` gets `<docsUri>#<rule-id>`.
   */
  docsUri?: string;
  /** Reads a checked file, so fingerprints include the offending text; without it they hash the message alone. */
  readSource?: ReadSource;
}

/** The `partialFingerprints` key: SARIF asks for a versioned name, bumped if the scheme ever changes. */
export const fingerprintKey = 'shipshapeFingerprint/v1';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

const resultLevel: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(result: CheckResult, options: SarifOptions): string {
  const rules: ReportingDescriptor[] = options.rules.map((rule) => toDescriptor(rule, options.docsUri));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const prints = fingerprints(result.diagnostics, options.pathPrefix, options.readSource);

  const results: Result[] = result.diagnostics.map((d, i) => {
    let index = ruleIndex.get(d.rule);
    // A diagnostic from outside the registry (say, a config error) still gets a descriptor, so every
    // `ruleIndex` stays valid.
    if (index === undefined) {
      index = rules.push({ id: d.rule }) - 1;
      ruleIndex.set(d.rule, index);
    }
    return {
      ruleId: d.rule,
      ruleIndex: index,
      level: resultLevel[d.severity],
      message: { text: describeDiagnostic(d) },
      partialFingerprints: { [fingerprintKey]: prints[i]! },
      // SARIF's own word for it: a viewer shows only `new` results as introduced by the change.
      ...(d.baseline === undefined ? {} : { baselineState: d.baseline }),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(options.pathPrefix, d.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    };
  });

  const log: Log = {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version: options.version,
            ...(options.informationUri === undefined ? {} : { informationUri: options.informationUri }),
            rules,
          },
        },
        // Diagnostic columns count UTF-16 code units, as editors do; said explicitly, though it is the default.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toDescriptor(rule: SarifRule, docsUri: string | undefined): ReportingDescriptor {
  const helpUri = rule.helpUri ?? (docsUri === undefined ? undefined : `${docsUri.replace(/#.*$/, '')}#${rule.id}`);
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    ...(rule.fullDescription === undefined ? {} : { fullDescription: { text: rule.fullDescription } }),
    ...(helpUri === undefined ? {} : { helpUri }),
    defaultConfiguration: toConfiguration(rule.defaultSeverity),
  };
}

function toConfiguration(setting: SeveritySetting): ReportingConfiguration {
  switch (setting) {
    case 'off':
      return { enabled: false, level: 'none' };
    case 'warn':
      return { level: 'warning' };
    case 'info':
      return { level: 'note' };
    case 'error':
      return { level: 'error' };
  }
}

/** A relative URI reference: forward slashes, each segment percent-encoded (`a b.md` → `a%20b.md`). */
function toUri(prefix: string, file: string): string {
  return repositoryPath(prefix, file).split('/').map(encodeURIComponent).join('/');
}
