import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { ArrayDataset } from './array-dataset.js';
import { shuffledIndices } from './shuffled-indices.js';

export interface BatchOptions {
  /** Draw a new seeded order (as Keras's `fit(shuffle=True)` does each epoch). Default false. */
  shuffle?: boolean;
}

/**
 * The index arrays of one epoch: `ceil(length / batchSize)` batches, the last one smaller
 * when `batchSize` does not divide `length` (as Keras).
 */
export function batchIndices(length: number, batchSize: number, options: BatchOptions = {}): Int32Array[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw InvalidArgumentError.expected('`batchSize`', 'a positive integer', batchSize);
  }
  const order = shuffledIndices(length, options.shuffle ?? false);
  const out: Int32Array[] = [];
  for (let start = 0; start < length; start += batchSize) out.push(order.subarray(start, start + batchSize));
  return out;
}

export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
  /** The samples in this batch. */
  indices: Int32Array;
  /** 0-based batch number within the epoch. */
  batch: number;
}

/**
 * One epoch of batches of `dataset`, built lazily: each `x`/`y` exists only while the loop
 * body runs with it; dispose them there (or use `tf.tidy`).
 *
 * ```ts
 * for (const { x, y } of batches(train, 32, { shuffle: true })) { ...; tf.dispose([x, y]); }
 * ```
 */
export function* batches(dataset: ArrayDataset, batchSize: number, options: BatchOptions = {}): Generator<Batch> {
  const all = batchIndices(dataset.length, batchSize, options);
  for (let batch = 0; batch < all.length; batch++) {
    const indices = all[batch]!;
    yield { ...dataset.take(indices), indices, batch };
  }
}
