/**
 * The importers by source name, as `npm run import -- <source>` takes it. Each is a pure function
 * JSON document → Run[] with stable ids, so importing the same payload twice gives the same records; `importText`,
 * which the CLI calls, reads a file's text into documents (one, pages back to back, or NDJSON) and imports each.
 *
 * In: `importText('gitlab', text, 'deployments.json', { service: 'checkout-api' })` → `Run[]`
 */
import type { Run } from '../types.ts';
import { importArgocd } from './argocd.ts';
import type { ImportOptions } from './common.ts';
import { importGithubActions } from './github-actions.ts';
import { importGithubDeployments } from './github-deployments.ts';
import { importGitlab } from './gitlab.ts';
import { readDocuments } from './read-documents.ts';

export { ImportError, type ImportOptions } from './common.ts';

export const importers = {
  'github-actions': importGithubActions,
  'github-deployments': importGithubDeployments,
  gitlab: importGitlab,
  argocd: importArgocd,
} as const satisfies Record<string, (payload: unknown, options: ImportOptions, where?: string) => Run[]>;

export type ImportSource = keyof typeof importers;

export const importSources = Object.keys(importers) as ImportSource[];

export function isImportSource(name: string): name is ImportSource {
  return Object.hasOwn(importers, name);
}

/** A file's text (named `file` in messages) → the runs of all its JSON documents, in order. */
export function importText(source: ImportSource, text: string, file: string, options: ImportOptions): Run[] {
  return readDocuments(text, file).flatMap(({ value, where }) => importers[source](value, options, where));
}
