import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import {
  cosineSimilarity,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
  squeezeOrExpandToSameRank,
} from '@neuralkit/losses';
import { MeanMetricWrapper } from './mean.js';
import { Metric, weightedSums } from './metric.js';

function float(t: tf.Tensor): tf.Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

export class MeanSquaredError extends MeanMetricWrapper {
  static override readonly className = 'MeanSquaredError';
  static readonly defaultName = 'mean_squared_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanSquaredError(yTrue, yPred);
  }
}

export class MeanAbsoluteError extends MeanMetricWrapper {
  static override readonly className = 'MeanAbsoluteError';
  static readonly defaultName = 'mean_absolute_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanAbsoluteError(yTrue, yPred);
  }
}

/** `100 * mean(|y - p| / max(|y|, epsilon))`. */
export class MeanAbsolutePercentageError extends MeanMetricWrapper {
  static override readonly className = 'MeanAbsolutePercentageError';
  static readonly defaultName = 'mean_absolute_percentage_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanAbsolutePercentageError(yTrue, yPred);
  }
}

/** `mean((log(max(p, eps) + 1) - log(max(y, eps) + 1))^2)`. */
export class MeanSquaredLogarithmicError extends MeanMetricWrapper {
  static override readonly className = 'MeanSquaredLogarithmicError';
  static readonly defaultName = 'mean_squared_logarithmic_error';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return meanSquaredLogarithmicError(yTrue, yPred);
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
      const [t, p] = squeezeOrExpandToSameRank(float(yTrue), float(yPred));
      const { sum, weight } = weightedSums(tf.squaredDifference(t, p), sampleWeight);
      this.accumulate(sum, weight);
    });
  }
  override resultTensor(): tf.Tensor {
    const mean = super.resultTensor();
    const root = tf.sqrt(mean);
    mean.dispose();
    return root;
  }
}
