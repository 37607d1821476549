/* Generated from schemas/checklist.schema.json by scripts/generate-types.ts: do not edit, change the schema and run `node scripts/generate-types.ts`. */

/**
 * A duration: `30m`, `2h`, `1d`, `1w`, or ISO 8601 (`PT2H`, `P1D`).
 */
export type Duration = string;

/**
 * The YAML body of a fenced ```checklist block: what must be true before, during and after a deployment, each item with the run evidence that satisfies it. `shipshape checklist` evaluates it against the vault's runs and incidents; the site publishes it.
 */
export interface Checklist {
  /**
   * Stable id of the checklist, unique in the vault: `shipshape checklist <id>` and the page URL use it. Renaming it loses the ticks readers kept.
   */
  id: string;
  /**
   * Title shown on its page; the id when absent.
   */
  title?: string;
  /**
   * The services and environments the checklist is for; every one when absent.
   */
  appliesTo?: {
    /**
     * Service names as in the run data.
     */
    services?: string[];
    /**
     * Environment names as in the run data.
     */
    environments?: string[];
  };
  /**
   * The items, in the order they are done.
   *
   * @minItems 1
   */
  items: {
    /**
     * Stable id of the item within the checklist: ticks and evaluations are keyed by it, never by position.
     */
    id: string;
    /**
     * What must be true, as a reader ticks it.
     */
    text: string;
    /**
     * When the item is done.
     */
    phase: 'pre-deploy' | 'deploy' | 'post-deploy';
    /**
     * Whether the go/no-go verdict needs it.
     */
    required?: boolean;
    /**
     * What satisfies the item: `{check: ID}` (a run of the service with the candidate sha records that check as success; the latest record wins), `{deployed-before: {environment, minAge}}`, `{no-open-incident: {severity: [...]}}`, `rollback-target`, `{soak: {environment, duration}}`, or `manual` (a check whose id is the item's id). Durations: `30m`, `2h`, `1d`, or ISO 8601 (`PT2H`).
     */
    evidence:
      | 'rollback-target'
      | 'manual'
      | {
          check: string;
        }
      | {
          'deployed-before': {
            environment: string;
            minAge: Duration;
          };
        }
      | {
          'no-open-incident': {
            /**
             * Only incidents of these severities count; every severity when absent.
             *
             * @minItems 1
             */
            severity?: string[];
          } | null;
        }
      | {
          soak: {
            environment: string;
            duration: Duration;
          };
        };
  }[];
}
