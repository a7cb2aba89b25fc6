import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '@neuralkit/core';

/**
 * Dropout's multiplier for inputs of `shape`: each unit kept with probability `1 − rate` and then
 * scaled by `1 / (1 − rate)`, else 0, drawn from `seed`. Made on the host in one pass (splitmix32,
 * as the rest of neuralkit's randomness): tfjs's seeded `randomUniform` costs more than the whole
 * Dense layer it follows. The layer and the direct training step both multiply by it, so they drop
 * the same units for the same seed.
 */
export function dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  const random = seededRandom(seed);
  const scale = Math.fround(1 / Math.fround(1 - rate));
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = random() >= rate ? scale : 0;
  return tf.tensor(values, shape, 'float32');
}
