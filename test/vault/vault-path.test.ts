import { describe, expect, it } from 'vitest';
import { fileName, folderOf, isVaultPath, stem, vaultPath, vaultPathOf, withoutMd } from '../../src/vault/vault-path.ts';

const tables: Array<[string, (path: string) => string, Array<[string, string]>]> = [
  ['folderOf', folderOf, [
    ['runbooks/db/Failover.md', 'runbooks/db'],
    ['runbooks/Rollback.md', 'runbooks'],
    ['index.md', ''],
    ['runbooks', ''],
    ['', ''],
  ]],
  ['fileName', fileName, [
    ['runbooks/db/Failover.md', 'Failover.md'],
    ['index.md', 'index.md'],
    ['attachments/flow #1.png', 'flow #1.png'],
    ['', ''],
  ]],
  ['stem', stem, [
    ['runbooks/db/Failover.md', 'Failover'],
    ['Notes/READ ME.MD', 'READ ME'],
    ['v1.2 notes.md', 'v1.2 notes'],
    ['attachments/flow.png', 'flow.png'],
    ['a.md/b', 'b'],
    ['b.md.md', 'b.md'],
  ]],
  ['withoutMd', withoutMd, [
    ['runbooks/Rollback.md', 'runbooks/Rollback'],
    ['Runbooks/Rollback.Md', 'Runbooks/Rollback'],
    ['runbooks.md/flow.png', 'runbooks.md/flow.png'],
    ['markdown', 'markdown'],
  ]],
];

describe.each(tables)('%s', (_, helper, table) => {
  it.each(table)('%j → %j', (input, expected) => {
    expect(helper(input)).toBe(expected);
  });
});

describe('isVaultPath', () => {
  it.each([
    ['runbooks/Rollback.md', true],
    ['Übersicht/Café.md', true],
    ['a\\b.md', true],
    ['', true],
    ['/runbooks/Rollback.md', false],
    ['runbooks/', false],
    ['runbooks//Rollback.md', false],
    ['./Rollback.md', false],
    ['runbooks/../Rollback.md', false],
  ])('%j → %j', (input, expected) => {
    expect(isVaultPath(input)).toBe(expected);
  });

  it('vaultPath passes a vault path through and throws on anything else', () => {
    expect(vaultPath('runbooks/Rollback.md')).toBe('runbooks/Rollback.md');
    expect(() => vaultPath('../secrets.md')).toThrow('Not a vault path: "../secrets.md"');
  });
});

describe('vaultPathOf', () => {
  it.each([
    ['/p/content/ops/deploy.md', 'ops/deploy.md'],
    ['/p/content', ''],
    ['/p/content/..notes.md', '..notes.md'],
    ['/p/x.md', undefined],
    ['/p/content-other/a.md', undefined],
    ['/elsewhere/a.md', undefined],
  ])('%s → %s', (absolute, expected) => {
    expect(vaultPathOf('/p/content', absolute)).toBe(expected);
  });
});
