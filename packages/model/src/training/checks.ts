import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NeuralkitError } from '@neuralkit/core';
import type { Loss } from '@neuralkit/losses';
import type { DataSource } from './data-adapter.js';

/**
 * Data already checked (the same tensor is not read twice across fit/evaluate calls). Labels
 * are valid only for the class count, ignored class and rows they were checked against.
 */
const checkedLabels = new WeakMap<object, Set<string>>();
const checkedNaN = new WeakSet<object>();

export function notCompiled(modelName: string, method: string): NeuralkitError {
  return new NeuralkitError(
    `Sequential "${modelName}" must be compiled before ${method}(): call model.compile({ optimizer, loss, metrics }) first.`,
    'NOT_COMPILED',
  );
}

/**
 * Sparse labels must be class indices in `[0, classes)`: a bad one would otherwise train on
 * silently (the one-hot row is all zeros) or produce NaN. Read once, before training, with an awaited read.
 */
export async function checkSparseLabels(source: DataSource, key: object, loss: Loss, classes: number | null, what: string): Promise<void> {
  if (loss.className !== 'SparseCategoricalCrossentropy' || classes === null) return;
  const ignore = loss.getConfig().ignore_class;
  const check = `${classes}|${String(ignore)}|${source.start}|${source.length}`;
  if (checkedLabels.get(key)?.has(check)) return;
  const labels = await source.readLabels();
  if (!labels) return;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v === ignore) continue;
    if (!(Number.isInteger(v) && v >= 0 && v < classes)) {
      throw new InvalidArgumentError(
        `${what}: label ${v} of sample ${i} is not a class index in [0, ${classes}) (the last layer has ${classes} units).`,
      );
    }
  }
  const done = checkedLabels.get(key) ?? new Set<string>();
  checkedLabels.set(key, done.add(check));
}

/** NaN in the inputs makes every weight NaN after one step; say so before training. */
export async function checkNoNaN(source: DataSource, key: object, what: string): Promise<void> {
  if (checkedNaN.has(key)) return;
  if (await source.hasNaN()) throw new InvalidArgumentError(`${what}: x contains NaN values.`);
  checkedNaN.add(key);
}

/** A batch's labels checked for NaN (datasets, whose values are only seen batch by batch). */
export async function isFiniteTensor(t: tf.Tensor): Promise<boolean> {
  const all = tf.tidy(() => tf.all(tf.isFinite(t)));
  try {
    return (await all.data())[0] === 1;
  } finally {
    all.dispose();
  }
}
