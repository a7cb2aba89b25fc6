import { almostEqual, type KerasMetricCase, type MetricUpdate } from './keras-case.js';

/** Cases of the metrics that average a per-sample function (probabilistic, hinge, regression, reduction tests). */
const one = (source: string, className: string, u: MetricUpdate, expected: number, atol: number, config?: Record<string, unknown>): KerasMetricCase => ({
  source,
  className,
  ...(config ? { config } : {}),
  updates: [u],
  expected,
  atol,
});
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

// reduction_metrics_test.py::MeanTest
const R = 'reduction_metrics_test.py::MeanTest';
const reduction: KerasMetricCase[] = [
  one(`${R}::test_unweighted`, 'Mean', { values: [1, 3, 5, 7] }, 4, 1e-3),
  one(`${R}::test_weighted`, 'Mean', { values: [1, 3, 5, 7], sampleWeight: [1, 1, 0, 0] }, 2, 1e-3),
  one(`${R}::test_weighted_negative_weights`, 'Mean', { values: [1, 3, 5, 7], sampleWeight: [-1, -1, 0, 0] }, 2, 1e-3),
  one(`${R}::test_weighted_nd`, 'Mean', { values: [[1, 3], [5, 7]], sampleWeight: [[1, 1], [1, 0]] }, 3, 1e-3),
  one(`${R}::test_weighted_nd_broadcast`, 'Mean', { values: [[1, 3], [5, 7]], sampleWeight: [[1, 0]] }, 3, 1e-3),
];

