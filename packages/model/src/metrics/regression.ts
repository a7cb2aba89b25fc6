import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { cosineSimilarity, logCosh } from '@neuralkit/losses';
import { MeanMetricWrapper } from './mean.js';
import { Metric, weightedSums } from './metric.js';

const EPSILON = 1e-7;

function float(t: tf.Tensor): tf.Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

export class MeanSquaredError extends MeanMetricWrapper {
  static override readonly className = 'MeanSquaredError';
  static readonly defaultName = 'mean_squared_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.mean(tf.squaredDifference(float(yTrue), yPred), -1);
  }
}

export class MeanAbsoluteError extends MeanMetricWrapper {
  static override readonly className = 'MeanAbsoluteError';
  static readonly defaultName = 'mean_absolute_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.mean(tf.abs(tf.sub(float(yTrue), yPred)), -1);
  }
}

/** `100 * mean(|y - p| / max(|y|, epsilon))`. */
export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override readonly className = 'MeanAbsolutePercentageError';
  static readonly defaultName = 'mean_absolute_percentage_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const t = float(yTrue);
    const ratio = tf.div(tf.abs(tf.sub(t, yPred)), tf.maximum(tf.abs(t), EPSILON));
    return tf.mul(tf.mean(ratio, -1), 100);
  }
}

/** `mean((log(max(p, eps) + 1) - log(max(y, eps) + 1))^2)`. */
export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override readonly className = 'MeanSquaredLogarithmicError';
  static readonly defaultName = 'mean_squared_logarithmic_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const logT = tf.log1p(tf.maximum(float(yTrue), EPSILON));
    const logP = tf.log1p(tf.maximum(yPred, EPSILON));
    return tf.mean(tf.squaredDifference(logP, logT), -1);
  }
}

/** The cosine of the angle between labels and predictions along `axis`, per sample (positive, unlike the loss). */
export class CosineSimilarity extends MeanMetricWrapper {
  static override readonly className = 'CosineSimilarity';
  static readonly defaultName = 'cosine_similarity';
  readonly axis: number;
  constructor(options: { name?: string; dtype?: unknown; axis?: number } = {}) {
    super(options);
    const axis = options.axis ?? -1;
    if (!Number.isInteger(axis)) throw InvalidArgumentError.expected('`axis` of CosineSimilarity', 'an integer', axis);
    this.axis = axis;
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.neg(cosineSimilarity(yTrue, yPred, { axis: this.axis }));
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** The mean of `mean(log(cosh(p - y)))` (Keras's `LogCoshError`, named `'logcosh'`). */
export class LogCoshError extends MeanMetricWrapper {
  static override readonly className = 'LogCoshError';
  static readonly defaultName = 'logcosh';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return logCosh(yTrue, yPred);
  }
}

/** `sqrt` of the weighted mean squared error over all samples (not a mean of per-batch roots). */
export class RootMeanSquaredError extends Metric {
  static override readonly className = 'RootMeanSquaredError';
  static readonly defaultName = 'root_mean_squared_error';
  updateState(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    tf.tidy(() => {
      const { sum, weight } = weightedSums(tf.squaredDifference(float(yTrue), yPred), sampleWeight);
      this.accumulate(sum, weight);
    });
  }
  override result(): number {
    return Math.sqrt(super.result());
  }
}
