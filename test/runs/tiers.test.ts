/**
 * Environment tiers (`src/runs/tiers.ts`): what a name suggests (`tierFromName`), and the resolver's precedence —
 * the environment doc's `tier:`, then the config's `environments` (lower-cased names), then the name, else `other`.
 *
 * In: `tierResolver([doc 'environments/production.md' tier staging, alias Prod], { prod: 'testing' })('PROD')` → `'staging'`
 */
import { describe, expect, test } from 'vitest';
import type { DocFacts } from '../../src/markdown/types.ts';
import { environmentTiers, tierFromName, tierResolver, tiersFromDocs } from '../../src/runs/tiers.ts';
import type { EnvironmentTier } from '../../src/runs/types.ts';

describe('tierFromName', () => {
  test.each<[string, EnvironmentTier | undefined]>([
    ['prod', 'production'],
    ['PROD', 'production'],
    ['production', 'production'],
    ['Production', 'production'],
    ['eu-prod', 'production'],
    ['prod-eu', 'production'],
    ['eu_live', 'production'],
    ['prd', 'production'],
    ['live', 'production'],
    ['us.prod.1', 'production'],
    ['Production EU', 'production'],
    ['staging', 'staging'],
    ['stage', 'staging'],
    ['stag', 'staging'],
    ['eu-staging', 'staging'],
    ['preprod', 'staging'],
    ['pre-prod', 'staging'],
    ['eu-pre-prod', 'staging'],
    ['pre_prod', 'staging'],
    ['uat', 'staging'],
    ['qa', 'testing'],
    ['test', 'testing'],
    ['testing', 'testing'],
    ['perf', 'testing'],
    ['load-test', 'testing'],
    ['dev', 'development'],
    ['development', 'development'],
    ['local', 'development'],
    ['sandbox', 'development'],
    ['dev-eu', 'development'],
    // Only whole parts count: a word that merely starts like a tier is none.
    ['productivity', undefined],
    ['products', undefined],
    ['devops', undefined],
    ['liveness', undefined],
    ['latest', undefined],
    ['contest', undefined],
    ['improd', undefined],
    ['', undefined],
    ['edge', undefined],
  ])('%j → %s', (name, tier) => {
    expect(tierFromName(name)).toBe(tier);
  });
});

/** An environment doc's facts, as the cross-file pass keeps them. */
function doc(path: string, frontmatter: Record<string, unknown>, extra: Partial<DocFacts> = {}): DocFacts {
  const title = extra.title ?? path.replace(/^.*\//, '').replace(/\.md$/, '');
  return {
    path,
    isTemplate: false,
    title,
    type: 'environment',
    aliases: [],
    tags: [],
    headings: [],
    blockIds: [],
    links: [],
    frontmatter: { type: 'environment', ...frontmatter },
    ...extra,
  };
}

describe('tiersFromDocs', () => {
  test('title, aliases and file name, lower-cased, of environment docs with a valid tier', () => {
    const tiers = tiersFromDocs([
      doc('environments/eu-1.md', { tier: 'production' }, { title: 'Europe One', aliases: ['EU', 'Frankfurt'] }),
      doc('environments/Perf-Lab.md', { tier: 'testing' }),
      doc('environments/broken.md', { tier: 'prod' }),
      doc('environments/none.md', {}),
      doc('services/checkout.md', { tier: 'production' }, { type: 'service' }),
      doc('templates/environment.md', { tier: 'staging' }, { isTemplate: true }),
    ]);
    expect(Object.fromEntries(tiers)).toStrictEqual({
      'europe one': 'production',
      eu: 'production',
      frankfurt: 'production',
      'eu-1': 'production',
      'perf-lab': 'testing',
    });
  });

  test('the type matches ignoring case; the first doc to name an environment wins', () => {
    const tiers = tiersFromDocs([
      doc('a/lab.md', { tier: 'testing' }, { type: 'Environment' }),
      doc('b/lab.md', { tier: 'production' }),
    ]);
    expect(tiers.get('lab')).toBe('testing');
  });
});

describe('tierResolver', () => {
  const facts = [
    doc('environments/production.md', { tier: 'staging' }, { aliases: ['Prod'] }),
    doc('environments/eu-live.md', { tier: 'development' }),
  ];
  const configured: Record<string, EnvironmentTier> = { prod: 'testing', 'eu-live': 'production', qa: 'staging', edge: 'production' };

  test.each<[string, EnvironmentTier]>([
    // The doc wins over the config and the name, by title, alias or file name, ignoring case.
    ['production', 'staging'],
    ['PRODUCTION', 'staging'],
    ['prod', 'staging'],
    ['Prod', 'staging'],
    ['EU-Live', 'development'],
    // Then the config (its keys are lower-cased by loadConfig), matched ignoring case.
    ['qa', 'staging'],
    ['QA', 'staging'],
    ['Edge', 'production'],
    // Then the name.
    ['eu-prod', 'production'],
    ['uat', 'staging'],
    ['sandbox', 'development'],
    // Else other.
    ['mars', 'other'],
    // Keys of Object.prototype are not config entries.
    ['constructor', 'other'],
    ['toString', 'other'],
    ['__proto__', 'other'],
    ['hasOwnProperty', 'other'],
  ])('%j → %s', (environment, tier) => {
    const resolve = tierResolver(facts, configured);
    expect(resolve(environment)).toBe(tier);
    // Memoised: asking again gives the same answer.
    expect(resolve(environment)).toBe(tier);
  });

  test('every answer is a tier, never a value inherited from Object.prototype', () => {
    const resolve = tierResolver([], {});
    for (const name of ['constructor', 'valueOf', '__proto__', 'isPrototypeOf']) expect(environmentTiers).toContain(resolve(name));
  });

  test('without docs or config the name decides', () => {
    const resolve = tierResolver([], {});
    expect(['prod', 'stage', 'qa', 'local', 'x'].map(resolve)).toStrictEqual(['production', 'staging', 'testing', 'development', 'other']);
  });
});

test('environmentTiers are in display order', () => {
  expect(environmentTiers).toStrictEqual(['development', 'testing', 'staging', 'production', 'other']);
});
