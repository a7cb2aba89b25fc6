import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, REFERENCE, registerReference, seeded, valuesOn } from '../../../test/conv-reference.js';
import { cpuBackend } from '../../cpu-backend.js';
import { CONV_KERNELS, stockConvKernel } from './conv-kernels.js';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  dilations: number | [number, number];
}

const CASES: Case[] = [];
for (const [x, filter] of [
  [[2, 7, 6, 3], [3, 3, 3, 4]],
  [[1, 5, 5, 2], [1, 1, 2, 3]],
  [[2, 8, 9, 1], [2, 3, 1, 5]],
  [[1, 6, 6, 8], [3, 3, 8, 6]],
] as Array<[Case['x'], Case['filter']]>) {
  for (const strides of [1, 2, [1, 2]] as Case['strides'][]) {
    for (const pad of ['valid', 'same', 1, [[0, 0], [1, 0], [0, 2], [0, 0]]] as Pad[]) {
      CASES.push({ x, filter, strides, pad, dilations: 1 });
    }
  }
  CASES.push({ x, filter, strides: 1, pad: 'valid', dilations: 2 }, { x, filter, strides: 1, pad: 'same', dilations: [2, 1] });
}

const label = (c: Case) => JSON.stringify(c);
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Our result and the reference's for the same inputs. */
async function both(fn: () => tf.Tensor | tf.Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  const ours = await valuesOn('cpu', fn);
  const reference = await valuesOn(REFERENCE, fn);
  await tf.setBackend('cpu');
  return [ours, reference];
}

beforeAll(async () => {
  await useBackend(cpuBackend());
  registerReference(stockConvKernel);
});

