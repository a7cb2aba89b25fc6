import * as tf from '@tensorflow/tfjs-core';

/**
 * Dropout's multiplier: `floor(u + keep) / keep` with `u` uniform in [0, 1) from `seed`, so a unit
 * is kept (and scaled by `1 / keep`) with probability `keep = 1 − rate`. The same arithmetic as
 * `tf.dropout`; the layer and the direct training step both multiply by it, so they drop the
 * same units for the same seed.
 */
export function dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  const keep = 1 - rate;
  return tf.tidy(() => tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, 'float32', seed), keep)), keep));
}
