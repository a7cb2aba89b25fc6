import * as tf from '@tensorflow/tfjs-core';
import { cpuSparseSoftmaxCrossEntropy, useCpuCrossEntropy } from './softmax-cross-entropy-cpu.js';

/**
 * Per-sample `-log softmax(logits)[label]` with the textbook gradient `softmax - onehot`.
 * Used when a softmax Dense layer meets sparse categorical crossentropy: one log-softmax
 * instead of softmax, clip and log, and a four-op backward pass. Numerically it equals
 * Keras's probability path except where Keras clips a probability below 1e-7.
 */
const fused = tf.customGrad(((logits: tf.Tensor, oneHot: tf.Tensor, save: tf.GradSaveFunc) => {
  const logp = tf.logSoftmax(logits);
  save([logp, oneHot]);
  const value = tf.neg(tf.sum(tf.mul(oneHot, logp), -1));
  const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
    const [lp, oh] = saved as [tf.Tensor, tf.Tensor];
    const d = tf.expandDims(dy as tf.Tensor, -1);
    return [tf.mul(d, tf.sub(tf.exp(lp), oh)), tf.zerosLike(oh)];
  };
  return { value, gradFunc };
}) as any) as (logits: tf.Tensor, oneHot: tf.Tensor) => tf.Tensor;

/** `labels` are class indices `[n]` (or `[n, 1]`), any numeric dtype; `logits` `[n, classes]`. */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, options: { generic?: boolean } = {}): tf.Tensor {
  const flat = labels.rank === 2 ? tf.reshape(labels, [-1]) : labels;
  if (!options.generic && useCpuCrossEntropy(logits, flat)) return cpuSparseSoftmaxCrossEntropy(logits, flat);
  const indices = flat.dtype === 'int32' ? flat : tf.cast(flat, 'int32');
  // int32 then cast: the wasm backend's OneHot writes garbage for a float32 output.
  const oneHot = tf.cast(tf.oneHot(indices as tf.Tensor1D, logits.shape[logits.rank - 1]!), 'float32');
  return fused(logits, oneHot);
}
