import * as tf from '@tensorflow/tfjs-core';
import { GlobalPooling2D } from './global-pooling2d.js';

/** The maximum over height and width, per channel (Keras's GlobalMaxPooling2D). */
export class GlobalMaxPooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalMaxPooling2D';

  protected reduce(inputs: tf.Tensor, keepdims: boolean): tf.Tensor {
    return tf.max(inputs, [1, 2], keepdims);
  }
}
