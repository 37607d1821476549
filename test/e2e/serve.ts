/**
 * A tiny static server for a built site, as a static host serves it: `/x/` → `/x/index.html`, anything missing →
 * `404.html` with status 404. Used by the browser tests and by `npm run lighthouse`.
 *
 * In: `await serve('/tmp/site')` → { url: 'http://127.0.0.1:41234/', close() }
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Content type by extension; Pagefind's index files (`.pf_meta`, `.pf_fragment`, `wasm.en.pagefind`…) are opaque bytes. */
export function contentType(path: string): string {
  return types[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** Origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on a free port of 127.0.0.1 until `close()`. */
export async function serve(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    void (async () => {
      const found = await find(root, request.url ?? '/');
      if (typeof found === 'object') {
        response.writeHead(301, { location: found.redirect }).end();
        return;
      }
      const file = found;
      const status = file ? 200 : 404;
      const path = file ?? join(root, '404.html');
      const size = await stat(path).then((s) => s.size, () => undefined);
      if (size === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      response.writeHead(status, { 'content-type': contentType(path), 'content-length': size, 'cache-control': 'no-cache' });
      if (request.method === 'HEAD') response.end();
      else createReadStream(path).pipe(response);
    })().catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(error.message);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}

/**
 * The file a URL names inside `root`: percent-decoded, `..` cannot leave the root, `/x/` → `/x/index.html`; a folder
 * named without its slash is redirected to it, as static hosts do. Undefined when there is no such file.
 */
async function find(root: string, url: string): Promise<string | { redirect: string } | undefined> {
  let parsed: URL;
  let path: string;
  try {
    parsed = new URL(url, 'http://localhost');
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return file;
  if (info?.isDirectory()) return { redirect: `${parsed.pathname}/${parsed.search}` };
  return undefined;
}
