/**
 * `npm run new -- <type> "Title"`: template lookup, folder and file-name choice, refusal to overwrite, and the real
 * CLI on vaults written into temp folders — including docs made from the bundled content/templates, which must pass
 * the check without Templater leftovers. The template filler itself is tested in test/templater/fill-template.test.ts.
 *
 * In: `new runbook "Rollback Payments API" --date 2026-03-02` → `runbooks/rollback-payments-api.md`, `created: 2026-03-02`
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  fileNameFor,
  findTemplate,
  majorityStyle,
  newDoc,
  NewDocError,
  templateKey,
  typeFolder,
  type NameStyle,
  type NewDocOptions,
  type TemplateInfo,
} from '../../src/cli/new-doc.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { makeTemp, removeTemp, repoRoot, runCli, snapshot, spawnTimeout, writeFiles } from './run-cli.ts';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

function temp(files: Record<string, string> = {}): string {
  const dir = makeTemp('shipshape-new-');
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** Monday 2 March 2026, 09:05:07 local time. */
const now = new Date(2026, 2, 2, 9, 5, 7);

describe('templates', () => {
  const keys: Array<[file: string, key: string]> = [
    ['runbook.md', 'runbook'],
    ['runbook-template.md', 'runbook'],
    ['Runbook Template.md', 'runbook'],
    ['RUNBOOK_TEMPLATE.md', 'runbook'],
    ['Template - Runbook.md', 'runbook'],
    ['deployment-strategy-template.md', 'deployment-strategy'],
  ];
  test.each(keys)('%s is the template for %s', (file, key) => expect(templateKey(file)).toBe(key));

  const templates: TemplateInfo[] = [
    { path: 'templates/Runbook Template.md', key: 'runbook', type: 'runbook' },
    { path: 'templates/deployment-strategy-template.md', key: 'deployment-strategy', type: 'strategy' },
    { path: 'templates/incident.md', key: 'incident' },
  ];
  const lookups: Array<[requested: string, path: string]> = [
    ['runbook', 'templates/Runbook Template.md'],
    ['Runbook', 'templates/Runbook Template.md'],
    ['runbook-template', 'templates/Runbook Template.md'],
    ['strategy', 'templates/deployment-strategy-template.md'],
    ['deployment-strategy', 'templates/deployment-strategy-template.md'],
    ['incident', 'templates/incident.md'],
  ];
  test.each(lookups)('"%s" → %s', (requested, path) => expect(findTemplate(templates, requested).path).toBe(path));

  test('an unknown type lists the templates, with their types', () => {
    expect(() => findTemplate(templates, 'postmortem')).toThrow(NewDocError);
    expect(() => findTemplate(templates, 'postmortem')).toThrow(/Unknown type "postmortem"[^]*deployment-strategy +templates\/deployment-strategy-template\.md \(type: strategy\)\n[^]*runbook +templates\/Runbook Template\.md$/);
  });

  test('two templates of the same type are ambiguous', () => {
    const two = [...templates, { path: 'templates/strategy-v2.md', key: 'strategy-v2', type: 'strategy' }];
    expect(() => findTemplate(two, 'strategy')).toThrow(/Several templates match "strategy"/);
  });
});

