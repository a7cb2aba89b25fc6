import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CUDA_LIBRARIES, describeMissing, missingCudaLibraries } from './cuda-libraries.js';

// A machine with the driver, CUDA 13's runtime and cuBLAS 11 on LD_LIBRARY_PATH, nothing else.
const root = mkdtempSync(join(tmpdir(), 'nk-cuda-libs-'));
const lib = join(root, 'lib');
mkdirSync(lib);
for (const name of ['libcuda.so.1', 'libcudart.so.13', 'libcublas.so.11', 'libcublasLt.so.11']) writeFileSync(join(lib, name), '');
const options = { ldLibraryPath: lib, configFile: join(root, 'none.conf'), defaultDirs: [] };

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('missingCudaLibraries', () => {
  it('names exactly the libraries libtensorflow 2.9 would not find, and other versions it would', async () => {
    const missing = await missingCudaLibraries(options);
    expect(missing.map((m) => m.name)).toEqual([
      'libcudart.so.11.0', 'libcufft.so.10', 'libcurand.so.10', 'libcusolver.so.11', 'libcusparse.so.11', 'libcudnn.so.8',
    ]);
    expect(missing[0]).toEqual({ name: 'libcudart.so.11.0', otherVersions: ['libcudart.so.13'] });
    expect(describeMissing(missing)).toMatch(/^libcudart\.so\.11\.0 \(found libcudart\.so\.13 only\), libcufft\.so\.10, /);
  });

  it('finds nothing missing once every library is there', async () => {
    for (const name of CUDA_LIBRARIES) writeFileSync(join(lib, name), '');
    await expect(missingCudaLibraries(options)).resolves.toEqual([]);
  });
});