// probabilistic_metrics_test.py
const P = 'probabilistic_metrics_test.py';
const klT = [[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]];
const klP = [[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]];
const kl = klT.map((r, i) => r.map((t, j) => t * Math.log(t / klP[i]![j]!)));
const poT = [[4, 8, 12], [8, 1, 3]];
const poP = [[1, 9, 2], [5, 2, 6]];
const po = poT.map((r, i) => r.map((t, j) => poP[i]![j]! - t * Math.log(poP[i]![j]!)));
const rowW = [1.2, 3.4];
const weightedRows = (m: number[][]) => sum(m.map((r, i) => sum(r) * rowW[i]!)) / (3 * sum(rowW));
const CCE_T = [[0, 1, 0], [0, 0, 1]];
const CCE_P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
const LOGITS = [[1, 9, 0], [1, 8, 1]];
const SC3 = [[0.8, 0.1, 0.1], [0.05, 0.95, 0], [0.1, 0.8, 0.1]];
const probabilistic: KerasMetricCase[] = [
  one(`${P}::KLDivergenceTest::test_unweighted`, 'KLDivergence', { yTrue: klT, yPred: klP }, sum(kl.flat()) / 2, 1e-3),
  one(`${P}::KLDivergenceTest::test_weighted`, 'KLDivergence', { yTrue: klT, yPred: klP, sampleWeight: [[1.2], [3.4]] }, sum(kl.map((r, i) => sum(r) * rowW[i]!)) / sum(rowW), 1e-3),
  one(`${P}::PoissonTest::test_unweighted`, 'Poisson', { yTrue: poT, yPred: poP }, sum(po.flat()) / 6, 1e-3),
  one(`${P}::PoissonTest::test_weighted`, 'Poisson', { yTrue: poT, yPred: poP, sampleWeight: [[1.2], [3.4]] }, weightedRows(po), 1e-3),
  one(`${P}::BinaryCrossentropyTest::test_unweighted`, 'BinaryCrossentropy', { yTrue: [[1, 0], [1, 0]], yPred: [[1, 1], [1, 0]] }, 3.9855, 1e-3),
  one(`${P}::BinaryCrossentropyTest::test_unweighted_with_logits`, 'BinaryCrossentropy', { yTrue: [[1, 0, 1], [0, 1, 1]], yPred: [[10, -10, 10], [10, 10, -10]] }, 3.333, 1e-3, { from_logits: true }),
  one(`${P}::BinaryCrossentropyTest::test_weighted`, 'BinaryCrossentropy', { yTrue: [[1, 0], [1, 0]], yPred: [[1, 1], [1, 0]], sampleWeight: [1.5, 2] }, 3.4162, 1e-3),
  one(`${P}::BinaryCrossentropyTest::test_weighted_from_logits`, 'BinaryCrossentropy', { yTrue: [[1, 0, 1], [0, 1, 1]], yPred: [[10, -10, 10], [10, 10, -10]], sampleWeight: [2, 2.5] }, 3.7037, 1e-3, { from_logits: true }),
  one(`${P}::BinaryCrossentropyTest::test_label_smoothing`, 'BinaryCrossentropy', { yTrue: [1, 0, 1], yPred: [10, -10, -10] }, (10 + 5 * 0.1) / 3, 1e-3, { from_logits: true, label_smoothing: 0.1 }),
  one(`${P}::CategoricalCrossentropyTest::test_unweighted`, 'CategoricalCrossentropy', { yTrue: CCE_T, yPred: CCE_P }, 1.176, 1e-3),
  one(`${P}::CategoricalCrossentropyTest::test_unweighted_from_logits`, 'CategoricalCrossentropy', { yTrue: CCE_T, yPred: LOGITS }, 3.5011, 1e-3, { from_logits: true }),
  one(`${P}::CategoricalCrossentropyTest::test_weighted`, 'CategoricalCrossentropy', { yTrue: CCE_T, yPred: CCE_P, sampleWeight: [1.5, 2] }, 1.338, 1e-3),
  one(`${P}::CategoricalCrossentropyTest::test_weighted_from_logits`, 'CategoricalCrossentropy', { yTrue: CCE_T, yPred: LOGITS, sampleWeight: [1.5, 2] }, 4.0012, 1e-3, { from_logits: true }),
  one(`${P}::CategoricalCrossentropyTest::test_label_smoothing`, 'CategoricalCrossentropy', { yTrue: CCE_T, yPred: LOGITS }, 3.667, 1e-3, { from_logits: true, label_smoothing: 0.1 }),
  one(`${P}::SparseCategoricalCrossentropyTest::test_unweighted`, 'SparseCategoricalCrossentropy', { yTrue: [1, 2], yPred: CCE_P }, 1.176, 1e-3),
  one(`${P}::SparseCategoricalCrossentropyTest::test_unweighted_from_logits`, 'SparseCategoricalCrossentropy', { yTrue: [1, 2], yPred: LOGITS }, 3.5011, 1e-3, { from_logits: true }),
  one(`${P}::SparseCategoricalCrossentropyTest::test_weighted`, 'SparseCategoricalCrossentropy', { yTrue: [1, 2], yPred: CCE_P, sampleWeight: [1.5, 2] }, 1.338, 1e-3),
  one(`${P}::SparseCategoricalCrossentropyTest::test_weighted_from_logits`, 'SparseCategoricalCrossentropy', { yTrue: [1, 2], yPred: LOGITS, sampleWeight: [1.5, 2] }, 4.0012, 1e-3, { from_logits: true }),
  one(`${P}::SparseCategoricalCrossentropyTest::test_ignore_class`, 'SparseCategoricalCrossentropy', { yTrue: [0, 1, 2], yPred: SC3 }, 0.78462, 1e-3, { ignore_class: 0 }),
  one(`${P}::SparseCategoricalCrossentropyTest::test_ignore_class_weighted`, 'SparseCategoricalCrossentropy', { yTrue: [0, 1, 2], yPred: SC3, sampleWeight: [0.5, 1.5, 2] }, 1.33774646, 1e-3, { ignore_class: 0 }),
  one(`${P}::SparseCategoricalCrossentropyTest::test_ignore_class_from_logits`, 'SparseCategoricalCrossentropy', { yTrue: [0, 1, 2], yPred: [[10, 1, 1], [1, 9, 0], [1, 8, 1]] }, 2.33409, 1e-3, { from_logits: true, ignore_class: 0 }),
];

// hinge_metrics_test.py
const H = 'hinge_metrics_test.py';
const HP = [[-0.3, 0.2, -0.1, 1.6], [-0.25, -1, 0.5, 0.6]];
const CT = [[0, 1, 0, 1, 0], [0, 0, 1, 1, 1], [1, 1, 1, 1, 0], [0, 0, 0, 0, 1]];
const CP = [[0, 0, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 0, 1, 0], [1, 1, 1, 1, 1]];
const hinge: KerasMetricCase[] = [
  one(`${H}::HingeTest::test_unweighted`, 'Hinge', { yTrue: [[0, 1, 0, 1], [0, 0, 1, 1]], yPred: HP }, 0.506, 1e-3),
  one(`${H}::HingeTest::test_weighted`, 'Hinge', { yTrue: [[-1, 1, -1, 1], [-1, -1, 1, 1]], yPred: HP, sampleWeight: [1.5, 2] }, 0.493, 1e-3),
  one(`${H}::SquaredHingeTest::test_unweighted`, 'SquaredHinge', { yTrue: [[0, 1, 0, 1], [0, 0, 1, 1]], yPred: HP }, 0.364, 1e-3),
  one(`${H}::SquaredHingeTest::test_weighted`, 'SquaredHinge', { yTrue: [[-1, 1, -1, 1], [-1, -1, 1, 1]], yPred: HP, sampleWeight: [1.5, 2] }, 0.347, 1e-3),
  one(`${H}::CategoricalHingeTest::test_unweighted`, 'CategoricalHinge', { yTrue: CT, yPred: CP }, 0.5, 1e-5),
  one(`${H}::CategoricalHingeTest::test_weighted`, 'CategoricalHinge', { yTrue: CT, yPred: CP, sampleWeight: [1, 1.5, 2, 2.5] }, 0.5, 1e-5),
];

