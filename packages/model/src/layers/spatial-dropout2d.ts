import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions, nextSeed, seededRandom } from '@neuralkit/core';
import { dropoutMask } from '../kernels/dropout-mask.js';
import type { ConfigStyle } from '../sequential-config.js';
import { checkRank, dataFormat } from './conv-arguments.js';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import type { Shape } from './shape.js';

export interface SpatialDropout2DOptions extends LayerOptions {
  /** The fraction of feature maps (channels) to drop, in [0, 1). */
  rate: number;
  /** Only `'channels_last'` runs here. */
  dataFormat?: 'channels_last' | null;
  /** Makes this layer's masks repeat on their own; otherwise they follow `setRandomSeed`. */
  seed?: number | null;
  /** tf.keras 2 writes it (always null for this layer). */
  noiseShape?: null;
}

/**
 * Keras's SpatialDropout2D: in training, drops whole feature maps — one draw per sample and channel,
 * the mask shaped `[batch, 1, 1, channels]` — and scales the kept ones by `1 / (1 - rate)`.
 * The identity in inference. Inputs `(batch, height, width, channels)`.
 */
export class SpatialDropout2D extends Layer {
  static override readonly className = 'SpatialDropout2D';
  readonly rate: number;
  readonly seed: number | null;
  private readonly random: (() => number) | undefined;

  constructor(options: SpatialDropout2DOptions) {
    checkOptions('SpatialDropout2D', options, [...LAYER_OPTION_KEYS, 'rate', 'dataFormat', 'seed', 'noiseShape']);
    super(options);
    const layer = `SpatialDropout2D layer "${this.name}"`;
    const rate = options?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
      throw InvalidArgumentError.expected(`\`rate\` of ${layer}`, 'a number in [0, 1)', rate);
    }
    if (options.noiseShape !== undefined && options.noiseShape !== null) {
      throw InvalidArgumentError.expected(`\`noise_shape\` of ${layer}`, 'null (the layer sets its own)', options.noiseShape);
    }
    dataFormat(options.dataFormat, layer);
    this.rate = rate;
    this.seed = options.seed ?? null;
    this.random = this.seed === null ? undefined : seededRandom(this.seed);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    checkRank(inputShape, 4, `SpatialDropout2D layer "${this.name}"`, '(batch, height, width, channels)');
    return [...inputShape];
  }

  call(inputs: tf.Tensor, options: { training: boolean }): tf.Tensor {
    this.computeOutputShape(inputs.shape);
    if (!options.training || this.rate === 0) return inputs;
    const seed = this.random ? Math.floor(this.random() * 2 ** 32) : nextSeed();
    const [batch, , , channels] = inputs.shape as [number, number, number, number];
    return tf.mul(inputs, dropoutMask([batch, 1, 1, channels], this.rate, seed));
  }

  /**
   * tf.keras 2.15 writes Dropout's keys (rate, noise_shape, seed after name, trainable, dtype);
   * Keras 3 writes rate, seed, name, dtype, data_format, and its constructor takes nothing else.
   */
  override getConfig(style: ConfigStyle = 'keras2'): Record<string, unknown> {
    const base = super.getConfig();
    if (style === 'keras3') return { rate: this.rate, seed: this.seed, name: base.name, dtype: base.dtype, data_format: 'channels_last' };
    return { ...base, rate: this.rate, noise_shape: null, seed: this.seed };
  }
}
