/**
 * Rename through `shipshape mv`'s plan: a doc from a link to it (file renamed, links vault-wide rewritten, minimal
 * edits), a heading from its line or an anchor, a block id from `^id` or `#^id`, and mv's refusals as errors.
 *
 * In: cursor on `[[deploy]]`, new name `rollout` → deploy.md renamed to rollout.md, `[[deploy]]` → `[[rollout]]` everywhere
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ResponseError, type TextDocumentEdit } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { prepareRename, rename, renameFile } from '../../src/lsp/rename.ts';
import { applyWorkspaceEdit, positionOf, refactorVault } from './refactor-vault.ts';

describe('rename a doc', () => {
  it('renames the file a link reaches and rewrites every link to it, with minimal edits and the rename last', async () => {
    const a = 'See [[deploy]] and [[deploy#Steps|the steps]].\n\nLong text that stays.\n';
    const v = await refactorVault({
      'a.md': a,
      'ops/b.md': 'Read [it](../deploy.md#steps) first.\n',
      'deploy.md': '# Deploy\n\n## Steps\n\nSee [[a]].\n',
      'other.md': '[[a]]\n',
    });
    const position = positionOf(a, '[[deploy]]', 3);
    expect(prepareRename(v.state, 'a.md', a, position)).toEqual({
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 14 } },
      placeholder: 'deploy',
    });
    const edit = await rename(v.state, 'a.md', a, position, 'rollout');
    const changes = edit.documentChanges!;
    expect(changes.at(-1)).toMatchObject({ kind: 'rename', oldUri: expect.stringMatching(/content\/deploy\.md$/), newUri: expect.stringMatching(/content\/rollout\.md$/) });
    const aEdit = changes.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri.endsWith('/a.md'))!;
    expect(aEdit.edits).toEqual([
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 14 } }, newText: '[[rollout]]' },
      { range: { start: { line: 0, character: 19 }, end: { line: 0, character: 45 } }, newText: '[[rollout#Steps|the steps]]' },
    ]);
    applyWorkspaceEdit(edit);
    expect(v.read('a.md')).toBe('See [[rollout]] and [[rollout#Steps|the steps]].\n\nLong text that stays.\n');
    expect(v.read('ops/b.md')).toBe('Read [it](../rollout.md#steps) first.\n');
    expect(v.read('rollout.md')).toBe('# Deploy\n\n## Steps\n\nSee [[a]].\n');
    expect(existsSync(join(v.contentDir, 'deploy.md'))).toBe(false);
    expect(changes.some((c) => 'textDocument' in c && c.textDocument.uri.endsWith('/other.md'))).toBe(false);
  });

  it('reads a new name with / as a vault path, and the open doc from its unsaved text', async () => {
    const unsaved = '# A\n\nNow with [x](deploy.md).\n';
    const v = await refactorVault({ 'a.md': '# A\n', 'deploy.md': '# Deploy\n' }, {}, { 'a.md': unsaved });
    const edit = await rename(v.state, 'a.md', unsaved, positionOf(unsaved, '[x]'), 'runbooks/deploy');
    expect(edit.documentChanges).toEqual([
      {
        textDocument: { uri: expect.stringMatching(/\/a\.md$/), version: null },
        edits: [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 23 } }, newText: '[x](runbooks/deploy.md)' }],
      },
      { kind: 'rename', oldUri: expect.stringMatching(/\/content\/deploy\.md$/), newUri: expect.stringMatching(/\/content\/runbooks\/deploy\.md$/), options: { overwrite: false, ignoreIfExists: false } },
    ]);
  });

  it('edits another open doc against its unsaved text, not the disk’s', async () => {
    const a = '[x](deploy.md)\n';
    const unsaved = '# B\n\nNew line above. [d](deploy.md)\n';
    const v = await refactorVault({ 'a.md': a, 'b.md': '# B\n', 'deploy.md': '# D\n' }, {}, { 'b.md': unsaved });
    const edit = await rename(v.state, 'a.md', a, positionOf(a, 'deploy'), 'ops/deploy');
    const b = edit.documentChanges!.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri.endsWith('/b.md'))!;
    expect(b.edits).toEqual([{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 30 } }, newText: '[d](ops/deploy.md)' }]);
  });

  it('reads a new name ending in / as a folder to move into, keeping the file name', async () => {
    const a = '[x](deploy.md)\n';
    const v = await refactorVault({ 'a.md': a, 'deploy.md': '# D\n' });
    applyWorkspaceEdit(await rename(v.state, 'a.md', a, positionOf(a, 'deploy'), 'ops/runbooks/'));
    expect(v.read('a.md')).toBe('[x](ops/runbooks/deploy.md)\n');
    expect(v.read('ops/runbooks/deploy.md')).toBe('# D\n');
  });

  it('moves the renamed file’s baseline entries in the same edit', async () => {
    const baseline = `{\n  "version": 1,\n  "entries": [\n    {"file":"deploy.md","rule":"broken-link","fingerprint":"0123456789abcdef","message":"Unresolved wikilink [[gone]]: no file \`gone\` in the vault","text":"[[gone]]"}\n  ]\n}\n`;
    const a = '[[deploy]]\n';
    const v = await refactorVault({ 'a.md': a, 'deploy.md': '[[gone]]\n' }, { 'shipshape-baseline.json': baseline });
    const edit = await rename(v.state, 'a.md', a, positionOf(a, '[[deploy'), 'rollout');
    applyWorkspaceEdit(edit);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(v.root, 'shipshape-baseline.json'), 'utf8')).toBe(baseline.replace('"file":"deploy.md"', '"file":"rollout.md"'));
    const baselineEdit = edit.documentChanges!.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri.endsWith('shipshape-baseline.json'))!;
    expect(baselineEdit.edits).toHaveLength(1);
    expect(baselineEdit.edits[0]!.range.start.line).toBe(3);
    expect(baselineEdit.edits[0]).toMatchObject({ newText: 'rollout' });
  });

  it('refuses where shipshape mv refuses', async () => {
    const a = '[[deploy]] [[missing]] [[rollback]]\n';
    const v = await refactorVault({ 'a.md': a, 'deploy.md': '# D\n', 'Rollout.md': '# R\n', 'rollback.md': '# R\n' });
    const at = (marker: string) => positionOf(a, marker, 2);
    const cases: Array<[string, string, RegExp]> = [
      ['[[deploy', 'rollout', /Rollout\.md already exists \(the name differs only in case/],
      ['[[deploy', 'rollback.md', /rollback\.md already exists$/],
      ['[[deploy', 'a#b', /a link cannot name a file with # \| \^ \[ or \]/],
      ['[[deploy', '../outside', /is not a path inside the vault/],
      ['[[deploy', 'deploy', /deploy\.md is already there/],
      ['[[missing', 'x', /\[\[missing\]\] reaches no file/],
    ];
    for (const [marker, name, message] of cases) {
      const error = await rename(v.state, 'a.md', a, at(marker), name).catch((e: unknown) => e);
      expect(error, `${marker} → ${name}`).toBeInstanceOf(ResponseError);
      expect((error as ResponseError<unknown>).message).toMatch(message);
    }
    expect(prepareRename(v.state, 'a.md', a, { line: 1, character: 0 })).toBeNull();
  });

  it('from a wikilink in a frontmatter value, which is rewritten too', async () => {
    const a = '---\ntitle: A\nrelated: ["[[deploy]]", "[[deploy#Steps]]"]\n---\n# A\n';
    const v = await refactorVault({ 'a.md': a, 'deploy.md': '# Deploy\n\n## Steps\n', 'b.md': '[d](deploy.md)\n' });
    expect(prepareRename(v.state, 'a.md', a, positionOf(a, 'deploy'))?.placeholder).toBe('deploy');
    expect(prepareRename(v.state, 'a.md', a, positionOf(a, 'Steps'))?.placeholder).toBe('Steps');
    applyWorkspaceEdit(await rename(v.state, 'a.md', a, positionOf(a, 'deploy'), 'ops/rollout'));
    expect(v.read('a.md')).toBe('---\ntitle: A\nrelated: ["[[rollout]]", "[[rollout#Steps]]"]\n---\n# A\n');
    expect(v.read('b.md')).toBe('[d](ops/rollout.md)\n');
  });

  it('renames an attachment from an embed, its extension kept when the new name has none', async () => {
    const a = '![[flow.svg|300]] and [diagram](img/flow.svg)\n';
    const v = await refactorVault({ 'a.md': a, 'img/flow.svg': '<svg/>' });
    const position = positionOf(a, 'flow.svg');
    expect(prepareRename(v.state, 'a.md', a, position)?.placeholder).toBe('flow.svg');
    applyWorkspaceEdit(await rename(v.state, 'a.md', a, position, 'rollout-flow'));
    expect(v.read('a.md')).toBe('![[rollout-flow.svg|300]] and [diagram](img/rollout-flow.svg)\n');
    expect(v.read('img/rollout-flow.svg')).toBe('<svg/>');
  });

  it('counts ranges in UTF-16 code units on CRLF lines, as LSP does', async () => {
    const a = '# 🚀 Launch\r\n\r\n🚀🚀 [[deploy]]\r\n';
    const v = await refactorVault({ 'a.md': a, 'deploy.md': '# D\n', 'b.md': '[x](deploy.md)\n' });
    const edit = await rename(v.state, 'a.md', a, { line: 2, character: 7 }, 'runbooks/deploy');
    expect(edit.documentChanges![0]).toMatchObject({ textDocument: { uri: expect.stringMatching(/\/b\.md$/) } });
    const own = await prepareRename(v.state, 'a.md', a, { line: 2, character: 7 });
    expect(own?.range).toEqual({ start: { line: 2, character: 5 }, end: { line: 2, character: 15 } });
  });

  it('refuses a file that is not UTF-8, or that changed since the analysis, with a RequestFailed error', async () => {
    const a = '[[deploy]]\n';
    const v = await refactorVault({ 'a.md': a, 'deploy.md': '# D\n', 'b.md': '[x](deploy.md)\n' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(v.contentDir, 'b.md'), Buffer.from([0x5b, 0x78, 0x5d, 0x28, 0x64, 0x65, 0x70, 0x6c, 0x6f, 0x79, 0x2e, 0x6d, 0x64, 0x29, 0xff, 0x0a]));
    const invalid = (await rename(v.state, 'a.md', a, positionOf(a, 'deploy'), 'ops/deploy').catch((e: unknown) => e)) as ResponseError<unknown>;
    expect(invalid.message).toBe('b.md is not valid UTF-8: rewriting it would change other bytes');
    expect(invalid.code).toBe(-32803);
    writeFileSync(join(v.contentDir, 'b.md'), 'Moved on: [x](deploy.md)\n');
    const stale = (await rename(v.state, 'a.md', a, positionOf(a, 'deploy'), 'ops/deploy').catch((e: unknown) => e)) as ResponseError<unknown>;
    expect(stale.message).toMatch(/^b\.md changed since it was checked/);
  });

  it('gives the editor’s own file rename (willRenameFiles) the link rewrites, without a second rename', async () => {
    const v = await refactorVault({ 'a.md': '[[deploy]] [d](deploy.md)\n', 'deploy.md': '# D\n' });
    const edit = await renameFile(v.state, 'deploy.md', 'ops/rollout.md');
    expect(edit.documentChanges!.every((c) => 'textDocument' in c)).toBe(true);
    applyWorkspaceEdit(edit);
    expect(v.read('a.md')).toBe('[[rollout]] [d](ops/rollout.md)\n');
  });

  it('gives willRenameFiles the rewrites for an attachment and for a folder, and none for a path the vault does not know', async () => {
    const v = await refactorVault({
      'a.md': '![[img/flow.svg]] [r](ops/run/rollback.md) [[rollback]]\n',
      'img/flow.svg': '<svg/>',
      'ops/run/rollback.md': 'Back to [a](../../a.md).\n',
      'rollback.md': '# Another rollback\n',
    });
    const image = await renameFile(v.state, 'img/flow.svg', 'img/rollout.svg');
    expect(image.documentChanges).toHaveLength(1);
    const folder = await renameFile(v.state, 'ops', 'runbooks');
    applyWorkspaceEdit(folder);
    expect(v.read('a.md')).toBe('![[img/flow.svg]] [r](runbooks/run/rollback.md) [[rollback]]\n');
    expect(v.read('ops/run/rollback.md')).toBe('Back to [a](../../a.md).\n');
    expect(await renameFile(v.state, 'nowhere', 'elsewhere')).toEqual({ documentChanges: [] });
    const into = (await renameFile(v.state, 'ops', 'ops/inner').catch((e: unknown) => e)) as ResponseError<unknown>;
    expect(into.message).toBe('ops cannot move into itself (ops/inner)');
  });
});

describe('rename a heading', () => {
  it('from its line: the heading text and every anchor to it, vault-wide, as mv does', async () => {
    const doc = '# Deploy\n\n## Old steps\n\nSee [[#Old steps]].\n';
    const v = await refactorVault({ 'deploy.md': doc, 'a.md': '[[deploy#Old steps|s]] [x](deploy.md#old-steps) [[deploy#Deploy]]\n' });
    const position = positionOf(doc, 'Old steps', 2);
    expect(prepareRename(v.state, 'deploy.md', doc, position)).toEqual({ range: { start: { line: 2, character: 3 }, end: { line: 2, character: 12 } }, placeholder: 'Old steps' });
    applyWorkspaceEdit(await rename(v.state, 'deploy.md', doc, position, 'New steps'));
    expect(v.read('deploy.md')).toBe('# Deploy\n\n## New steps\n\nSee [[#New steps]].\n');
    expect(v.read('a.md')).toBe('[[deploy#New steps|s]] [x](deploy.md#new-steps) [[deploy#Deploy]]\n');
  });

  it('from an anchor in another doc, and refuses a name another heading has', async () => {
    const a = 'See [[deploy#Steps]].\n';
    const v = await refactorVault({ 'deploy.md': '# Deploy\n\n## Steps\n\n## Checks\n', 'a.md': a });
    const position = positionOf(a, 'Steps');
    expect(prepareRename(v.state, 'a.md', a, position)?.placeholder).toBe('Steps');
    const error = await rename(v.state, 'a.md', a, position, 'checks').catch((e: unknown) => e);
    expect((error as ResponseError<unknown>).message).toBe('deploy.md already has a heading "Checks": links to either would be ambiguous');
    expect((await rename(v.state, 'a.md', a, position, '  ').catch((e: unknown) => e)) as ResponseError<unknown>).toBeInstanceOf(ResponseError);
    applyWorkspaceEdit(await rename(v.state, 'a.md', a, position, '## Rollout steps'));
    expect(v.read('deploy.md')).toBe('# Deploy\n\n## Rollout steps\n\n## Checks\n');
    expect(v.read('a.md')).toBe('See [[deploy#Rollout steps]].\n');
  });

  it('in a nested anchor, the part under the cursor', async () => {
    const a = '[[deploy#Part#Step]]\n';
    const v = await refactorVault({ 'deploy.md': '# Part\n\n## Step\n', 'a.md': a });
    expect(prepareRename(v.state, 'a.md', a, positionOf(a, 'Part', 1))?.placeholder).toBe('Part');
    expect(prepareRename(v.state, 'a.md', a, positionOf(a, 'Step', 1))?.placeholder).toBe('Step');
    applyWorkspaceEdit(await rename(v.state, 'a.md', a, positionOf(a, 'Part', 1), 'Phase'));
    expect(v.read('a.md')).toBe('[[deploy#Phase#Step]]\n');
    expect(v.read('deploy.md')).toBe('# Phase\n\n## Step\n');
  });
});

describe('rename a block id', () => {
  it('from ^id: the id and every #^id to it, any case, and not a same-named id elsewhere', async () => {
    const doc = 'The rollback threshold is 2%. ^threshold\n\nSee [[#^threshold]].\n';
    const v = await refactorVault({
      'deploy.md': doc,
      'a.md': '![[deploy#^Threshold]] [x](deploy.md#^threshold) [[other#^threshold]]\n',
      'other.md': 'Other. ^threshold\n',
    });
    const position = positionOf(doc, '^threshold', 3);
    expect(prepareRename(v.state, 'deploy.md', doc, position)).toEqual({ range: { start: { line: 0, character: 30 }, end: { line: 0, character: 40 } }, placeholder: 'threshold' });
    applyWorkspaceEdit(await rename(v.state, 'deploy.md', doc, position, 'error-budget'));
    expect(v.read('deploy.md')).toBe('The rollback threshold is 2%. ^error-budget\n\nSee [[#^error-budget]].\n');
    expect(v.read('a.md')).toBe('![[deploy#^error-budget]] [x](deploy.md#^error-budget) [[other#^threshold]]\n');
    expect(v.read('other.md')).toBe('Other. ^threshold\n');
  });

  it('from a #^id link, and refuses an id that is no id or that the doc has', async () => {
    const a = '[[deploy#^one]]\n';
    const v = await refactorVault({ 'deploy.md': 'One. ^one\n\nTwo. ^two\n', 'a.md': a });
    const position = positionOf(a, '^one', 1);
    for (const [name, message] of [['two', /already has a block \^two/], ['has space', /is no block id/]] as const) {
      const error = await rename(v.state, 'a.md', a, position, name).catch((e: unknown) => e);
      expect((error as ResponseError<unknown>).message).toMatch(message);
    }
    applyWorkspaceEdit(await rename(v.state, 'a.md', a, position, '^first'));
    expect(v.read('deploy.md')).toBe('One. ^first\n\nTwo. ^two\n');
    expect(v.read('a.md')).toBe('[[deploy#^first]]\n');
  });
});