describe('folders and names', () => {
  test('the folder holding most docs of the type, ties by name', () => {
    const docs = [
      { path: 'ops/runbooks/a.md', type: 'runbook' },
      { path: 'ops/runbooks/b.md', type: 'Runbook' },
      { path: 'old/c.md', type: 'runbook' },
      { path: 'services/d.md', type: 'service' },
      { path: 'e.md' },
    ];
    expect(typeFolder(docs, 'runbook')).toEqual({ folder: 'ops/runbooks', count: 2, total: 3 });
    expect(typeFolder(docs, 'service')).toEqual({ folder: 'services', count: 1, total: 1 });
    expect(typeFolder(docs, 'release')).toBeUndefined();
    expect(typeFolder([{ path: 'b/x.md', type: 't' }, { path: 'a/y.md', type: 't' }], 't')?.folder).toBe('a');
    expect(typeFolder([{ path: 'x.md', type: 't' }], 't')?.folder).toBe('');
  });

  const styles: Array<[names: string[], style: NameStyle | undefined]> = [
    [['checkout-api', 'payments-worker', 'web-frontend'], 'kebab'],
    [['rollback', 'Deployment Strategy', 'Incident Review'], 'title'],
    [['rollback', 'db_failover', 'cache_flush'], 'snake'],
    [['rollback', 'Deployment Strategy'], 'title'],
    [[], undefined],
  ];
  test.each(styles)('%j → %s', (names, style) => expect(majorityStyle(names)).toBe(style));

  const names: Array<[title: string, style: NameStyle, name: string]> = [
    ['Rollback Payments API', 'kebab', 'rollback-payments-api'],
    ['Rollback Payments API', 'title', 'Rollback Payments API'],
    ['Rollback Payments API', 'snake', 'rollback_payments_api'],
    ['Rollback: Payments / Orders API', 'title', 'Rollback Payments Orders API'],
    ['Fix #123 [urgent] ^x | now?', 'title', 'Fix 123 urgent x now'],
    ['What <is> "it"*', 'title', 'What is it'],
    ['Release 2026.11.0', 'kebab', 'release-2026-11-0'],
    ["Don't panic: Café ops", 'kebab', 'dont-panic-café-ops'],
    ['..hidden.', 'title', 'hidden'],
    ['  lots   of\tspace ', 'title', 'lots of space'],
  ];
  test.each(names)('%j as %s → %j', (title, style, name) => expect(fileNameFor(title, style)).toBe(name));

  test('a title with nothing left for a name is refused', () => {
    expect(() => fileNameFor('/:*?', 'title')).toThrow(/no characters/);
    expect(() => fileNameFor('x'.repeat(300), 'title')).toThrow(/too long/);
  });
});

const runbookTemplate = [
  '---',
  'title: <% tp.file.title %>',
  'type: runbook',
  'owner: <% tp.system.prompt("Owner") %>',
  'created: <% tp.date.now("YYYY-MM-DD") %>',
  'review_by: <% tp.date.now("YYYY-MM-DD", 90) %>',
  'severity: sev3',
  'last_tested: <% tp.date.now() %>',
  '---',
  '',
  '# <% tp.file.title %>',
  '',
  'Written <% tp.date.now("D MMMM YYYY") %>.',
  '',
].join('\n');

/** A small vault: kebab-case runbooks in ops/runbooks, Title Case notes at the root, templates in Meta/Templates. */
const vaultFiles: Record<string, string> = {
  '.obsidian/templates.json': '{"folder": "Meta/Templates"}',
  'Meta/Templates/Runbook Template.md': runbookTemplate,
  'Meta/Templates/note.md': '---\ntitle:\ncreated:\n---\n\n# {{title}}\n\nWritten {{date}}.\n',
  'ops/runbooks/db-failover.md': '---\ntitle: DB failover\ntype: runbook\n---\n\n# DB failover\n\nSee [[Team Notes]].\n',
  'ops/runbooks/cache-flush.md': '---\ntitle: Cache flush\ntype: runbook\n---\n\n# Cache flush\n\nText.\n',
  'Team Notes.md': '---\ntitle: Team Notes\n---\n\n# Team Notes\n\nText.\n',
  'Meeting Log.md': '---\ntitle: Meeting Log\n---\n\n# Meeting Log\n\nText.\n',
};

async function create(vault: string, options: Partial<NewDocOptions> & { type: string; title: string }) {
  const config = await loadConfig({ cwd: vault, content: '.', env: {} });
  return newDoc({ config, cwd: vault, now, ...options });
}

