import * as tf from '@tensorflow/tfjs-core';
import { categoricalHinge, hinge, squaredHinge } from '@neuralkit/losses';
import { MeanMetricWrapper } from './mean.js';

/** The mean of `mean(max(1 - y * p, 0))`; 0/1 labels become -1/+1 (Keras's `Hinge` metric). */
export class Hinge extends MeanMetricWrapper {
  static override readonly className = 'Hinge';
  static readonly defaultName = 'hinge';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return hinge(yTrue, yPred);
  }
}

/** The mean of `mean(max(1 - y * p, 0)^2)` (Keras's `SquaredHinge` metric). */
export class SquaredHinge extends MeanMetricWrapper {
  static override readonly className = 'SquaredHinge';
  static readonly defaultName = 'squared_hinge';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return squaredHinge(yTrue, yPred);
  }
}

/** The mean of `max(0, 1 + max((1 - y) * p) - sum(y * p))` (Keras's `CategoricalHinge` metric). */
export class CategoricalHinge extends MeanMetricWrapper {
  static override readonly className = 'CategoricalHinge';
  static readonly defaultName = 'categorical_hinge';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return categoricalHinge(yTrue, yPred);
  }
}
