import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions } from '@neuralkit/core';
import { LAYER_OPTION_KEYS, Layer, type LayerOptions } from './layer.js';
import type { Shape } from './shape.js';

export interface FlattenOptions extends LayerOptions {
  /** Only Keras's default, `'channels_last'`. */
  dataFormat?: 'channels_last' | null;
}

/** Folds every axis after the batch axis into one: `[n, 28, 28]` → `[n, 784]`. */
export class Flatten extends Layer {
  static override readonly className = 'Flatten';

  constructor(options: FlattenOptions = {}) {
    checkOptions('Flatten', options, [...LAYER_OPTION_KEYS, 'dataFormat']);
    super(options);
    if (options.dataFormat && options.dataFormat !== 'channels_last') {
      throw InvalidArgumentError.expected(`\`dataFormat\` of Flatten layer "${this.name}"`, "'channels_last'", options.dataFormat);
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    const size = rest.some((d) => d === null) ? null : rest.reduce<number>((n, d) => n * d!, 1);
    return [inputShape[0] ?? null, size];
  }

  call(inputs: tf.Tensor): tf.Tensor {
    return inputs.rank === 2 ? inputs : tf.reshape(inputs, [inputs.shape[0]!, -1]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: 'channels_last' };
  }
}
