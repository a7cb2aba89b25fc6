import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBytes } from './fetch-bytes.js';

// A real server on 127.0.0.1: /ok sends 100 000 bytes in 10 chunks 20 ms apart (slow but alive),
// /stall sends headers and one chunk and then nothing, /silent never answers at all, /cut
// promises 1000 bytes, sends 10 and closes the connection.
let server: Server;
let base: string;
const open: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    open.push(res);
    if (req.url === '/silent') return;
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write(new Uint8Array(10), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    if (req.url === '/stall') {
      res.write(new Uint8Array(10));
      return;
    }
    let sent = 0;
    const timer = setInterval(() => {
      res.write(new Uint8Array(10_000).fill(sent + 1));
      if (++sent === 10) {
        clearInterval(timer);
        res.end();
      }
    }, 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchBytes', () => {
  it('keeps a slow download that never pauses longer than the stall timeout', async () => {
    const bytes = await fetchBytes(`${base}/ok`, 500);
    expect(bytes.byteLength).toBe(100_000);
    expect([bytes[0], bytes[99_999]]).toEqual([1, 10]);
  });

  it('abandons a body that stops arriving, saying so', async () => {
    await expect(fetchBytes(`${base}/stall`, 300)).rejects.toThrowError(
      `Download of ${base}/stall failed: no data for 0.3 s.`,
    );
  });

  it('reports a connection closed mid-body as such, not as a stall', async () => {
    const error = (await fetchBytes(`${base}/cut`, 5000).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`^Download of ${base}/cut failed: the connection broke after 10 bytes \\(.+\\)\\.$`));
    expect(error.message).not.toMatch(/no data for/);
  });

  it('abandons a server that never answers', async () => {
    await expect(fetchBytes(`${base}/silent`, 300)).rejects.toThrowError(
      `Download of ${base}/silent failed: no answer within 0.3 s.`,
    );
  });
});
