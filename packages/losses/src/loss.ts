import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions } from '@neuralkit/core';
import { reduceWeightedValues, standardizeReduction, type Reduction, type SampleWeight } from './reduction.js';
import { isTensor, toTensor, type TensorInput } from './tensors.js';

/** The options every loss takes (Keras's `name`, `reduction`, `dtype`). */
export interface LossOptions {
  name?: string;
  /** Default `'sum_over_batch_size'`. */
  reduction?: Reduction | 'auto';
  /** Only `'float32'` (Keras's floatx); accepted so Keras configs that carry it load. */
  dtype?: string | null;
}

/** What `call` returns: per-sample values, or values with a mask of those that count. */
export type LossValues = tf.Tensor | { values: tf.Tensor; mask: tf.Tensor };

/** How a subclass describes itself to the base constructor. */
export interface LossSpec {
  /** Keras's default `name` (`'huber_loss'`). */
  defaultName: string;
  /** The subclass's own option keys (camelCase), for the unknown-option check. */
  options?: readonly string[];
}

const BASE_OPTIONS = ['name', 'reduction', 'dtype'] as const;

/**
 * Base of every loss: Keras 3's `Loss`. `compute(yTrue, yPred, sampleWeight?)` is Keras's
 * `__call__`: `call` gives per-sample values, then sample weights (scalar, per-sample or
 * per-timestep) and the configured reduction are applied. All inside one `tf.tidy`.
 *
 * A subclass implements `call` (per-sample values) and, when it has options, `getConfig`
 * (Keras's snake_case keys). It declares `static className` (its Keras class name) and
 * takes one options object. A complete minimal example:
 *
 * ```ts
 * interface ScaledErrorOptions extends LossOptions { scale?: number }
 *
 * class ScaledError extends Loss {
 *   static override readonly className = 'ScaledError';
 *   readonly scale: number;
 *   constructor(options: ScaledErrorOptions = {}) {
 *     super(options, { defaultName: 'scaled_error', options: ['scale'] });
 *     this.scale = options.scale ?? 1;
 *   }
 *   call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
 *     return tf.mul(this.scale, tf.mean(tf.abs(tf.sub(yTrue, yPred)), -1));
 *   }
 *   override getConfig() {
 *     return { ...super.getConfig(), scale: this.scale };
 *   }
 * }
 * lossRegistry.register(ScaledError, ['scaled_error']);   // now get('scaled_error') works
 * ```
 */
export abstract class Loss {
  static readonly className: string = 'Loss';
  readonly name: string;
  readonly reduction: Reduction;

  constructor(options: LossOptions = {}, spec: LossSpec) {
    const owner = (new.target as unknown as { className: string }).className;
    checkOptions(owner, options, [...BASE_OPTIONS, ...(spec.options ?? [])]);
    if (options.name !== undefined && typeof options.name !== 'string') {
      throw InvalidArgumentError.expected(`name for ${owner}`, 'a string', options.name);
    }
    if (options.dtype != null && options.dtype !== 'float32') {
      throw InvalidArgumentError.expected(`dtype for ${owner}`, '"float32" (or null)', options.dtype);
    }
    this.name = options.name ?? spec.defaultName;
    this.reduction = standardizeReduction(owner, options.reduction);
  }

  /** The per-sample loss values (shape `yPred.shape` without its last axis, as a rule). */
  abstract call(yTrue: tf.Tensor, yPred: tf.Tensor): LossValues;

  /**
   * Keras's `loss(y_true, y_pred, sample_weight)`: a scalar with the default reduction;
   * with `reduction: 'none'` (or null) the weighted per-sample values.
   */
  compute(yTrue: TensorInput, yPred: TensorInput, sampleWeight?: SampleWeight | null): tf.Scalar {
    return tf.tidy(() => {
      const out = this.call(toTensor(yTrue), toTensor(yPred));
      const values = isTensor(out) ? out : out.values;
      const mask = isTensor(out) ? undefined : out.mask;
      return reduceWeightedValues(values, {
        reduction: this.reduction,
        sampleWeight,
        mask,
        owner: this.className,
      });
    }) as tf.Scalar;
  }

  /** Keras's config: `{ name, reduction }` plus the subclass's options, snake_case. */
  getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }

  /** The Keras class name (`'MeanSquaredError'`). */
  get className(): string {
    return (this.constructor as { className?: string }).className ?? 'Loss';
  }
}
