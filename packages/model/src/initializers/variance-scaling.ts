import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import { Initializer, computeFans } from './initializer.js';
import { drawSeed, type RandomOptions } from './random.js';

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type Distribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

export interface VarianceScalingOptions extends RandomOptions {
  scale?: number;
  mode?: FanMode;
  distribution?: Distribution;
}

// Stddev of a unit normal truncated to [-2, 2]: Keras divides by it so the truncated draw keeps the variance.
const TRUNCATED_STDDEV = 0.8796256610342398;

/** Keras's VarianceScaling: variance `scale / fan` (fan by `mode`), drawn from `distribution`. */
export class VarianceScaling extends Initializer {
  static override readonly className: string = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly seed: number | null;

  constructor(options: VarianceScalingOptions = {}) {
    super();
    this.scale = options.scale ?? 1;
    this.mode = options.mode ?? 'fan_in';
    this.distribution = options.distribution ?? 'truncated_normal';
    this.seed = options.seed ?? null;
    if (!(this.scale > 0)) throw InvalidArgumentError.expected('`scale` of VarianceScaling', 'a positive number', this.scale);
    if (!['fan_in', 'fan_out', 'fan_avg'].includes(this.mode)) {
      throw InvalidArgumentError.expected('`mode` of VarianceScaling', "'fan_in', 'fan_out' or 'fan_avg'", this.mode);
    }
    if (!['truncated_normal', 'untruncated_normal', 'uniform', 'normal'].includes(this.distribution)) {
      throw InvalidArgumentError.expected(
        '`distribution` of VarianceScaling',
        "'truncated_normal', 'untruncated_normal' or 'uniform'",
        this.distribution,
      );
    }
  }

  apply(shape: number[]): tf.Tensor {
    const { fanIn, fanOut } = computeFans(shape);
    const fan = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, fan);
    const seed = drawSeed(this.seed);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tf.randomUniform(shape, -limit, limit, 'float32', seed);
    }
    if (this.distribution === 'truncated_normal') {
      return tf.truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_STDDEV, 'float32', seed);
    }
    return tf.randomNormal(shape, 0, Math.sqrt(variance), 'float32', seed);
  }

  getConfig(): Record<string, unknown> {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed };
  }
}

type Preset = RandomOptions;

function preset(className: string, scale: number, mode: FanMode, distribution: Distribution) {
  return class extends VarianceScaling {
    static override readonly className = className;
    constructor(options: Preset = {}) {
      super({ seed: options.seed ?? null, scale, mode, distribution });
    }
    override getConfig(): Record<string, unknown> {
      return { seed: this.seed };
    }
  };
}

export const GlorotUniform = preset('GlorotUniform', 1, 'fan_avg', 'uniform');
export const GlorotNormal = preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal');
export const HeUniform = preset('HeUniform', 2, 'fan_in', 'uniform');
export const HeNormal = preset('HeNormal', 2, 'fan_in', 'truncated_normal');
export const LecunUniform = preset('LecunUniform', 1, 'fan_in', 'uniform');
export const LecunNormal = preset('LecunNormal', 1, 'fan_in', 'truncated_normal');
