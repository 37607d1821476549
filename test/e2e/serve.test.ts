/** The browser tests' static server answers as a static host would. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type StaticServer } from './serve.ts';

const files: Record<string, string> = {
  'index.html': 'home',
  '404.html': 'not here',
  'odd-names/café-1/index.html': 'café',
  '_astro/a.js': 'js',
  '_shipshape/mermaid/m.mjs': 'mjs',
  '_astro/site.css': 'css',
  'attachments/flow.svg': '<svg/>',
  'pagefind/pagefind-entry.json': '{}',
  'pagefind/wasm.unknown.pagefind': 'wasm',
  'pagefind/index/en_1.pf_index': 'bytes',
};

let dir: string;
let server: StaticServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-serve-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  server = await serve(dir);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serve', () => {
  it.each([
    // [path, status, content type, body]
    ['', 200, 'text/html; charset=utf-8', 'home'],
    ['odd-names/caf%C3%A9-1/', 200, 'text/html; charset=utf-8', 'café'],
    ['_astro/a.js', 200, 'text/javascript; charset=utf-8', 'js'],
    ['_shipshape/mermaid/m.mjs', 200, 'text/javascript; charset=utf-8', 'mjs'],
    ['_astro/site.css', 200, 'text/css; charset=utf-8', 'css'],
    ['attachments/flow.svg', 200, 'image/svg+xml', '<svg/>'],
    ['pagefind/pagefind-entry.json', 200, 'application/json', '{}'],
    ['pagefind/index/en_1.pf_index', 200, 'application/octet-stream', 'bytes'],
    ['nowhere/', 404, 'text/html; charset=utf-8', 'not here'],
    ['%E0%A4%A', 404, 'text/html; charset=utf-8', 'not here'],
    ['..%2F..%2Fetc%2Fpasswd', 404, 'text/html; charset=utf-8', 'not here'],
  ])('GET /%s → %i %s', async (path, status, type, body) => {
    const response = await fetch(server.url + path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(body);
  });

  it('redirects a folder named without its slash', async () => {
    const response = await fetch(`${server.url}odd-names/caf%C3%A9-1`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/odd-names/caf%C3%A9-1/');
  });
});
