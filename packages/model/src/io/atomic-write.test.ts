import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite, atomicWriteFiles } from './atomic-write.js';
import { removeLeftovers, writerMark } from './leftovers.js';

/** The id of a process that has exited: what a killed save's temporary file names. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

/** A writer mark as another process on `host` would make it. */
function markOf(pid: number, host = hostname()): string {
  return writerMark(host).replace(`~${process.pid}~`, `~${pid}~`);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomicWrite', () => {
  it('removes the temporary files a killed save of the same file left, and nothing else', async () => {
    const file = join(dir, 'model.h5');
    const killed = `.model.h5.tmp-${markOf(deadPid())}lz1.1`;
    const running = `.model.h5.tmp-${markOf(process.ppid)}lz1.2`;
    const otherHost = `.model.h5.tmp-${markOf(deadPid(), 'another-host')}lz1.3`;
    const otherFile = `.other.h5.tmp-${markOf(deadPid())}lz1.4`;
    for (const name of [killed, running, otherHost, otherFile]) await writeFile(join(dir, name), 'partial');
    await atomicWrite(file, 'new');
    expect((await readdir(dir)).sort()).toEqual([otherFile, running, otherHost, 'model.h5'].sort());
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it('removes a killed export\'s staging folder, and leaves a missing folder alone', async () => {
    const staging = join(dir, `.mlp.onnx.export-${markOf(deadPid())}AbC123`);
    await mkdir(staging);
    await writeFile(join(staging, 'mlp.onnx'), 'partial');
    await removeLeftovers(await import('node:fs/promises'), dir, '.mlp.onnx.export-', hostname());
    expect(await readdir(dir)).toEqual([]);
    await expect(removeLeftovers(await import('node:fs/promises'), join(dir, 'missing'), '.x.export-', hostname())).resolves.toBeUndefined();
  });

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
