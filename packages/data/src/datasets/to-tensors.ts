import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { ByteData, ByteSplit } from './byte-data.js';

export interface TensorSplit {
  /** `[n, rows, cols]`, pixel values 0–255 (Keras gives uint8; tfjs has no uint8). */
  x: tf.Tensor3D;
  /** `[n]` int32 class indices. */
  y: tf.Tensor1D;
}

export interface TensorData {
  train: TensorSplit;
  test: TensorSplit;
}

export interface TensorOptions {
  /** dtype of `x`: `'float32'` (default, ready for `tf.div(x, 255)`) or `'int32'`. */
  dtype?: 'float32' | 'int32';
}

/** Keras's `(x_train, y_train), (x_test, y_test)` as tensors; the caller owns (disposes) them. */
export function toTensors(data: ByteData, options: TensorOptions = {}): TensorData {
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw InvalidArgumentError.expected('`dtype`', "'float32' or 'int32'", dtype);
  }
  return { train: splitTensors(data.train, dtype), test: splitTensors(data.test, dtype) };
}

function splitTensors(split: ByteSplit, dtype: 'float32' | 'int32'): TensorSplit {
  const pixels = dtype === 'float32' ? new Float32Array(split.x) : new Int32Array(split.x);
  return {
    x: tf.tensor3d(pixels, split.xShape, dtype),
    y: tf.tensor1d(new Int32Array(split.y), 'int32'),
  };
}
