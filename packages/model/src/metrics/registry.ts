import { Registry, type Identifier, type SerializedObject } from '@neuralkit/core';
import type { Metric } from './metric.js';
import { Mean } from './mean.js';
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
} from './accuracy.js';
import {
  CosineSimilarity,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
  RootMeanSquaredError,
} from './regression.js';

/** Every metric by Keras class name, snake_case name and alias (`'mse'`, `'acc'`). */
export const metricRegistry = new Registry<Metric>('metric')
  .register(Mean, ['mean'])
  .register(Accuracy, ['accuracy', 'acc'])
  .register(BinaryAccuracy, ['binary_accuracy'])
  .register(CategoricalAccuracy, ['categorical_accuracy'])
  .register(SparseCategoricalAccuracy, ['sparse_categorical_accuracy'])
  .register(TopKCategoricalAccuracy, ['top_k_categorical_accuracy'])
  .register(SparseTopKCategoricalAccuracy, ['sparse_top_k_categorical_accuracy'])
  .register(MeanSquaredError, ['mean_squared_error', 'mse'])
  .register(MeanAbsoluteError, ['mean_absolute_error', 'mae'])
  .register(MeanAbsolutePercentageError, ['mean_absolute_percentage_error', 'mape'])
  .register(MeanSquaredLogarithmicError, ['mean_squared_logarithmic_error', 'msle'])
  .register(CosineSimilarity, ['cosine_similarity'])
  .register(RootMeanSquaredError, ['root_mean_squared_error', 'rmse']);

/** A fresh metric for a name, a `{ class_name, config }` object, or the instance itself. */
export function get(id: Identifier<Metric>): Metric {
  return metricRegistry.get(id);
}

export function serialize(metric: Metric): SerializedObject {
  return metricRegistry.serialize(metric);
}

/**
 * Keras 3's reading of `'accuracy'` / `'acc'` in `compile`: binary when predictions have one
 * column, sparse categorical when labels have fewer axes (or one column against several),
 * otherwise categorical. The metric keeps the name the user wrote.
 */
export function resolveAccuracy(name: string, yTrueShape: readonly number[], yPredShape: readonly number[]): Metric {
  const predLast = yPredShape[yPredShape.length - 1];
  const trueLast = yTrueShape[yTrueShape.length - 1];
  if (predLast === 1) return new BinaryAccuracy({ name });
  const sparse = yTrueShape.length < yPredShape.length || (trueLast === 1 && (predLast ?? 0) > 1);
  return sparse ? new SparseCategoricalAccuracy({ name }) : new CategoricalAccuracy({ name });
}
