/**
 * What every importer shares: the error for input it cannot read (the CLI turns it into exit 2), the options the
 * command line passes, and small readers that name the field they reject.
 *
 * In: `text(run, 'head_sha', 'workflow_runs[2]')` on `{ head_sha: 7 }` → throws `workflow_runs[2].head_sha: expected a string`
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
