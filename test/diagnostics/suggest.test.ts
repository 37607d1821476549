import { describe, expect, it } from 'vitest';
import { findAnchor } from '../../src/links/anchors.ts';
import { buildVaultIndex } from '../../src/links/vault-index.ts';
import type { DocFacts } from '../../src/markdown/types.ts';
import { maxDistance, suggest } from '../../src/diagnostics/suggest.ts';

describe('suggest', () => {
  it.each([
    // Moved from test/schemas/messages.test.ts.
    ['ownr', ['owner', 'title'], ['owner']],
    ['stauts', ['status', 'state', 'owner'], ['state', 'status']],
    ['xyz', ['owner'], []],
    ['owner', ['owner'], []],
    ['Runbook', ['runbook', 'service'], ['runbook']],
    // Best first, ties alphabetically, at most three, each once.
    ['chek', ['link', 'check', 'check', 'cheek', 'chef', 'chel'], ['check', 'cheek', 'chef']],
    ['ab', ['xy', 'ac'], ['ac']],
  ])('%s in %j → %j', (word, candidates, expected) => {
    expect(suggest(word, candidates)).toEqual(expected);
  });

  it('compares in the form a caller gives, and offers names as written', () => {
    expect(suggest('rollback steps', ['Rollback: Steps!'], { normalize: (s) => s.toLowerCase().replace(/[^a-z ]/g, '') })).toEqual(['Rollback: Steps!']);
  });
});

describe('maxDistance: a third of the longer name, at least 1', () => {
  it.each([
    ['a', 'b', 1],
    ['abc', 'xyz', 1],
    ['stauts', 'status', 2],
    ['deployment strategi', 'deployment strategy', 6],
    ['ab', 'abcdefghi', 3],
  ])('%s ~ %s → %i', (word, candidate, expected) => {
    expect(maxDistance(word, candidate)).toBe(expected);
  });
});

/** Headings had a looser threshold of their own (at least 3, a third of the anchor); link names keep theirs. */
describe('every "did you mean" uses it', () => {
  const doc = (path: string, extra: Partial<DocFacts> = {}): DocFacts =>
    ({ path, isTemplate: false, title: path, aliases: [], tags: [], headings: [], blockIds: [], links: [], ...extra });

  it('headings: a short anchor is not "close" to every short heading, and a repeated heading is offered once', () => {
    const target = doc('t.md', { headings: [{ text: 'Bar', depth: 2 }, { text: 'Steps', depth: 2 }, { text: 'Steps', depth: 2 }] });
    expect(findAnchor(target, 'Foo').suggestions).toEqual([]);
    expect(findAnchor(target, 'Stepz').suggestions).toEqual(['Steps']);
  });

  it('link names: a quarter of the name, at least 2, so that another first word is not close', () => {
    const index = buildVaultIndex([doc('api-standards.md'), doc('release-management.md'), doc('ab.md')], []);
    expect(index.resolve('quality-standards', 'x.md').suggestions).toEqual([]);
    expect(index.resolve('artifact-management', 'x.md').suggestions).toEqual([]);
    expect(index.resolve('release-managment', 'x.md').suggestions).toEqual(['release-management']);
    expect(index.resolve('abxy', 'x.md').suggestions).toEqual(['ab']);
  });
});
