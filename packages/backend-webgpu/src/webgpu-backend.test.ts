import { BackendUnavailableError, registeredBackends, useBackend } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { probeAdapter } from './gpu-source.js';
import { webgpuBackend } from './index.js';

// This machine (and CI) has no Vulkan loader on the library path: Dawn finds no adapter.
// The software adapter case runs in a child process in test/swiftshader-node.test.ts.
const hasAdapter = (await probeAdapter()).ok;

describe('webgpuBackend registration', () => {
  it('registers itself as "webgpu" on import, and activates nothing', () => {
    expect(webgpuBackend().name).toBe('webgpu');
    expect(registeredBackends()).toContain('webgpu');
    expect(webgpuBackend().describe?.()).toEqual({});
  });
});

describe.skipIf(hasAdapter)('webgpuBackend in Node without a GPU adapter', () => {
  it('resolves isAvailable() to false without throwing', async () => {
    await expect(webgpuBackend().isAvailable()).resolves.toBe(false);
  });

  it('says what is missing: the Vulkan loader that Dawn needs on Linux', async () => {
    const reason = await webgpuBackend().unavailableReason?.();
    expect(reason).toMatch(/^Dawn \(the webgpu package\) found no GPU adapter: the Vulkan loader libvulkan\.so\.1 is not installed/);
  });

  it('makes activate() and useBackend("webgpu") throw BackendUnavailableError, not crash', async () => {
    const error = await webgpuBackend().activate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).backend).toBe('webgpu');
    expect((error as Error).message).toContain('The webgpu backend is unavailable: Dawn');
    await expect(useBackend('webgpu')).rejects.toThrowError(/libvulkan\.so\.1/);
  });

  it('lets a list fall through to the next backend, saying why webgpu was skipped', async () => {
    await import('@neuralkit/backend-cpu');
    const info = await useBackend(['webgpu', 'cpu']);
    expect(info.name).toBe('cpu');
    expect(info.skipped).toEqual([{ name: 'webgpu', reason: expect.stringMatching(/found no GPU adapter/) }]);
  });
});
