import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/vault/config.ts';
import { scanVault } from '../../src/vault/scan.ts';
import { isTemplatePath, templateFolders } from '../../src/vault/templates.ts';
import { tempVault } from '../helpers/temp-vault.ts';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = tempVault(files);
  temps.push(dir);
  return dir;
}

describe('scanVault', () => {
  it('finds docs and attachments, skipping dot-folders, node_modules and ignored globs', async () => {
    const dir = tree({
      'index.md': '#',
      'runbooks/rollback.md': '#',
      'attachments/flow.svg': '<svg/>',
      'attachments/plan.pdf': '%PDF',
      '.obsidian/workspace.md': '#',
      '.git/HEAD.md': '#',
      '.trash/old.md': '#',
      'node_modules/pkg/readme.md': '#',
      'drafts/wip.md': '#',
      'README.MD': '#',
    });
    const scan = await scanVault(dir, ['drafts/**']);
    expect(scan.docs).toStrictEqual(['README.MD', 'index.md', 'runbooks/rollback.md']);
    expect(scan.attachments).toStrictEqual(['attachments/flow.svg', 'attachments/plan.pdf']);
    expect(scan.problems).toStrictEqual([]);
  });

  it('follows a symlink inside the vault, never one out of it', async () => {
    const outside = tree({ 'secret.md': '# Secret' });
    const dir = tree({ 'a.md': '#' });
    symlinkSync(join(dir, 'a.md'), join(dir, 'alias.md'));
    symlinkSync(join(outside, 'secret.md'), join(dir, 'leak.md'));
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));
    const scan = await scanVault(dir);
    expect(scan.docs).toStrictEqual(['a.md', 'alias.md']);
    expect(scan.problems.map((p) => `${p.path}: ${p.message.replace(/\(.*\)/, '(…)')}`)).toStrictEqual([
      'dangling.md: Broken symlink: its target does not exist',
      'leak.md: Symlink points outside the vault (…); not followed',
    ]);
  });
});

describe('template folders', () => {
  it.each([
    ['Obsidian core Templates settings', { '.obsidian/templates.json': '{"folder": "Meta/Templates"}' }, ['meta/templates']],
    ['Templater settings', { '.obsidian/plugins/templater-obsidian/data.json': '{"templates_folder": "_tpl/"}' }, ['_tpl']],
    ['no settings: detect by name', {}, undefined],
    ['broken settings JSON: detect by name', { '.obsidian/templates.json': '{' }, undefined],
  ] as const)('%s', async (_, files, expected) => {
    expect(await templateFolders(tree(files), undefined)).toStrictEqual(expected);
  });

  it('the config wins over Obsidian settings', async () => {
    expect(await templateFolders(tree({ '.obsidian/templates.json': '{"folder": "x"}' }), ['Mine/'])).toStrictEqual(['mine']);
  });

  it.each([
    ['templates/runbook.md', undefined, true],
    ['ops/_templates/runbook.md', undefined, true],
    ['templates.md', undefined, false],
    ['ops/my-templates/a.md', undefined, false],
    ['Meta/Templates/a.md', ['meta/templates'], true],
    ['templates/a.md', ['meta/templates'], false],
  ] as const)('%s in %j → %s', (path, folders, expected) => {
    expect(isTemplatePath(path, folders)).toBe(expected);
  });
});

describe('loadConfig', () => {
  it('precedence: --content, then SHIPSHAPE_CONTENT, then the config, then content/', async () => {
    const dir = tree({ 'a/x.md': '', 'b/x.md': '', 'c/x.md': '', 'content/x.md': '', 'shipshape.config.json': '{"content": "c"}' });
    expect((await loadConfig({ cwd: dir, content: 'a', env: { SHIPSHAPE_CONTENT: 'b' } })).contentDir).toBe(join(dir, 'a'));
    expect((await loadConfig({ cwd: dir, env: { SHIPSHAPE_CONTENT: 'b' } })).contentDir).toBe(join(dir, 'b'));
    expect((await loadConfig({ cwd: dir, env: {} })).contentDir).toBe(join(dir, 'c'));
    rmSync(join(dir, 'shipshape.config.json'));
    expect((await loadConfig({ cwd: dir, env: {} })).contentDir).toBe(join(dir, 'content'));
  });

  it('reads a TypeScript config', async () => {
    const dir = tree({
      'vault/x.md': '',
      'shipshape.config.ts': "const config: { content: string; rules: Record<string, string> } = { content: 'vault', rules: { 'stale-doc': 'warn' } };\nexport default config;\n",
    });
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.contentDir).toBe(join(dir, 'vault'));
    expect(config.rules).toStrictEqual({ 'stale-doc': 'warn' });
  });

  it('resolves schema paths from the config folder and hashes the config', async () => {
    const dir = tree({ 'content/x.md': '', 'shipshape.config.json': '{"schemas": {"types": {"runbook": "s/runbook.json"}, "default": null}}' });
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.docSchemas).toStrictEqual({ runbook: join(dir, 's/runbook.json') });
    expect(config.defaultDocSchema).toBeUndefined();
    const other = await loadConfig({ cwd: dir, env: {}, content: 'content' });
    expect(other.hash).toBe(config.hash);
  });

  it.each([
    ['an unknown key', '{"contnet": "x"}', /Invalid config/],
    ['a bad severity', '{"rules": {"broken-link": "fatal"}}', /Invalid config/],
    ['broken JSON', '{', /Cannot read config/],
  ])('rejects %s', async (_, json, message) => {
    const dir = tree({ 'content/x.md': '', 'shipshape.config.json': json });
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(message);
  });
});
