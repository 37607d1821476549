/* Generated from schemas/incident.schema.json by scripts/generate-types.ts: do not edit, change the schema and run `node scripts/generate-types.ts`. */

/**
 * One production incident, for change-failure and recovery metrics. Files under `incidents/` hold incidents as JSON, YAML or NDJSON.
 */
export interface Incident {
  /**
   * Unique id of the incident.
   */
  id: string;
  /**
   * The service affected, by the title, alias or file name of its doc (`type: service`).
   */
  service: string;
  /**
   * When the incident was declared, RFC 3339.
   */
  openedAt: string;
  /**
   * When service was restored, RFC 3339; absent while the incident is open.
   */
  resolvedAt?: string;
  /**
   * Severity as the incident process names it.
   */
  severity?: string;
  /**
   * The run id or commit sha that caused the incident.
   */
  causedBy?: string;
  /**
   * One-line summary.
   */
  title?: string;
  /**
   * Link to the incident in the incident tool.
   */
  url?: string;
}
