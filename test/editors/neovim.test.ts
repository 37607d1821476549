/**
 * End to end with a real editor: headless Neovim (0.7, Debian 12's; `scripts/ensure-test-tools.sh` installs it before
 * `npm test`) runs its built-in LSP client against `shipshape lsp`, set up with the Neovim 0.7 snippet of
 * docs/commands.md itself (its `npx shipshape` made this repository's), driven by test/editors/neovim-init.lua on a
 * temp vault: diagnostics, completion, go to definition and a rename whose files the test reads back from disk.
 *
 * In: index.md with `[[deployment-strategy]]` and `[[missing-page]]`, renamed from the link to `rollout-strategy`
 * Out: a broken-link diagnostic on line 5, `deployment-strategy` offered at `[[dep`, runbooks/rollout-strategy.md on disk
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempVault } from '../helpers/temp-vault.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Neovim's version line, or a failure saying how to get it: a missing editor fails the test, it never skips it. */
function neovimVersion(): string {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
  } catch (error) {
    throw new Error(`nvim is missing (${String(error)}): run scripts/ensure-test-tools.sh, or apt-get install -y neovim`);
  }
}

/** The docs' Neovim 0.7 setup, starting the server of this repository with this Node instead of `npx shipshape`. */
function documentedSetup(): string {
  const docs = readFileSync(join(repo, 'docs/commands.md'), 'utf8');
  const snippet = /Neovim 0\.7 \(Debian 12\)[^\n]*\n\n```lua\n([\s\S]*?)```/.exec(docs)?.[1];
  const npx = "cmd = { 'npx', 'shipshape', 'lsp', '--stdio' }";
  if (!snippet?.includes(npx)) throw new Error(`docs/commands.md has no Neovim 0.7 snippet with ${npx}`);
  return snippet.replace(npx, `cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(join(repo, 'src/cli/bin.mjs'))}, 'lsp', '--stdio' }`);
}

interface Session {
  error?: string;
  diagnostics: { lnum: number; col: number; code: string; message: string; source: string }[];
  completion: string[];
  definition: string;
  renamed: boolean;
}

describe('Neovim’s built-in LSP client', () => {
  it('shows diagnostics, completes, goes to definition and renames a doc through `shipshape lsp`', () => {
    expect(neovimVersion()).toMatch(/^NVIM v0\.\d+/);
    const index = '# Home\n\nRead [[deployment-strategy]] before a release.\n\nSee [[missing-page]].\n';
    const root = tempVault({
      'content/index.md': index,
      'content/runbooks/deployment-strategy.md': '# Deployment strategy\n\nCanary first.\n',
      'content/runbooks/rollback.md': '# Rollback\n\nUndo what [[deployment-strategy]] did.\n',
    });
    const out = join(root, 'session.json');
    const setup = join(root, 'setup.lua');
    writeFileSync(setup, documentedSetup());
    const nvim = spawnSync('nvim', ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', join(repo, 'test/editors/neovim-init.lua'), 'content/index.md'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        // Keep the user's Neovim config, plugins and logs out of it.
        XDG_CONFIG_HOME: join(root, '.config'),
        XDG_DATA_HOME: join(root, '.data'),
        XDG_STATE_HOME: join(root, '.state'),
        XDG_CACHE_HOME: join(root, '.cache'),
        SHIPSHAPE_SETUP: setup,
        SHIPSHAPE_OUT: out,
      },
    });
    expect(existsSync(out), `Neovim wrote no results (exit ${nvim.status}, ${nvim.error ?? ''}):\n${nvim.stdout}\n${nvim.stderr}`).toBe(true);
    const session = JSON.parse(readFileSync(out, 'utf8')) as Session;
    expect(session.error).toBeUndefined();

    expect(session.diagnostics).toContainEqual(expect.objectContaining({ lnum: 4, col: 4, code: 'broken-link', source: 'shipshape' }));
    expect(session.diagnostics.every((d) => d.lnum === 4)).toBe(true);
    expect(session.completion).toContain('deployment-strategy');
    expect(session.definition).toBe(pathToFileURL(join(root, 'content/runbooks/deployment-strategy.md')).href);

    expect(session.renamed).toBe(true);
    const content = join(root, 'content');
    expect(existsSync(join(content, 'runbooks/deployment-strategy.md'))).toBe(false);
    expect(readFileSync(join(content, 'runbooks/rollout-strategy.md'), 'utf8')).toBe('# Deployment strategy\n\nCanary first.\n');
    expect(readFileSync(join(content, 'index.md'), 'utf8')).toBe(index.replace('[[deployment-strategy]]', '[[rollout-strategy]]'));
    expect(readFileSync(join(content, 'runbooks/rollback.md'), 'utf8')).toBe('# Rollback\n\nUndo what [[rollout-strategy]] did.\n');
  }, 120_000);
});
