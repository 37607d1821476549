/**
 * The importers by source name, as `npm run import -- <source>` takes it. Each is a pure function
 * payload → Run[] with stable ids, so importing the same payload twice gives the same records.
 *
 * In: `importers['gitlab'](JSON.parse(text), { service: 'checkout-api' })` → `Run[]`
 */
import type { Run } from '../types.ts';
import { importArgocd } from './argocd.ts';
import type { ImportOptions } from './common.ts';
import { importGithubActions } from './github-actions.ts';
import { importGithubDeployments } from './github-deployments.ts';
import { importGitlab } from './gitlab.ts';

export { ImportError, type ImportOptions } from './common.ts';

export const importers = {
  'github-actions': importGithubActions,
  'github-deployments': importGithubDeployments,
  gitlab: importGitlab,
  argocd: importArgocd,
} as const satisfies Record<string, (payload: unknown, options: ImportOptions) => Run[]>;

export type ImportSource = keyof typeof importers;

export const importSources = Object.keys(importers) as ImportSource[];

export function isImportSource(name: string): name is ImportSource {
  return Object.hasOwn(importers, name);
}
