import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { registerBackend, type Backend } from './backend.js';
import { activateTfjsBackend, useBackend } from './use-backend.js';
import { BackendUnavailableError } from './errors.js';

function fake(name: string, available: boolean, reason?: string): Backend {
  return {
    name,
    isAvailable: async () => available,
    unavailableReason: async () => reason,
    activate: () => activateTfjsBackend('cpu'),
    describe: () => ({ fake: true }),
  };
}

describe('useBackend', () => {
  it('activates an adapter and reports what it chose', async () => {
    const info = await useBackend(fake('cpu', true));
    expect(info).toMatchObject({ name: 'cpu', tfjsBackend: 'cpu', platform: 'node', floatPrecision: 32, details: { fake: true } });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'auto' follows Node's order over the registered adapters and says what it skipped", async () => {
    registerBackend('cpu', () => fake('cpu', true));
    registerBackend('wasm', () => fake('wasm', false, 'no wasm here'));
    registerBackend('cuda', () => fake('cuda', false, 'no GPU'));
    const info = await useBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.skipped).toEqual([
      { name: 'cuda', reason: 'no GPU' },
      { name: 'wasm', reason: 'no wasm here' },
    ]);
  });

  it('throws BackendUnavailableError with the reason for one unavailable backend', async () => {
    await expect(useBackend(fake('cuda', false, 'CUDA 11.2 is missing'))).rejects.toThrowError(BackendUnavailableError);
    await expect(useBackend(fake('cuda', false, 'CUDA 11.2 is missing'))).rejects.toThrowError('CUDA 11.2 is missing');
  });

  it('names the package to install for an unknown backend name', async () => {
    await expect(useBackend('webgpu')).rejects.toThrowError(/install and import @neuralkit\/backend-webgpu/);
  });

  it('falls through to the next candidate when an available backend fails to activate', async () => {
    const failing: Backend = { name: 'webgl', isAvailable: async () => true, activate: async () => { throw new Error('no float32 textures'); } };
    await expect(useBackend([failing, fake('cpu', true)])).resolves.toMatchObject({
      name: 'cpu',
      skipped: [{ name: 'webgl', reason: 'it failed to activate: no float32 textures' }],
    });
    await expect(useBackend(failing)).rejects.toThrowError('no float32 textures');
  });

  it('treats a throwing isAvailable as unavailable', async () => {
    const broken: Backend = { name: 'x', isAvailable: async () => { throw new Error('boom'); }, activate: async () => {} };
    await expect(useBackend([broken, fake('cpu', true)])).resolves.toMatchObject({ name: 'cpu', skipped: [{ name: 'x' }] });
  });
});
