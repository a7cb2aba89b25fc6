import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions } from '@neuralkit/core';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import type { Shape } from './shape.js';
import { checkRank, dataFormat } from './conv-arguments.js';

export interface GlobalPooling2DOptions extends LayerOptions {
  /** Only `'channels_last'`. */
  dataFormat?: 'channels_last' | null;
  /** Keep the spatial axes with length 1 (`(batch, 1, 1, channels)`); default false. */
  keepdims?: boolean;
}

/**
 * Base of GlobalAveragePooling2D and GlobalMaxPooling2D (Keras's `BaseGlobalPooling`): reduces
 * the height and width axes; a subclass implements `reduce` over axes `[1, 2]`.
 */
export abstract class GlobalPooling2D extends Layer {
  readonly keepdims: boolean;

  constructor(options: GlobalPooling2DOptions = {}) {
    const cls = new.target as unknown as { className: string };
    checkOptions(cls.className, options, [...LAYER_OPTION_KEYS, 'dataFormat', 'keepdims']);
    super(options);
    const layer = `${this.className} layer "${this.name}"`;
    dataFormat(options.dataFormat, layer);
    if (options.keepdims !== undefined && typeof options.keepdims !== 'boolean') {
      throw InvalidArgumentError.expected(`\`keepdims\` of ${layer}`, 'a boolean', options.keepdims);
    }
    this.keepdims = options.keepdims ?? false;
  }

  protected abstract reduce(inputs: tf.Tensor, keepdims: boolean): tf.Tensor;

  override computeOutputShape(inputShape: Shape): Shape {
    checkRank(inputShape, 4, `${this.className} layer "${this.name}"`, '(batch, height, width, channels)');
    const batch = inputShape[0] ?? null;
    const channels = inputShape[3] ?? null;
    return this.keepdims ? [batch, 1, 1, channels] : [batch, channels];
  }

  call(inputs: tf.Tensor): tf.Tensor {
    return this.reduce(inputs, this.keepdims);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: 'channels_last', keepdims: this.keepdims };
  }
}
