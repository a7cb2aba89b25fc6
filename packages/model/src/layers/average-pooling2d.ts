import * as tf from '@tensorflow/tfjs-core';
import { Pooling2D } from './pooling2d.js';
import { samePadding } from './conv-arguments.js';

/**
 * The mean of each `poolSize` window, per channel (Keras's AveragePooling2D). With `same`
 * padding the padded cells are not counted, as in Keras.
 */
export class AveragePooling2D extends Pooling2D {
  static override readonly className = 'AveragePooling2D';

  protected pool(inputs: tf.Tensor4D): tf.Tensor4D {
    if (this.padding === 'valid') return tf.avgPool(inputs, this.poolSize, this.strides, 'valid');
    // tfjs 4.22's AvgPoolGrad divides by the whole window even where `same` padding left cells
    // out of the forward mean, so its gradients are wrong at the borders. Pad explicitly, pool
    // 'valid' (sum / window) and divide by the share of real cells (count / window) instead.
    const [, height, width] = inputs.shape;
    const pads: Array<[number, number]> = [
      [0, 0], samePadding(height, this.poolSize[0], this.strides[0]), samePadding(width, this.poolSize[1], this.strides[1]), [0, 0],
    ];
    return tf.tidy(() => {
      const sums = tf.avgPool(tf.pad(inputs, pads), this.poolSize, this.strides, 'valid');
      const mask = tf.pad(tf.ones([1, height, width, 1]), pads) as tf.Tensor4D;
      return tf.div(sums, tf.avgPool(mask, this.poolSize, this.strides, 'valid'));
    });
  }
}
