import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, REFERENCE, registerReference, seeded, valuesOn } from '../../../test/conv-reference.js';
import { wasmBackend } from '../../wasm-backend.js';
import { CONV_KERNELS } from './conv-kernels.js';

type Shape = [number, number, number, number];
type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Our result and the reference's for the same inputs. */
async function both(fn: () => tf.Tensor | tf.Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  const ours = await valuesOn('wasm', fn);
  const reference = await valuesOn(REFERENCE, fn);
  await tf.setBackend('wasm');
  return [ours, reference];
}

beforeAll(async () => {
  registerReference();
  await useBackend(wasmBackend());
});

describe('the wasm convolution kernels', () => {
  it('add Conv2DBackpropFilter, which tfjs-backend-wasm lacks, and replace its input and pooling gradients', () => {
    expect(CONV_KERNELS).toEqual(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'AvgPoolGrad']);
    for (const name of CONV_KERNELS) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
  });

  it('conv2d and fused conv2d gradients (tf.grads) equal tfjs-backend-cpu over strides and paddings', async () => {
    for (const [xShape, filterShape] of [
      [[2, 7, 6, 3], [3, 3, 3, 4]],
      [[1, 5, 5, 2], [1, 1, 2, 3]],
      [[2, 8, 9, 1], [2, 3, 1, 5]],
      [[1, 6, 6, 8], [3, 3, 8, 6]],
    ] as Array<[Shape, Shape]>) {
      for (const strides of [1, 2, [1, 2]] as Array<number | [number, number]>) {
        for (const pad of ['valid', 'same', 1, [[0, 0], [1, 0], [0, 2], [0, 0]]] as Pad[]) {
          // tfjs-core sizes a number pad with the row stride and filter height for both axes;
          // XNNPACK does not, so the two agree only on square filters and strides.
          if (typeof pad === 'number' && (Array.isArray(strides) || filterShape[0] !== filterShape[1])) continue;
          const [ours, reference] = await both(() => {
            const x = tf.tensor4d(seeded(size(xShape), 1), xShape);
            const filter = tf.tensor4d(seeded(size(filterShape), 2), filterShape);
            const bias = tf.tensor1d(seeded(filterShape[3], 3));
            const y = tf.conv2d(x, filter, strides, pad);
            const dy = tf.tensor4d(seeded(y.size, 4), y.shape as Shape);
            const loss = (a: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, strides, pad), dy));
            const fusedLoss = (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
              tf.sum(tf.mul(tf.fused.conv2d({ x: a as tf.Tensor4D, filter: w as tf.Tensor4D, bias: b, strides, pad, activation: 'relu' }), dy));
            return [y, ...tf.grads(loss)([x, filter]), ...tf.grads(fusedLoss)([x, filter, bias])];
          });
          ours.forEach((v, i) => expectClose(v, reference[i]!, `${JSON.stringify([xShape, filterShape, strides, pad])} output ${i}`));
        }
      }
    }
  });

  it('dilated conv2d and fused conv2d (forward; tfjs-core has no dilated gradient) equal tfjs-backend-cpu', async () => {
    for (const dilations of [2, [2, 1], [1, 3]] as Array<number | [number, number]>) {
      for (const pad of ['valid', 'same'] as const) {
        const [ours, reference] = await both(() => {
          const x = tf.tensor4d(seeded(2 * 9 * 10 * 3, 1), [2, 9, 10, 3]);
          const filter = tf.tensor4d(seeded(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
          const bias = tf.tensor1d(seeded(4, 3));
          return [
            tf.conv2d(x, filter, 1, pad, 'NHWC', dilations),
            tf.fused.conv2d({ x, filter, bias, strides: 1, pad, dilations, activation: 'relu' }),
          ];
        });
        ours.forEach((v, i) => expectClose(v, reference[i]!, `${JSON.stringify([dilations, pad])} output ${i}`));
      }
    }
  });

  it('max and average pooling and their gradients equal tfjs-backend-cpu (AvgPoolGrad: valid padding)', async () => {
    for (const [shape, filterSize, strides] of [
      [[2, 6, 7, 3], 2, 2],
      [[1, 5, 5, 4], 3, 1],
      [[2, 9, 8, 2], [3, 2], [2, 3]],
    ] as Array<[Shape, number | [number, number], number | [number, number]]>) {
      for (const pad of ['valid', 'same'] as const) {
        const [ours, reference] = await both(() => {
          const x = tf.tensor4d(seeded(size(shape), 5), shape);
          const max = tf.maxPool(x, filterSize, strides, pad);
          const avg = tf.avgPool(x, filterSize, strides, pad);
          const dy = tf.tensor4d(seeded(max.size, 6), max.shape as Shape);
          const maxGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, filterSize, strides, pad), dy)))(x);
          const avgGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, filterSize, strides, pad), dy)))(x);
          return pad === 'valid' ? [max, avg, maxGrad, avgGrad] : [max, avg, maxGrad];
        });
        ours.forEach((v, i) => expectClose(v, reference[i]!, `${JSON.stringify([shape, filterSize, strides, pad])} output ${i}`));
      }
    }
  });

  it('AvgPoolGrad is the adjoint of AvgPool with padding too: <avgPool(x), dy> = <x, grad(dy)>', () => {
    // tfjs divides the gradient by the whole window even where the forward pass averaged
    // fewer values; TensorFlow (and this kernel) divide by the values actually averaged.
    tf.tidy(() => {
      const x = tf.tensor4d(seeded(2 * 5 * 5 * 3, 7), [2, 5, 5, 3]);
      const dy = tf.tensor4d(seeded(2 * 3 * 3 * 3, 8), [2, 3, 3, 3]);
      const lhs = tf.sum(tf.mul(tf.avgPool(x, 3, 2, 'same'), dy)).dataSync()[0]!;
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, 3, 2, 'same'), dy)))(x);
      expect(tf.sum(tf.mul(x, grad)).dataSync()[0]).toBeCloseTo(lhs, 5);
      // A corner window of 'same' 3×3 pooling at stride 2 covers 2×2 input values: each gets dy / 4.
      expect(grad.dataSync()[0]).toBeCloseTo(dy.dataSync()[0]! / 4, 6);
    });
  });

  it('refuses NCHW and int32 filter gradients with a clear error, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.ones([1, 3, 3, 1], 'int32');
      const dy = tf.ones([1, 2, 2, 1], 'int32');
      const run = (attrs: Record<string, unknown>) =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', filterShape: [2, 2, 1, 1], ...attrs } as tf.NamedAttrMap);
      expect(() => run({ dataFormat: 'NCHW' })).toThrow(/NHWC only/);
      expect(() => run({ dataFormat: 'NHWC' })).toThrow(/float32 only/);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
