import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { Metric } from './metric.js';

export interface ConfusionMetricOptions {
  name?: string;
  dtype?: unknown;
  /** A prediction above it counts as positive. Default 0.5, or -Infinity with `topK`. In [0, 1]. */
  thresholds?: number | number[] | null;
  /** Only each sample's `topK` highest predictions can be positive (ties to the lower index). */
  topK?: number | null;
  /** Look only at this class's column. */
  classId?: number | null;
}

function checkThreshold(owner: string, value: unknown): number | null {
  const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (one === null || one === undefined) return null;
  if (typeof one !== 'number' || !(one >= 0 && one <= 1)) {
    throw InvalidArgumentError.expected(`\`thresholds\` of ${owner}`, 'one number in [0, 1] (or null)', value);
  }
  return one;
}

function checkIndex(owner: string, what: string, value: unknown, min: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || (value as number) < min) {
    throw InvalidArgumentError.expected(`\`${what}\` of ${owner}`, `an integer >= ${min} (or null)`, value);
  }
  return value as number;
}

/** Predictions outside each row's top `k` become -Infinity, so no threshold makes them positive. */
function keepTopK(yPred: tf.Tensor, k: number): tf.Tensor {
  const depth = yPred.shape[yPred.rank - 1]!;
  const { indices } = tf.topk(yPred, Math.min(k, depth));
  const inTop = tf.sum(tf.oneHot(indices, depth), -2);
  return tf.where(tf.greater(inTop, 0), yPred, tf.fill(yPred.shape, -Infinity));
}

/**
 * Keras's single-threshold confusion counts: true positives over true positives plus the
 * other count a subclass names (false positives for precision, false negatives for recall).
 * The running state is the base's weighted sum and count: sum = TP, count = TP + other.
 */
abstract class ConfusionRate extends Metric {
  readonly thresholds: number | number[] | null;
  readonly topK: number | null;
  readonly classId: number | null;
  private readonly threshold: number;

  constructor(options: ConfusionMetricOptions = {}) {
    super(options);
    const owner = (this.constructor as unknown as { className: string }).className;
    const threshold = checkThreshold(owner, options.thresholds);
    this.thresholds = options.thresholds ?? null;
    this.topK = checkIndex(owner, 'top_k', options.topK, 1);
    this.classId = checkIndex(owner, 'class_id', options.classId, 0);
    this.threshold = threshold ?? (this.topK === null ? 0.5 : -Infinity);
  }

  /** Which counts make the denominator besides the true positives. */
  protected abstract other(labelIsPos: tf.Tensor, predIsPos: tf.Tensor): tf.Tensor;

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      let pred = tf.cast(yPred, 'float32');
      let label = tf.cast(yTrue, 'float32');
      if (label.rank < pred.rank) label = tf.reshape(label, pred.shape);
      if (this.topK !== null) pred = keepTopK(pred, this.topK);
      let weight: tf.Tensor = sampleWeight ? tf.cast(sampleWeight, 'float32') : tf.scalar(1);
      while (weight.rank > 0 && weight.rank < pred.rank) weight = tf.expandDims(weight, -1);
      weight = tf.mul(weight, tf.onesLike(pred));
      if (this.classId !== null) {
        const column = (t: tf.Tensor) => tf.gather(t, [this.classId!], t.rank - 1);
        [pred, label, weight] = [column(pred), column(label), column(weight)];
      }
      const labelIsPos = tf.cast(tf.notEqual(label, 0), 'float32');
      const predIsPos = tf.cast(tf.greater(pred, this.threshold), 'float32');
      const truePositives = tf.sum(tf.mul(tf.mul(labelIsPos, predIsPos), weight)) as tf.Scalar;
      const other = tf.sum(tf.mul(this.other(labelIsPos, predIsPos), weight));
      this.accumulate(truePositives, tf.add(truePositives, other) as tf.Scalar);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), thresholds: this.thresholds, top_k: this.topK, class_id: this.classId };
  }
}

/** `TP / (TP + FP)`, 0 while nothing was predicted positive (Keras's `Precision`). */
export class Precision extends ConfusionRate {
  static override readonly className = 'Precision';
  static readonly defaultName = 'precision';
  protected other(labelIsPos: tf.Tensor, predIsPos: tf.Tensor): tf.Tensor {
    return tf.mul(tf.sub(1, labelIsPos), predIsPos);
  }
}

/** `TP / (TP + FN)`, 0 while no label was positive (Keras's `Recall`). */
export class Recall extends ConfusionRate {
  static override readonly className = 'Recall';
  static readonly defaultName = 'recall';
  protected other(labelIsPos: tf.Tensor, predIsPos: tf.Tensor): tf.Tensor {
    return tf.mul(labelIsPos, tf.sub(1, predIsPos));
  }
}
