import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, Registry, type Identifier, type SerializedObject } from '@neuralkit/core';

/**
 * A weight penalty added to the loss: `apply(weight)` is a scalar.
 *
 * ```ts
 * class MaxAbs extends Regularizer {
 *   static readonly className = 'MaxAbs';
 *   apply(w: tf.Tensor) { return tf.max(tf.abs(w)); }
 *   getConfig() { return {}; }
 * }
 * ```
 */
export abstract class Regularizer {
  static readonly className: string;
  abstract apply(weight: tf.Tensor): tf.Scalar;
  abstract getConfig(): Record<string, unknown>;
}

function factor(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw InvalidArgumentError.expected(`\`${name}\` regularization factor`, 'a non-negative number', value);
  }
  return value;
}

/** `l1 * sum(|w|) + l2 * sum(w^2)`, Keras's defaults 0 and 0. */
export class L1L2 extends Regularizer {
  static override readonly className: string = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(options: { l1?: number; l2?: number } = {}) {
    super();
    this.l1 = factor('l1', options.l1 ?? 0);
    this.l2 = factor('l2', options.l2 ?? 0);
  }
  apply(weight: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      let sum: tf.Scalar = tf.scalar(0);
      if (this.l1 > 0) sum = tf.add(sum, tf.mul(tf.scalar(this.l1), tf.sum(tf.abs(weight))));
      if (this.l2 > 0) sum = tf.add(sum, tf.mul(tf.scalar(this.l2), tf.sum(tf.square(weight))));
      return sum;
    });
  }
  getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** `l1 * sum(|w|)`, Keras's default 0.01. */
export class L1 extends L1L2 {
  static override readonly className = 'L1';
  constructor(options: { l1?: number } = {}) {
    super({ l1: options.l1 ?? 0.01 });
  }
  override getConfig(): Record<string, unknown> {
    return { l1: this.l1 };
  }
}

/** `l2 * sum(w^2)`, Keras's default 0.01. */
export class L2 extends L1L2 {
  static override readonly className = 'L2';
  constructor(options: { l2?: number } = {}) {
    super({ l2: options.l2 ?? 0.01 });
  }
  override getConfig(): Record<string, unknown> {
    return { l2: this.l2 };
  }
}

export const regularizerRegistry = new Registry<Regularizer>('regularizer')
  .register(L1, ['l1'])
  .register(L2, ['l2'])
  .register(L1L2, ['l1_l2']);

export function get(id: Identifier<Regularizer>): Regularizer {
  return regularizerRegistry.get(id);
}

export function serialize(regularizer: Regularizer): SerializedObject {
  return regularizerRegistry.serialize(regularizer);
}
