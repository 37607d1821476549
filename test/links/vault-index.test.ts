import { describe, expect, it } from 'vitest';
import { findAnchor } from '../../src/links/anchors.ts';
import { buildVaultIndex } from '../../src/links/vault-index.ts';
import type { DocFacts } from '../../src/markdown/types.ts';

function doc(path: string, extra: Partial<DocFacts> = {}): DocFacts {
  return { path, isTemplate: false, title: path, aliases: [], tags: [], headings: [], blockIds: [], links: [], ...extra };
}

const index = buildVaultIndex(
  [
    doc('Note.md'),
    doc('a/b/Note.md'),
    doc('zzzz/Note.md'),
    doc('zzzz/deep/Other.md'),
    doc('ops/README.md'),
    doc('dev/README.md'),
    doc('strategy/deployment-strategy.md'),
    doc('runbooks/rollback.md', { aliases: ['Rollback Runbook'] }),
    doc('spaces/My Note.md'),
  ],
  ['attachments/flow.svg', 'attachments/Flow Chart.png'],
);

describe('resolve, as Obsidian does', () => {
  it.each<[string, string, string, string[] | undefined, string]>([
    // [target, from, expected path, candidates when ambiguous, why]
    ['Note', 'zzzz/deep/Other.md', 'Note.md', undefined, 'an exact vault path wins, even over a match beside the source'],
    ['b/Note', 'x.md', 'a/b/Note.md', undefined, 'a partial path matches by suffix'],
    ['README', 'ops/x.md', 'ops/README.md', ['ops/README.md', 'dev/README.md'], "the linking file's own folder wins"],
    ['README', 'other/x.md', 'dev/README.md', ['dev/README.md', 'ops/README.md'], 'else the shortest path, then alphabetical'],
    ['readme', 'ops/x.md', 'ops/README.md', ['ops/README.md', 'dev/README.md'], 'case does not matter'],
    ['deployment-strategy', 'x.md', 'strategy/deployment-strategy.md', undefined, 'a unique name anywhere in the vault'],
    ['deployment-strategy.md', 'x.md', 'strategy/deployment-strategy.md', undefined, '.md is optional'],
    ['/strategy/deployment-strategy', 'x.md', 'strategy/deployment-strategy.md', undefined, 'a vault-absolute path'],
    ['../strategy/deployment-strategy', 'runbooks/rollback.md', 'strategy/deployment-strategy.md', undefined, 'a relative path'],
    ['Rollback Runbook', 'x.md', 'runbooks/rollback.md', undefined, 'an alias'],
    ['flow.svg', 'x.md', 'attachments/flow.svg', undefined, 'an attachment by its full name'],
    ['Flow Chart.png', 'x.md', 'attachments/Flow Chart.png', undefined, 'names with spaces'],
    ['', 'runbooks/rollback.md', 'runbooks/rollback.md', undefined, 'a same-file link'],
  ])('[[%s]] from %s → %s', (target, from, path, candidates) => {
    const resolution = index.resolve(target, from);
    expect(resolution.path).toBe(path);
    expect(resolution.candidates).toEqual(candidates);
  });

  it('a Markdown link resolves relative to its file first, then vault-wide', () => {
    expect(index.resolve('My Note.md', 'spaces/index.md', { relativeFirst: true }).path).toBe('spaces/My Note.md');
    expect(index.resolve('rollback.md', 'strategy/x.md', { relativeFirst: true }).path).toBe('runbooks/rollback.md');
  });

  it.each<[string, string[], string]>([
    ['Deployment Strategy', ['deployment-strategy'], 'a title instead of the kebab-case file name'],
    ['deployment-strategi', ['deployment-strategy'], 'a typo'],
    ['../../../../etc/passwd', [], 'a path climbing out of the vault'],
    ['completely-unrelated-name', [], 'nothing close'],
  ])('[[%s]] is missing, suggesting %j', (target, suggestions) => {
    const resolution = index.resolve(target, 'runbooks/x.md');
    expect(resolution.path).toBeUndefined();
    expect(resolution.suggestions).toEqual(suggestions);
  });
});

describe('findAnchor', () => {
  const target = doc('t.md', {
    headings: [
      { text: 'Rollback', depth: 1 },
      { text: 'Step 1: Deploy', depth: 2 },
      { text: '🚀 Deployment process', depth: 2 },
      { text: 'Details', depth: 3 },
      { text: 'Other', depth: 2 },
      { text: 'Details', depth: 3 },
    ],
    blockIds: ['rollback-rule'],
  });

  it.each([
    ['Rollback', true],
    ['rollback', true],
    ['Step 1 Deploy', true],
    ['Step 1: Deploy', true],
    ['🚀 Deployment process', true],
    ['Other#Details', true],
    ['Rollback#Other#Details', true],
    ['Details#Other', false],
    ['Steps', false],
    ['^rollback-rule', true],
    ['^ROLLBACK-RULE', true],
    ['^rollback', false],
  ] as const)('#%s → %s', (anchor, found) => {
    expect(findAnchor(target, anchor).found).toBe(found);
  });

  it('accepts GitHub slugs only for Markdown links', () => {
    expect(findAnchor(target, 'step-1-deploy', { slugs: true }).found).toBe(true);
    expect(findAnchor(target, 'step-1-deploy').found).toBe(false);
  });

  it('suggests close headings', () => {
    expect(findAnchor(target, 'Rolback').suggestions).toContain('Rollback');
  });
});
