import * as tf from '@tensorflow/tfjs-core';

/**
 * `counts[t][p]`: how many samples of class `t` were predicted as `p`, as `tf.math.confusionMatrix`,
 * but on every backend: that one multiplies int32 one-hots, which WASM's BatchMatMul refuses.
 * Float32 counts are exact up to 2^24 samples per cell. Classes outside [0, numClasses) are not counted.
 */
export function confusionMatrix(labels: tf.Tensor1D, predictions: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => {
    const truth = tf.cast(tf.oneHot(tf.cast(labels, 'int32'), numClasses), 'float32');
    const guess = tf.cast(tf.oneHot(tf.cast(predictions, 'int32'), numClasses), 'float32');
    return tf.cast(tf.matMul(truth, guess, true, false), 'int32') as tf.Tensor2D;
  });
}
