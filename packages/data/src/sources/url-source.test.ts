import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMES, tempDir } from '../../test/fixtures.js';
import { mnist } from '../mnist.js';
import { embeddedMnistDir } from './embedded-dir.js';
import { sha256Hex } from './verify-sha256.js';

// A real HTTP server on 127.0.0.1 serving the four MNIST files gzip-compressed, as the
// mirrors do: /mnist/<name>.gz as is, /bad/ with one label changed, /fail/ answering 500.
let server: Server;
let base: string;
let temp: Awaited<ReturnType<typeof tempDir>>;
const requests: string[] = [];
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  temp = await tempDir();
  const embedded = await embeddedMnistDir();
  for (const name of Object.values(NAMES)) {
    const raw = await readFile(join(embedded, name));
    files.set(`/mnist/${name}.gz`, gzipSync(raw, { level: 1 }));
    if (name === NAMES.testLabels) raw[8] = 3; // the first test label is 7
    files.set(`/bad/${name}.gz`, gzipSync(raw, { level: 1 }));
  }
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (req.url?.startsWith('/fail/') || body === undefined) {
      res.writeHead(req.url?.startsWith('/fail/') ? 500 : 404).end('no');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await temp.remove();
});

describe('{ url, cacheDir } source', () => {
  it('downloads, verifies and caches once; the second call reads the cache', async () => {
    const cacheDir = join(temp.dir, 'good');
    const first = await mnist.loadArrays({ url: `${base}/mnist/`, cacheDir });
    expect([...first.test.y.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
    expect(first.train.xShape).toEqual([60000, 28, 28]);
    expect((await readdir(cacheDir)).sort()).toEqual(Object.values(NAMES).map((n) => `${n}.gz`).sort());
    expect(requests.filter((r) => r.startsWith('/mnist/'))).toHaveLength(4);

    const second = await mnist.loadArrays({ url: `${base}/mnist`, cacheDir });
    expect([...second.train.y.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect(requests.filter((r) => r.startsWith('/mnist/'))).toHaveLength(4);
  });

  it('downloads again a cached file that no longer matches its digest', async () => {
    const cacheDir = join(temp.dir, 'good');
    await writeFile(join(cacheDir, `${NAMES.testLabels}.gz`), 'damaged');
    const data = await mnist.loadArrays({ url: `${base}/mnist/`, cacheDir });
    expect([...data.test.y.subarray(0, 3)]).toEqual([7, 2, 1]);
    expect(requests.filter((r) => r.startsWith('/mnist/'))).toEqual([
      ...Array(4).fill(expect.stringMatching(/^\/mnist\//)),
      `/mnist/${NAMES.testLabels}.gz`,
    ]);
  });

  it('rejects a corrupted download and caches nothing of it', async () => {
    const cacheDir = join(temp.dir, 'bad');
    const url = `${base}/bad/${NAMES.testLabels}.gz`;
    await expect(mnist.loadArrays({ url: `${base}/bad/`, cacheDir })).rejects.toThrowError(
      new RegExp(`^${url}: SHA-256 mismatch: expected f7ae60f9\\w+ or ff7bcfd4\\w+, received [0-9a-f]{64}\\. The download is damaged`),
    );
    const left = await readdir(cacheDir);
    expect(left).not.toContain(`${NAMES.testLabels}.gz`);
    expect(left.filter((f) => !f.endsWith('.gz'))).toEqual([]); // no temporary files either
  });

  it('reports a server error clearly and caches nothing', async () => {
    const cacheDir = join(temp.dir, 'fail');
    await expect(mnist.loadArrays({ url: `${base}/fail/`, cacheDir })).rejects.toThrowError(
      `Download of ${base}/fail/${NAMES.trainImages}.gz failed: expected HTTP 200, received 500 Internal Server Error.`,
    );
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('downloads into memory only with cacheDir: false, checking a digest given for another mirror', async () => {
    const before = requests.length;
    const served = files.get(`/mnist/${NAMES.testLabels}.gz`)!;
    const sha256 = { testLabels: await sha256Hex(served) }; // the digest of the .gz bytes themselves
    const data = await mnist.loadArrays({ url: `${base}/mnist/`, cacheDir: false, sha256 });
    expect(data.test.yShape).toEqual([10000]);
    expect(requests.length - before).toBe(4);
    const wrong = { testLabels: '0'.repeat(64) };
    await expect(mnist.loadArrays({ url: `${base}/mnist/`, cacheDir: false, sha256: wrong })).rejects.toThrowError(
      `SHA-256 mismatch: expected ${'0'.repeat(64)}, received ${sha256.testLabels}.`,
    );
  });
});
