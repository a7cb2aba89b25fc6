import * as tf from '@tensorflow/tfjs-core';

/** Keras's `backend.epsilon()`, added to the abs-max so an all-zero row gets a finite scale. */
export const QUANTIZE_EPSILON = 1e-7;

/**
 * Keras's `abs_max_quantize`: symmetric int8 over `axes` (kept as size-1 axes in the scale).
 * `scale = 127 / (max|x| + 1e-7)` (a multiplier, as Keras stores it) and
 * `values = clip(round(x * scale), -127, 127)`, rounded half to even like numpy.
 * The values come back as an int32 tensor (tfjs has no int8 dtype); callers own both tensors.
 */
export function absMaxQuantize(x: tf.Tensor, axes: number[]): { values: tf.Tensor; scale: tf.Tensor } {
  return tf.tidy(() => {
    const absMax = tf.max(tf.abs(x), axes, true);
    const scale = tf.div(tf.scalar(127), tf.add(absMax, tf.scalar(QUANTIZE_EPSILON)));
    const values = tf.cast(tf.clipByValue(tf.round(tf.mul(x, scale)), -127, 127), 'int32');
    return { values, scale };
  });
}