// regression_metrics_test.py (R2Score apart)
const G = 'regression_metrics_test.py';
const W4 = [1, 1.5, 2, 2.5];
const cosT = [[1, 9, 2], [-5, -2, 6]];
const cosP = [[4, 8, 12], [8, 1, 3]];
const unit = (r: number[]) => r.map((v) => v / Math.sqrt(Math.max(sum(r.map((x) => x * x)), 1e-12)));
const cos = cosT.map((r, i) => sum(unit(r).map((v, j) => v * unit(cosP[i]!)[j]!)));
const lc = cosT.map((r, i) => r.map((t, j) => Math.log(Math.cosh(cosP[i]![j]! - t))));
const almost3 = almostEqual(3);
const regression: KerasMetricCase[] = [
  one(`${G}::MeanSquaredErrorTest::test_unweighted`, 'MeanSquaredError', { yTrue: CT, yPred: CP }, 0.5, 1e-5),
  one(`${G}::MeanSquaredErrorTest::test_weighted`, 'MeanSquaredError', { yTrue: CT, yPred: CP, sampleWeight: W4 }, 0.54285, 1e-5),
  { ...one(`${G}::CosineSimilarityTest::test_unweighted`, 'CosineSimilarity', { yTrue: cosT, yPred: cosP }, sum(cos) / 2, 0), ...almost3 },
  { ...one(`${G}::CosineSimilarityTest::test_weighted`, 'CosineSimilarity', { yTrue: cosT, yPred: cosP, sampleWeight: [1.2, 3.4] }, (cos[0]! * 1.2 + cos[1]! * 3.4) / 4.6, 0), ...almost3 },
  { ...one(`${G}::CosineSimilarityTest::test_axis`, 'CosineSimilarity', { yTrue: cosT, yPred: cosP }, sum(cos) / 2, 0, { axis: 1 }), ...almost3 },
  one(`${G}::MeanAbsoluteErrorTest::test_unweighted`, 'MeanAbsoluteError', { yTrue: CT, yPred: CP }, 0.5, 1e-5),
  one(`${G}::MeanAbsoluteErrorTest::test_weighted`, 'MeanAbsoluteError', { yTrue: CT, yPred: CP, sampleWeight: W4 }, 0.54285, 1e-5),
  one(`${G}::MeanAbsolutePercentageErrorTest::test_unweighted`, 'MeanAbsolutePercentageError', { yTrue: CT, yPred: CP }, 35e7, 1e-5),
  one(`${G}::MeanAbsolutePercentageErrorTest::test_weighted`, 'MeanAbsolutePercentageError', { yTrue: CT, yPred: CP, sampleWeight: W4 }, 40e7, 1e-5),
  one(`${G}::MeanSquaredLogarithmicErrorTest::test_unweighted`, 'MeanSquaredLogarithmicError', { yTrue: CT, yPred: CP }, 0.24022, 1e-5),
  one(`${G}::MeanSquaredLogarithmicErrorTest::test_weighted`, 'MeanSquaredLogarithmicError', { yTrue: CT, yPred: CP, sampleWeight: W4 }, 0.26082, 1e-5),
  one(`${G}::RootMeanSquaredErrorTest::test_unweighted`, 'RootMeanSquaredError', { yTrue: [2, 4, 6], yPred: [1, 3, 2] }, Math.sqrt(6), 1e-3),
  one(`${G}::RootMeanSquaredErrorTest::test_weighted`, 'RootMeanSquaredError', { yTrue: [2, 4, 6, 8], yPred: [1, 3, 2, 3], sampleWeight: [0, 1, 0, 1] }, Math.sqrt(13), 1e-3),
  one(`${G}::LogCoshErrorTest::test_unweighted`, 'LogCoshError', { yTrue: cosT, yPred: cosP }, sum(lc.flat()) / 6, 1e-3),
  one(`${G}::LogCoshErrorTest::test_weighted`, 'LogCoshError', { yTrue: cosT, yPred: cosP, sampleWeight: [[1.2], [3.4]] }, weightedRows(lc), 1e-3),
];

export const meanMetricCases: readonly KerasMetricCase[] = [...reduction, ...probabilistic, ...hinge, ...regression];
