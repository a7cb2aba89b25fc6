import { execFileSync } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeuralkitError } from '@neuralkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite, atomicWriteFiles } from './atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nk-full-disk-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A 64 KiB tmpfs at `path`, where the machine allows mounting one (root on Linux); else false. */
function mountTinyTmpfs(path: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const FULL = /^Could not save .*model\.h5: no space left on the device \(ENOSPC\); the previous files are unchanged\.$/;

describe('a full disk', () => {
  it('gives a clear error and keeps the old file (injected ENOSPC on write)', async () => {
    const target = join(dir, 'model.h5');
    await writeFile(target, 'old model');
    const full = {
      ...fsp,
      open: async (file: string, flags: string) => {
        const handle = await fsp.open(file, flags);
        return Object.assign(Object.create(handle) as object, {
          writeFile: async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          },
          close: () => handle.close(),
        });
      },
    } as unknown as typeof fsp;
    const error = await atomicWrite(target, new Uint8Array(1000), { fs: full }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeuralkitError);
    expect((error as NeuralkitError).code).toBe('SAVE_FAILED');
    expect((error as Error).message).toMatch(FULL);
    expect(await readFile(target, 'utf8')).toBe('old model');
    expect(await readdir(dir)).toEqual(['model.h5']);
  });

  it('on a real 64 KiB tmpfs (where it can be mounted): clear error, old file kept, no temp left', async (context) => {
    const mount = join(dir, 'small');
    await fsp.mkdir(mount);
    if (!mountTinyTmpfs(mount)) context.skip();
    try {
      const target = join(mount, 'model.h5');
      await atomicWrite(target, new Uint8Array(20_000).fill(1));
      const error = await atomicWriteFiles([{ path: target, data: new Uint8Array(200_000) }]).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(FULL);
      expect(new Uint8Array(await readFile(target))).toEqual(new Uint8Array(20_000).fill(1));
      expect(await readdir(mount)).toEqual(['model.h5']);
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});
