/**
 * The dev server's site after each kind of save, against the site of a fresh analysis of the same vault: the same
 * pages, HTML, backlinks, diagnostics and health, whichever way the live site got there (the saved pages alone, the
 * model built again from memory, the vault analysed again).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteModel } from '../../src/site/build-site.ts';
import { openLiveSite, type LiveUpdate } from '../../src/site/live-site.ts';
import { loadConfig } from '../../src/vault/config.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const vault = {
  'deploy.md': '---\ntags: [ops]\n---\n# Deploy\n\nShip it. See [[rollback]].\n\n## Steps\n\nMerge, then canary. ^steps\n',
  'rollback.md': '# Rollback\n\nUndo [[deploy#Steps]].\n\n![[deploy#^steps]]\n',
  'notes/index.md': '# Index\n\n- [[deploy]]\n- [[rollback]]\n',
};

async function open(files: Record<string, string> = vault) {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-live-'));
  dirs.push(root);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, 'vault', path)), { recursive: true });
    writeFileSync(join(root, 'vault', path), text);
  };
  writeFileSync(join(root, 'shipshape.config.json'), JSON.stringify({ content: 'vault' }));
  for (const [path, text] of Object.entries(files)) write(path, text);
  const config = await loadConfig({ cwd: root, env: { SHIPSHAPE_CACHE_DIR: join(root, 'cache') } });
  return { root, write, config, live: await openLiveSite(config) };
}

/** What a reader sees of the site: every page as served, and the health page's counts. */
function seen(site: SiteModel) {
  return {
    pages: site.pages.map((page) => ({
      path: page.path,
      title: page.title,
      description: page.description,
      html: page.html,
      backlinks: page.backlinks,
      outgoing: page.outgoing,
      diagnostics: page.diagnostics?.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`),
    })),
    folders: site.folders.map((folder) => folder.docs),
    tags: site.tags.map((tag) => tag.docs),
    health: site.health,
  };
}

async function fresh(config: Awaited<ReturnType<typeof open>>['config']) {
  return seen((await openLiveSite(config)).site);
}

const page = (update: LiveUpdate, path: string) => update.site.pages.find((p) => p.path === path)!;

describe('the live site after a save', () => {
  it('prose typed: only the saved page is made again, and the page that embeds its block shows the new text', async () => {
    const { write, config, live } = await open();
    write('deploy.md', vault['deploy.md'].replace('Merge, then canary.', 'Merge, then a 5% canary. <% tp.date.now() %>'));
    const update = await live.update([{ path: 'deploy.md', kind: 'change' }]);
    expect(update.scope).toBe('pages');
    expect(page(update, 'rollback.md').html).toContain('Merge, then a 5% canary.');
    expect(page(update, 'deploy.md').diagnostics!.map((d) => d.rule)).toContain('templater-placeholder');
    expect(seen(update.site)).toEqual(await fresh(config));
  });

  it('a link added: its page and the backlinks and graph it changes are brought up to date', async () => {
    const { write, config, live } = await open();
    write('notes/index.md', `${vault['notes/index.md']}- [[missing]]\n`);
    write('rollback.md', vault['rollback.md'].replace('Undo', 'Undo ([[notes/index]])'));
    const update = await live.update([
      { path: 'notes/index.md', kind: 'change' },
      { path: 'rollback.md', kind: 'change' },
    ]);
    expect(update.scope).toBe('links');
    expect(page(update, 'notes/index.md').backlinks.map((b) => b.title)).toEqual(['Rollback']);
    expect(page(update, 'notes/index.md').diagnostics!.map((d) => d.rule)).toEqual(['broken-link']);
    expect(seen(update.site)).toEqual(await fresh(config));
  });

  it('a link removed: the page it linked to loses the backlink, and a query over links follows', async () => {
    const { write, config, live } = await open({ ...vault, 'queries.md': '# Queries\n\n```dataview\nLIST FROM [[rollback]]\n```\n' });
    expect(page({ site: live.site } as LiveUpdate, 'queries.md').html).toContain('href="/deploy/"');
    write('deploy.md', vault['deploy.md'].replace(' See [[rollback]].', ''));
    const update = await live.update([{ path: 'deploy.md', kind: 'change' }]);
    expect(update.scope).toBe('links');
    expect(page(update, 'rollback.md').backlinks.map((b) => b.title)).toEqual(['Index']);
    expect(page(update, 'queries.md').html).not.toContain('href="/deploy/"');
    expect(seen(update.site)).toEqual(await fresh(config));
    expect(update.site.graph).toEqual((await openLiveSite(config)).site.graph);
  });

  it('a link to a file no doc used before: the site is built again, and publishes the file', async () => {
    const { write, config, live } = await open({ ...vault, 'img/flow.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    expect(live.site.attachments).toEqual([]);
    write('deploy.md', `${vault['deploy.md']}\n![[flow.svg]]\n`);
    const update = await live.update([{ path: 'deploy.md', kind: 'change' }]);
    expect(update.scope).toBe('site');
    expect(update.site.attachments.map((a) => a.path)).toEqual(['img/flow.svg']);
    expect(seen(update.site)).toEqual(await fresh(config));
  });

  it('a heading renamed: the anchor that named it breaks on the page that links to it', async () => {
    const { write, config, live } = await open();
    write('deploy.md', vault['deploy.md'].replace('## Steps', '## Procedure'));
    const update = await live.update([{ path: 'deploy.md', kind: 'change' }]);
    expect(update.scope).toBe('site');
    expect(page(update, 'rollback.md').diagnostics!.map((d) => d.rule)).toEqual(['broken-anchor']);
    expect(seen(update.site)).toEqual(await fresh(config));
  });

  it('a doc added, then removed: the vault is analysed again', async () => {
    const { root, write, config, live } = await open();
    write('missing.md', '# Missing\n');
    const added = await live.update([{ path: 'missing.md', kind: 'add' }]);
    expect(added.scope).toBe('vault');
    expect(added.site.pages.map((p) => p.path)).toContain('missing.md');
    expect(seen(added.site)).toEqual(await fresh(config));
    rmSync(join(root, 'vault/missing.md'));
    const removed = await live.update([{ path: 'missing.md', kind: 'unlink' }]);
    expect(removed.site.pages.map((p) => p.path)).not.toContain('missing.md');
    expect(seen(removed.site)).toEqual(await fresh(config));
  });

  it('an alias added: what the saves left to the whole cross-file pass shows once it settles', async () => {
    const { write, config, live } = await open({ ...vault, 'notes/index.md': '# Index\n\n[[deploy]] [[go-live]]\n' });
    expect((await live.settle())).toBeUndefined();
    write('deploy.md', vault['deploy.md'].replace('tags: [ops]', 'tags: [ops]\naliases: [go-live]'));
    await live.update([{ path: 'deploy.md', kind: 'change' }]);
    const settled = await live.settle();
    expect(settled?.scope).toBe('site');
    expect(page(settled!, 'notes/index.md').diagnostics).toEqual([]);
    expect(seen(settled!.site)).toEqual(await fresh(config));
  });

  it('a save the vault no longer has (deleted before the update ran): the vault is analysed again, no crash', async () => {
    const { root, config, live } = await open();
    rmSync(join(root, 'vault/deploy.md'));
    const update = await live.update([{ path: 'deploy.md', kind: 'change' }]);
    expect(update.scope).toBe('vault');
    expect(seen(update.site)).toEqual(await fresh(config));
  });
});
