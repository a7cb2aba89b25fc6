import type { KerasMetricCase, Nested } from './keras-case.js';

const F = 'accuracy_metrics_test.py';
const one = (source: string, className: string, yTrue: Nested, yPred: Nested, expected: number, extra: Partial<KerasMetricCase> & { sampleWeight?: Nested } = {}): KerasMetricCase => {
  const { sampleWeight, ...rest } = extra;
  return { source: `${F}::${source}`, className, updates: [{ yTrue, yPred, ...(sampleWeight === undefined ? {} : { sampleWeight }) }], expected, atol: 1e-3, ...rest };
};

const CAT_T = [[0, 0, 1], [0, 1, 0]];
const CAT_P = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]];

export const accuracyMetricCases: readonly KerasMetricCase[] = [
  one('AccuracyTest::test_unweighted', 'Accuracy', [[1], [2], [3], [4]], [[0], [2], [3], [4]], 0.75),
  one('AccuracyTest::test_weighted', 'Accuracy', [[1], [2], [3], [4]], [[0], [2], [3], [4]], 0.5, { sampleWeight: [1, 1, 0, 0] }),
  one('AccuracyTest::test_weighted_rank_1', 'Accuracy', [1, 2, 3, 4], [0, 2, 3, 4], 0.5, { sampleWeight: [1, 1, 0, 0] }),
  one('AccuracyTest::test_weighted_nd_weights', 'Accuracy', [[1, 2], [3, 4]], [[0, 2], [3, 4]], 0.5, { sampleWeight: [[1, 0], [0, 1]] }),
  one('AccuracyTest::test_weighted_nd_broadcast_weights', 'Accuracy', [[1, 2], [3, 4]], [[0, 2], [3, 4]], 0.5, { sampleWeight: [[1, 0]] }),
  one('BinaryAccuracyTest::test_unweighted', 'BinaryAccuracy', [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]], 0.75),
  one('BinaryAccuracyTest::test_unweighted (broadcasting case)', 'BinaryAccuracy', [1, 1, 0, 0], [[0.98], [1], [0], [0.6]], 0.75),
  one('BinaryAccuracyTest::test_weighted', 'BinaryAccuracy', [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]], 0.5, { sampleWeight: [1, 0, 0, 1] }),
  one('BinaryAccuracyTest::test_weighted_rank_1', 'BinaryAccuracy', [1, 1, 0, 0], [0.98, 1, 0, 0.6], 0.5, { sampleWeight: [1, 0, 0, 1] }),
  one('BinaryAccuracyTest::test_weighted_nd_weights', 'BinaryAccuracy', [[1, 1], [0, 0]], [[0.98, 1], [0, 0.6]], 0.5, { sampleWeight: [[1, 0], [0, 1]] }),
  one('BinaryAccuracyTest::test_weighted_nd_broadcast_weights', 'BinaryAccuracy', [[1, 1], [0, 0]], [[0.98, 1], [0, 0.6]], 1.0, { sampleWeight: [[1, 0]] }),
  one('BinaryAccuracyTest::test_threshold (0.3)', 'BinaryAccuracy', [[1], [1], [0], [0]], [[0.98], [0.5], [0.1], [0.2]], 1.0, { config: { threshold: 0.3 }, atol: 1e-6 }),
  one('BinaryAccuracyTest::test_threshold (0.9)', 'BinaryAccuracy', [[1], [1], [0], [0]], [[0.98], [0.5], [0.1], [0.2]], 0.75, { config: { threshold: 0.9 }, atol: 1e-6 }),
  one('CategoricalAccuracyTest::test_unweighted', 'CategoricalAccuracy', CAT_T, CAT_P, 0.5),
  one('CategoricalAccuracyTest::test_weighted', 'CategoricalAccuracy', CAT_T, CAT_P, 0.3, { sampleWeight: [0.7, 0.3] }),
  one('SparseCategoricalAccuracyTest::test_unweighted', 'SparseCategoricalAccuracy', [[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]], 0.5),
  one('SparseCategoricalAccuracyTest::test_weighted', 'SparseCategoricalAccuracy', [[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]], 0.3, { sampleWeight: [0.7, 0.3] }),
  one('SparseCategoricalAccuracyTest::test_squeeze_y_true', 'SparseCategoricalAccuracy', [[0], [1], [2]], [[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]], 1, { atol: 1e-4 }),
  one('SparseCategoricalAccuracyTest::test_cast_y_pred_dtype', 'SparseCategoricalAccuracy', [0, 1], [[0.9, 0.1], [0.1, 0.9]], 1, { atol: 1e-4 }),
  one('SparseCategoricalAccuracyTest::test_squeeze_y_true_shape', 'SparseCategoricalAccuracy', [[0], [1], [2]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], 1, { atol: 1e-4 }),
  one('SparseCategoricalAccuracyTest::test_cast_y_pred_to_match_y_true_dtype', 'SparseCategoricalAccuracy', [0, 1, 2], [[0.9, 0.1, 0], [0, 0.9, 0.1], [0.1, 0, 0.9]], 1, { atol: 1e-4 }),
  one('SparseCategoricalAccuracyTest::test_reshape_matches_to_original_y_true_shape', 'SparseCategoricalAccuracy', [[0], [1]], [[0.9, 0.1], [0.1, 0.9]], 1, { atol: 1e-4 }),
  one('SparseCategoricalAccuracyTest::test_matching_shapes_without_squeeze', 'SparseCategoricalAccuracy', [2, 1, 0], [[0, 0, 1], [0, 1, 0], [1, 0, 0]], 1, { atol: 1e-4 }),
  one('TopKCategoricalAccuracyTest::test_unweighted', 'TopKCategoricalAccuracy', CAT_T, CAT_P, 0.5, { config: { k: 1 } }),
  one('TopKCategoricalAccuracyTest::test_weighted', 'TopKCategoricalAccuracy', CAT_T, CAT_P, 0.3, { config: { k: 1 }, sampleWeight: [0.7, 0.3] }),
  one('SparseTopKCategoricalAccuracyTest::test_unweighted', 'SparseTopKCategoricalAccuracy', [2, 1], CAT_P, 0.5, { config: { k: 1 } }),
  one('SparseTopKCategoricalAccuracyTest::test_weighted', 'SparseTopKCategoricalAccuracy', [2, 1], CAT_P, 0.3, { config: { k: 1 }, sampleWeight: [0.7, 0.3] }),
];
