import type { Metric } from './metric.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './probabilistic.js';

const ACCURACY = ['accuracy', 'acc'];
const CROSSENTROPY = ['crossentropy', 'ce'];

/**
 * Whether `compile` must pick the metric from the shapes of labels and predictions
 * (`'accuracy'`, `'acc'`, `'crossentropy'`, `'ce'`, any case), as Keras does.
 */
export function isShorthand(id: unknown): id is string {
  return typeof id === 'string' && [...ACCURACY, ...CROSSENTROPY].includes(id.toLowerCase());
}

/**
 * Keras's reading of the shapes: binary when predictions have one column, sparse when labels
 * have fewer axes (or one column against several), otherwise categorical (one-hot labels).
 */
function labelKind(yTrueShape: readonly number[], yPredShape: readonly number[]): 'binary' | 'sparse' | 'categorical' {
  const predLast = yPredShape[yPredShape.length - 1];
  const trueLast = yTrueShape[yTrueShape.length - 1];
  if (predLast === 1) return 'binary';
  const sparse = yTrueShape.length < yPredShape.length || (trueLast === 1 && (predLast ?? 0) > 1);
  return sparse ? 'sparse' : 'categorical';
}

/** `'accuracy'` / `'acc'`: binary, sparse categorical or categorical accuracy, keeping the name written. */
export function resolveAccuracy(name: string, yTrueShape: readonly number[], yPredShape: readonly number[]): Metric {
  const kind = labelKind(yTrueShape, yPredShape);
  if (kind === 'binary') return new BinaryAccuracy({ name });
  return kind === 'sparse' ? new SparseCategoricalAccuracy({ name }) : new CategoricalAccuracy({ name });
}

/** `'crossentropy'` / `'ce'`: binary, sparse categorical or categorical crossentropy, keeping the name written. */
export function resolveCrossentropy(name: string, yTrueShape: readonly number[], yPredShape: readonly number[]): Metric {
  const kind = labelKind(yTrueShape, yPredShape);
  if (kind === 'binary') return new BinaryCrossentropy({ name });
  return kind === 'sparse' ? new SparseCategoricalCrossentropy({ name }) : new CategoricalCrossentropy({ name });
}

/** The metric a shorthand name stands for, given the shapes of one batch. */
export function resolveShorthand(name: string, yTrueShape: readonly number[], yPredShape: readonly number[]): Metric {
  const resolve = ACCURACY.includes(name.toLowerCase()) ? resolveAccuracy : resolveCrossentropy;
  return resolve(name, yTrueShape, yPredShape);
}
