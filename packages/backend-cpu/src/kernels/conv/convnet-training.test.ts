import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, REFERENCE, registerReference } from '../../../test/conv-reference.js';
import { trainConvnet } from '../../../test/convnet.js';
import { cpuBackend } from '../../cpu-backend.js';
import { stockConvKernel } from './conv-kernels.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
  registerReference(stockConvKernel);
});

describe('a convnet trained on cpu with these kernels', () => {
  it('has the weights tfjs-backend-cpu gives after the same three steps, and leaks no tensors', async () => {
    await tf.setBackend(REFERENCE);
    const reference = await trainConvnet(3);
    await tf.setBackend('cpu');
    const ours = await trainConvnet(3);
    expect(ours.leaked).toBe(0);
    ours.weights.forEach((w, i) => expectClose(w, reference.weights[i]!, `weight ${i}`, 1e-4));
    // The steps moved the weights: the comparison is not between two untrained models.
    const untrained = await trainConvnet(0);
    expect(Math.max(...untrained.weights[0]!.map((v, i) => Math.abs(v - ours.weights[0]![i]!)))).toBeGreaterThan(1e-3);
  }, 60_000);
});
