import * as tf from '@tensorflow/tfjs-core';
import {
  AveragePooling2D, BatchNormalization, Conv2D, GlobalAveragePooling2D, GlobalMaxPooling2D, MaxPooling2D, Reshape, SpatialDropout2D, type Layer,
} from '@neuralkit/model';
import { fixedValues, type ConformanceCase } from '@neuralkit/testing';

/** One layer with fixed weights and input; `training` runs it as `fit` does. */
interface LayerCase {
  name: string;
  make(): Layer;
  input: number[];
  /** Values for `setWeights`, in the layer's weight order; default: the layer's own initial weights. */
  weights?: (layer: Layer) => tf.Tensor[];
  training?: boolean;
}

const fixed = (shape: number[], seed: number, scale = 1) => tf.tensor(fixedValues(shape.reduce((a, b) => a * b, 1), seed, scale), shape);

const convWeights = (layer: Layer) => {
  const [kernel, bias] = layer.getWeights();
  return [fixed(kernel!.shape, 31, 0.5), fixed(bias!.shape, 32, 0.1)];
};
const normWeights = (size: number) => () => [
  fixed([size], 33), fixed([size], 34, 0.5), fixed([size], 35, 0.1), tf.add(tf.abs(fixed([size], 36)), 0.5),
];

const LAYER_CASES: LayerCase[] = [
  { name: 'Conv2D valid relu', make: () => new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu' }), input: [2, 7, 6, 3], weights: convWeights },
  {
    name: 'Conv2D same stride 2 tanh',
    make: () => new Conv2D({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }),
    input: [2, 7, 6, 2],
    weights: convWeights,
  },
  { name: 'Conv2D dilated, no bias', make: () => new Conv2D({ filters: 2, kernelSize: 2, dilationRate: 2, useBias: false }), input: [1, 6, 6, 2], weights: (l) => [fixed(l.getWeights()[0]!.shape, 31, 0.5)] },
  { name: 'MaxPooling2D', make: () => new MaxPooling2D(), input: [2, 6, 7, 3] },
  { name: 'MaxPooling2D 3 stride 2 same', make: () => new MaxPooling2D({ poolSize: 3, strides: 2, padding: 'same' }), input: [2, 7, 6, 2] },
  { name: 'AveragePooling2D', make: () => new AveragePooling2D(), input: [2, 6, 7, 3] },
  { name: 'AveragePooling2D 3 stride 2 same', make: () => new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }), input: [2, 7, 6, 2] },
  { name: 'GlobalAveragePooling2D', make: () => new GlobalAveragePooling2D(), input: [2, 4, 5, 3] },
  { name: 'GlobalMaxPooling2D keepdims', make: () => new GlobalMaxPooling2D({ keepdims: true }), input: [2, 4, 5, 3] },
  { name: 'Reshape', make: () => new Reshape({ targetShape: [-1, 3] }), input: [2, 4, 3] },
  // Seeded masks are drawn on the host: the same dropped maps on every backend.
  { name: 'SpatialDropout2D (training, seeded)', make: () => new SpatialDropout2D({ rate: 0.5, seed: 3 }), input: [2, 3, 3, 4], training: true },
  { name: 'BatchNormalization (training)', make: () => new BatchNormalization(), input: [4, 3, 3, 2], training: true, weights: normWeights(2) },
  { name: 'BatchNormalization (inference)', make: () => new BatchNormalization(), input: [4, 3, 3, 2], weights: normWeights(2) },
  { name: 'BatchNormalization axis 1 (training)', make: () => new BatchNormalization({ axis: 1 }), input: [4, 3, 3, 2], training: true, weights: normWeights(3) },
];

/**
 * The layer's output, the gradients of a weighted sum of its squared outputs with respect to the
 * input and each trainable weight, and then every weight's value after the call (the moving
 * statistics a training call of BatchNormalization moves). Disposes the layer and its variables.
 */
function runLayer(c: LayerCase): tf.Tensor[] {
  const layer = c.make();
  const x = tf.variable(fixed(c.input, 41, 2));
  try {
    layer.build([null, ...c.input.slice(1)]);
    if (c.weights) tf.tidy(() => layer.setWeights(c.weights!(layer)));
    const training = c.training ?? false;
    const y = layer.apply(x, { training });
    const w = fixed(y.shape, 42);
    const vars = [x, ...layer.trainableWeights.map((t) => t.variable)];
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.mul(layer.apply(x, { training }), w))), vars);
    value.dispose();
    // Copies: the variables themselves are disposed below.
    return [y, ...vars.map((v) => grads[v.name]!), ...layer.getWeights().map((t) => t.clone())];
  } finally {
    x.dispose();
    layer.dispose();
  }
}

/**
 * Each of Keras's convolutional layers, forward and backward, through @neuralkit/model: a case of
 * `runBackendConformance`, so any backend can be compared with cpu on the same inputs.
 */
export const layerConformanceCases: readonly ConformanceCase[] = LAYER_CASES.map((c) => ({
  name: `layer ${c.name}`,
  run: () => runLayer(c),
}));