describe('newDoc', () => {
  test('goes where most docs of its type are, named in that folder’s style, filled', async () => {
    const vault = temp(vaultFiles);
    const doc = await create(vault, { type: 'runbook', title: 'Rollback Payments API' });
    expect(doc).toMatchObject({ path: 'ops/runbooks/rollback-payments-api.md', template: 'Meta/Templates/Runbook Template.md', folderReason: 'where 2 of 2 runbook docs are' });
    const text = readFileSync(join(vault, doc.path), 'utf8');
    expect(text).toBe(doc.text);
    expect(text).toContain('title: Rollback Payments API\n');
    expect(text).toContain('created: 2026-03-02\nreview_by: 2026-05-31\n');
    expect(text).toContain('# Rollback Payments API\n\nWritten 2 March 2026.\n');
    expect(doc.unfilled).toEqual([{ command: '<% tp.system.prompt("Owner") %>', line: 4, column: 8, reason: 'asks the author for input' }]);
  });

  test('a type with no docs goes to the root, named as the root’s docs are', async () => {
    const vault = temp(vaultFiles);
    const doc = await create(vault, { type: 'note', title: 'Retro: March' });
    expect(doc.path).toBe('Retro March.md');
    expect(doc.folderReason).toBe('no note docs yet');
    expect(doc.text).toBe('---\ntitle: "Retro: March"\ncreated: 2026-03-02\n---\n\n# Retro: March\n\nWritten 2026-03-02.\n');
  });

  test('--dir wins, relative to the vault or the working directory, and is made if missing', async () => {
    const vault = temp(vaultFiles);
    expect((await create(vault, { type: 'runbook', title: 'A', dir: 'incidents/2026' })).path).toBe('incidents/2026/A.md');
    expect(existsSync(join(vault, 'incidents/2026/A.md'))).toBe(true);
    const config = await loadConfig({ cwd: vault, content: '.', env: {} });
    const fromParent = await newDoc({ config, cwd: join(vault, '..'), now, type: 'runbook', title: 'B', dir: join(vault, 'ops/runbooks') });
    expect(fromParent.path).toBe('ops/runbooks/b.md');
  });

  test('a folder outside the vault or hidden from the check is refused', async () => {
    const vault = temp(vaultFiles);
    await expect(create(vault, { type: 'runbook', title: 'A', dir: '../elsewhere' })).rejects.toThrow(/outside the vault/);
    await expect(create(vault, { type: 'runbook', title: 'A', dir: '.obsidian' })).rejects.toThrow(/skipped by the check/);
  });

  test('"folders" in the config wins over the docs', async () => {
    const vault = temp({ ...vaultFiles, 'shipshape.config.json': JSON.stringify({ content: '.', folders: { runbook: 'procedures' } }) });
    const config = await loadConfig({ cwd: vault, env: {} });
    const doc = await newDoc({ config, cwd: vault, now, type: 'runbook', title: 'Restart Workers' });
    expect(doc).toMatchObject({ path: 'procedures/Restart Workers.md', folderReason: 'set by "folders" in the config' });
  });

  test('an existing file is never overwritten, whatever the case of its name', async () => {
    const vault = temp(vaultFiles);
    await expect(create(vault, { type: 'runbook', title: 'DB Failover' })).rejects.toThrow(/ops\/runbooks\/db-failover\.md already exists/);
    await expect(create(vault, { type: 'note', title: 'team notes' })).rejects.toThrow(/Team Notes\.md already exists \(its name differs only in case/);
    expect(readFileSync(join(vault, 'ops/runbooks/db-failover.md'), 'utf8')).toBe(vaultFiles['ops/runbooks/db-failover.md']);
  });

  test('a doc of the same name elsewhere is reported', async () => {
    const vault = temp(vaultFiles);
    const doc = await create(vault, { type: 'note', title: 'cache-flush', dir: 'notes' });
    expect(doc.sameName).toEqual(['ops/runbooks/cache-flush.md']);
  });

  test('a dry run writes nothing', async () => {
    const vault = temp(vaultFiles);
    const before = snapshot(vault);
    const doc = await create(vault, { type: 'runbook', title: 'Rollback', dir: 'new/folder', dryRun: true });
    expect(doc.text).toContain('# Rollback');
    expect(snapshot(vault)).toEqual(before);
    expect(existsSync(join(vault, 'new'))).toBe(false);
  });
});

describe('npm run new', { timeout: spawnTimeout }, () => {
  /** A working directory holding the small vault under `vault/`. */
  function project(): string {
    const dir = temp();
    writeFiles(join(dir, 'vault'), vaultFiles);
    return dir;
  }
  const runNew = (cwd: string, ...args: string[]) => runCli(['new', ...args], { cwd });

  test('creates the doc, prints its path and its check, warns about what is left', async () => {
    const cwd = project();
    const run = await runNew(cwd, 'runbook', 'Rollback', 'Payments', 'API', '--date', '2026-03-02', '--content', 'vault');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Created vault\/ops\/runbooks\/rollback-payments-api\.md\n {2}from vault\/Meta\/Templates\/Runbook Template\.md, in ops\/runbooks\/ \(where 2 of 2 runbook docs are\)\n/);
    // The check of the new doc alone: the prompt left in it is an error the author sees at once.
    expect(run.stdout).toMatch(/\nvault\/ops\/runbooks\/rollback-payments-api\.md\n {2}4:8 +error +Unexpected Templater command `<% tp\.system\.prompt\("Owner"\) %>`[^]*✖ 1 error in 1 file/);
    expect(run.stdout).toMatch(/1 file checked/);
    expect(run.stderr).toMatch(/warning: 1 command left to fill by hand; the check fails on Templater commands \(rule templater-placeholder\)/);
    expect(run.stderr).toContain('vault/ops/runbooks/rollback-payments-api.md:4:8  <% tp.system.prompt("Owner") %>  (asks the author for input)');
    expect(readFileSync(join(cwd, 'vault/ops/runbooks/rollback-payments-api.md'), 'utf8')).toContain('created: 2026-03-02\nreview_by: 2026-05-31\n');
  });

  test('refuses to overwrite: exit 2, the file unchanged', async () => {
    const cwd = project();
    writeFileSync(join(cwd, 'vault/ops/runbooks/rollback.md'), 'mine\n');
    const run = await runNew(cwd, 'runbook', 'Rollback', '--content', 'vault');
    expect(run).toMatchObject({ exitCode: 2, stdout: '' });
    expect(run.stderr).toMatch(/^shipshape: ops\/runbooks\/rollback\.md already exists; nothing written/);
    expect(readFileSync(join(cwd, 'vault/ops/runbooks/rollback.md'), 'utf8')).toBe('mine\n');
  });

  const failures: Array<{ name: string; args: string[]; stderr: RegExp }> = [
    { name: 'an unknown type lists the types', args: ['postmortem', 'X', '--content', 'vault'], stderr: /Unknown type "postmortem"[^]*note +Meta\/Templates\/note\.md\n {2}runbook +Meta\/Templates\/Runbook Template\.md/ },
    { name: 'no title', args: ['runbook', '--content', 'vault'], stderr: /Expected a type and a title[^]*Run with --help/ },
    { name: 'a bad date', args: ['runbook', 'X', '--date', '2026-02-30', '--content', 'vault'], stderr: /Invalid --date "2026-02-30"/ },
    { name: 'an unknown flag', args: ['runbook', 'X', '--force'], stderr: /Unknown option '--force'/ },
  ];
  test.each(failures)('$name → 2, nothing written', async ({ args, stderr }) => {
    const cwd = project();
    const before = snapshot(cwd);
    const run = await runNew(cwd, ...args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(snapshot(cwd)).toEqual(before);
  });

  test('--help', async () => {
    const run = await runNew(project(), '--help');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: shipshape new <type> "Title" \[options\]/);
    expect(run.stdout).toMatch(/--dry-run/);
  });

  test('--dry-run prints the doc and writes nothing; SHIPSHAPE_CONTENT picks the vault', async () => {
    const cwd = project();
    const before = snapshot(cwd);
    const run = await runCli(['new', 'note', 'Retro', '--dry-run', '--date', '2026-03-02T14:30'], { cwd, env: { SHIPSHAPE_CONTENT: 'vault' } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('---\ntitle: Retro\ncreated: 2026-03-02\n---\n\n# Retro\n\nWritten 2026-03-02.\n');
    expect(run.stderr).toBe('Would create vault/Retro.md\n  from vault/Meta/Templates/note.md, in the vault root (no note docs yet)\n');
    expect(snapshot(cwd)).toEqual(before);
  });

  test('docs from the bundled content/templates pass the check, with no Templater leftovers', async () => {
    const cwd = temp();
    cpSync(join(repoRoot, 'content'), join(cwd, 'content'), { recursive: true });
    const created: Array<[type: string, title: string, path: string]> = [
      ['runbook', 'Rollback: Payments API', 'runbooks/rollback-payments-api.md'],
      ['service', 'Payments API', 'services/payments-api.md'],
      ['strategy', 'Canary Releases', 'strategy/canary-releases.md'],
    ];
    for (const [type, title, path] of created) {
      const run = await runNew(cwd, type, title, '--date', '2026-03-02');
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`Created content/${path}`);
    }
    const config = await loadConfig({ cwd, env: {} });
    const result = await checkVault({ config, only: created.map(([, , path]) => path), cacheDir: false, now });
    expect(result.diagnostics.filter((d) => d.rule === 'templater-placeholder')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const service = readFileSync(join(cwd, 'content/services/payments-api.md'), 'utf8');
    expect(service).toContain('title: Payments API\n');
    expect(service).toContain('repo: https://git.example.com/commerce/payments-api\n');
    expect(service).toContain('review_by: 2026-08-29\n');
    expect(service).toContain('  service: payments-api\n');
  });
});
