import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { EPSILON } from '@neuralkit/losses';
import { DeviceState } from './device-state.js';
import { Metric } from './metric.js';

export interface MeanIoUOptions {
  name?: string;
  dtype?: unknown;
  /** Number of classes (required). */
  numClasses: number;
  /** Labels of this class are not counted. */
  ignoreClass?: number | null;
  /** Labels are class ids (default); false: one-hot or scores, reduced with argmax along `axis`. */
  sparseYTrue?: boolean;
  /** Predictions are class ids (default); false: scores, reduced with argmax along `axis`. */
  sparseYPred?: boolean;
  axis?: number;
}

/**
 * Keras's `MeanIoU`: a weighted `num_classes × num_classes` confusion matrix on the device
 * (rows: labels, columns: predictions; ids outside the range not counted, weights cast to
 * integers as Keras's int metric does); the result is the mean of `TP / (TP + FP + FN)` over
 * the classes that occur.
 */
export class MeanIoU extends Metric {
  static override readonly className = 'MeanIoU';
  /** Keras's automatic name for the class (`to_snake_case('MeanIoU')`). */
  static readonly defaultName = 'mean_io_u';
  readonly numClasses: number;
  readonly ignoreClass: number | null;
  readonly sparseYTrue: boolean;
  readonly sparseYPred: boolean;
  readonly axis: number;
  /** Keras's MeanIoU is an int metric unless given a float dtype: weights are then truncated. */
  private readonly dtype: string;
  private readonly state = new DeviceState<'cm'>();

  constructor(options: MeanIoUOptions) {
    super(options ?? {});
    const n = options?.numClasses;
    if (!Number.isInteger(n) || n < 1) throw InvalidArgumentError.expected('`num_classes` of MeanIoU', 'a positive integer', n);
    this.numClasses = n;
    this.ignoreClass = options.ignoreClass ?? null;
    this.sparseYTrue = options.sparseYTrue ?? true;
    this.sparseYPred = options.sparseYPred ?? true;
    this.axis = options.axis ?? -1;
    this.dtype = typeof options.dtype === 'string' ? options.dtype : 'int32';
  }

  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const ids = (x: tf.Tensor, sparse: boolean) =>
        tf.reshape(sparse ? tf.cast(x, 'int32') : tf.cast(tf.argMax(x, this.axis), 'int32'), [-1]);
      const t = ids(yTrue, this.sparseYTrue);
      const p = ids(yPred, this.sparseYPred);
      const integer = !this.dtype.startsWith('float');
      const given = sampleWeight ? tf.cast(sampleWeight, integer ? 'int32' : 'float32') : tf.scalar(1);
      const w = tf.broadcastTo(tf.reshape(tf.cast(given, 'float32'), [-1]), t.shape);
      const inRange = (x: tf.Tensor) => tf.logicalAnd(tf.greaterEqual(x, 0), tf.less(x, this.numClasses));
      let keep = tf.logicalAnd(inRange(t), inRange(p));
      if (this.ignoreClass !== null) keep = tf.logicalAnd(keep, tf.notEqual(t, this.ignoreClass));
      const weight = tf.where(keep, w, tf.zerosLike(w));
      // One-hot rows (labels) weighted, times one-hot columns (predictions): the weighted counts.
      const rows = tf.mul(tf.oneHot(tf.where(keep, t, tf.zerosLike(t)) as tf.Tensor1D, this.numClasses, 1, 0, 'float32'), tf.expandDims(weight, 1));
      const cols = tf.oneHot(tf.where(keep, p, tf.zerosLike(p)) as tf.Tensor1D, this.numClasses, 1, 0, 'float32');
      this.state.add('cm', tf.matMul(rows, cols, true, false));
    });
  }

  override resultTensor(): tf.Tensor {
    return tf.tidy(() => {
      const cm = this.state.get('cm');
      if (!cm) return tf.scalar(0);
      const diag = tf.sum(tf.mul(cm, tf.eye(this.numClasses)), 1);
      const denominator = tf.sub(tf.add(tf.sum(cm, 0), tf.sum(cm, 1)), diag);
      const valid = tf.greater(denominator, 1e-9);
      const iou = tf.where(valid, tf.div(diag, tf.add(denominator, EPSILON)), tf.zerosLike(diag));
      return tf.div(tf.sum(iou), tf.add(tf.sum(tf.cast(valid, 'float32')), EPSILON));
    });
  }

  override resetState(): void {
    this.state.reset();
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      dtype: this.dtype,
      num_classes: this.numClasses,
      ignore_class: this.ignoreClass,
      sparse_y_true: this.sparseYTrue,
      sparse_y_pred: this.sparseYPred,
      axis: this.axis,
    };
  }
}
