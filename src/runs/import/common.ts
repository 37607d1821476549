/**
 * What every importer shares: the error for input it cannot read (the CLI turns it into exit 2), the options the
 * command line passes, the records of a document whatever its shape, and small readers that name the field they reject.
 *
 * In: `text(run, 'head_sha', 'workflow_runs[2]')` on `{ head_sha: 7 }` → throws `workflow_runs[2].head_sha: expected a string`
 *     `records({ workflow_runs: [a, b] }, 'input', 'workflow_runs')` → `[{ record: a, where: 'input.workflow_runs[0]' }, …]`
 */
import type { EnvironmentTier } from '../types.ts';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportOptions {
  /** `--service`: overrides whatever the payload suggests. */
  service?: string;
  /** `--environment`: overrides whatever the payload suggests. */
  environment?: string;
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, where: string): Json {
  if (!isObject(value)) throw new ImportError(`${where}: expected an object`);
  return value;
}

/** A record and where it was found, for the messages. */
export interface Located {
  record: Json;
  where: string;
}

/**
 * The records of one JSON document, in any shape the platforms print: one record (`gh api …/runs/ID`, GitLab's "Get
 * a deployment"), an array of them (list endpoints, `gh run list`), a list wrapper (`{ workflow_runs: […] }`,
 * Kubernetes' `{ items: […] }`), or an array of pages of those (`gh api --paginate --slurp`).
 */
export function records(value: unknown, where: string, wrapper?: string): Located[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const at = `${where}[${index}]`;
      return Array.isArray(item) || (wrapper !== undefined && isObject(item) && wrapper in item) ? records(item, at, wrapper) : [{ record: object(item, at), where: at }];
    });
  }
  if (!isObject(value)) throw new ImportError(`${where}: expected an object or an array`);
  if (wrapper !== undefined && wrapper in value) {
    return array(value[wrapper], `${where}.${wrapper}`).map((item, index) => ({ record: object(item, `${where}.${wrapper}[${index}]`), where: `${where}.${wrapper}[${index}]` }));
  }
  return [{ record: value, where }];
}

export function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ImportError(`${where}: expected an array`);
  return value;
}

/** A required non-empty string (numbers, as GitHub ids are, become strings). */
export function text(record: Json, key: string, where: string): string {
  const value = optionalText(record, key, where);
  if (value === undefined) throw new ImportError(`${where}.${key}: expected a string`);
  return value;
}

export function optionalText(record: Json, key: string, where: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new ImportError(`${where}.${key}: expected a string`);
  return value;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 time, kept as the source wrote it so re-imports compare equal; GitHub's "0001-01-01…" null time is absent. */
export function optionalTime(record: Json, key: string, where: string): string | undefined {
  const value = optionalText(record, key, where);
  if (value === undefined || value.startsWith('0001-01-01')) return undefined;
  if (!rfc3339.test(value) || Number.isNaN(Date.parse(value))) throw new ImportError(`${where}.${key}: expected an RFC 3339 time, got "${value}"`);
  return value;
}

export function time(record: Json, key: string, where: string): string {
  const value = optionalTime(record, key, where);
  if (value === undefined) throw new ImportError(`${where}.${key}: expected an RFC 3339 time`);
  return value;
}

/** A commit message's first line, as the run schema stores it (GitLab's messages carry `\r\n` and the whole body). */
export function firstLine(message: string | undefined): string | undefined {
  const line = message?.split(/\r\n|\r|\n/, 1)[0]!.trim();
  return line === '' ? undefined : line;
}

/**
 * A git remote URL → the repository's path, the `owner/name` the run schema asks for (GitLab: `group/subgroup/name`):
 * scheme, user, host, port and `.git` go; `undefined` when fewer than two path segments are left (no repository).
 *   https://github.com/acme/checkout-api.git → acme/checkout-api
 *   git@gitlab.com:acme/payments/ledger.git  → acme/payments/ledger
 *   acme/checkout-api                        → acme/checkout-api
 */
export function repoPath(url: string): string | undefined {
  const path = url.match(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/(.*)$/i)?.[1] ?? url.match(/^[^/:@\s]+@[^/:\s]+:(.*)$/)?.[1] ?? url;
  const segments = path.replace(/[?#].*$/, '').replace(/\.git\/*$/, '').split('/').filter(Boolean);
  return segments.length >= 2 ? segments.join('/') : undefined;
}

/** The repository name of `owner/name` or of a URL ending in it: the default service. */
export function repoName(fullName: string | undefined): string | undefined {
  return fullName?.split('/').filter(Boolean).at(-1);
}

const tiers: ReadonlySet<string> = new Set(['production', 'staging', 'testing', 'development', 'other']);

export function asTier(value: string | undefined): EnvironmentTier | undefined {
  return value !== undefined && tiers.has(value) ? (value as EnvironmentTier) : undefined;
}

/** Drops undefined fields, so records compare and print the same whatever the source left out. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export function requireService(service: string | undefined, hint: string): string {
  if (service === undefined) throw new ImportError(`Cannot tell the service: pass --service (${hint})`);
  return service;
}
