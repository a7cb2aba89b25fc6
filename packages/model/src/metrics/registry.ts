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
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge.js';
import { AUC } from './auc.js';
import { F1Score, FBetaScore } from './f-score.js';
import { MeanIoU } from './mean-iou.js';
import { Precision, Recall } from './precision-recall.js';
import { R2Score } from './r2-score.js';
import {
  PrecisionAtRecall,
  RecallAtPrecision,
  SensitivityAtSpecificity,
  SpecificityAtSensitivity,
} from './sensitivity-specificity.js';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  KLDivergence,
  Poisson,
  SparseCategoricalCrossentropy,
} from './probabilistic.js';
import {
  CosineSimilarity,
  LogCoshError,
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
  .register(RootMeanSquaredError, ['root_mean_squared_error', 'rmse'])
  .register(LogCoshError, ['logcosh', 'log_cosh', 'log_cosh_error'])
  .register(BinaryCrossentropy, ['binary_crossentropy', 'bce'])
  .register(CategoricalCrossentropy, ['categorical_crossentropy'])
  .register(SparseCategoricalCrossentropy, ['sparse_categorical_crossentropy'])
  .register(KLDivergence, ['kl_divergence', 'kld', 'kullback_leibler_divergence'])
  .register(Poisson, ['poisson'])
  .register(Hinge, ['hinge'])
  .register(SquaredHinge, ['squared_hinge'])
  .register(CategoricalHinge, ['categorical_hinge'])
  .register(Precision, ['precision'])
  .register(Recall, ['recall'])
  .register(AUC, ['auc'])
  .register(F1Score, ['f1_score'])
  .register(FBetaScore, ['f_beta_score', 'fbeta_score'])
  .register(R2Score, ['r2_score'])
  .register(PrecisionAtRecall, ['precision_at_recall'])
  .register(RecallAtPrecision, ['recall_at_precision'])
  .register(SensitivityAtSpecificity, ['sensitivity_at_specificity'])
  .register(SpecificityAtSensitivity, ['specificity_at_sensitivity'])
  .register(MeanIoU, ['mean_io_u', 'mean_iou']);

/** A fresh metric for a name, a `{ class_name, config }` object, or the instance itself. */
export function get(id: Identifier<Metric>): Metric {
  return metricRegistry.get(id);
}

export function serialize(metric: Metric): SerializedObject {
  return metricRegistry.serialize(metric);
}
