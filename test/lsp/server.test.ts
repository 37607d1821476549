/**
 * `shipshape lsp` at the protocol level: a real server process and vscode-languageserver-protocol's client
 * (client.ts) on temp vaults. Diagnostics must be `shipshape check --format json`'s, for every doc and the same text.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import type { JsonDiagnostic, JsonOutput } from '../../src/diagnostics/format-json.ts';
import { fixture, makeTemp, removeTemp, runCli, writeFiles } from '../cli/run-cli.ts';
import { startClient, type TestClient } from './client.ts';

const timeout = 60_000;
let client: TestClient | undefined;
const temps: string[] = [];

afterEach(async () => {
  if (client && client.child.exitCode === null) client.child.kill();
  client = undefined;
  for (const dir of temps.splice(0)) removeTemp(dir);
});

/** A workspace folder holding a vault in `content/` and a config, as a team's repository does. */
function workspace(files: Record<string, string>, config: object = {}): string {
  const root = makeTemp('shipshape-lsp-');
  temps.push(root);
  writeFiles(root, { 'shipshape.config.json': JSON.stringify(config), ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`content/${path}`, text])) });
  return root;
}

const rules = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

/** A workspace folder with a copy of the messy fixture vault in `content/` and its config. */
function messyWorkspace(): string {
  const root = makeTemp('shipshape-lsp-messy-');
  temps.push(root);
  cpSync(fixture('messy-vault'), join(root, 'content'), { recursive: true });
  const config = JSON.parse(readFileSync(fixture('messy-vault.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(root, 'shipshape.config.json'), JSON.stringify({ ...config, $schema: undefined, content: 'content' }));
  return root;
}

async function checkJson(root: string): Promise<JsonDiagnostic[]> {
  const check = await runCli(['check', '--format', 'json', '--no-cache'], { cwd: root });
  return (JSON.parse(check.stdout) as JsonOutput).diagnostics;
}

/** Every doc's diagnostics, as the server publishes them, are these of the check (in the order check sorts them). */
async function expectSameAs(client: TestClient, expected: JsonDiagnostic[]): Promise<void> {
  const byFile = Map.groupBy(expected, (d) => d.file);
  const want = (diagnostics: JsonDiagnostic[]) =>
    diagnostics.map((d) => ({
      rule: d.rule,
      message: d.message,
      severity: { error: 1, warning: 2, info: 3 }[d.severity],
      range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
      source: 'shipshape',
      href: `https://github.com/shipshape/shipshape/blob/main/docs/rules.md#${d.rule}`,
    }));
  const got = (diagnostics: Diagnostic[]) =>
    diagnostics.map((d) => ({ rule: d.code, message: d.message, severity: d.severity, range: d.range, source: d.source, href: d.codeDescription?.href }));
  for (const file of client.published()) {
    const wanted = want(byFile.get(file.replace(/^content\//, '')) ?? []);
    const published = await client.diagnosticsFor(file, (d) => JSON.stringify(got(d)) === JSON.stringify(wanted), 10_000).catch(() => client!.diagnosticsFor(file));
    expect({ file, diagnostics: got(published) }).toEqual({ file, diagnostics: wanted });
  }
  for (const [file, diagnostics] of byFile) {
    const published = await client.diagnosticsFor(`content/${file}`, (d) => JSON.stringify(got(d)) === JSON.stringify(want(diagnostics)), 10_000).catch(() => client.diagnosticsFor(`content/${file}`));
    expect({ file, diagnostics: got(published) }).toEqual({ file, diagnostics: want(diagnostics) });
  }
}

describe('shipshape lsp', () => {
  it('prints its help, and refuses an unknown option (a transport it does not have)', async () => {
    const help = await runCli(['lsp', '--help']);
    expect(help).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Usage: shipshape lsp [--stdio]') });
    const socket = await runCli(['lsp', '--socket=9000']);
    expect(socket).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('Unknown option for shipshape lsp: --socket=9000') });
  });

  it(
    'publishes, for every doc with problems, exactly what check --format json reports (messy fixture, many rule kinds), and after edits',
    async () => {
      const root = messyWorkspace();
      const expected = await checkJson(root);
      expect(new Set(expected.map((d) => d.file)).size).toBeGreaterThan(5);
      expect(new Set(expected.map((d) => d.rule)).size).toBeGreaterThan(10);
      client = await startClient(root);
      await expectSameAs(client, expected);

      // Edits of an open doc: a heading renamed (an anchor to it elsewhere), a link broken, a fence left open; then
      // prose only. The check of the same texts, on a copy written to disk, is what the server must show.
      const path = 'a/Setup.md';
      const original = readFileSync(join(root, 'content', path), 'utf8');
      const edits = [
        `${original.replace('## Steps', '## First steps')}\nSee [[index#Nope]] and [[nowhere]].\n\n\`\`\`mermaid\ngraph TD\n  A-->\n`,
        `${original}\nMore prose, no new links.\n`,
        original,
      ];
      client.open(`content/${path}`);
      for (const text of edits) {
        client.change(`content/${path}`, text);
        const copy = messyWorkspace();
        writeFileSync(join(copy, 'content', path), text);
        await expectSameAs(client, await checkJson(copy));
      }
    },
    timeout,
  );

  it(
    'registers file watchers, follows edits of an open doc, and reverts to the disk text when it closes',
    async () => {
      const root = workspace({ 'a.md': '# A\n\nSee [[b]].\n', 'b.md': '# B\n\nText.\n' });
      client = await startClient(root);
      expect(client.initialize.capabilities.textDocumentSync).toMatchObject({ openClose: true });

      client.open('content/a.md');
      client.change('content/a.md', '# A\n\nSee [[c]].\n');
      const broken = await client.diagnosticsFor('content/a.md', (d) => d.length > 0);
      // Registered once initialized, before the first analysis.
      expect(client.registrations.map((r) => r.method)).toContain('workspace/didChangeWatchedFiles');
      expect(client.registrations[0]!.registerOptions).toMatchObject({ watchers: expect.arrayContaining([{ globPattern: '**/*.md' }]) });
      expect(rules(broken)).toEqual(['broken-link']);
      expect(broken[0]!.range).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });

      client.change('content/a.md', '# A\n\nSee [[b]] and [[b#Nope]].\n');
      expect(rules(await client.diagnosticsFor('content/a.md', (d) => d[0]?.code === 'broken-anchor'))).toEqual(['broken-anchor']);

      client.close('content/a.md');
      expect(await client.diagnosticsFor('content/a.md', (d) => d.length === 0)).toEqual([]);
      expect(await client.stop()).toBe(0);
    },
    timeout,
  );

  it(
    'renaming a heading in one doc shows the broken anchor in a doc that is not open, and restoring it clears it',
    async () => {
      const root = workspace({ 'a.md': '# A\n\n## Rollback\n\nSteps.\n', 'b.md': '# B\n\nSee [[a#Rollback]].\n' });
      client = await startClient(root);
      client.open('content/a.md');
      client.change('content/a.md', '# A\n\n## Roll back\n\nSteps.\n');
      const anchor = await client.diagnosticsFor('content/b.md', (d) => d.length > 0);
      expect(rules(anchor)).toEqual(['broken-anchor']);
      client.change('content/a.md', '# A\n\n## Rollback\n\nSteps.\n');
      expect(await client.diagnosticsFor('content/b.md', (d) => d.length === 0)).toEqual([]);
    },
    timeout,
  );

  it(
    're-reads files changed on disk (a git pull) when the editor reports them',
    async () => {
      const root = workspace({ 'a.md': '# A\n\nSee [[runbook]].\n' });
      client = await startClient(root);
      expect(rules(await client.diagnosticsFor('content/a.md', (d) => d.length > 0))).toEqual(['broken-link']);
      writeFileSync(join(root, 'content/runbook.md'), '# Runbook\n');
      client.watched([{ uri: client.uri('content/runbook.md'), type: FileChangeType.Created }]);
      expect(await client.diagnosticsFor('content/a.md', (d) => d.length === 0)).toEqual([]);

      // A config change (a rule's severity) is read too, and a deleted doc is gone.
      rmSync(join(root, 'content/runbook.md'));
      writeFileSync(join(root, 'shipshape.config.json'), JSON.stringify({ rules: { 'broken-link': 'warn' } }));
      client.watched([
        { uri: client.uri('content/runbook.md'), type: FileChangeType.Deleted },
        { uri: client.uri('shipshape.config.json'), type: FileChangeType.Changed },
      ]);
      const warned = await client.diagnosticsFor('content/a.md', (d) => d.length > 0);
      expect(warned.map((d) => [d.code, d.severity])).toEqual([['broken-link', DiagnosticSeverity.Warning]]);
    },
    timeout,
  );

  it(
    'survives an invalid config: says why, and opens the vault once the config is fixed',
    async () => {
      const root = workspace({ 'a.md': '# A\n\nSee [[nowhere]].\n' }, { contnet: 'content' });
      client = await startClient(root);
      await expect.poll(() => client!.logs.join('\n'), { timeout: 20_000 }).toContain('Invalid config');
      writeFileSync(join(root, 'shipshape.config.json'), '{}');
      client.watched([{ uri: client.uri('shipshape.config.json'), type: FileChangeType.Changed }]);
      expect(rules(await client.diagnosticsFor('content/a.md', (d) => d.length > 0))).toEqual(['broken-link']);
      expect(await client.stop()).toBe(0);
    },
    timeout,
  );

  it(
    'hides the problems a baseline knows, as check does, and shows the new ones',
    async () => {
      const root = workspace({ 'a.md': '# A\n\nSee [[old]].\n' });
      const written = await runCli(['check', '--baseline-write'], { cwd: root });
      expect(written.exitCode).toBe(0);
      client = await startClient(root);
      client.open('content/a.md');
      client.change('content/a.md', '# A\n\nSee [[old]] and [[new]].\n');
      const shown = await client.diagnosticsFor('content/a.md', (d) => d.length > 0);
      expect(shown.map((d) => d.message)).toEqual([expect.stringMatching(/^Unresolved wikilink \[\[new\]\]/)]);
    },
    timeout,
  );
});
