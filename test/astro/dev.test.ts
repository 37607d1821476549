/**
 * `npm run dev` for authors: each page shows its doc's diagnostics, and a save in the vault (which may live
 * outside the project) updates them without a restart, as does Obsidian's rewrite of `.obsidian/types.json`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteEnv } from '../helpers/site-env.ts';

const root = join(import.meta.dirname, '../..');

let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill();
});

async function until<T>(what: () => string, probe: () => Promise<T | undefined>, seconds = 90): Promise<T> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what()}`);
}

describe('astro dev', () => {
  it('shows the doc’s diagnostics and refreshes them on save', async () => {
    const vault = join(mkdtempSync(join(tmpdir(), 'shipshape-dev-')), 'vault');
    cpSync(join(root, 'test/fixtures/site-vault'), vault, { recursive: true });
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    let log = '';
    server = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: root,
      env: siteEnv({ SHIPSHAPE_CONTENT: vault }),
    });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk));
    const url = `http://127.0.0.1:${port}/deployment-strategy/`;
    const problems = async () => {
      const response = await fetch(url);
      if (!response.ok) return undefined;
      return /(\d+) problem\(s\) in this doc/.exec(await response.text())?.[1];
    };
    const before = await until(() => `the dev server; its log:\n${log}`, problems);
    expect(before).toBe('1');
    appendFileSync(join(vault, 'Deployment Strategy.md'), '\nSee [[Another Missing]].\n');
    const after = await until(() => `the refreshed diagnostics; the log:\n${log}`, async () => ((await problems()) === '2' ? '2' : undefined), 30);
    expect(after).toBe('2');
    const page = await (await fetch(url)).text();
    expect(page).toContain('Unresolved wikilink [[Another Missing]]');
    // Obsidian rewrites .obsidian/types.json when an author changes a property's type: the next reload checks by it.
    mkdirSync(join(vault, '.obsidian'));
    writeFileSync(join(vault, '.obsidian/types.json'), '{"types": {"owner": "number"}}');
    const typed = await until(() => `the property types; the log:\n${log}`, async () => ((await problems()) === '3' ? '3' : undefined), 30);
    expect(typed).toBe('3');
    expect(await (await fetch(url)).text()).toContain('Unexpected &quot;platform-team&quot; for owner, expected a number');
    // A save, then another within chokidar's 50 ms (a format-on-save), whose change event chokidar drops: the page
    // still ends up with the second.
    appendFileSync(join(vault, 'Deployment Strategy.md'), '\nFirst save.\n');
    // After the first change event, inside the window.
    await new Promise((resolve) => setTimeout(resolve, 25));
    appendFileSync(join(vault, 'Deployment Strategy.md'), '\nSecond save, formatted.\n');
    await until(() => `the second save; the log:\n${log}`, async () => ((await (await fetch(url)).text()).includes('Second save, formatted.') ? true : undefined), 30);
  }, 150_000);
});
