import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, checkOptions } from '@neuralkit/core';
import { Layer, type LayerOptions } from './layer.js';
import type { Shape } from './shape.js';

export interface InputLayerOptions extends LayerOptions {
  /** Shape of one sample (Keras's `shape`). */
  shape?: number[];
  sparse?: boolean;
  ragged?: boolean;
}

/** The model's entry: fixes the input shape. Not listed in `model.layers`, as in Keras. */
export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';

  constructor(options: InputLayerOptions = {}) {
    checkOptions('InputLayer', options, ['name', 'dtype', 'shape', 'inputShape', 'batchInputShape', 'batchShape', 'batchSize', 'sparse', 'ragged', 'trainable']);
    super({ ...options, inputShape: options.shape ?? options.inputShape });
    if (!this.batchInputShape) {
      throw InvalidArgumentError.expected(`shape of InputLayer "${this.name}"`, '`shape`, `batchShape` or `batchInputShape`', options);
    }
    if (options.sparse || options.ragged) {
      throw InvalidArgumentError.expected(`InputLayer "${this.name}"`, 'dense inputs (sparse and ragged are not supported)', options);
    }
    this.build(this.batchInputShape);
  }

  get batchShape(): Shape {
    return this.batchInputShape!;
  }

  call(inputs: tf.Tensor): tf.Tensor {
    return inputs;
  }

  /** tf.keras 2's form by default (`batch_input_shape`); Keras 3's (`batch_shape`) on request. */
  override getConfig(style: 'keras2' | 'keras3' = 'keras2'): Record<string, unknown> {
    const shape = [...this.batchShape];
    return style === 'keras3'
      ? { batch_shape: shape, dtype: 'float32', sparse: false, name: this.name }
      : { batch_input_shape: shape, dtype: 'float32', sparse: false, ragged: false, name: this.name };
  }
}
