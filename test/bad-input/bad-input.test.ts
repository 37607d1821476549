/**
 * Hostile and broken files, through the whole pipeline (`checkVault`): each one gets a diagnostic with a position,
 * never a crash, a hang or a write. One vault per row, in a temp folder; the vault's bytes are hashed before and
 * after every check.
 *
 * In: a `.md` file holding a PNG → `image.md 1:1 error encoding`
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { checkVault } from '../../src/pipeline/check-vault.ts';
import { loadConfig } from '../../src/vault/config.ts';
import { makeTemp, removeTemp, runCli, snapshot, spawnTimeout, writeFiles } from '../cli/run-cli.ts';

const temps: string[] = [];
afterAll(() => temps.forEach(removeTemp));

interface Checked {
  root: string;
  vault: string;
  diagnostics: Diagnostic[];
}

/**
 * Writes `files` into `<temp>/vault` (the working directory `<temp>` may hold a config), runs `setup` for what
 * `files` cannot express (symlinks, modes), checks the vault and asserts that it did not change.
 */
async function check(files: Record<string, string | Uint8Array>, setup?: (root: string, vault: string) => void): Promise<Checked> {
  const root = makeTemp('shipshape-bad-input-');
  temps.push(root);
  const vault = join(root, 'vault');
  mkdirSync(vault);
  writeFiles(vault, files);
  setup?.(root, vault);
  const before = snapshot(root);
  const config = await loadConfig({ cwd: root, content: vault });
  const { diagnostics } = await checkVault({ config, cacheDir: false });
  expect(snapshot(root)).toStrictEqual(before);
  return { root, vault, diagnostics };
}

/** `file line:column severity rule` per diagnostic. */
const brief = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => `${d.file} ${d.line}:${d.column} ${d.severity} ${d.rule}`);

const png = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08,
  0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00,
  0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

