/* Generated from schemas/baseline.schema.json by scripts/generate-types.ts: do not edit, change the schema and run `node scripts/generate-types.ts`. */

/**
 * shipshape-baseline.json: the problems a vault already had when the baseline was written (`shipshape check --baseline-write`). `shipshape check` reports them as known (`unchanged`), never as failures, and fails only on new ones. Written by Shipshape, sorted by file, rule and fingerprint, one entry a line, so a diff shows which problems were added or fixed; commit it beside the vault.
 */
export interface ShipshapeBaseline {
  /**
   * Path or URL of this schema, for editor completion.
   */
  $schema?: string;
  /**
   * The format's version: 1. A later Shipshape that changes the fingerprint bumps it and says how to rewrite the baseline.
   */
  version: 1;
  /**
   * One entry per known problem, or per group of identical problems in one file (`count`). Sorted by file, rule, fingerprint.
   */
  entries: BaselineEntry[];
}
/**
 * A known problem: where (file), what (rule, message, text) and which one (fingerprint), never its line, so edits above or below it keep it known.
 */
export interface BaselineEntry {
  /**
   * The doc or file, relative to the vault, forward slashes. `shipshape mv` rewrites it when the file moves.
   */
  file: string;
  /**
   * The rule id that reported the problem.
   */
  rule: string;
  /**
   * 16 hex digits of the SHA-256 of the rule, the message with line numbers blanked and the offending text (`text`). Neither the file's path nor the line number is hashed: a moved file or an edit elsewhere keeps it; editing the offending text makes a new problem.
   */
  fingerprint: string;
  /**
   * The problem's message with line numbers blanked, for the reader of the file and its diffs; the fingerprint, not this, is matched.
   */
  message: string;
  /**
   * The offending text: the problem's span on its first line, whitespace collapsed (the link, the heading, the key); empty when the file could not be read. Hashed into the fingerprint, and kept so that a move can re-key a problem whose message names a moved path.
   */
  text: string;
  /**
   * How many identical problems the file has (same rule and fingerprint); absent means 1. Fixing one of them lowers what is known: a new identical one beyond the count is new.
   */
  count?: number;
}