describe('the cpu convolution kernels', () => {
  it('replace tfjs-backend-cpu kernels under tfjs-core names, once', () => {
    expect(CONV_KERNELS).toEqual(['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPool', 'AvgPool', 'MaxPoolGrad', 'AvgPoolGrad', 'Sum', 'Multiply', 'Add', 'Relu', 'Step']);
    for (const name of CONV_KERNELS) expect(tf.getKernel(name, 'cpu')!.kernelFunc, name).not.toBe(stockConvKernel(name)!.kernelFunc);
  });

  it('Conv2D, FusedConv2D (bias, relu) and their gradients (tf.grads) equal tfjs-backend-cpu over strides, paddings and dilations', async () => {
    for (const c of CASES) {
      const [ours, reference] = await both(() => {
        const x = tf.tensor4d(seeded(size(c.x), 1), c.x);
        const filter = tf.tensor4d(seeded(size(c.filter), 2), c.filter);
        const bias = tf.tensor1d(seeded(c.filter[3], 3));
        const y = tf.conv2d(x, filter, c.strides, c.pad, 'NHWC', c.dilations);
        const fused = tf.fused.conv2d({ x, filter, bias, strides: c.strides, pad: c.pad, dilations: c.dilations, activation: 'relu' });
        if (c.dilations !== 1) return [y, fused];
        const dy = tf.tensor4d(seeded(y.size, 4), y.shape as Case['x']);
        const loss = (a: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad), dy));
        const [dx, dw] = tf.grads(loss)([x, filter]);
        const fusedLoss = (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.fused.conv2d({ x: a as tf.Tensor4D, filter: w as tf.Tensor4D, bias: b, strides: c.strides, pad: c.pad, activation: 'relu' }), dy));
        return [y, fused, dx!, dw!, ...tf.grads(fusedLoss)([x, filter, bias])];
      });
      ours.forEach((v, i) => expectClose(v, reference[i]!, `${label(c)} output ${i}`));
    }
  });

  it('the gradients equal tfjs-backend-cpu for a mostly-zero dy too (the sparse loops, as after max pooling and relu)', async () => {
    for (const c of CASES.filter((k) => k.dilations === 1 && k.x[0] === 2)) {
      const [ours, reference] = await both(() => {
        const x = tf.tensor4d(seeded(size(c.x), 1), c.x);
        const filter = tf.tensor4d(seeded(size(c.filter), 2), c.filter);
        const y = tf.conv2d(x, filter, c.strides, c.pad);
        const dy = tf.tensor4d(seeded(y.size, 4).map((v) => (Math.abs(v) < 0.8 ? 0 : v)), y.shape as Case['x']); // 80 % zeros
        const loss = (a: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad), dy));
        return tf.grads(loss)([x, filter]);
      });
      ours.forEach((v, i) => expectClose(v, reference[i]!, `${label(c)} gradient ${i}`));
    }
  });

  it('MaxPool, AvgPool and their gradients equal tfjs-backend-cpu (AvgPoolGrad: valid padding)', async () => {
    for (const [shape, filterSize, strides] of [
      [[2, 6, 7, 3], 2, 2],
      [[1, 5, 5, 4], 3, 1],
      [[2, 9, 8, 2], [3, 2], [2, 3]],
    ] as Array<[Case['x'], number | [number, number], number | [number, number]]>) {
      for (const pad of ['valid', 'same', 1] as const) {
        const [ours, reference] = await both(() => {
          const x = tf.tensor4d(seeded(size(shape), 5), shape);
          const max = tf.maxPool(x, filterSize, strides, pad);
          const avg = tf.avgPool(x, filterSize, strides, pad);
          const dy = tf.tensor4d(seeded(max.size, 6), max.shape as Case['x']);
          const maxGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, filterSize, strides, pad), dy)))(x);
          const avgGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, filterSize, strides, pad), dy)))(x);
          return pad === 'valid' ? [max, avg, maxGrad, avgGrad] : [max, avg, maxGrad];
        });
        ours.forEach((v, i) => expectClose(v, reference[i]!, `${JSON.stringify([shape, filterSize, strides, pad])} output ${i}`));
      }
    }
  });

  it('AvgPoolGrad is the adjoint of AvgPool with padding too: <avgPool(x), dy> = <x, grad(dy)>', () => {
    // tfjs-backend-cpu divides the gradient by the whole window even where the forward pass
    // averaged fewer values; TensorFlow (and ours) divide by the values actually averaged.
    tf.tidy(() => {
      const x = tf.tensor4d(seeded(2 * 5 * 5 * 3, 7), [2, 5, 5, 3]);
      const dy = tf.tensor4d(seeded(2 * 3 * 3 * 3, 8), [2, 3, 3, 3]);
      const lhs = tf.sum(tf.mul(tf.avgPool(x, 3, 2, 'same'), dy)).dataSync()[0]!;
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(t as tf.Tensor4D, 3, 2, 'same'), dy)))(x);
      const rhs = tf.sum(tf.mul(x, grad)).dataSync()[0]!;
      expect(rhs).toBeCloseTo(lhs, 5);
      // A corner window of 'same' 3×3 pooling at stride 2 covers 2×2 input values: each gets dy / 4.
      expect(grad.dataSync()[0]).toBeCloseTo(dy.dataSync()[0]! / 4, 6);
    });
  });

  it('Sum over leading axes, same-shape Multiply, Add of a repeated bias, Relu and Step equal tfjs-backend-cpu; other cases go to it', async () => {
    const [ours, reference] = await both(() => {
      const x = tf.tensor4d(seeded(2 * 3 * 4 * 5, 9), [2, 3, 4, 5]);
      const y = tf.tensor4d(seeded(2 * 3 * 4 * 5, 10), [2, 3, 4, 5]);
      const withNaN = tf.tensor1d([NaN, -1, 0, 2]);
      return [
        tf.sum(x, [0, 1, 2]),
        tf.sum(x, [0, 1], true),
        tf.sum(x, [-4, -3]),
        tf.sum(x, [1, 2]), // not leading: tfjs's kernel
        tf.sum(x),
        tf.mul(x, y),
        tf.mul(x, tf.tensor1d([1, 2, 3, 4, 5])), // broadcast: tfjs's kernel
        tf.step(x),
        tf.step(withNaN, 0.5),
        tf.add(x, tf.tensor1d([1, 2, 3, 4, 5])), // a bias
        tf.add(x, tf.tensor3d(seeded(20, 11), [1, 4, 5])),
        tf.add(x, y),
        tf.add(tf.tensor1d([1, 2, 3, 4, 5]), x), // the repeated one first: tfjs's kernel
        tf.add(x, tf.tensor4d([1, 2, 3], [1, 3, 1, 1])), // not trailing: tfjs's kernel
        tf.add(x, tf.scalar(2)),
        tf.relu(x),
        tf.relu(withNaN),
      ];
    });
    ours.forEach((v, i) => expectClose(v, reference[i]!, `output ${i}`));
    tf.tidy(() => {
      expect(tf.sum(tf.ones([2, 3, 4]), [0, 1], true).shape).toEqual([1, 1, 4]);
      expect(Array.from(tf.step(tf.tensor1d([NaN, -1, 0, 2]), 0.5).dataSync())).toEqual([NaN, 0.5, 0.5, 1]);
    });
  });

  it('leave int32 tensors to tfjs-backend-cpu, and leak no tensors', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1], 'int32');
      expect(Array.from(tf.maxPool(x, 2, 1, 'valid').dataSync())).toEqual([4]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
