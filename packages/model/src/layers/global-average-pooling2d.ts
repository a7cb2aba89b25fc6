import * as tf from '@tensorflow/tfjs-core';
import { GlobalPooling2D } from './global-pooling2d.js';

/** The mean over height and width, per channel (Keras's GlobalAveragePooling2D). */
export class GlobalAveragePooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalAveragePooling2D';

  protected reduce(inputs: tf.Tensor, keepdims: boolean): tf.Tensor {
    return tf.mean(inputs, [1, 2], keepdims);
  }
}
