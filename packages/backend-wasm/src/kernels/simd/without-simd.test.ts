import * as tf from '@tensorflow/tfjs-core';
import { optimizerKernelServes, useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FUSED_UPDATE_LIMIT, optimizerKernelsUseSimd, wasmBackend } from '../../index.js';

// A runtime without WebAssembly SIMD: the module never compiles.
vi.mock('./simd-module.js', async (original) => ({ ...(await original<object>()), compileSimdModule: async () => false }));

beforeAll(() => useBackend(wasmBackend()));

describe('the optimizer update kernels without WebAssembly SIMD', () => {
  it('keep the scalar loop and its FUSED_UPDATE_LIMIT', () => {
    expect(optimizerKernelsUseSimd()).toBe(false);
    expect(optimizerKernelServes(FUSED_UPDATE_LIMIT)).toBe(true);
    expect(optimizerKernelServes(FUSED_UPDATE_LIMIT + 1)).toBe(false);
  });

  it('compute the scalar rule: SGD with momentum, hand-checked', () => {
    // m = 0.5·1 - 2·0.25 = 0, w = 1 + 0 = 1; m = 0.5·2 - 2·0.5 = 0, w = 2; m = 0.5·(-1) - 2·1 = -2.5, w = 3 - 2.5 = 0.5
    const [gradient, variable, momentum] = [[0.25, 0.5, 1], [1, 2, 3], [1, 2, -1]].map((a) => tf.tensor(a));
    const attrs = { learningRate: 2, momentum: 0.5, nesterov: false };
    tf.engine().runKernel('NeuralkitSGDUpdate', { gradient: gradient!, variable: variable!, momentum: momentum! }, attrs);
    expect([Array.from(variable!.dataSync()), Array.from(momentum!.dataSync())]).toEqual([[1, 2, 0.5], [0, 0, -2.5]]);
    tf.dispose([gradient!, variable!, momentum!]);
  });
});
