/**
 * What a build publishes, end to end, on a vault that is also a code repository: every secret of the fixture
 * (excluded docs, drafts, `publish: false`, templates, comments, files no published doc uses, `site.exclude`) carries
 * the marker `zqsecret`, and no byte of the built site — page, asset, sitemap, search index (Pagefind's fragments
 * decompressed) — and no file name holds it. Every file a published doc uses is there, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { siteEnv } from '../helpers/site-env.ts';

const root = join(import.meta.dirname, '../..');
const vault = join(root, 'test/fixtures/publish-vault');
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-publish-'));
const out = join(scratch, 'dist');
const cacheDir = join(scratch, 'cache');

function build(...flags: string[]) {
  return spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', out, ...flags], {
    cwd: root,
    env: siteEnv({ SHIPSHAPE_CONFIG: 'test/fixtures/publish-vault.config.json', SHIPSHAPE_CACHE_DIR: cacheDir }),
    encoding: 'utf8',
    timeout: 180_000,
    // --verbose logs every module Vite touches.
    maxBuffer: 256 * 1024 * 1024,
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A file's text as a reader (or a crawler) could get it: Pagefind's index and fragments are gzip. */
function textOf(file: string): string {
  let bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return bytes.toString('utf8');
}

let log = '';
beforeAll(() => {
  const result = build();
  log = result.stdout + result.stderr;
  expect(result.status, log).toBe(0);
}, 200_000);

describe('a build publishes only what is meant to be published', () => {
  it('leaves no trace of a secret anywhere in the output, names included', () => {
    const leaks = files(out).flatMap((file) => {
      const path = relative(out, file);
      return /zqsecret/i.test(path) || /zqsecret/i.test(textOf(file)) ? [`${path}: ${/zqsecret[\w-]*/i.exec(path + textOf(file))![0]}`] : [];
    });
    expect(leaks).toEqual([]);
    // The scan reads what it claims to: published text is found inside the decompressed search index.
    const fragments = files(join(out, 'pagefind')).filter((file) => file.endsWith('.pf_fragment'));
    expect(fragments.some((file) => textOf(file).includes('VISIBLEMARKER-INDEX'))).toBe(true);
  });

  it('publishes every file a published doc uses, byte for byte, under its NFC name', () => {
    for (const [published, source] of [
      ['img/flow.svg', 'img/flow.svg'], // ![[flow.svg]]
      ['img/arch.png', 'img/arch.png'], // ![Architecture](img/arch.png)
      ['files/runbook.pdf', 'files/runbook.pdf'], // [[runbook.pdf]]
      ['files/deploy.log', 'files/deploy.log'], // [deploy log](files/deploy.log)
      ['img/cover.png', 'img/cover.png'], // image: img/cover.png (format vault-file)
      ['img/Diagramm für Überblick.svg'.normalize('NFC'), 'img/Diagramm für Überblick.svg'.normalize('NFD')], // saved decomposed
    ] as const) {
      expect(existsSync(join(out, published)), published).toBe(true);
      expect(readFileSync(join(out, published)).equals(readFileSync(join(vault, source))), published).toBe(true);
    }
  });

  it('leaves out files no published doc uses, run data and templates', () => {
    for (const path of ['docker-compose.yml', 'inventory.ini', 'logs/app.log', 'scripts/deploy.ts', 'values-prod.yaml', 'runs/deploys.ndjson', 'templates/runbook/index.html', 'notes/draft-plan/index.html', 'notes/internal/index.html']) {
      expect(existsSync(join(out, path)), path).toBe(false);
    }
  });

  it('says what it published and left out, and lists it in the cache and with --verbose', () => {
    expect(log).toContain(
      'published 5 docs and 6 attachments; left out 4 docs (template, site.exclude, publish: false, draft), 6 files no published doc uses and 1 file by site.exclude',
    );
    const list = readFileSync(join(cacheDir, 'left-out.txt'), 'utf8');
    expect(list).toContain('doc   notes/draft-plan.md  (draft)');
    expect(list).toContain('file  inventory.ini  (no published doc uses it)');
    expect(list).toContain('file  zqsecret-folder/zqsecret-excl-file.txt  (site.exclude)');
    const verbose = build('--verbose');
    expect(verbose.status).toBe(0);
    expect(verbose.stdout + verbose.stderr).toContain('left out doc   notes/internal.md  (publish: false)');
  }, 200_000);

  it('shows links to unpublished docs as plain text and their embeds as “not published”', () => {
    const home = readFileSync(join(out, 'index/index.html'), 'utf8');
    expect(home).toContain('<span class="unpublished">the credentials doc</span>');
    expect(home).toContain('<span class="unpublished">a heading it lacks</span>');
    expect(home).toContain('<span class="unpublished">the draft</span>');
    expect(home.match(/<div class="embed embed-unpublished"><p>Not published\.<\/p><\/div>/g)).toHaveLength(3);
    // The doc saved with a decomposed name is linked, at its composed URL.
    expect(home).toContain(`href="${'/notes/notiz-über-rollback/'.normalize('NFC')}"`);
    expect(existsSync(join(out, 'notes/notiz-über-rollback'.normalize('NFC'), 'index.html'))).toBe(true);
  });

  it('counts only published docs on the health page, and says a problem about a left-out doc or inside a comment without quoting it', () => {
    const health = readFileSync(join(out, 'health/index.html'), 'utf8');
    expect(health).toContain('of 5 files checked');
    expect(health).toContain('broken-anchor problem about a doc that is not published');
    expect(health).toContain('templater-placeholder problem inside a comment');
    expect(health).not.toContain('unpublished-link');
  });
});
