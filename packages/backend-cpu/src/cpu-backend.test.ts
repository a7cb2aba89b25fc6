import * as tf from '@tensorflow/tfjs-core';
import { registeredBackends, useBackend } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from './index.js';

describe('cpuBackend', () => {
  it('is always available and registers itself as "cpu" on import', async () => {
    const backend = cpuBackend();
    expect(backend.name).toBe('cpu');
    await expect(backend.isAvailable()).resolves.toBe(true);
    await expect(backend.unavailableReason?.()).resolves.toBeUndefined();
    expect(registeredBackends()).toContain('cpu');
  });

  it('activates tfjs-backend-cpu, also by name, and computes with it', async () => {
    const info = await useBackend('cpu');
    expect(info).toMatchObject({ name: 'cpu', tfjsBackend: 'cpu', floatPrecision: 32 });
    expect(tf.getBackend()).toBe('cpu');
    const before = tf.memory().numTensors;
    // [[1, 2], [3, 4]] · [1, 1]ᵀ = [3, 7]
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1], [1]])));
    expect(Array.from(y.dataSync())).toEqual([3, 7]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('clears the tfjs-node advice banner flag of the instance it activated', async () => {
    await useBackend(cpuBackend());
    expect((tf.findBackend('cpu') as unknown as { firstUse: boolean }).firstUse).toBe(false);
  });
});
