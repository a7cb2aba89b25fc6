import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions, nextSeed, seededRandom } from '@neuralkit/core';
import { dropoutMask } from '../kernels/dropout-mask.js';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';

export interface DropoutOptions extends LayerOptions {
  rate: number;
  /** Makes this layer's masks repeat on their own; otherwise they follow `setRandomSeed`. */
  seed?: number | null;
  /** Only null (independent units) is supported. */
  noiseShape?: null;
}

/** Zeroes a `rate` fraction of inputs in training and scales the rest by `1 / (1 - rate)`. */
export class Dropout extends Layer {
  static override readonly className = 'Dropout';
  readonly rate: number;
  readonly seed: number | null;
  private readonly random: (() => number) | undefined;

  constructor(options: DropoutOptions) {
    checkOptions('Dropout', options, [...LAYER_OPTION_KEYS, 'rate', 'seed', 'noiseShape']);
    super(options);
    const rate = options?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
      throw InvalidArgumentError.expected(`\`rate\` of Dropout layer "${this.name}"`, 'a number in [0, 1)', rate);
    }
    if (options.noiseShape !== undefined && options.noiseShape !== null) {
      throw InvalidArgumentError.expected(`\`noiseShape\` of Dropout layer "${this.name}"`, 'null (not supported)', options.noiseShape);
    }
    this.rate = rate;
    this.seed = options.seed ?? null;
    this.random = this.seed === null ? undefined : seededRandom(this.seed);
  }

  call(inputs: tf.Tensor, options: { training: boolean }): tf.Tensor {
    if (!options.training || this.rate === 0) return inputs;
    return tf.mul(inputs, this.nextMask(inputs.shape));
  }

  /** The next training mask for inputs of `shape` (the direct training step multiplies by it too). */
  nextMask(shape: number[]): tf.Tensor {
    return dropoutMask(shape, this.rate, this.nextSeed());
  }

  /** The seed of the next training mask (for a backend that makes the mask itself: `dropoutMaskValues`). */
  nextSeed(): number {
    return this.random ? Math.floor(this.random() * 2 ** 32) : nextSeed();
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, noise_shape: null, seed: this.seed };
  }
}

