import * as tf from '@tensorflow/tfjs-core';
import { absMaxQuantize } from './abs-max-quantize.js';

/**
 * Keras's int8 Dense product: each input row quantized at call time (abs-max over the last
 * axis), multiplied by the int8 kernel, and de-scaled by `inputs_scale * kernel_scale`.
 * The int8 products are summed in float32, exact while a row's sum stays under 2^24
 * (127 * 127 * 1040 inputs), so it equals Keras's int32 accumulation for MNIST-sized layers.
 */
export function int8MatMul(inputs: tf.Tensor2D, kernel: tf.Tensor2D, kernelScale: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const { values, scale } = absMaxQuantize(inputs, [1]);
    const product = tf.matMul(tf.cast(values, 'float32') as tf.Tensor2D, tf.cast(kernel, 'float32') as tf.Tensor2D);
    return tf.div(product, tf.mul(scale, kernelScale)) as tf.Tensor2D;
  });
}
