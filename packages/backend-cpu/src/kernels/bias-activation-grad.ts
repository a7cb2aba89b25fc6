import type * as tf from '@tensorflow/tfjs-core';
import { DENSE_GRADIENT_ACTIVATIONS, biasActivationGradRows, type DenseGradientActivation } from '@neuralkit/core';
import { output, valuesOf, type KernelArgs } from './cpu-storage.js';

/** `KERNEL_NAMES.biasActivationGrad`: [actGrad(y) ⊙ dy, its column sums] in one pass each. */
export function biasActivationGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const activation = attrs?.activation as DenseGradientActivation;
  if (!DENSE_GRADIENT_ACTIVATIONS.includes(activation)) throw new Error(`NeuralkitBiasActivationGrad: no gradient for the activation ${JSON.stringify(activation)}.`);
  const [rows, c] = dy.shape as [number, number];
  const dz = new Float32Array(rows * c);
  const db = new Float32Array(c);
  biasActivationGradRows(valuesOf(backend, dy), valuesOf(backend, y), activation, dz, db);
  return [output(backend, [rows, c], dz), output(backend, [c], db)];
}
