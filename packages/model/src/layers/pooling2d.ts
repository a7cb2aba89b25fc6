import type * as tf from '@tensorflow/tfjs-core';
import { checkOptions } from '@neuralkit/core';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import type { Shape } from './shape.js';
import { checkRank, dataFormat, outputLength, padding, pair, type Padding } from './conv-arguments.js';

export interface Pooling2DOptions extends LayerOptions {
  /** Window size; Keras's default `(2, 2)`. */
  poolSize?: number | [number, number];
  /** Defaults to `poolSize`, as in Keras. */
  strides?: number | [number, number] | null;
  padding?: Padding;
  /** Only `'channels_last'`. */
  dataFormat?: 'channels_last' | null;
}

/**
 * Base of MaxPooling2D and AveragePooling2D (Keras's `BasePooling`): a subclass sets `className`
 * and implements `pool` with the tfjs op.
 */
export abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;

  constructor(options: Pooling2DOptions = {}) {
    const cls = new.target as unknown as { className: string };
    checkOptions(cls.className, options, [...LAYER_OPTION_KEYS, 'poolSize', 'strides', 'padding', 'dataFormat']);
    super(options);
    const layer = `${this.className} layer "${this.name}"`;
    dataFormat(options.dataFormat, layer);
    this.poolSize = pair(options.poolSize ?? 2, 'pool_size', layer);
    this.strides = options.strides === undefined || options.strides === null ? [...this.poolSize] : pair(options.strides, 'strides', layer);
    this.padding = padding(options.padding, layer);
  }

  protected abstract pool(inputs: tf.Tensor4D): tf.Tensor4D;

  override computeOutputShape(inputShape: Shape): Shape {
    const layer = `${this.className} layer "${this.name}"`;
    checkRank(inputShape, 4, layer, '(batch, height, width, channels)');
    const common = { padding: this.padding, layer };
    return [
      inputShape[0] ?? null,
      outputLength(inputShape[1]!, this.poolSize[0], { ...common, stride: this.strides[0], axis: 'height' }),
      outputLength(inputShape[2]!, this.poolSize[1], { ...common, stride: this.strides[1], axis: 'width' }),
      inputShape[3] ?? null,
    ];
  }

  call(inputs: tf.Tensor): tf.Tensor {
    return this.pool(inputs as tf.Tensor4D);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      pool_size: [...this.poolSize],
      padding: this.padding,
      strides: [...this.strides],
      data_format: 'channels_last',
    };
  }
}
