import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from '@neuralkit/losses';
import type { Layer } from '../layers/layer.js';
import { categoricalSoftmaxCrossEntropy, sparseSoftmaxCrossEntropy } from './softmax-cross-entropy.js';

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

/** Which crossentropy the last Dense layer's softmax folds into (label smoothing for the categorical one). */
export type SoftmaxFusion = { kind: 'sparse' } | { kind: 'categorical'; labelSmoothing: number };

/**
 * Whether the softmax of the last Dense layer can be folded into the loss: a sparse or a
 * categorical crossentropy on probabilities (over the last axis), summed over the batch.
 */
export function softmaxFusion(model: ForwardModel, loss: Loss): SoftmaxFusion | undefined {
  if (model.sequentialLike === false) return undefined;
  const last = model.layers[model.layers.length - 1] as (Layer & { activation?: { name: string }; linear?: unknown }) | undefined;
  if (!last || last.className !== 'Dense' || last.activation?.name !== 'softmax' || typeof last.linear !== 'function') return undefined;
  if (loss.reduction !== 'sum_over_batch_size') return undefined;
  const c = loss.getConfig();
  if (c.from_logits === true) return undefined;
  if (loss.className === 'SparseCategoricalCrossentropy') {
    return c.ignore_class === null || c.ignore_class === undefined ? { kind: 'sparse' } : undefined;
  }
  if (loss.className === 'CategoricalCrossentropy' && c.axis === -1 && typeof c.label_smoothing === 'number') {
    return { kind: 'categorical', labelSmoothing: c.label_smoothing };
  }
  return undefined;
}

export function canFuseSoftmax(model: ForwardModel, loss: Loss): boolean {
  return softmaxFusion(model, loss) !== undefined;
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
  const fusion = options.fuse ? softmaxFusion(model, loss) : undefined;
  if (fusion) {
    let h = batch.x;
    const n = model.layers.length;
    for (let i = 0; i < n - 1; i++) h = model.layers[i]!.apply(h, { training: options.training });
    const last = model.layers[n - 1] as Layer & { linear(x: tf.Tensor): tf.Tensor };
    last.checkInputShape(h.shape);
    const logits = last.linear(h);
    if (fusion.kind === 'sparse') {
      result = { loss: meanOverBatch(sparseSoftmaxCrossEntropy(logits, batch.y), batch.sampleWeight), yPred: logits, logits: true };
    } else if (sameShape(batch.y, logits)) {
      result = { loss: meanOverBatch(categoricalSoftmaxCrossEntropy(logits, batch.y, fusion.labelSmoothing), batch.sampleWeight), yPred: logits, logits: true };
    } else {
      // Targets of another shape: the loss itself says what is wrong (or how they broadcast).
      const yPred = (last as unknown as { activation: { apply(x: tf.Tensor): tf.Tensor } }).activation.apply(logits);
      result = { loss: loss.compute(batch.y, yPred, batch.sampleWeight), yPred, logits: false };
    }
  } else {
    const yPred = model.call(batch.x, { training: options.training });
    result = { loss: loss.compute(batch.y, yPred, batch.sampleWeight), yPred, logits: false };
  }
  const penalty = model.regularizationLoss();
  if (penalty) result.loss = tf.add(result.loss, penalty);
  return result;
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i]);
}
