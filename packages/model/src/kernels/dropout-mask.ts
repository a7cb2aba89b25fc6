import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, dropoutMaskValues, hasKernel, runKernel } from '@neuralkit/core';

/**
 * Dropout's multiplier for inputs of `shape`: each unit kept with probability `1 − rate` and then
 * scaled by `1 / (1 − rate)`, else 0, drawn from `seed` (splitmix32, as the rest of neuralkit's
 * randomness). The backend's `dropoutMask` kernel makes it on the device where it registers one
 * (a GPU's, with no host loop and no upload); else it is made on the host in one pass (tfjs's
 * seeded `randomUniform` costs more than the whole Dense layer it follows). Both give the same
 * units. The layer and the direct training step both multiply by it, so they drop the same units
 * for the same seed.
 */
export function dropoutMask(shape: number[], rate: number, seed: number): tf.Tensor {
  if (hasKernel(KERNEL_NAMES.dropoutMask)) {
    return runKernel(KERNEL_NAMES.dropoutMask, {}, { shape, rate, seed: seed >>> 0 });
  }
  return tf.tensor(dropoutMaskValues(shape.reduce((a, b) => a * b, 1), rate, seed), shape, 'float32');
}
