import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BackendUnavailableError, registeredBackends, useBackend } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { cudaBackend, TFJS_NODE_GPU } from './index.js';
import { probeInstallation } from './cuda-probe.js';

// This machine has tfjs-node-gpu installed without its native binding (its install script
// is not run here) and no NVIDIA GPU: the documented "unavailable" path.
const hasWorkingCuda = probeInstallation().ok;

describe.skipIf(hasWorkingCuda)('cudaBackend without a CUDA installation', () => {
  it('registers itself as "cuda" and resolves isAvailable() to false without throwing', async () => {
    expect(registeredBackends()).toContain('cuda');
    await expect(cudaBackend().isAvailable()).resolves.toBe(false);
  });

  it('throws BackendUnavailableError naming the package, CUDA 11.2, cuDNN 8.1 and the install steps', async () => {
    const error = await cudaBackend().activate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('@tensorflow/tfjs-node-gpu');
    expect(message).toContain('CUDA 11.2');
    expect(message).toContain('cuDNN 8.1');
    expect(message).toContain('pnpm approve-builds');
    expect(message).toContain('onlyBuiltDependencies');
    expect(message).toContain('npm install @tensorflow/tfjs-node-gpu@4.22.0');
  });

  it('says precisely what is missing here: the native binding of the installed package', async () => {
    await expect(cudaBackend().unavailableReason?.()).resolves.toMatch(/native binding .* is missing: its install script did not run/);
  });

  it('names each CUDA library that libtensorflow 2.9 would not find here', async () => {
    const reason = (await cudaBackend().unavailableReason?.()) ?? '';
    // This machine has no CUDA 11 / cuDNN 8 libraries (at most a CUDA 13 runtime, libcudart.so.13).
    expect(reason).toMatch(/Missing CUDA libraries \(searched LD_LIBRARY_PATH, \/etc\/ld\.so\.conf and the system folders\): .*libcudart\.so\.11\.0/);
    for (const name of ['libcublas.so.11', 'libcufft.so.10', 'libcurand.so.10', 'libcusolver.so.11', 'libcusparse.so.11', 'libcudnn.so.8']) {
      expect(reason).toContain(name);
    }
  });

  it('makes useBackend("cuda") fail with the same error', async () => {
    await expect(useBackend('cuda')).rejects.toThrowError(/CUDA 11\.2/);
  });
});

describe('the tfjs-core instance tfjs-node-gpu registers into', () => {
  it('is the one our packages import: tfjs-node-gpu → @tensorflow/tfjs 4.22.0 → tfjs-core 4.22.0 resolve to one file', () => {
    const ours = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core');
    const gpuRequire = createRequire(createRequire(import.meta.url).resolve(`${TFJS_NODE_GPU}/package.json`));
    const tfjsRequire = createRequire(gpuRequire.resolve('@tensorflow/tfjs/package.json'));
    const theirs = tfjsRequire.resolve('@tensorflow/tfjs-core');
    expect(theirs).toBe(ours);
    const version = (require: NodeRequire) => (require(`@tensorflow/tfjs-core/package.json`) as { version: string }).version;
    expect(version(tfjsRequire)).toBe('4.22.0');
    expect(dirname(theirs)).toMatch(/tfjs-core/);
  });
});
