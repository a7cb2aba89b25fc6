import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSharedLibrary, librarySearchDirs, missingSharedLibraries } from './shared-library.js';

// A fake file system layout: two library folders, a loader config that includes a conf.d folder.
const root = mkdtempSync(join(tmpdir(), 'nk-libs-'));
const envDir = join(root, 'env-lib');
const confDir = join(root, 'conf-lib');
const trusted = join(root, 'usr-lib');
for (const dir of [envDir, confDir, trusted, join(root, 'ld.so.conf.d')]) mkdirSync(dir, { recursive: true });
writeFileSync(join(envDir, 'libcudart.so.11.0'), '');
writeFileSync(join(confDir, 'libcudnn.so.8'), '');
writeFileSync(join(trusted, 'libcudart.so.11.0'), '');
writeFileSync(join(root, 'ld.so.conf'), '# loader config\ninclude ld.so.conf.d/*.conf\n');
writeFileSync(join(root, 'ld.so.conf.d', 'cuda.conf'), `${confDir}  # from the CUDA installer\n`);
writeFileSync(join(root, 'ld.so.conf.d', 'ignored.txt'), `${join(root, 'nowhere')}\n`);
const options = { ldLibraryPath: `${envDir}::`, configFile: join(root, 'ld.so.conf'), defaultDirs: [trusted] };

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('shared library lookup (the Linux loader order)', () => {
  it('searches LD_LIBRARY_PATH, then ld.so.conf and its includes, then the trusted folders', async () => {
    await expect(librarySearchDirs(options)).resolves.toEqual([envDir, confDir, trusted]);
  });

  it('finds a library in the first folder that has it', async () => {
    await expect(findSharedLibrary('libcudart.so.11.0', options)).resolves.toBe(join(envDir, 'libcudart.so.11.0'));
    await expect(findSharedLibrary('libcudnn.so.8', options)).resolves.toBe(join(confDir, 'libcudnn.so.8'));
    await expect(findSharedLibrary('libcublas.so.11', options)).resolves.toBeUndefined();
  });

  it('names exactly the missing ones, in the order asked', async () => {
    const names = ['libcublas.so.11', 'libcudart.so.11.0', 'libcudnn.so.8', 'libcufft.so.10'];
    await expect(missingSharedLibraries(names, options)).resolves.toEqual(['libcublas.so.11', 'libcufft.so.10']);
  });

  it('finds the C library of this machine with the default search', async () => {
    await expect(findSharedLibrary('libc.so.6')).resolves.toMatch(/libc\.so\.6$/);
  });
});
