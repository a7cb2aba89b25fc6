import * as tf from '@tensorflow/tfjs-core';
import { Initializer } from './initializer.js';

export class Zeros extends Initializer {
  static override readonly className = 'Zeros';
  apply(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.zeros(shape, dtype);
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

export class Ones extends Initializer {
  static override readonly className = 'Ones';
  apply(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.ones(shape, dtype);
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

export class Constant extends Initializer {
  static override readonly className = 'Constant';
  readonly value: number;
  constructor(options: { value?: number } = {}) {
    super();
    this.value = options.value ?? 0;
  }
  apply(shape: number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    return tf.fill(shape, this.value, dtype);
  }
  getConfig(): Record<string, unknown> {
    return { value: this.value };
  }
}
