import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { ArrayDataset } from './array-dataset.js';

/** An ArrayDataset whose samples gain a trailing axis of length 1; batches are reshaped views. */
class ChannelAxisDataset implements ArrayDataset {
  readonly sampleShape: number[];

  constructor(private readonly inner: ArrayDataset) {
    this.sampleShape = [...inner.sampleShape, 1];
  }

  get length(): number {
    return this.inner.length;
  }

  get labelShape(): number[] {
    return this.inner.labelShape;
  }

  take(indices: ArrayLike<number>): { x: tf.Tensor; y: tf.Tensor } {
    const { x, y } = this.inner.take(indices);
    const shaped = tf.reshape(x, [x.shape[0]!, ...this.sampleShape]);
    x.dispose(); // the reshape shares the data
    return { x: shaped, y };
  }

  slice(start: number, end: number): ArrayDataset {
    return new ChannelAxisDataset(this.inner.slice(start, end));
  }

  labels(): Int32Array | Uint8Array | Float32Array {
    return this.inner.labels();
  }
}

/**
 * Adds the channel axis a convolution expects, as Keras users write `np.expand_dims(x, -1)`:
 * `[n, 28, 28]` images become `[n, 28, 28, 1]`. Takes a tensor (returns a new one; the caller
 * disposes both) or an `ArrayDataset` (returns a view over the same memory).
 */
export function addChannelAxis(images: tf.Tensor): tf.Tensor;
export function addChannelAxis(images: ArrayDataset): ArrayDataset;
export function addChannelAxis(images: tf.Tensor | ArrayDataset): tf.Tensor | ArrayDataset {
  if (images && typeof (images as ArrayDataset).take === 'function') return new ChannelAxisDataset(images as ArrayDataset);
  if (!images || typeof (images as tf.Tensor).rank !== 'number') {
    throw InvalidArgumentError.expected('images for addChannelAxis', 'a tensor or an ArrayDataset', images);
  }
  return tf.expandDims(images as tf.Tensor, -1);
}
