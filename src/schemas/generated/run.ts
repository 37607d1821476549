/* Generated from schemas/run.schema.json by scripts/generate-types.ts: do not edit, change the schema and run `node scripts/generate-types.ts`. */

/**
 * One deployment attempt: which commit went to which environment of which service, and how it ended. Files under `runs/` hold runs as JSON, YAML or NDJSON.
 */
export interface Run {
  /**
   * Unique id of the run across every file (the CI system's run id, prefixed to keep it unique).
   */
  id: string;
  /**
   * The service deployed, by the title, alias or file name of its doc (`type: service`).
   */
  service: string;
  /**
   * The environment deployed to, by the title, alias or file name of its doc (`type: environment`).
   */
  environment: string;
  /**
   * Where the run is: `success`, `failure`, `cancelled` and `skipped` are final and need `finishedAt`.
   */
  status: 'success' | 'failure' | 'cancelled' | 'running' | 'queued' | 'skipped';
  /**
   * Commit deployed (full or abbreviated hex sha).
   */
  sha: string;
  /**
   * When the run ended, RFC 3339. Required when the status is final.
   */
  finishedAt?: string;
  /**
   * The system the run was imported from.
   */
  source?: 'github-actions' | 'github-deployment' | 'gitlab' | 'argocd' | 'manual';
  /**
   * Kind of environment, for metrics that count only production.
   */
  environmentTier?: 'production' | 'staging' | 'testing' | 'development' | 'other';
  /**
   * When the run started, RFC 3339.
   */
  startedAt?: string;
  /**
   * Branch or tag the run deployed from.
   */
  ref?: string;
  /**
   * Repository the commit belongs to, as `owner/name` (on GitLab the project path, `group/subgroup/name`), never a URL: the importers strip a remote URL's scheme, host and `.git` (Argo CD's `https://github.com/acme/checkout-api.git` → `acme/checkout-api`).
   */
  repo?: string;
  /**
   * Commits the run shipped for the first time, for lead-time metrics.
   */
  commits?: {
    /**
     * Commit sha.
     */
    sha: string;
    /**
     * Commit time, RFC 3339.
     */
    timestamp: string;
    /**
     * First line of the commit message.
     */
    message?: string;
  }[];
  /**
   * What the run did; `deploy` when absent.
   */
  kind?: 'deploy' | 'rollback' | 'hotfix' | 'config';
  /**
   * Whether the run was part of a planned release (false for an unplanned fix).
   */
  planned?: boolean;
  /**
   * Ids of the incidents or runs this run fixes or rolls back.
   */
  remediates?: string[];
  /**
   * Link to the run in its CI or CD system.
   */
  url?: string;
  /**
   * Who or what started the run.
   */
  actor?: string;
  /**
   * Whether the run started without a person (a merge to main, a schedule).
   */
  automated?: boolean;
  /**
   * Attempt number when the run was retried, from 1.
   */
  attempt?: number;
  /**
   * Checks and gates the run passed through (tests, smoke tests, approvals).
   */
  checks?: {
    /**
     * Id of the check, unique in the run.
     */
    id: string;
    /**
     * Name of the check as shown in CI.
     */
    name: string;
    /**
     * Outcome of the check as the CI system names it.
     */
    status: string;
    /**
     * Link to the check.
     */
    url?: string;
    /**
     * When the check finished, RFC 3339.
     */
    at?: string;
  }[];
  /**
   * Free-form string labels (team, region, change ticket).
   */
  labels?: {
    [k: string]: string;
  };
}
