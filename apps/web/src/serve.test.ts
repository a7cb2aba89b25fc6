import { request } from 'node:http';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../scripts/serve.mjs';

let outside: string;
let root: string;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  // outside/secret.txt beside the served folder outside/site/.
  outside = await mkdtemp(join(tmpdir(), 'nk-serve-'));
  root = join(outside, 'site');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<p>demo</p>');
  await writeFile(join(root, 'assets', 'a.js'), 'ok()');
  await writeFile(join(outside, 'secret.txt'), 'secret');
  await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'));
  server = await serve({ root, port: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(outside, { recursive: true, force: true });
});

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function get(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo server', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves files in its folder', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<p>demo</p>' });
    expect(await get('/assets/a.js?v=1')).toEqual({ status: 200, body: 'ok()' });
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('refuses every way out of its folder', async () => {
    const cases: Array<[string, number]> = [
      ['/../secret.txt', 403],
      ['/assets/../../secret.txt', 403],
      ['/%2e%2e/secret.txt', 403],
      ['/%2E%2E%2Fsecret.txt', 400],
      ['/..%2fsecret.txt', 400],
      ['/..%5csecret.txt', 400],
      ['/..\\secret.txt', 400],
      ['/index.html%00.js', 400],
      ['/%E0%A4%A', 400],
      ['/link.txt', 403],
    ];
    for (const [path, status] of cases) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, status]);
      expect(response.body).not.toContain('secret');
    }
  });
});
