import * as tf from '@tensorflow/tfjs-core';
import { Pooling2D } from './pooling2d.js';

/** The maximum of each `poolSize` window, per channel (Keras's MaxPooling2D). */
export class MaxPooling2D extends Pooling2D {
  static override readonly className = 'MaxPooling2D';

  protected pool(inputs: tf.Tensor4D): tf.Tensor4D {
    return tf.maxPool(inputs, this.poolSize, this.strides, this.padding);
  }
}
