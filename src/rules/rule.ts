/**
 * The shape of a rule. A rule reports; it never decides severity (that comes from its `defaultSeverity`
 * or the user's config). File rules see one parsed file; vault rules see every file's facts at once.
 *
 * In: `defineFileRule({ id: 'code-fence', …, check(doc, ctx) { ctx.report({ message, span }) } })`
 */
import type { Report, SeveritySetting } from '../diagnostics/diagnostic.ts';
import type { DocFacts, ParsedDoc } from '../markdown/types.ts';
import type { ResolvedConfig } from '../vault/config-types.ts';
import type { LinkHistory } from '../links/link-repair.ts';
import type { VaultIndex } from '../links/vault-index.ts';
import type { BaseFile } from '../queries/base-files.ts';
import type { LoadedRuns } from '../runs/load-runs.ts';
import type { ScanProblem } from '../vault/scan.ts';
import type { Scope } from '../vault/vault-path.ts';

/**
 * A Markdown example for the docs and the tests. `files` adds other files to the example's vault. Rules about run
 * data set `path` to a run file (`runs/deploys.ndjson`) and put its text in `markdown`.
 */
export interface RuleExample {
  /** What the example shows, one line. */
  title?: string;
  /** The file under test; it is checked as `path` (default `example.md`). */
  markdown: string;
  path?: string;
  files?: Record<string, string>;
  options?: Record<string, unknown>;
  /** For not-ok examples: the reports expected, as `line:column message-substring`. */
  expect?: string[];
}

interface RuleMeta<Options> {
  /** Stable, public id (kebab-case). */
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** Options used when the config gives none; every option must have a default. */
  defaultOptions: Options;
  /** Longer explanation for the rules reference (Markdown). */
  docs?: string;
  examples: { ok: RuleExample[]; notOk: RuleExample[] };
}

export interface FileRuleContext<Options> {
  options: Options;
  config: ResolvedConfig;
  report(report: Report): void;
}

export interface VaultRuleContext<Options> {
  options: Options;
  config: ResolvedConfig;
  /** The evaluation time (stale checks); fixed in tests. */
  now: Date;
  /** Files the scan could not read or would not follow. */
  scanProblems: readonly ScanProblem[];
  /** Run and incident records from `runs/` and `incidents/`, with the files that did not load. */
  runs: LoadedRuns;
  /** The vault's `.base` files, read. */
  baseFiles: readonly BaseFile[];
  /**
   * Set for `--fix` and `--fix-dry-run` only: the link rules then offer repairs (`links/link-repair.ts`), with the
   * renames git knows (empty outside git).
   */
  linkRepair?: LinkHistory;
  /**
   * Set when the check reports on some files only (`check a.md`, a pre-commit hook): reports about other files are
   * dropped, so a rule may skip their work (the link rules resolve only these files' links).
   */
  reportsFor?: Scope;
  report(file: string, report: Report): void;
}

export interface FileRule<Options = Record<string, unknown>> extends RuleMeta<Options> {
  scope: 'file';
  check(doc: ParsedDoc, context: FileRuleContext<Options>): void | Promise<void>;
}

export interface VaultRule<Options = Record<string, unknown>> extends RuleMeta<Options> {
  scope: 'vault';
  check(vault: VaultIndex, facts: readonly DocFacts[], context: VaultRuleContext<Options>): void;
}

export type Rule = FileRule<any> | VaultRule<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- heterogenous registry: each rule's options type is checked where it is defined

export function defineFileRule<Options extends object>(rule: Omit<FileRule<Options>, 'scope'>): FileRule<Options> {
  return { scope: 'file', ...rule };
}

export function defineVaultRule<Options extends object>(rule: Omit<VaultRule<Options>, 'scope'>): VaultRule<Options> {
  return { scope: 'vault', ...rule };
}
