import * as tf from '@tensorflow/tfjs-core';
import { fixedValues, type ConformanceCase } from './conformance-cases.js';

const t4 = (shape: [number, number, number, number], seed: number, scale = 1) =>
  tf.tensor4d(fixedValues(shape[0] * shape[1] * shape[2] * shape[3], seed, scale), shape);

/** A Conv2D layer's forward pass: convolution, bias and relu in one fused kernel. */
function fusedConvRelu(): tf.Tensor {
  return tf.fused.conv2d({ x: t4([2, 7, 6, 3], 31), filter: t4([3, 3, 3, 4], 32, 0.5), strides: 1, pad: 'valid', bias: tf.tensor1d(fixedValues(4, 33, 0.1)), activation: 'relu' });
}

/** The input gradient of a strided `same` convolution (Conv2DBackpropInput), as the layer below a Conv2D gets it. */
function convInputGradient(): tf.Tensor {
  const filter = t4([3, 2, 2, 3], 35, 0.5);
  const weights = t4([2, 4, 3, 3], 36);
  return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, filter, 2, 'same'), weights)))(t4([2, 7, 6, 2], 34));
}

/** BatchNormalization in training: batch moments over n, h, w, then the normalization. */
function batchNormTraining(): tf.Tensor[] {
  const x = t4([4, 3, 3, 2], 37, 3);
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return [tf.batchNorm(x, mean, variance, tf.tensor1d([0.1, -0.2]), tf.tensor1d([1.5, 0.5]), 1e-3), mean, variance];
}

/**
 * The ops under Keras's convolutional layers (Conv2D, pooling, BatchNormalization). Only kernels
 * every backend has: tfjs-backend-wasm 4.22 lacks Conv2DBackpropFilter, so the filter gradient is
 * compared by @neuralkit/model's tests where a backend registers it.
 */
export const convConformanceCases: readonly ConformanceCase[] = [
  { name: 'conv2d fused bias relu (Conv2D forward)', run: fusedConvRelu },
  { name: 'conv2d same stride 2', run: () => tf.conv2d(t4([2, 7, 6, 2], 34), t4([3, 2, 2, 3], 35, 0.5), 2, 'same') },
  { name: 'gradient: conv2d input', run: convInputGradient },
  { name: 'maxPool 2×2', run: () => tf.maxPool(t4([2, 6, 7, 3], 38), 2, 2, 'valid') },
  { name: 'avgPool 3×3 stride 2 same', run: () => tf.avgPool(t4([2, 7, 6, 2], 39), 3, 2, 'same') },
  { name: 'batchNorm with batch moments', run: batchNormTraining },
];
