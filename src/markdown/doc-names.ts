/**
 * The names a doc answers to besides its path, as written: its title, its aliases and its file name. Services and
 * environments in run data, and dashboard blocks, name docs this way. A module of its own: the metrics worker
 * threads read tiers by these names and should not load the whole parser to do so.
 *
 * In: `docNames({ path: 'environments/production.md', title: 'Production', aliases: ['Prod'] })` → `['Production', 'Prod', 'production']`
 */
import { stem } from '../vault/vault-path.ts';
import type { DocFacts } from './types.ts';

export function docNames(doc: Pick<DocFacts, 'path' | 'title' | 'aliases'>): string[] {
  return [doc.title, ...doc.aliases, stem(doc.path)];
}
