import { accuracyMetricCases } from './accuracy-metrics.js';
import type { KerasLossCase, KerasMetricCase } from './keras-case.js';

export { allClose, decimal, flat, type KerasLossCase, type KerasMetricCase, type MetricUpdate, type Nested } from './keras-case.js';

/** Every metric case copied from Keras's tests, by file. */
export const kerasMetricCases: readonly KerasMetricCase[] = [...accuracyMetricCases];

/** Every loss case copied from `keras/src/losses/losses_test.py`. */
export const kerasLossCases: readonly KerasLossCase[] = [];
