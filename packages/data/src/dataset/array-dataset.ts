import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, KERNEL_NAMES, ShapeError, hasKernel, runKernel, writeScaledRows } from '@neuralkit/core';

/**
 * Samples kept as compact arrays (bytes for images) until a batch needs them: `take` builds
 * float tensors for those samples only, so an epoch over MNIST never holds a float copy of
 * the whole set. `fit`, `evaluate` and `predict` accept one in place of `x, y`.
 */
export interface ArrayDataset {
  readonly length: number;
  /** Shape of one sample of `x`, e.g. `[28, 28]`. */
  readonly sampleShape: number[];
  /** Shape of one sample of `y`: `[]` for class indices, `[k]` for k values per sample. */
  readonly labelShape: number[];
  /** A batch: float32 `x` `[k, ...sampleShape]` (scaled), `y` `[k, ...labelShape]`. The caller disposes both. */
  take(indices: ArrayLike<number>): { x: tf.Tensor; y: tf.Tensor };
  /** Samples `start` (inclusive) to `end` (exclusive), sharing memory with this dataset. */
  slice(start: number, end: number): ArrayDataset;
  /** Every label as stored, `[length, ...labelShape]` row-major (a view: read, do not modify). */
  labels(): Int32Array | Uint8Array | Float32Array;
}

export interface ArrayDatasetOptions {
  /** All samples of `x`, row-major. */
  x: Uint8Array | Float32Array;
  /** All labels: int32 in batches for integer arrays, float32 for a Float32Array. */
  y: Int32Array | Uint8Array | Float32Array;
  sampleShape: number[];
  /** Multiplies every `x` value when a batch is built (e.g. `1 / 255`). Default 1. */
  scale?: number;
}

/** Makes an `ArrayDataset` over `x` and `y`; checks that they hold the same number of samples. */
export function arrayDataset(options: ArrayDatasetOptions): ArrayDataset {
  const { x, y, sampleShape } = options;
  const scale = options.scale ?? 1;
  if (!sampleShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw InvalidArgumentError.expected('`sampleShape`', 'positive integer dimensions', sampleShape);
  }
  if (!Number.isFinite(scale)) throw InvalidArgumentError.expected('`scale`', 'a finite number', scale);
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  if (x.length % sampleSize !== 0) {
    throw new ShapeError(`x has ${x.length} values, not a whole number of samples of shape [${sampleShape.join(', ')}].`);
  }
  const length = x.length / sampleSize;
  if (length === 0 ? y.length !== 0 : y.length % length !== 0) {
    throw new ShapeError(`x holds ${length} samples, but y has ${y.length} values (not a whole number per sample).`);
  }
  const labelSize = length === 0 ? 1 : y.length / length;
  return new ByteBackedDataset({ x, y, sampleShape, scale, labelShape: labelSize === 1 ? [] : [labelSize] });
}

interface Parts {
  x: Uint8Array | Float32Array;
  y: Int32Array | Uint8Array | Float32Array;
  sampleShape: number[];
  labelShape: number[];
  scale: number;
}

class ByteBackedDataset implements ArrayDataset {
  readonly length: number;
  readonly sampleShape: number[];
  readonly labelShape: number[];
  private readonly sampleSize: number;
  private readonly labelSize: number;

  constructor(private readonly parts: Parts) {
    this.sampleShape = [...parts.sampleShape];
    this.labelShape = [...parts.labelShape];
    this.sampleSize = parts.sampleShape.reduce((a, b) => a * b, 1);
    this.labelSize = parts.labelShape.reduce((a, b) => a * b, 1);
    this.length = parts.x.length / this.sampleSize;
  }

  take(indices: ArrayLike<number>): { x: tf.Tensor; y: tf.Tensor } {
    const { x, y, scale } = this.parts;
    const k = indices.length;
    const ys = y instanceof Float32Array ? new Float32Array(k * this.labelSize) : new Int32Array(k * this.labelSize);
    for (let b = 0; b < k; b++) {
      const i = indices[b]!;
      if (!Number.isInteger(i) || i < 0 || i >= this.length) {
        throw InvalidArgumentError.expected('sample index', `an integer in [0, ${this.length})`, i);
      }
      if (this.labelSize === 1) ys[b] = y[i]!;
      else ys.set(y.subarray(i * this.labelSize, (i + 1) * this.labelSize), b * this.labelSize);
    }
    const shape = [k, ...this.sampleShape];
    return {
      x: hasKernel(KERNEL_NAMES.scaledRows)
        ? runKernel<tf.Tensor>(KERNEL_NAMES.scaledRows, {}, { source: x, indices, shape, scale })
        : tf.tensor(scaledRows(x, indices, k * this.sampleSize, scale), shape, 'float32'),
      y: tf.tensor(ys, [k, ...this.labelShape], ys instanceof Float32Array ? 'float32' : 'int32'),
    };
  }

  labels(): Int32Array | Uint8Array | Float32Array {
    return this.parts.y;
  }

  slice(start: number, end: number): ArrayDataset {
    const s = Math.max(0, Math.min(this.length, Math.trunc(start)));
    const e = Math.max(s, Math.min(this.length, Math.trunc(end)));
    const { x, y } = this.parts;
    return new ByteBackedDataset({
      ...this.parts,
      x: x.subarray(s * this.sampleSize, e * this.sampleSize),
      y: y.subarray(s * this.labelSize, e * this.labelSize),
    });
  }
}

/** The batch's samples as scaled float32 on the host: the reference of the `scaledRows` kernel. */
function scaledRows(x: Uint8Array | Float32Array, indices: ArrayLike<number>, length: number, scale: number): Float32Array {
  const out = new Float32Array(length);
  writeScaledRows(x, indices, length / Math.max(1, indices.length), scale, out);
  return out;
}
