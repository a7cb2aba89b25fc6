import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../scripts/serve.mjs';

let root: string;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'neuralkit-serve-'));
  writeFileSync(join(root, 'index.html'), '<p>demo</p>');
  server = await serve({ root, port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the demo server', () => {
  it('answers a malformed percent-encoded path with 400 and keeps serving', async () => {
    const bad = await fetch(`${server.url}%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('%E0%A4%A');
    const good = await fetch(server.url);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('<p>demo</p>');
  }, 10_000);
});
