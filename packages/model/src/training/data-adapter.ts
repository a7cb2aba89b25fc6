import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { formatShape } from '../layers/shape.js';
import { gatherRows, sliceRows } from '../kernels/gather-rows.js';

/** The byte-backed dataset of `@neuralkit/data` (duck-typed: `take` and `length`). */
export interface ArrayDatasetLike {
  readonly length: number;
  readonly sampleShape?: number[];
  readonly labelShape?: number[];
  take(indices: ArrayLike<number>): { x: tf.Tensor; y: tf.Tensor };
  slice?(start: number, end: number): ArrayDatasetLike;
  /** Every label as stored (read once for the range check instead of taking every batch). */
  labels?(): ArrayLike<number>;
}

export function isArrayDataset(value: unknown): value is ArrayDatasetLike {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as ArrayDatasetLike).take === 'function' &&
    typeof (value as ArrayDatasetLike).length === 'number'
  );
}

export function isTensor(value: unknown): value is tf.Tensor {
  return value !== null && typeof value === 'object' && Array.isArray((value as tf.Tensor).shape) && typeof (value as tf.Tensor).dataSync === 'function';
}

export interface Batch {
  x: tf.Tensor;
  y?: tf.Tensor | undefined;
  sampleWeight?: tf.Tensor | undefined;
}

/**
 * One source of samples for fit/evaluate/predict: tensors (x, y, sample weights) or an
 * ArrayDataset. Batches are gathered by index (shuffled) or sliced (in order); the caller
 * disposes them (they are made inside the step's `tf.tidy`).
 */
export class DataSource {
  readonly length: number;
  private constructor(
    private readonly x: tf.Tensor | ArrayDatasetLike,
    private readonly y: tf.Tensor | undefined,
    private readonly weights: tf.Tensor | undefined,
    private readonly offset: number,
    length: number,
  ) {
    this.length = length;
  }

  static from(x: unknown, y: unknown, sampleWeight: unknown, what: string): DataSource {
    if (isArrayDataset(x) && !isTensor(x)) {
      if (y !== undefined && y !== null && !isTensor(y)) {
        throw InvalidArgumentError.expected(`${what}: y`, 'nothing (the dataset holds labels)', y);
      }
      return new DataSource(x, undefined, optionalTensor(sampleWeight, 'sampleWeight'), 0, x.length);
    }
    if (!isTensor(x)) throw InvalidArgumentError.expected(`${what}: x`, 'a tf.Tensor or an ArrayDataset', x);
    const n = x.shape[0] ?? 0;
    const yt = optionalTensor(y, 'y');
    if (yt && yt.shape[0] !== n) {
      throw new ShapeError(`${what}: x and y hold different numbers of samples: x ${formatShape(x.shape)} has ${n}, y ${formatShape(yt.shape)} has ${yt.shape[0]}.`);
    }
    const sw = optionalTensor(sampleWeight, 'sampleWeight');
    if (sw && sw.shape[0] !== n) {
      throw new ShapeError(`${what}: sampleWeight ${formatShape(sw.shape)} holds ${sw.shape[0]} weights for ${n} samples.`);
    }
    return new DataSource(x, yt, sw, 0, n);
  }

  /** The first row of this source within the data it was made from (non-zero after a split). */
  get start(): number {
    return this.offset;
  }

  /**
   * The whole tensors behind this source (every row, `start` included) when it is made of
   * tensors, for a backend that gathers its batches itself; undefined for a dataset.
   */
  get tensors(): { x: tf.Tensor; y: tf.Tensor | undefined; sampleWeight: tf.Tensor | undefined } | undefined {
    return isTensor(this.x) ? { x: this.x, y: this.y, sampleWeight: this.weights } : undefined;
  }

  get isDataset(): boolean {
    return !isTensor(this.x);
  }

  get hasLabels(): boolean {
    return this.isDataset || this.y !== undefined;
  }

  /** The shape of one sample of x. */
  get sampleShape(): number[] {
    return isTensor(this.x) ? this.x.shape.slice(1) : [...(this.x.sampleShape ?? [])];
  }

  /** The first `at` samples and the rest (Keras's validation split: the last fraction, before shuffling). */
  split(at: number): [DataSource, DataSource] {
    return [this.sub(0, at), this.sub(at, this.length)];
  }

  private sub(start: number, end: number): DataSource {
    if (!isTensor(this.x)) {
      if (!this.x.slice) throw InvalidArgumentError.expected('dataset for a validation split', 'an ArrayDataset with slice()', this.x);
      const ds = this.x.slice(start, end);
      return new DataSource(ds, undefined, this.weights, this.offset + start, end - start);
    }
    return new DataSource(this.x, this.y, this.weights, this.offset + start, end - start);
  }

  /** Samples `indices` (relative to this source), or `start..end` in order when indices is null. */
  batch(indices: Int32Array | null, start: number, end: number): Batch {
    const x = this.x;
    const weights = this.weights;
    if (!isTensor(x)) {
      const idx = indices ?? Int32Array.from({ length: end - start }, (_, i) => start + i);
      const { x: bx, y: by } = x.take(idx);
      const sw = weights ? gatherRows(weights, idx.map((i) => i + this.offset)) : undefined;
      return { x: bx, y: by, sampleWeight: sw };
    }
    if (indices === null) {
      const from = this.offset + start;
      const size = end - start;
      const pick = (t: tf.Tensor | undefined) => (t ? sliceRows(t, from, size) : undefined);
      return { x: pick(x)!, y: pick(this.y), sampleWeight: pick(weights) };
    }
    const index = this.offset ? indices.map((i) => i + this.offset) : indices;
    const pick = (t: tf.Tensor | undefined) => (t ? gatherRows(t, index) : undefined);
    return { x: pick(x)!, y: pick(this.y), sampleWeight: pick(weights) };
  }

  /** Every label, read once on the host with awaited reads (for the range check before training). */
  async readLabels(): Promise<ArrayLike<number> | undefined> {
    if (isTensor(this.x)) {
      if (!this.y) return undefined;
      const all = this.offset === 0 && this.length === this.y.shape[0] ? this.y : tf.slice(this.y, this.offset, this.length);
      try {
        return await all.data();
      } finally {
        if (all !== this.y) all.dispose();
      }
    }
    const stored = this.x.labels?.();
    if (stored) return stored.length === this.length ? stored : undefined; // else one-hot or multi-valued
    const out = new Float32Array(this.length);
    let at = 0;
    for (let start = 0; start < this.length; start += 4096) {
      const end = Math.min(this.length, start + 4096);
      const { x, y } = this.x.take(Int32Array.from({ length: end - start }, (_, i) => start + i));
      x.dispose();
      if (y.size !== end - start) {
        y.dispose();
        return undefined; // one-hot or multi-valued labels: nothing to range-check
      }
      out.set(await y.data(), at);
      at += end - start;
      y.dispose();
    }
    return out;
  }

  /** Whether x holds a NaN (tensors only; datasets are checked batch by batch), with one awaited read. */
  async hasNaN(): Promise<boolean> {
    if (!isTensor(this.x) || this.x.dtype !== 'float32') return false;
    const x = this.x;
    const any = tf.tidy(() => tf.any(tf.isNaN(x)));
    try {
      return (await any.data())[0] === 1;
    } finally {
      any.dispose();
    }
  }
}

function optionalTensor(value: unknown, what: string): tf.Tensor | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isTensor(value)) throw InvalidArgumentError.expected(what, 'a tf.Tensor', value);
  return value;
}
