import type * as tf from '@tensorflow/tfjs-core';
import { DENSE_GRADIENT_ACTIVATIONS, biasActivationGradRows, type DenseGradientActivation } from '@neuralkit/core';
import { heapViews, type KernelArgs } from './model-heap.js';

/**
 * `NeuralkitBiasActivationGrad` for the wasm backend: {dy [rows, c], y [rows, c]}, attrs
 * {activation} → [dz = actGrad(y) ⊙ dy, db = Σ_rows dz], over the module heap.
 */
export function biasActivationGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const activation = attrs?.activation as DenseGradientActivation;
  if (!DENSE_GRADIENT_ACTIVATIONS.includes(activation)) throw new Error(`NeuralkitBiasActivationGrad: no gradient for the activation ${JSON.stringify(activation)}.`);
  const [rows, c] = dy.shape as [number, number];
  const { outputs, views, out } = heapViews(backend, [dy, y], [[rows, c], [c]]);
  biasActivationGradRows(views[0]!, views[1]!, activation, out[0]!, out[1]!);
  return outputs;
}
