import type * as tf from '@tensorflow/tfjs-core';

/**
 * Base of the weight initializers: `apply(shape)` makes the initial value of a weight.
 * A subclass sets `className` (Keras's name) and implements `apply` and `getConfig`.
 *
 * ```ts
 * class Halves extends Initializer {
 *   static readonly className = 'Halves';
 *   apply(shape: number[]) { return tf.fill(shape, 0.5); }
 *   getConfig() { return {}; }
 * }
 * ```
 */
export abstract class Initializer {
  static readonly className: string;
  abstract apply(shape: number[], dtype?: tf.DataType): tf.Tensor;
  abstract getConfig(): Record<string, unknown>;
}

/** Keras's fan computation: the last two axes for a kernel, the receptive field folded in. */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return { fanIn: shape[shape.length - 2]! * receptive, fanOut: shape[shape.length - 1]! * receptive };
}
