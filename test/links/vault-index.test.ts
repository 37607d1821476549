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

describe('names in either Unicode form (macOS saves NFD, editors type NFC)', () => {
  const nfc = (text: string) => text.normalize('NFC');
  const nfd = (text: string) => text.normalize('NFD');
  const name = 'Notiz über Rollback';
  it.each<[string, string, string, string]>([
    // [link form, file form, link, why]
    ['NFC', 'NFD', 'Notiz über Rollback', 'a typed link finds a file saved on macOS'],
    ['NFD', 'NFC', 'Notiz über Rollback', 'a link pasted from macOS finds a file saved elsewhere'],
    ['NFC', 'NFC', 'Notiz über Rollback', 'same form'],
    ['NFD', 'NFD', 'Notiz über Rollback', 'same form, decomposed'],
    ['NFC', 'NFD', 'notiz ÜBER rollback', 'case folds in either form'],
    ['NFC', 'NFD', 'notes/Notiz über Rollback.md', 'a path with the extension'],
    ['NFC', 'NFD', 'Übersicht', 'an alias'],
    ['NFD', 'NFC', 'Diagramm für Überblick.png', 'an attachment'],
  ])('a %s link finds an %s file: [[%s]] (%s)', (linkForm, fileForm, link) => {
    const file = fileForm === 'NFC' ? nfc : nfd;
    const written = linkForm === 'NFC' ? nfc(link) : nfd(link);
    const vault = buildVaultIndex(
      [doc(`notes/${file(name)}.md`, { aliases: [file('Übersicht')] })],
      [`img/${file('Diagramm für Überblick.png')}`],
    );
    const expected = link.endsWith('.png') ? `img/${file('Diagramm für Überblick.png')}` : `notes/${file(name)}.md`;
    expect(vault.resolve(written, 'index.md').path).toBe(expected);
    expect(vault.resolve(written, 'index.md', { relativeFirst: true }).path).toBe(expected);
  });

  it('a missing name in the other form suggests the file as it is saved', () => {
    const vault = buildVaultIndex([doc(`notes/${nfd('Notiz über Rollbak')}.md`)], []);
    expect(vault.resolve(nfc('Notiz über Rollback'), 'index.md').suggestions).toEqual([nfd('Notiz über Rollbak')]);
  });
});
