import * as tf from '@tensorflow/tfjs-core';
import { nextSeed } from '@neuralkit/core';
import { Initializer } from './initializer.js';

export interface RandomOptions {
  /** Keras's `seed`: when set, the same values every time; otherwise drawn from `setRandomSeed`'s stream. */
  seed?: number | null;
}

/** The seed of one draw: the initializer's own, or the next one of the global stream. */
export function drawSeed(seed: number | null | undefined): number {
  return seed ?? nextSeed();
}

export class RandomUniform extends Initializer {
  static override readonly className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;
  readonly seed: number | null;
  constructor(options: RandomOptions & { minval?: number; maxval?: number } = {}) {
    super();
    this.minval = options.minval ?? -0.05;
    this.maxval = options.maxval ?? 0.05;
    this.seed = options.seed ?? null;
  }
  apply(shape: number[]): tf.Tensor {
    return tf.randomUniform(shape, this.minval, this.maxval, 'float32', drawSeed(this.seed));
  }
  getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed };
  }
}

export type NormalOptions = RandomOptions & { mean?: number; stddev?: number };

/** The `mean`, `stddev` and `seed` of the two normal draws; a subclass supplies `apply`. */
export abstract class NormalInitializer extends Initializer {
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;
  constructor(options: NormalOptions = {}) {
    super();
    this.mean = options.mean ?? 0;
    this.stddev = options.stddev ?? 0.05;
    this.seed = options.seed ?? null;
  }
  getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }
}

export class RandomNormal extends NormalInitializer {
  static override readonly className = 'RandomNormal';
  apply(shape: number[]): tf.Tensor {
    return tf.randomNormal(shape, this.mean, this.stddev, 'float32', drawSeed(this.seed));
  }
}

/** Normal draws redrawn until within two standard deviations of the mean. */
export class TruncatedNormal extends NormalInitializer {
  static override readonly className = 'TruncatedNormal';
  apply(shape: number[]): tf.Tensor {
    return tf.truncatedNormal(shape, this.mean, this.stddev, 'float32', drawSeed(this.seed));
  }
}
