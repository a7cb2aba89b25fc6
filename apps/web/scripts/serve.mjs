// Serves the built site (dist/) on 127.0.0.1 and prints its address. `node scripts/serve.mjs [port]`;
// HOST=0.0.0.0 (or another address) serves other machines too, only when asked.
// Also imported by the browser tests, which pass port 0 for a free one.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveStaticPath } from './static-path.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
  '.map': 'application/json',
};

export const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** Starts the server; resolves to its address and a close function. */
export function serve({ root = DIST, port = 4173, host = '127.0.0.1' } = {}) {
  const server = createServer((request, response) => {
    // The raw path as sent (new URL() would resolve `..` and hide what was asked for).
    const raw = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
    const resolved = resolveStaticPath(root, raw);
    if (!resolved.file) return send(response, resolved.status, resolved.message);
    let file = resolved.file;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
      resolvePromise({ url, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

function send(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('No build in apps/web/dist: run `pnpm --filter @neuralkit/web build` (or `pnpm demo`) first.');
    process.exit(1);
  }
  const requested = Number(process.argv[2] ?? process.env.PORT ?? 4173);
  const host = process.env.HOST || '127.0.0.1';
  const server = await serve({ port: requested, host }).catch(() => serve({ port: 0, host }));
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.warn(`Serving on ${host}: other machines on the network can open the demo.`);
  }
  console.log(`neuralkit demo: open ${server.url} (Ctrl+C stops it)`);
}
