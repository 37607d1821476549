/**
 * `shipshape init`: what it finds in a vault (the templates folder in each of its places, the vault's folder, doc
 * types), then the command itself: written, refused, printed, and the written config loaded and used by check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proposeConfig } from '../../src/cli/init-config.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { makeTemp, removeTemp, runCli, snapshot, spawnTimeout, writeFiles } from './run-cli.ts';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach(removeTemp));

function repo(files: Record<string, string>): string {
  const dir = makeTemp('shipshape-init-');
  temps.push(dir);
  writeFiles(dir, files);
  return dir;
}

const doc = (type?: string) => `---\ntitle: A doc\n${type ? `type: ${type}\n` : ''}---\n\n# A doc\n`;

const propose = (cwd: string, content?: string) =>
  proposeConfig({ cwd, configFile: join(cwd, 'shipshape.config.json'), ...(content === undefined ? {} : { content }) });

describe('what init finds', () => {
  const cases: Array<[name: string, files: Record<string, string>, expected: { content: string; templates?: string[]; from?: string }]> = [
    [
      'the core Templates plugin\'s folder, as written there',
      { '.obsidian/templates.json': '{"folder": "Meta/Templates"}', 'Meta/Templates/runbook.md': doc('runbook'), 'a.md': doc() },
      { content: '.', templates: ['Meta/Templates'], from: 'obsidian' },
    ],
    [
      'Templater\'s folder (a trailing slash dropped)',
      { '.obsidian/plugins/templater-obsidian/data.json': '{"templates_folder": "_system/tpl/"}', '_system/tpl/a.md': doc(), 'a.md': doc() },
      { content: '.', templates: ['_system/tpl'], from: 'obsidian' },
    ],
    [
      'both plugins naming two folders',
      { '.obsidian/templates.json': '{"folder": "Templates"}', '.obsidian/plugins/templater-obsidian/data.json': '{"templates_folder": "Templater"}', 'a.md': doc() },
      { content: '.', templates: ['Templates', 'Templater'], from: 'obsidian' },
    ],
    [
      'folders named like templates, the outermost only',
      { 'content/docs/_templates/a.md': doc(), 'content/docs/_templates/core/b.md': doc(), 'content/Template/c.md': doc(), 'content/x.md': doc() },
      { content: 'content', templates: ['Template', 'docs/_templates'], from: 'name' },
    ],
    ['no templates anywhere', { 'notes/a.md': doc(), 'notes/b.md': doc() }, { content: 'notes' }],
    [
      'the vault Obsidian opens, one level down',
      { 'vault/.obsidian/app.json': '{}', 'vault/a.md': doc(), 'README.md': '# Repo\n', 'scripts/x.md': '# x\n' },
      { content: 'vault' },
    ],
    ['Markdown in several folders and no .obsidian: the working directory', { 'a/x.md': doc(), 'b/y.md': doc() }, { content: '.' }],
  ];
  it.each(cases)('%s', async (_, files, expected) => {
    const proposal = await propose(repo(files));
    expect(proposal.config.content).toBe(expected.content);
    expect(proposal.config.templates).toEqual(expected.templates);
    expect(proposal.templatesFrom).toBe(expected.from);
  });

  it('counts doc types, leaving templates out, and keeps the built-in schemas only when they know every type', async () => {
    const own = await propose(
      repo({ 'a.md': doc('runbook'), 'b.md': doc('runbook'), 'c.md': doc('meeting'), 'templates/t.md': doc('decision'), 'd.md': doc() }),
    );
    expect(own.types).toEqual([['runbook', 2], ['meeting', 1]]);
    expect(own.ownTypes).toEqual(['meeting']);
    expect(own.config.schemas).toEqual({ types: {}, default: null });

    const builtin = await propose(repo({ 'a.md': doc('runbook'), 'b.md': doc('guide') }));
    expect(builtin.ownTypes).toEqual([]);
    expect(builtin.config.schemas).toBeUndefined();

    // A few typos in a vault of runbooks must not turn its schemas off: frontmatter-schema reports them.
    const typos = await propose(repo({ 'a.md': doc('runbook'), 'b.md': doc('Runbook'), 'c.md': doc('runbok'), 'd.md': doc('services'), 'e.md': doc('standard') }));
    expect(typos.misspelt).toEqual(['Runbook', 'runbok', 'services']);
    expect(typos.ownTypes).toEqual(['standard']);
  });

  it('counts the properties .obsidian/types.json types', async () => {
    const proposal = await propose(repo({ '.obsidian/types.json': '{"types": {"due": "date", "tags": "tags"}}', 'a.md': doc() }));
    expect(proposal.typedProperties).toBe(2);
  });
});

describe('shipshape init', () => {
  const vault = () => repo({ 'notes/.obsidian/templates.json': '{"folder": "Templates"}', 'notes/Templates/t.md': doc('meeting'), 'notes/a.md': doc('meeting'), 'notes/b.md': '# B\n\n[[missing]]\n' });

  it('writes a config that validates, loads and runs check; then says to write a baseline', async () => {
    const cwd = vault();
    const run = await runCli(['init'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Wrote shipshape.config.json');
    expect(run.stdout).toContain('doc types: meeting (1)');
    expect(run.stdout).toContain('Next: shipshape check --baseline-write');
    expect(JSON.parse(readFileSync(join(cwd, 'shipshape.config.json'), 'utf8'))).toEqual({
      content: 'notes',
      templates: ['Templates'],
      schemas: { types: {}, default: null },
    });
    const config = await loadConfig({ cwd });
    expect(config.contentDir).toBe(join(cwd, 'notes'));
    expect(config.defaultDocSchema).toBeUndefined();
    const check = await runCli(['check', '--no-cache'], { cwd });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('[[missing]]');
    expect(check.stdout).not.toContain('frontmatter-schema');
  }, spawnTimeout);

  it.each([
    { name: 'refuses to replace a config', existing: 'shipshape.config.json', args: ['init'], exitCode: 2, written: false },
    { name: 'refuses beside a shipshape.config.ts, which the new file would hide', existing: 'shipshape.config.ts', args: ['init'], exitCode: 2, written: false },
    { name: 'replaces one with --force', existing: 'shipshape.config.json', args: ['init', '--force'], exitCode: 0, written: true },
    { name: 'prints with --dry-run, writing nothing', existing: undefined, args: ['init', '--dry-run'], exitCode: 0, written: false },
    { name: 'refuses an argument', existing: undefined, args: ['init', 'notes'], exitCode: 2, written: false },
    { name: 'refuses a vault that does not exist', existing: undefined, args: ['init', '--content', 'nowhere'], exitCode: 2, written: false },
    { name: 'refuses a vault that is a file', existing: undefined, args: ['init', '--content', 'notes/a.md'], exitCode: 2, written: false },
    { name: 'refuses to write into a folder that does not exist', existing: undefined, args: ['init', '--config', 'ci/shipshape.config.json'], exitCode: 2, written: false },
    { name: 'prints its help', existing: undefined, args: ['init', '--help'], exitCode: 0, written: false },
  ])('$name', async ({ existing, args, exitCode, written }) => {
    const cwd = vault();
    if (existing) writeFiles(cwd, { [existing]: existing.endsWith('.json') ? '{"content": "notes"}\n' : 'export default { content: "notes" };\n' });
    const before = snapshot(cwd);
    const run = await runCli(args, { cwd });
    expect(run.exitCode, run.stderr).toBe(exitCode);
    if (written) {
      expect(snapshot(cwd)).not.toEqual(before);
      expect(JSON.parse(readFileSync(join(cwd, 'shipshape.config.json'), 'utf8')).templates).toEqual(['Templates']);
    } else {
      expect(snapshot(cwd)).toEqual(before);
    }
    if (args.includes('--dry-run')) expect(JSON.parse(run.stdout)).toMatchObject({ content: 'notes', templates: ['Templates'] });
    if (exitCode === 2 && existing) expect(run.stderr).toContain(`${existing} already exists; nothing written`);
  }, spawnTimeout);

  it('writes where --config says, with content relative to it, and names it in the next step', async () => {
    const cwd = vault();
    writeFiles(cwd, { 'ci/.keep': '' });
    const run = await runCli(['init', '--config', 'ci/shipshape.config.json', '--content', 'notes'], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('Next: shipshape check --config ci/shipshape.config.json --baseline-write');
    expect(JSON.parse(readFileSync(join(cwd, 'ci/shipshape.config.json'), 'utf8')).content).toBe('../notes');
    expect((await loadConfig({ cwd, configFile: 'ci/shipshape.config.json' })).contentDir).toBe(join(cwd, 'notes'));
  }, spawnTimeout);
});
