import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError, checkOptions } from '@neuralkit/core';
import * as initializers from '../initializers/registry.js';
import type { Initializer } from '../initializers/initializer.js';
import * as regularizers from '../regularizers/regularizer.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import { LAYER_OPTION_KEYS, Layer } from './layer.js';
import { formatShape, type Shape } from './shape.js';
import { kerasObject } from './keras-object.js';
import { batchNormTrain, hasBatchNormTrainKernel } from '../kernels/batch-norm-train.js';
import { normalizationOptions, type BatchNormalizationOptions } from './batch-normalization-options.js';

export type { BatchNormalizationOptions };

/**
 * Keras's BatchNormalization. In training (and while `trainable`) it normalizes with the batch's
 * mean and (biased) variance over every axis but `axis`, and moves the moving statistics:
 * `moving = moving * momentum + batch * (1 - momentum)`. In inference it uses the moving ones.
 * Weights, in Keras's order: gamma, beta (trainable), moving_mean, moving_variance (not trainable).
 */
export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly initializers: Record<'beta' | 'gamma' | 'movingMean' | 'movingVariance', Initializer>;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  private gamma: tf.Variable | undefined;
  private beta: tf.Variable | undefined;
  private movingMean: tf.Variable | undefined;
  private movingVariance: tf.Variable | undefined;

  constructor(options: BatchNormalizationOptions = {}) {
    checkOptions('BatchNormalization', options, [...LAYER_OPTION_KEYS, ...normalizationOptions.keys]);
    super(options);
    const layer = `BatchNormalization layer "${this.name}"`;
    normalizationOptions.checkUnsupported(options, layer);
    this.axis = normalizationOptions.axis(options.axis, layer);
    this.momentum = normalizationOptions.fraction(options.momentum ?? 0.99, 'momentum', layer);
    this.epsilon = options.epsilon ?? 1e-3;
    if (typeof this.epsilon !== 'number' || !(this.epsilon > 0)) {
      throw InvalidArgumentError.expected(`\`epsilon\` of ${layer}`, 'a positive number', options.epsilon);
    }
    this.center = options.center ?? true;
    this.scale = options.scale ?? true;
    this.initializers = {
      beta: initializers.get(options.betaInitializer ?? 'zeros'),
      gamma: initializers.get(options.gammaInitializer ?? 'ones'),
      movingMean: initializers.get(options.movingMeanInitializer ?? 'zeros'),
      movingVariance: initializers.get(options.movingVarianceInitializer ?? 'ones'),
    };
    this.betaRegularizer = options.betaRegularizer ? regularizers.get(options.betaRegularizer) : null;
    this.gammaRegularizer = options.gammaRegularizer ? regularizers.get(options.gammaRegularizer) : null;
  }

  override build(inputShape: Shape): void {
    const axis = this.axis < 0 ? inputShape.length + this.axis : this.axis;
    const size = inputShape[axis];
    if (axis <= 0 || axis >= inputShape.length || typeof size !== 'number') {
      throw new ShapeError(
        `BatchNormalization layer "${this.name}" normalizes axis ${this.axis}, which inputs of shape ${formatShape(inputShape)} do not have (or its size is unknown).`,
      );
    }
    const shape = [size];
    if (this.scale) this.gamma = this.addWeight({ name: 'gamma', shape, initializer: this.initializers.gamma, regularizer: this.gammaRegularizer ?? undefined });
    if (this.center) this.beta = this.addWeight({ name: 'beta', shape, initializer: this.initializers.beta, regularizer: this.betaRegularizer ?? undefined });
    this.movingMean = this.addWeight({ name: 'moving_mean', shape, initializer: this.initializers.movingMean, trainable: false });
    this.movingVariance = this.addWeight({ name: 'moving_variance', shape, initializer: this.initializers.movingVariance, trainable: false });
    super.build(inputShape);
  }

  call(inputs: tf.Tensor, options: { training: boolean }): tf.Tensor {
    const axis = this.axis < 0 ? inputs.rank + this.axis : this.axis;
    const reduction = [...Array(inputs.rank).keys()].filter((a) => a !== axis);
    const broadcast = inputs.shape.map((d, i) => (i === axis ? d : 1));
    const shaped = (t: tf.Tensor | undefined) => (t ? tf.reshape(t, broadcast) : t);
    let mean: tf.Tensor = this.movingMean!;
    let variance: tf.Tensor = this.movingVariance!;
    if (options.training && this.trainable && axis === inputs.rank - 1 && hasBatchNormTrainKernel(inputs)) {
      // The backend's kernel: statistics and normalization in one call, its gradient in another.
      const { y, mean, variance } = batchNormTrain(inputs, this.gamma, this.beta, this.epsilon);
      this.updateMovingStatistics(mean, variance);
      return y;
    }
    if (options.training && this.trainable) {
      const moments = tf.moments(inputs, reduction);
      mean = moments.mean;
      variance = moments.variance;
      this.updateMovingStatistics(mean, variance);
    }
    if (axis === inputs.rank - 1) {
      // Under tfjs's tape, FusedBatchNorm throws without a scale or an offset (center or scale false).
      const [beta, gamma] = [this.beta ?? tf.zerosLike(mean), this.gamma ?? tf.onesLike(mean)];
      return tf.batchNorm(inputs, mean, variance, beta, gamma, this.epsilon);
    }
    // tfjs's FusedBatchNorm kernels index the statistics by the last axis only: broadcast by hand.
    let out = tf.mul(tf.sub(inputs, shaped(mean)!), tf.rsqrt(tf.add(shaped(variance)!, this.epsilon)));
    if (this.gamma) out = tf.mul(out, shaped(this.gamma)!);
    return this.beta ? tf.add(out, shaped(this.beta)!) : out;
  }

  /** The moving averages follow the batch's (no gradient reaches them: they never feed the loss). */
  private updateMovingStatistics(mean: tf.Tensor, variance: tf.Tensor): void {
    const m = this.momentum;
    tf.tidy(() => {
      const meanNow = tf.add(tf.mul(this.movingMean!, m), tf.mul(mean, 1 - m));
      const varianceNow = tf.add(tf.mul(this.movingVariance!, m), tf.mul(variance, 1 - m));
      this.movingMean!.assign(meanNow);
      this.movingVariance!.assign(varianceNow);
    });
  }

  override getConfig(): Record<string, unknown> {
    const init = (i: Initializer) => kerasObject('keras.initializers', initializers.serialize(i));
    const reg = (r: Regularizer | null) => (r ? kerasObject('keras.regularizers', regularizers.serialize(r)) : null);
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: init(this.initializers.beta),
      gamma_initializer: init(this.initializers.gamma),
      moving_mean_initializer: init(this.initializers.movingMean),
      moving_variance_initializer: init(this.initializers.movingVariance),
      beta_regularizer: reg(this.betaRegularizer),
      gamma_regularizer: reg(this.gammaRegularizer),
      beta_constraint: null,
      gamma_constraint: null,
      synchronized: false,
    };
  }
}
