import { accuracyMetricCases } from './accuracy-metrics.js';
import { confusionMetricCases } from './confusion-metrics.js';
import { fScoreMetricCases } from './f-score-metrics.js';
import { iouMetricCases } from './iou-metrics.js';
import { lossCases } from './losses.js';
import { meanMetricCases } from './mean-metrics.js';
import { r2ScoreCases } from './regression-metrics.js';
import type { KerasLossCase, KerasMetricCase } from './keras-case.js';

export { allClose, almostEqual, decimal, flat, type KerasLossCase, type KerasMetricCase, type MetricUpdate, type Nested } from './keras-case.js';

/** Every metric case copied from Keras's tests, by file. */
export const kerasMetricCases: readonly KerasMetricCase[] = [
  ...meanMetricCases,
  ...accuracyMetricCases,
  ...confusionMetricCases,
  ...fScoreMetricCases,
  ...r2ScoreCases,
  ...iouMetricCases,
];

/** Every loss case copied from `keras/src/losses/losses_test.py`. */
export const kerasLossCases: readonly KerasLossCase[] = lossCases;
