import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from '@neuralkit/losses';
import type { Layer } from '../layers/layer.js';
import { sparseSoftmaxCrossEntropy } from './softmax-cross-entropy.js';

/** What the loss computation needs from the model. */
export interface ForwardModel {
  readonly layers: readonly Layer[];
  call(x: tf.Tensor, options?: { training?: boolean }): tf.Tensor;
  regularizationLoss(): tf.Scalar | null;
  /** False for a graph with branches, whose layers do not form one chain. */
  readonly sequentialLike?: boolean;
}

export interface LossResult {
  /** The loss the optimizer minimises (weight penalties included, as Keras reports it). */
  loss: tf.Scalar;
  /** Predictions for the metrics (logits when `logits` is true). */
  yPred: tf.Tensor;
  logits: boolean;
}

/** Whether the softmax of the last Dense layer can be folded into a sparse crossentropy. */
export function canFuseSoftmax(model: ForwardModel, loss: Loss): boolean {
  if (model.sequentialLike === false) return false;
  const last = model.layers[model.layers.length - 1] as (Layer & { activation?: { name: string }; linear?: unknown }) | undefined;
  if (!last || last.className !== 'Dense' || last.activation?.name !== 'softmax' || typeof last.linear !== 'function') return false;
  if (loss.className !== 'SparseCategoricalCrossentropy') return false;
  const c = loss.getConfig();
  return c.from_logits !== true && (c.ignore_class === null || c.ignore_class === undefined) && loss.reduction === 'sum_over_batch_size';
}

/** Keras's `sum_over_batch_size` with optional per-sample weights. */
function meanOverBatch(values: tf.Tensor, sampleWeight?: tf.Tensor): tf.Scalar {
  if (!sampleWeight) return tf.mean(values);
  return tf.div(tf.sum(tf.mul(values, tf.reshape(sampleWeight, values.shape))), values.size);
}

export function computeLoss(
  model: ForwardModel,
  loss: Loss,
  batch: { x: tf.Tensor; y: tf.Tensor; sampleWeight?: tf.Tensor | undefined },
  options: { training: boolean; fuse: boolean },
): LossResult {
  let result: LossResult;
  if (options.fuse) {
    let h = batch.x;
    const n = model.layers.length;
    for (let i = 0; i < n - 1; i++) h = model.layers[i]!.apply(h, { training: options.training });
    const last = model.layers[n - 1] as Layer & { linear(x: tf.Tensor): tf.Tensor };
    last.checkInputShape(h.shape);
    const logits = last.linear(h);
    result = { loss: meanOverBatch(sparseSoftmaxCrossEntropy(logits, batch.y), batch.sampleWeight), yPred: logits, logits: true };
  } else {
    const yPred = model.call(batch.x, { training: options.training });
    result = { loss: loss.compute(batch.y, yPred, batch.sampleWeight), yPred, logits: false };
  }
  const penalty = model.regularizationLoss();
  if (penalty) result.loss = tf.add(result.loss, penalty);
  return result;
}
