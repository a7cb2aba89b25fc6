import * as tf from '@tensorflow/tfjs-core';
import { absMaxQuantize } from './abs-max-quantize.js';

/** What the int8 convolution needs of its layer besides the input. */
export interface Int8Conv2DArgs {
  /** int8 values (an int32 tensor) in Keras's layout `[kh, kw, in, filters]`, already dilated. */
  kernel: tf.Tensor4D;
  /** One multiplier per filter: `127 / max|w|` of that filter. */
  kernelScale: tf.Tensor1D;
  strides: [number, number];
  padding: 'valid' | 'same';
}

/**
 * Conv2D's int8 product, the convolution counterpart of Keras's int8 Dense: each input image
 * quantized at call time (abs-max over height, width and channels, one scale per image, the
 * only grouping that factors out of a convolution's sum), convolved with the int8 kernel, and
 * de-scaled by `inputs_scale * kernel_scale` (one per filter). The int8 products are summed in
 * float32, exact while `kh * kw * in <= 1040` (127 * 127 * 1040 < 2^24), as an int32 sum is.
 */
export function int8Conv2D(inputs: tf.Tensor4D, args: Int8Conv2DArgs): tf.Tensor4D {
  return tf.tidy(() => {
    const { values, scale } = absMaxQuantize(inputs, [1, 2, 3]);
    const product = tf.conv2d(
      tf.cast(values, 'float32') as tf.Tensor4D,
      tf.cast(args.kernel, 'float32') as tf.Tensor4D,
      args.strides,
      args.padding,
    );
    return tf.div(product, tf.mul(scale, args.kernelScale)) as tf.Tensor4D;
  });
}
