import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { squeezeOrExpandToSameRank } from '@neuralkit/losses';
import { accumulateMatches } from '../kernels/accumulate-matches.js';
import { MeanMetricWrapper } from './mean.js';

const float = (t: tf.Tensor): tf.Tensor => (t.dtype === 'float32' ? t : tf.cast(t, 'float32'));

/** Labels `[n]` or `[n, 1]` as a flat float vector. */
function flatLabels(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const squeeze = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1 ? tf.squeeze(yTrue, [-1]) : yTrue;
  return tf.cast(squeeze, 'float32');
}

/** Exact equality of labels and predictions, element by element (Keras's `Accuracy`). */
export class Accuracy extends MeanMetricWrapper {
  static override readonly className = 'Accuracy';
  static readonly defaultName = 'accuracy';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const [t, p] = squeezeOrExpandToSameRank(float(yTrue), float(yPred));
    return tf.cast(tf.equal(t, p), 'float32');
  }
}

export class BinaryAccuracy extends MeanMetricWrapper {
  static override readonly className = 'BinaryAccuracy';
  static readonly defaultName = 'binary_accuracy';
  readonly threshold: number;
  constructor(options: { name?: string; dtype?: unknown; threshold?: number } = {}) {
    super(options);
    this.threshold = options.threshold ?? 0.5;
  }
  /** Element by element, labels aligned first: `[4]` labels with `[4, 1]` predictions pair row by row. */
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const [t, p] = squeezeOrExpandToSameRank(float(yTrue), float(yPred));
    return tf.cast(tf.equal(t, tf.cast(tf.greater(p, this.threshold), 'float32')), 'float32');
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), threshold: this.threshold };
  }
}

export class CategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'CategoricalAccuracy';
  /** Depends only on the order of the scores, so logits give the same figure as probabilities. */
  static readonly rankInvariant = true;
  static readonly defaultName = 'categorical_accuracy';
  /** One backend kernel a batch where the backend has one (`KERNEL_NAMES.accumulateMatches`). */
  override updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    if (!this.accumulateWith((total) => accumulateMatches(total, yTrue, yPred, sampleWeight, true))) super.updateState(yTrue, yPred, sampleWeight);
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.cast(tf.equal(tf.argMax(yTrue, -1), tf.argMax(yPred, -1)), 'float32');
  }
}

export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'SparseCategoricalAccuracy';
  /** Depends only on the order of the scores, so logits give the same figure as probabilities. */
  static readonly rankInvariant = true;
  static readonly defaultName = 'sparse_categorical_accuracy';
  /** One backend kernel a batch where the backend has one (`KERNEL_NAMES.accumulateMatches`). */
  override updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    if (!this.accumulateWith((total) => accumulateMatches(total, yTrue, yPred, sampleWeight, false))) super.updateState(yTrue, yPred, sampleWeight);
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.cast(tf.equal(flatLabels(yTrue, yPred), tf.cast(tf.argMax(yPred, -1), 'float32')), 'float32');
  }
}

/** Whether the score of the true class is among the `k` highest (ties counted in its favour). */
function inTopK(yPred: tf.Tensor, trueIndex: tf.Tensor, k: number): tf.Tensor {
  const depth = yPred.shape[yPred.rank - 1]!;
  const trueScore = tf.sum(tf.mul(yPred, tf.cast(tf.oneHot(tf.cast(trueIndex, 'int32') as tf.Tensor1D, depth), 'float32')), -1, true);
  const higher = tf.sum(tf.cast(tf.greater(yPred, trueScore), 'float32'), -1);
  return tf.cast(tf.less(higher, k), 'float32');
}

function checkK(k: unknown): number {
  if (!Number.isInteger(k) || (k as number) <= 0) throw InvalidArgumentError.expected('`k` of a top-k metric', 'a positive integer', k);
  return k as number;
}

export class TopKCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'TopKCategoricalAccuracy';
  /** Depends only on the order of the scores, so logits give the same figure as probabilities. */
  static readonly rankInvariant = true;
  static readonly defaultName = 'top_k_categorical_accuracy';
  readonly k: number;
  constructor(options: { name?: string; dtype?: unknown; k?: number } = {}) {
    super(options);
    this.k = checkK(options.k ?? 5);
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return inTopK(yPred, tf.argMax(yTrue, -1), this.k);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), k: this.k };
  }
}

export class SparseTopKCategoricalAccuracy extends MeanMetricWrapper {
  static override readonly className = 'SparseTopKCategoricalAccuracy';
  /** Depends only on the order of the scores, so logits give the same figure as probabilities. */
  static readonly rankInvariant = true;
  static readonly defaultName = 'sparse_top_k_categorical_accuracy';
  readonly k: number;
  constructor(options: { name?: string; dtype?: unknown; k?: number } = {}) {
    super(options);
    this.k = checkK(options.k ?? 5);
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return inTopK(yPred, flatLabels(yTrue, yPred), this.k);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), k: this.k };
  }
}
