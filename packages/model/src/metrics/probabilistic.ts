import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  klDivergence,
  poisson,
  sparseCategoricalCrossentropy,
} from '@neuralkit/losses';
import { MeanMetricWrapper } from './mean.js';

interface MetricOptions {
  name?: string;
  dtype?: unknown;
}

export interface CrossentropyMetricOptions extends MetricOptions {
  /** Predictions are logits, not probabilities. Default false. */
  fromLogits?: boolean;
  /** In [0, 1]: squeezes the labels towards uniform. Default 0. */
  labelSmoothing?: number;
  /** The class axis (categorical) or the axis averaged over (binary). Default -1. */
  axis?: number;
}

function checkBoolean(owner: string, what: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw InvalidArgumentError.expected(`\`${what}\` of ${owner}`, 'a boolean', value);
  return value;
}

function checkSmoothing(owner: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw InvalidArgumentError.expected(`\`label_smoothing\` of ${owner}`, 'a number in [0, 1]', value);
  }
  return value;
}

function checkAxis(owner: string, value: unknown): number {
  if (!Number.isInteger(value)) throw InvalidArgumentError.expected(`\`axis\` of ${owner}`, 'an integer', value);
  return value as number;
}

/** The mean binary crossentropy over every sample seen (Keras's `BinaryCrossentropy` metric). */
export class BinaryCrossentropy extends MeanMetricWrapper {
  static override readonly className = 'BinaryCrossentropy';
  static readonly defaultName = 'binary_crossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(options: Omit<CrossentropyMetricOptions, 'axis'> = {}) {
    super(options);
    this.fromLogits = checkBoolean('BinaryCrossentropy', 'from_logits', options.fromLogits ?? false);
    this.labelSmoothing = checkSmoothing('BinaryCrossentropy', options.labelSmoothing ?? 0);
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return binaryCrossentropy(yTrue, yPred, { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing };
  }
}

/** The mean crossentropy against one-hot labels (Keras's `CategoricalCrossentropy` metric). */
export class CategoricalCrossentropy extends MeanMetricWrapper {
  static override readonly className = 'CategoricalCrossentropy';
  static readonly defaultName = 'categorical_crossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;
  constructor(options: CrossentropyMetricOptions = {}) {
    super(options);
    this.fromLogits = checkBoolean('CategoricalCrossentropy', 'from_logits', options.fromLogits ?? false);
    this.labelSmoothing = checkSmoothing('CategoricalCrossentropy', options.labelSmoothing ?? 0);
    this.axis = checkAxis('CategoricalCrossentropy', options.axis ?? -1);
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    const { fromLogits, labelSmoothing, axis } = this;
    return categoricalCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis });
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}

/** The mean crossentropy against integer labels (Keras's `SparseCategoricalCrossentropy` metric). */
export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  static override readonly className = 'SparseCategoricalCrossentropy';
  static readonly defaultName = 'sparse_categorical_crossentropy';
  readonly fromLogits: boolean;
  readonly axis: number;
  readonly ignoreClass: number | null;
  constructor(options: Omit<CrossentropyMetricOptions, 'labelSmoothing'> & { ignoreClass?: number | null } = {}) {
    super(options);
    this.fromLogits = checkBoolean('SparseCategoricalCrossentropy', 'from_logits', options.fromLogits ?? false);
    this.axis = checkAxis('SparseCategoricalCrossentropy', options.axis ?? -1);
    const ignore = options.ignoreClass ?? null;
    if (ignore !== null && !Number.isInteger(ignore)) {
      throw InvalidArgumentError.expected('`ignore_class` of SparseCategoricalCrossentropy', 'an integer or null', ignore);
    }
    this.ignoreClass = ignore;
  }
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    // Labels are range-checked before training; reading them back every batch would stall the device.
    const { fromLogits, axis, ignoreClass } = this;
    return sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits, axis, ignoreClass, validateLabels: false });
  }
  protected override mask(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor | undefined {
    if (this.ignoreClass === null) return undefined;
    const labels = yTrue.rank === yPred.rank ? tf.squeeze(yTrue, [-1]) : yTrue;
    return tf.notEqual(tf.cast(labels, 'float32'), this.ignoreClass);
  }
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), from_logits: this.fromLogits, ignore_class: this.ignoreClass, axis: this.axis };
  }
}

/** The mean of `sum(y * log(y / p))`, both clipped to [1e-7, 1] (Keras's `KLDivergence` metric). */
export class KLDivergence extends MeanMetricWrapper {
  static override readonly className = 'KLDivergence';
  static readonly defaultName = 'kl_divergence';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return klDivergence(yTrue, yPred);
  }
}

/** The mean of `mean(p - y * log(p + 1e-7))` (Keras's `Poisson` metric). */
export class Poisson extends MeanMetricWrapper {
  static override readonly className = 'Poisson';
  static readonly defaultName = 'poisson';
  protected compute(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return poisson(yTrue, yPred);
  }
}
