/**
 * The VS Code extension in editors/vscode: it picks the server program as documented, its bundle needs nothing but
 * `vscode` and Node, and `vsce` packages it, offline, into a .vsix with no node_modules.
 *
 * In: editors/vscode → a temp folder with dist/extension.js (esbuild) and shipshape-vscode.vsix (vsce's createVSIX)
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { createVSIX } from '@vscode/vsce';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../editors/vscode/build.mts';
import { serverCommand, type ServerCommand } from '../../editors/vscode/src/server-command.mts';

const extensionDir = join(import.meta.dirname, '..', '..', 'editors', 'vscode');

describe('serverCommand', () => {
  const cases: [string, { setting: string; platform: NodeJS.Platform; installed: boolean }, ServerCommand][] = [
    ['the workspace’s own shipshape', { setting: '', platform: 'linux', installed: true }, { command: '/repo/node_modules/.bin/shipshape', shell: false }],
    ['shipshape on the PATH when the workspace has none', { setting: '', platform: 'linux', installed: false }, { command: 'shipshape', shell: false }],
    ['a setting relative to the workspace folder', { setting: 'tools/shipshape', platform: 'darwin', installed: true }, { command: '/repo/tools/shipshape', shell: false }],
    ['an absolute setting', { setting: ' /opt/shipshape/bin/shipshape ', platform: 'linux', installed: true }, { command: '/opt/shipshape/bin/shipshape', shell: false }],
    ['a bare name looked up on the PATH', { setting: 'shipshape-next', platform: 'linux', installed: true }, { command: 'shipshape-next', shell: false }],
    ['npm’s .cmd shim on Windows, through a shell', { setting: '', platform: 'win32', installed: true }, { command: '"C:\\My Repo\\node_modules\\.bin\\shipshape.cmd"', shell: true }],
    ['an .exe on Windows, without a shell', { setting: 'C:\\tools\\shipshape.exe', platform: 'win32', installed: false }, { command: 'C:\\tools\\shipshape.exe', shell: false }],
  ];
  it.each(cases)('%s', (_name, { setting, platform, installed }, expected) => {
    const folder = platform === 'win32' ? 'C:\\My Repo' : '/repo';
    const seen: string[] = [];
    const exists = (file: string) => (seen.push(file), installed);
    expect(serverCommand({ setting, folder, platform, exists })).toEqual(expected);
    if (!setting.trim()) expect(seen).toHaveLength(1);
  });
});

/** A zip's files by name, from its central directory (APPNOTE 4.3.12; vsce writes sizes there, not in local headers). */
function unzip(zip: Buffer): Map<string, () => string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, () => string>();
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const [method, size, nameLength, local] = [zip.readUInt16LE(offset + 10), zip.readUInt32LE(offset + 20), zip.readUInt16LE(offset + 28), zip.readUInt32LE(offset + 42)];
    files.set(zip.toString('utf8', offset + 46, offset + 46 + nameLength), () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return files;
}

describe('the VS Code extension package', () => {
  let dir: string;
  let metafile: Metafile;
  let vsix: Map<string, () => string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-vscode-'));
    for (const file of ['README.md', '.vscodeignore']) copyFileSync(join(extensionDir, file), join(dir, file));
    // The test builds the bundle itself, below, so vsce must not run the prepublish build (it would need npm).
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    delete manifest.scripts;
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    ({ metafile } = await build({ ...bundleOptions(join(dir, 'dist', 'extension.js')), metafile: true, logLevel: 'silent' }));
    // The package's own `vsce` options apply (no dependencies, no repository, no license); none of them is online.
    await createVSIX({ cwd: dir, packagePath: join(dir, 'shipshape-vscode.vsix') });
    vsix = unzip(readFileSync(join(dir, 'shipshape-vscode.vsix')));
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the manifest, the bundle and the README, and no node_modules', () => {
    const entries = [...vsix.keys()];
    expect(entries).toEqual(expect.arrayContaining(['extension/package.json', 'extension/dist/extension.js', 'extension/readme.md']));
    expect(entries.filter((name) => name.includes('node_modules'))).toEqual([]);
    expect(entries.filter((name) => name.startsWith('extension/src/') || name.endsWith('.mts'))).toEqual([]);
  });

  it('declares what VS Code needs to start it', () => {
    const manifest = JSON.parse(vsix.get('extension/package.json')?.() ?? '{}') as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'shipshape-vscode',
      publisher: 'shipshape',
      main: './dist/extension.js',
      activationEvents: ['workspaceContains:**/*.md', 'onLanguage:markdown'],
      contributes: { configuration: { properties: { 'shipshape.path': { default: '' }, 'shipshape.trace.server': { default: 'off' } } } },
    });
    expect(vsix.get('extension/dist/extension.js')?.()).toBe(readFileSync(join(dir, 'dist', 'extension.js'), 'utf8'));
  });

  it('bundles everything but vscode and Node’s own modules', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const external = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
    expect(external).toContain('vscode');
    expect(external.filter((path) => path !== 'vscode' && !builtins.has(path))).toEqual([]);
    // The same from the text: every require names a literal that is vscode or built in, and nothing is imported later.
    const bundle = readFileSync(join(dir, 'dist', 'extension.js'), 'utf8');
    const required = [...bundle.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]);
    expect(required.length).toBe([...bundle.matchAll(/\brequire\(/g)].length);
    expect(required.filter((name) => name !== 'vscode' && !builtins.has(name!))).toEqual([]);
    expect(bundle).not.toMatch(/\bimport\(/);
  });
});
