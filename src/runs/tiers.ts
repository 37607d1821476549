/**
 * The tier of an environment, for runs that do not carry `environmentTier`: the environment's doc (`type:
 * environment`, matched by title, alias or file name, ignoring case) says it with `tier:`, else the config's
 * `environments`, else the name (`eu-prod` → production, `uat` → staging, `qa` → testing, `sandbox` → development),
 * else `other`.
 *
 * In: `tierResolver(facts, {})('Prod')` with `environments/production.md` (`tier: production`, `aliases: [Prod]`) → `'production'`
 */
import { docNames } from '../markdown/doc-names.ts';
import type { DocFacts } from '../markdown/types.ts';
import type { EnvironmentTier } from './types.ts';

/** What tiers are read from: a doc's names, type and frontmatter. */
export type EnvironmentDoc = Pick<DocFacts, 'path' | 'isTemplate' | 'title' | 'type' | 'aliases' | 'frontmatter'>;

export const environmentTiers: readonly EnvironmentTier[] = ['development', 'testing', 'staging', 'production', 'other'];

const namePatterns: ReadonlyArray<[EnvironmentTier, RegExp]> = [
  // `pre-prod` is staging: the lookbehind keeps its `prod` part from matching production, which is tried first.
  ['production', /(?:^|[-_.\s])(?<!(?:^|[-_.\s])pre[-_.\s])(?:prod|production|prd|live)(?:$|[-_.\s])/i],
  ['staging', /(?:^|[-_.\s])(?:stag|stage|staging|pre[-_.\s]?prod|uat)(?:$|[-_.\s])/i],
  ['testing', /(?:^|[-_.\s])(?:test|testing|qa|perf)(?:$|[-_.\s])/i],
  ['development', /(?:^|[-_.\s])(?:dev|development|local|sandbox)(?:$|[-_.\s])/i],
];

/** The tier a name suggests: `eu-prod` → production; undefined when it suggests none. */
export function tierFromName(environment: string): EnvironmentTier | undefined {
  return namePatterns.find(([, pattern]) => pattern.test(environment))?.[0];
}

const isTier = (value: unknown): value is EnvironmentTier => typeof value === 'string' && (environmentTiers as readonly string[]).includes(value);

/** Lower-cased title, aliases and file name of each environment doc with a valid `tier:` → that tier. */
export function tiersFromDocs(facts: readonly EnvironmentDoc[]): Map<string, EnvironmentTier> {
  const tiers = new Map<string, EnvironmentTier>();
  for (const doc of facts) {
    if (doc.isTemplate || doc.type?.toLowerCase() !== 'environment') continue;
    const tier = doc.frontmatter?.tier;
    if (!isTier(tier)) continue;
    for (const name of docNames(doc)) if (!tiers.has(name.toLowerCase())) tiers.set(name.toLowerCase(), tier);
  }
  return tiers;
}

/**
 * What the vault says about tiers, as plain data (it crosses to worker threads): lower-cased environment name →
 * tier, from the environment docs, else the config's `environments`.
 */
export function tierTable(facts: readonly EnvironmentDoc[], configured: Readonly<Record<string, EnvironmentTier>>): Record<string, EnvironmentTier> {
  const table: Record<string, EnvironmentTier> = Object.create(null) as Record<string, EnvironmentTier>;
  for (const [name, tier] of Object.entries(configured)) table[name.toLowerCase()] = tier;
  for (const [name, tier] of tiersFromDocs(facts)) table[name] = tier;
  return table;
}

/** The tier of an environment by the table (see `tierTable`), else by its name, else `other`. */
export function tierOfTable(table: Readonly<Record<string, EnvironmentTier>>): (environment: string) => EnvironmentTier {
  const memo = new Map<string, EnvironmentTier>();
  return (environment) => {
    let tier = memo.get(environment);
    if (tier === undefined) {
      const key = environment.toLowerCase();
      tier = (Object.hasOwn(table, key) ? table[key] : undefined) ?? tierFromName(environment) ?? 'other';
      memo.set(environment, tier);
    }
    return tier;
  };
}

/** Environment name → tier, by doc, then config (lower-cased names), then name; `other` when nothing says. */
export function tierResolver(facts: readonly DocFacts[], configured: Readonly<Record<string, EnvironmentTier>>): (environment: string) => EnvironmentTier {
  return tierOfTable(tierTable(facts, configured));
}
