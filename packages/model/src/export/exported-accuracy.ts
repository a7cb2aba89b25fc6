import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { Sequential } from '../sequential.js';

/** `export(..., { validate })`: the data the float32 and the exported model are compared on. */
export interface ExportValidation {
  x: tf.Tensor;
  /** Class indices `[n]`, or one-hot rows `[n, classes]`. */
  y: tf.Tensor;
  /** The largest accuracy drop allowed, in percentage points (default 0.5). */
  maxDrop?: number;
  /**
   * Past `maxDrop`: `'refuse'` (default) throws and writes nothing; `'keep-float32'` keeps the
   * layers that lose the most at float32, one at a time, until the export is within `maxDrop`.
   */
  onDrop?: 'refuse' | 'keep-float32';
  batchSize?: number;
}

export interface AccuracyComparison {
  float32Accuracy: number;
  exportedAccuracy: number;
  /** The largest absolute difference between the two models' outputs. */
  maxOutputDifference: number;
}

async function classes(t: tf.Tensor): Promise<Int32Array> {
  const idx = t.rank === 1 ? tf.cast(t, 'int32') : tf.argMax(t, -1);
  const out = (await idx.data()) as Int32Array;
  idx.dispose();
  return out;
}

/** Accuracy of both models on `validation` and the largest difference of their outputs. */
export async function compareAccuracy(original: Sequential, exported: Sequential, validation: ExportValidation): Promise<AccuracyComparison> {
  if (!validation?.x || !validation.y || validation.x.shape[0] !== validation.y.shape[0]) {
    throw InvalidArgumentError.expected('`validate` of export()', '{ x, y } tensors with the same number of samples', validation);
  }
  const batchSize = validation.batchSize ?? 1000;
  const [a, b] = [await original.predict(validation.x, { batchSize }), await exported.predict(validation.x, { batchSize })];
  try {
    const diff = tf.max(tf.abs(tf.sub(a, b)));
    const maxOutputDifference = (await diff.data())[0]!;
    diff.dispose();
    const [labels, pa, pb] = [await classes(validation.y), await classes(a), await classes(b)];
    const accuracy = (p: Int32Array) => p.filter((c, i) => c === labels[i]).length / labels.length;
    return { float32Accuracy: accuracy(pa), exportedAccuracy: accuracy(pb), maxOutputDifference };
  } finally {
    tf.dispose([a, b]);
  }
}
