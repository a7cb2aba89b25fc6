import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import '@neuralkit/backend-cpu';
import '@neuralkit/backend-wasm';
import '@neuralkit/backend-cuda';
import { describe, expect, it } from 'vitest';

describe("useBackend('auto') in Node with the cpu, wasm and cuda adapters imported", () => {
  it('picks wasm, after skipping cuda with the reason', async () => {
    const info = await useBackend('auto');
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped.map((s) => s.name)).toEqual(['cuda']);
    expect(info.skipped[0]!.reason).toMatch(/@tensorflow\/tfjs-node-gpu.*CUDA 11\.2/s);
  });
});
