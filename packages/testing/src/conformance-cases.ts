import * as tf from '@tensorflow/tfjs-core';
import { convConformanceCases } from './conv-conformance-cases.js';

/** One check: builds tensors from fixed inputs and returns what to compare. */
export interface ConformanceCase {
  name: string;
  run(): tf.Tensor | tf.Tensor[];
}

/** Deterministic values in [-scale, scale): a fixed LCG, identical on every backend and run. */
export function fixedValues(count: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32 - 0.5) * 2 * scale;
  }
  return out;
}

const t2 = (rows: number, cols: number, seed: number, scale = 1) =>
  tf.tensor2d(fixedValues(rows * cols, seed, scale), [rows, cols]);
const positive = (rows: number, cols: number, seed: number) => tf.add(tf.abs(t2(rows, cols, seed)), 0.1);

/**
 * Softmax cross-entropy of a dense layer, the loss of the lecture's model: the gradient with
 * respect to kernel and bias runs matMul, add, softmax/logSoftmax, mul, sum, mean backwards.
 */
function denseSoftmaxCrossentropyGradient(): tf.Tensor[] {
  const x = t2(8, 6, 11);
  const labels = tf.oneHot(tf.tensor1d([0, 3, 1, 2, 3, 0, 1, 2], 'int32'), 4);
  const loss = (kernel: tf.Tensor, bias: tf.Tensor) => {
    const logits = tf.add(tf.matMul(x, kernel), bias);
    const probs = tf.softmax(logits);
    return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(probs)), -1)));
  };
  return tf.grads(loss)([t2(6, 4, 12, 0.5), tf.tensor1d(fixedValues(4, 13, 0.1))]);
}

/** A hidden relu layer and a division (the pixel scaling) in the gradient path as well. */
function hiddenReluGradient(): tf.Tensor[] {
  const pixels = tf.mul(tf.abs(t2(5, 6, 21)), 255);
  const loss = (w1: tf.Tensor, w2: tf.Tensor) => {
    const hidden = tf.relu(tf.matMul(tf.div(pixels, 255), w1));
    return tf.mean(tf.square(tf.sub(tf.sigmoid(tf.matMul(hidden, w2)), 0.5)));
  };
  return tf.grads(loss)([t2(6, 7, 22), t2(7, 3, 23)]);
}

export const conformanceCases: readonly ConformanceCase[] = [
  { name: 'matMul', run: () => tf.matMul(t2(7, 5, 1), t2(5, 3, 2)) },
  { name: 'matMul transposed', run: () => tf.matMul(t2(5, 7, 1), t2(3, 5, 2), true, true) },
  { name: 'add broadcast', run: () => tf.add(t2(4, 3, 3), tf.tensor1d(fixedValues(3, 4))) },
  { name: 'sub', run: () => tf.sub(t2(4, 3, 3), t2(4, 3, 5)) },
  { name: 'mul', run: () => tf.mul(t2(4, 3, 3), t2(4, 3, 5)) },
  { name: 'div', run: () => tf.div(t2(4, 3, 3), positive(4, 3, 6)) },
  { name: 'relu', run: () => tf.relu(t2(6, 6, 7)) },
  { name: 'sigmoid', run: () => tf.sigmoid(t2(6, 6, 7, 4)) },
  { name: 'tanh', run: () => tf.tanh(t2(6, 6, 7, 3)) },
  { name: 'softmax', run: () => tf.softmax(t2(5, 10, 8, 5)) },
  { name: 'logSoftmax', run: () => tf.logSoftmax(t2(5, 10, 8, 5)) },
  { name: 'exp', run: () => tf.exp(t2(4, 4, 9, 3)) },
  { name: 'log', run: () => tf.log(positive(4, 4, 10)) },
  { name: 'sqrt', run: () => tf.sqrt(positive(4, 4, 10)) },
  { name: 'square', run: () => tf.square(t2(4, 4, 9)) },
  { name: 'sum', run: () => [tf.sum(t2(6, 5, 14)), tf.sum(t2(6, 5, 14), 0), tf.sum(t2(6, 5, 14), 1)] },
  { name: 'mean', run: () => [tf.mean(t2(6, 5, 15)), tf.mean(t2(6, 5, 15), 1)] },
  { name: 'max', run: () => tf.max(t2(6, 5, 15), 1) },
  { name: 'argMax', run: () => tf.argMax(t2(6, 10, 16), 1) },
  { name: 'gather', run: () => tf.gather(t2(6, 4, 17), tf.tensor1d([5, 0, 3, 3], 'int32')) },
  { name: 'oneHot', run: () => tf.oneHot(tf.tensor1d([2, 0, 9], 'int32'), 10) },
  { name: 'oneHot float32 (labels for losses)', run: () => tf.oneHot(tf.tensor1d([2, 0, 9], 'int32'), 10, 1, 0, 'float32') },
  { name: 'equal', run: () => tf.cast(tf.equal(tf.argMax(t2(6, 3, 18), 1), tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32')), 'float32') },
  { name: 'clipByValue', run: () => tf.clipByValue(t2(4, 4, 19, 2), -1, 1) },
  { name: 'reshape and transpose', run: () => tf.transpose(tf.reshape(t2(4, 6, 20), [3, 8])) },
  { name: 'gradient: dense softmax cross-entropy', run: denseSoftmaxCrossentropyGradient },
  { name: 'gradient: relu hidden layer through div', run: hiddenReluGradient },
  ...convConformanceCases,
];