/** Nine levels of nine: 9^8 "lol"s if every alias were expanded. */
const aliasBomb = [
  '---',
  'title: Billion laughs',
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((name, i) => {
    const previous = 'abcdefgh'[i];
    return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`;
  }),
  '---',
  '',
  '# Billion laughs',
  '',
].join('\n');

describe('bad input: a diagnostic with a position, never a crash, a hang or a write', () => {
  test('a binary file named .md → encoding, not parsed', async () => {
    const { diagnostics } = await check({ 'image.md': png, 'ok.md': '# OK\n' });
    expect(brief(diagnostics)).toStrictEqual(['image.md 1:1 error encoding']);
    expect(diagnostics[0]!.message).toMatch(/^Unexpected binary content/);
  });

  test('invalid UTF-8 → encoding at its line and column (UTF-16 columns)', async () => {
    const { diagnostics } = await check({
      'latin1.md': bytes('# Menu\n\nCafé: caf', [0xe9], ' au lait\n🚀 x', [0xff], '\n'),
    });
    // `Café: caf` is 9 characters (10 bytes); `🚀` is 2 UTF-16 code units (4 bytes).
    expect(brief(diagnostics)).toStrictEqual(['latin1.md 3:10 error encoding', 'latin1.md 4:5 error encoding']);
    expect(diagnostics.map((d) => d.message)).toStrictEqual([
      expect.stringMatching(/^Invalid UTF-8 sequence E9 at byte 18\b/),
      expect.stringMatching(/^Invalid UTF-8 sequence FF at byte 34\b/),
    ]);
  });

  // Parsing a line of inline markup is quadratic (micromark's emphasis resolution): 50 kB of `*a* ` take seconds.
  test.each([
    ['prose', 'deploy '],
    ['inline markup', '*a* [b](c) `d` [[e]] '],
  ])(
    'a 5 MB single line of %s → parse-limits, body not parsed, and the check completes',
    async (_kind, unit) => {
      const line = unit.repeat(Math.floor(5_000_000 / unit.length));
      const { diagnostics } = await check({ 'huge.md': `---\ntitle: Huge\n---\n\n${line}\n` });
      expect(brief(diagnostics)).toStrictEqual(['huge.md 5:1 error parse-limits']);
      expect(diagnostics[0]!.message).toBe(`Unexpected line of ${line.length} characters, expected at most 20000; the body of this file was not parsed`);
    },
    120_000,
  );

  test('10,000 nested quotes → parse-limits, body not parsed, no stack overflow', async () => {
    const { diagnostics } = await check({ 'quotes.md': `---\ntitle: Deep\n---\n\n${'>'.repeat(10_000)} [[nowhere]]\n` });
    expect(brief(diagnostics)).toStrictEqual(['quotes.md 5:1 error parse-limits']);
    expect(diagnostics[0]!.message).toBe('Unexpected nesting of 10000 levels, expected at most 50; the body of this file was not parsed');
  });

  test('10,000 nested lists → parse-limits, body not parsed, no stack overflow', async () => {
    const { diagnostics } = await check({ 'lists.md': `# Deep\n\n${'- '.repeat(10_000)}[[nowhere]]\n` });
    expect(brief(diagnostics)).toStrictEqual(['lists.md 3:1 error parse-limits']);
    // The count is the guard's estimate (it also counts the blanks after the markers as indentation).
    expect(diagnostics[0]!.message).toMatch(/^Unexpected nesting of \d{5} levels, expected at most 50; the body of this file was not parsed$/);
  });

  test('a YAML alias bomb in frontmatter → yaml-syntax at the first alias', async () => {
    const { diagnostics } = await check({ 'bomb.md': aliasBomb });
    expect(brief(diagnostics)).toStrictEqual(['bomb.md 4:8 error yaml-syntax']);
    expect(diagnostics[0]!.message).toMatch(/alias bomb/);
  });

  test('__proto__ and constructor keys → no prototype pollution, validated as ordinary keys', async () => {
    const { diagnostics } = await check(
      {
        'proto.md': [
          '---',
          'title: Proto',
          '__proto__:',
          '  polluted: yes',
          'constructor:',
          '  prototype:',
          '    polluted: yes',
          'type: constructor',
          '---',
          '',
          '# Proto',
          '',
        ].join('\n'),
      },
      (root) => {
        // A closed schema, so that every key it does not list is reported: `__proto__` and `constructor` included.
        writeFileSync(
          join(root, 'closed.schema.json'),
          JSON.stringify({
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            $id: 'https://example.test/closed.schema.json',
            type: 'object',
            required: ['title'],
            properties: { title: { type: 'string' }, type: { enum: ['runbook', 'guide'] } },
            additionalProperties: false,
          }),
        );
        writeFileSync(join(root, 'shipshape.config.json'), JSON.stringify({ schemas: { types: {}, default: 'closed.schema.json' } }));
      },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(brief(diagnostics)).toStrictEqual([
      'proto.md 3:1 error frontmatter-schema',
      'proto.md 5:1 error frontmatter-schema',
      'proto.md 8:7 error frontmatter-schema',
    ]);
    expect(diagnostics.map((d) => d.message)).toStrictEqual([
      expect.stringContaining('__proto__'),
      expect.stringContaining('constructor'),
      expect.stringContaining('"constructor"'),
    ]);
  });

  test('a symlink pointing outside the vault → file-access, not followed', async () => {
    const { diagnostics } = await check({ 'index.md': '# Index\n' }, (root, vault) => {
      writeFileSync(join(root, 'outside.md'), '---\ntitle: [unclosed\n---\nTODO <% tp.file.title %> [[nowhere]]\n');
      mkdirSync(join(root, 'outside-folder'));
      writeFileSync(join(root, 'outside-folder/secret.md'), 'TODO [[nowhere]]\n');
      symlinkSync(join(root, 'outside.md'), join(vault, 'linked.md'));
      symlinkSync(join(root, 'outside-folder'), join(vault, 'linked-folder'));
      symlinkSync('/etc/passwd', join(vault, 'passwd.md'));
    });
    expect(brief(diagnostics)).toStrictEqual([
      'linked-folder 1:1 error file-access',
      'linked.md 1:1 error file-access',
      'passwd.md 1:1 error file-access',
    ]);
    for (const d of diagnostics) expect(d.message).toMatch(/^Symlink points outside the vault \(.*\); not followed$/);
  });

  test('.obsidian/types.json that is binary, or a folder → property-types-file at 1:1, no property checked', async () => {
    const binary = await check({ '.obsidian/types.json': png, 'a.md': '---\ntitle: A\ndue: soon\n---\n\n# A\n' });
    expect(brief(binary.diagnostics)).toStrictEqual(['.obsidian/types.json 1:1 error property-types-file']);
    const folder = await check({ '.obsidian/types.json/x': '{}', 'a.md': '# A\n' });
    expect(brief(folder.diagnostics)).toStrictEqual(['.obsidian/types.json 1:1 error property-types-file']);
    expect(folder.diagnostics[0]!.message).toBe('Unreadable file: EISDIR');
  });

  test('a property called __proto__ in .obsidian/types.json → typed and checked as an ordinary property', async () => {
    const { diagnostics } = await check({
      '.obsidian/types.json': '{"types": {"__proto__": "number", "constructor": "date"}}',
      'a.md': '---\ntitle: A\n__proto__: high\nconstructor: soon\n---\n\n# A\n',
    });
    expect(brief(diagnostics)).toStrictEqual(['a.md 3:12 error property-type', 'a.md 4:14 error property-type']);
    expect(({} as Record<string, unknown>).number).toBeUndefined();
  });

  test('an empty file → empty-doc', async () => {
    const { diagnostics } = await check({ 'empty.md': '', 'blank.md': '\n  \n\t\n' });
    expect(brief(diagnostics)).toStrictEqual(['blank.md 1:1 warning empty-doc', 'empty.md 1:1 warning empty-doc']);
  });

  test('frontmatter without its closing --- → yaml-syntax at 1:1', async () => {
    const { diagnostics } = await check({ 'unclosed.md': '---\ntitle: Unclosed\nowner: sre\n\n# Unclosed\n\nBody text.\n' });
    expect(brief(diagnostics)).toStrictEqual(['unclosed.md 1:1 error yaml-syntax']);
    expect(diagnostics[0]!.message).toBe('Unexpected end of file in frontmatter, expected a closing `---` line');
  });

  test('CRLF line endings → the same positions as the LF version of the file', async () => {
    const lf = [
      '---',
      'title: Line endings',
      'created: <% tp.date.now("YYYY-MM-DD") %>',
      'tags: [ops, ops]',
      '---',
      '',
      '# Line endings',
      '',
      '## üìã Overview',
      '',
      'See [[nowhere]] and [[#Nowhere]], owner TBD.',
      '',
      '1. Plan',
      '   ```json',
      '   {',
      '     "a": 1',
      '     "b": 2',
      '   }',
      '   ```',
      '',
      '```yaml',
      'deployment_plan:',
      '  strategy: big-bang',
      '  phases: [preparation]',
      '```',
      '',
      '```mermaid',
      'graph TD',
      '  A --> B',
      '  B -->',
      '```',
      '',
      '| Date | Author |',
      '|------|--------|',
      '| YYYY-MM-DD | Name |',
      '',
    ].join('\n');
    const { diagnostics } = await check({ 'lf.md': lf, 'crlf.md': lf.replaceAll('\n', '\r\n') });
    const places = (file: string) =>
      diagnostics.filter((d) => d.file === file).map((d) => `${d.rule} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    expect(places('lf.md')).toStrictEqual([
      'templater-placeholder 3:10-3:41',
      'frontmatter-schema 4:13-4:16',
      'encoding 9:4-9:7',
      'broken-link 11:5-11:16',
      'broken-anchor 11:21-11:33',
      'placeholder-text 11:41-11:44',
      'code-block-syntax 17:6-17:7',
      'code-block-syntax 23:13-23:21',
      'mermaid-syntax 30:5-30:8',
      'placeholder-text 35:3-35:13',
      'placeholder-text 35:16-35:20',
    ]);
    expect(places('crlf.md')).toStrictEqual(places('lf.md'));
    const messages = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => d.message);
    expect(messages('crlf.md')).toStrictEqual(messages('lf.md'));
  });

  test(
    'an unreadable file → file-access',
    async () => {
      const root = makeTemp('shipshape-unreadable-');
      temps.push(root);
      const vault = join(root, 'vault');
      mkdirSync(vault);
      writeFiles(vault, { 'readable.md': '# Readable\n', 'secret.md': '# Secret\n' });
      chmodSync(join(vault, 'secret.md'), 0o000);
      const before = snapshot(root);
      // Root reads any file: drop that capability for the run (any other user is refused by mode 000 already).
      const run = await runCli(['--no-cache', '--format', 'json', '--content', vault], {
        cwd: root,
        withoutReadOverride: process.getuid?.() === 0,
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(1);
      const output = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
      expect(brief(output.diagnostics)).toStrictEqual(['secret.md 1:1 error file-access']);
      expect(output.diagnostics[0]!.message).toBe('Unreadable file: EACCES');
      chmodSync(join(vault, 'secret.md'), 0o644);
      expect(snapshot(root)).toStrictEqual(before);
    },
    spawnTimeout,
  );
});
