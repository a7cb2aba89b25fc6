import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite, atomicWriteFiles } from './atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomicWrite', () => {
  it('writes text and bytes, replacing a previous file, and leaves no temp file', async () => {
    const file = join(dir, 'a.json');
    await atomicWrite(file, 'old');
    await atomicWrite(file, new Uint8Array([104, 105]));
    expect(await readFile(file, 'utf8')).toBe('hi');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('creates missing parent folders, as the tfjs file:// handler does', async () => {
    const file = join(dir, 'runs', 'one', 'model.json');
    await atomicWrite(file, '{}');
    expect(await readFile(file, 'utf8')).toBe('{}');
    expect(await readdir(join(dir, 'runs', 'one'))).toEqual(['model.json']);
  });

  it('a failure while writing the pair leaves both previous files intact and no temp files', async () => {
    const json = join(dir, 'model.json');
    const bin = join(dir, 'model.weights.bin');
    await writeFile(json, 'previous json');
    await writeFile(bin, 'previous bin');
    // The second file's folder is a regular file, so its write fails after the first temp is written.
    const missing = join(json, 'x.bin');
    await expect(
      atomicWriteFiles([
        { path: bin, data: 'new bin' },
        { path: missing, data: 'x' },
        { path: json, data: 'new json' },
      ]),
    ).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(await readFile(json, 'utf8')).toBe('previous json');
    expect(await readFile(bin, 'utf8')).toBe('previous bin');
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'model.weights.bin']);
  });
});
