/**
 * The editor's rename and `shipshape mv` are one operation: the same vault renamed both ways (a doc to a new name in
 * another folder, a heading) ends up byte for byte the same, baseline included. The CLI run writes through
 * `src/vault/move-files.ts`; the LSP edit is applied as a client applies it.
 *
 * In: `shipshape mv content/ops/deploy.md content/runbooks/shipping.md` ≡ rename at `[[deploy]]` to `runbooks/shipping`
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/vault/config.ts';
import { analyzeVault } from '../../src/pipeline/check-vault.ts';
import { rename } from '../../src/lsp/rename.ts';
import { runCli, snapshot, spawnTimeout } from '../cli/run-cli.ts';
import { applyWorkspaceEdit, positionOf, refactorVault } from './refactor-vault.ts';

const files = {
  'ops/deploy.md': [
    '---',
    'title: Deploy',
    'image: img/flow.svg',
    'aliases: [Shipping]',
    '---',
    '# Deploy',
    '',
    '## Old steps',
    '',
    'Step one ^b1',
    '',
    'Back to [rollback](../notes/rollback.md#top), [[rollback]], ![flow](../img/flow.svg), [[#Old steps|here]].',
    '',
  ].join('\n'),
  'notes/rollback.md': [
    '---',
    'title: Rollback',
    'related: "[[deploy#Old steps]]"',
    '---',
    '# Top',
    '',
    'Short [[deploy]], aliased [[deploy#Old steps|the steps]], block [[deploy#^b1]], embed ![[deploy]], by alias [[Shipping]].',
    'Path [[ops/deploy]], absolute [[/ops/deploy.md|abs]], Markdown [md](../ops/deploy.md#old-steps), vault-absolute [va](/ops/deploy.md).',
    'Encoded [enc](../ops/deploy.md#Old%20steps), angled [ang](<../ops/deploy.md>).',
    'Code `[[deploy]]` and a comment %% [[deploy]] %% stay; a broken [[nowhere]] stays broken.',
    '',
    '[ref]: ../ops/deploy.md "Deploy"',
    '',
  ].join('\n'),
  'notes/deep/c.md': '---\ntitle: C\n---\n# C\r\n\r\nCRLF [[ops/deploy#Old steps]] and [up](../../ops/deploy.md).\r\n',
  'archive/shipping-notes.md': '---\ntitle: Notes\n---\n# Notes\n\nSee [[deploy]] and [[deploy#Old step]].\n',
  'img/flow.svg': '<svg/>',
};

/** A known problem of the doc that moves: the baseline entry moves with it, both ways. */
const baseline = {
  'shipshape-baseline.json': `{\n  "version": 1,\n  "entries": [\n    {"file":"archive/shipping-notes.md","rule":"broken-anchor","fingerprint":"0000000000000000","message":"m","text":"[[deploy#Old step]]"},\n    {"file":"ops/deploy.md","rule":"missing-owner","fingerprint":"0123456789abcdef","message":"Missing owner","text":"---"}\n  ]\n}\n`,
};

/** The same project twice: one for the CLI, one for the editor. */
async function twins() {
  const lsp = await refactorVault(files, baseline);
  const cli = mkdtempSync(join(tmpdir(), 'shipshape-mv-twin-'));
  cpSync(lsp.root, cli, { recursive: true });
  return { lsp, cli };
}

describe('rename ≡ shipshape mv', () => {
  it('a doc renamed into another folder', async () => {
    const { lsp, cli } = await twins();
    const run = await runCli(['mv', 'content/ops/deploy.md', 'content/runbooks/shipping.md'], { cwd: cli });
    expect(run.stderr).toBe('');
    const text = lsp.read('notes/rollback.md');
    applyWorkspaceEdit(await rename(lsp.state, 'notes/rollback.md', text, positionOf(text, 'Short [[deploy', 8), 'runbooks/shipping'));
    expect(snapshot(lsp.root)).toEqual(snapshot(cli));
    expect(lsp.read('notes/rollback.md')).toContain('Path [[runbooks/shipping]]');
    expect(readFileSync(join(lsp.root, 'shipshape-baseline.json'), 'utf8')).toContain('{"file":"runbooks/shipping.md","rule":"missing-owner"');
  }, spawnTimeout);

  it('a heading renamed', async () => {
    const { lsp, cli } = await twins();
    const run = await runCli(['mv', 'content/ops/deploy.md#Old steps', 'Rollout steps'], { cwd: cli });
    expect(run.stderr).toBe('');
    const text = lsp.read('ops/deploy.md');
    applyWorkspaceEdit(await rename(lsp.state, 'ops/deploy.md', text, positionOf(text, '## Old steps', 4), 'Rollout steps'));
    expect(snapshot(lsp.root)).toEqual(snapshot(cli));
    // No anchor broke but the one that was broken before.
    const after = await analyzeVault({ config: await loadConfig({ cwd: lsp.root }), cacheDir: false });
    expect(after.result.diagnostics.filter((d) => d.rule === 'broken-anchor').map((d) => d.file)).toEqual(['archive/shipping-notes.md']);
  }, spawnTimeout);
});
