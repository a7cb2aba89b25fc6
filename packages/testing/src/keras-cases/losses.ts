import { almostEqual, type KerasLossCase, type Nested } from './keras-case.js';

const F = 'losses_test.py';
const A = almostEqual(3);
const CLOSE = { atol: 1e-6, rtol: 1e-6 };
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);

interface Inputs {
  yTrue: Nested;
  yPred: Nested;
  sampleWeight?: Nested;
}
const loss = (source: string, className: string, inputs: Inputs, expected: Nested, tol: { atol: number; rtol?: number } = A, config?: Record<string, unknown>): KerasLossCase => ({
  source: `${F}::${source}`,
  className,
  ...(config ? { config } : {}),
  ...inputs,
  expected,
  ...tol,
});

// MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError share their inputs.
const T = [[1, 9, 2], [-5, -2, 6]];
const P = [[4, 8, 12], [8, 1, 3]];
const T3 = [[[1], [9], [2]], [[-5], [-2], [6]]];
const P3 = [[[4], [8], [12]], [[8], [1], [3]]];
const STEPS = [[3, 6, 5], [0, 4, 2]];
const ROWS = [[1.2], [3.4]];
type Regression = { cls: string; test: string; unweighted: number; scalar: number; sample: number; timestep: number; none?: number[]; sum?: number; meanWithWeight: number };
const regression: Regression[] = [
  { cls: 'MeanSquaredError', test: 'MeanSquaredErrorTest', unweighted: 49.5, scalar: 113.85, sample: 767.8 / 6, timestep: 97.833336, none: [84.3333, 143.3666], sum: 227.69998, meanWithWeight: (110 / 3 * 1.2 + 187 / 3 * 3.4) / 4.6 },
  { cls: 'MeanAbsoluteError', test: 'MeanAbsoluteErrorTest', unweighted: 5.5, scalar: 12.65, sample: 81.4 / 6, timestep: 13.833333, none: [10.7333, 14.5666], sum: 25.29999, meanWithWeight: (14 / 3 * 1.2 + 19 / 3 * 3.4) / 4.6 },
  { cls: 'MeanAbsolutePercentageError', test: 'MeanAbsolutePercentageErrorTest', unweighted: 211.8518, scalar: 487.259, sample: 422.8888, timestep: 694.4444, none: [621.8518, 352.6666], meanWithWeight: 183.865 },
  { cls: 'MeanSquaredLogarithmicError', test: 'MeanSquaredLogarithmicErrorTest', unweighted: 1.437, scalar: 3.3051, sample: 3.7856, timestep: 2.647374, meanWithWeight: 1.646 },
];
const regressionCases = regression.flatMap((r) => [
  loss(`${r.test}::test_all_correct_unweighted`, r.cls, { yTrue: [[4, 8, 12], [8, 1, 3]], yPred: [[4, 8, 12], [8, 1, 3]] }, 0),
  loss(`${r.test}::test_unweighted`, r.cls, { yTrue: T, yPred: P }, r.unweighted),
  loss(`${r.test}::test_scalar_weighted`, r.cls, { yTrue: T, yPred: P, sampleWeight: 2.3 }, r.scalar),
  loss(`${r.test}::test_sample_weighted`, r.cls, { yTrue: T, yPred: P, sampleWeight: ROWS }, r.sample),
  loss(`${r.test}::test_timestep_weighted`, r.cls, { yTrue: T3, yPred: P3, sampleWeight: STEPS }, r.timestep),
  loss(`${r.test}::test_zero_weighted`, r.cls, { yTrue: T, yPred: P, sampleWeight: 0 }, 0),
  ...(r.none ? [loss(`${r.test}::test_no_reduction`, r.cls, { yTrue: T, yPred: P, sampleWeight: 2.3 }, r.none, A, { reduction: null })] : []),
  ...(r.sum !== undefined ? [loss(`${r.test}::test_sum_reduction`, r.cls, { yTrue: T, yPred: P, sampleWeight: 2.3 }, r.sum, A, { reduction: 'sum' })] : []),
  loss(`${r.test}::test_mean_with_sample_weight_reduction`, r.cls, { yTrue: T, yPred: P, sampleWeight: ROWS }, r.meanWithWeight, A, { reduction: 'mean_with_sample_weight' }),
]);

// Hinge, SquaredHinge, CategoricalHinge.
const HT = [[0, 1], [0, 0]];
const HP = [[0.6, 0.4], [0.4, 0.6]];
const hinges: Array<[string, number, number, number[], number, number]> = [
  ['Hinge', 1.3, 2.6, [1.1, 1.5], 0.55, 1.1],
  ['SquaredHinge', 1.86, 3.72, [1.46, 2.26], 0.73, 1.46],
  ['CategoricalHinge', 1.4, 2.8, [1.2, 1.6], 0.6, 1.2],
];
const hingeCases = hinges.flatMap(([cls, mean, total, none, wMean, wTotal]) => [
  loss(`${cls}Test::test_unweighted`, cls, { yTrue: HT, yPred: HP }, mean, A, { reduction: 'sum_over_batch_size' }),
  loss(`${cls}Test::test_unweighted (sum)`, cls, { yTrue: HT, yPred: HP }, total, A, { reduction: 'sum' }),
  loss(`${cls}Test::test_unweighted (None)`, cls, { yTrue: HT, yPred: HP }, none, CLOSE, { reduction: null }),
  loss(`${cls}Test::test_weighted`, cls, { yTrue: HT, yPred: HP, sampleWeight: [1, 0] }, wMean, A, { reduction: 'sum_over_batch_size' }),
  loss(`${cls}Test::test_weighted (sum)`, cls, { yTrue: HT, yPred: HP, sampleWeight: [1, 0] }, wTotal, A, { reduction: 'sum' }),
  loss(`${cls}Test::test_weighted (None)`, cls, { yTrue: HT, yPred: HP, sampleWeight: [1, 0] }, [wTotal, 0], A, { reduction: null }),
  loss(`${cls}Test::test_zero_weighted`, cls, { yTrue: HT, yPred: HP, sampleWeight: 0 }, 0, { atol: 0, rtol: 0 }),
]);

// Formula-based tests: the expected values are Keras's test formulas, evaluated here.
const unit = (r: number[]) => r.map((v) => v / Math.sqrt(Math.max(sum(r.map((x) => x * x)), 1e-12)));
const cos = T.map((r, i) => sum(unit(r).map((v, j) => v * unit(P[i]!)[j]!)));
const cos3 = T.map((r, i) => r.map((t, j) => Math.sign(t) * Math.sign(P[i]![j]!)));
const HUT = [[1, 0, 1], [1, 0, 0]];
const HUP = [[0.9, 0.2, 0.2], [0.8, 0.4, 0.6]];
const huber = (delta: number) => HUT.map((r, i) => r.map((t, j) => {
  const e = Math.abs(HUP[i]![j]! - t);
  const q = Math.min(e, delta);
  return 0.5 * q * q + delta * (e - q);
}));
const lc = T.map((r, i) => r.map((t, j) => Math.log(Math.cosh(P[i]![j]! - t))));
const KT = [[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]];
const KP = [[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]];
const kl = KT.map((r, i) => r.map((t, j) => t * Math.log(t / KP[i]![j]!)));
const PT = [[4, 8, 12], [8, 1, 3]];
const PP = [[1, 9, 2], [5, 2, 6]];
const po = PT.map((r, i) => r.map((t, j) => PP[i]![j]! - t * Math.log(PP[i]![j]!)));
const rowsOf = (m: number[][], w: number[]) => sum(m.map((r, i) => sum(r) * w[i]!));
const stepsOf = (m: number[][]) => sum(m.flatMap((r, i) => r.map((v, j) => v * STEPS[i]![j]!)));
const as3 = (m: number[][]) => m.map((r) => r.map((v) => [v]));
const formulaCases: KerasLossCase[] = [
  loss('CosineSimilarityTest::test_unweighted', 'CosineSimilarity', { yTrue: T, yPred: P }, -sum(cos) / 2),
  loss('CosineSimilarityTest::test_scalar_weighted', 'CosineSimilarity', { yTrue: T, yPred: P, sampleWeight: 2.3 }, (-sum(cos) * 2.3) / 2),
  loss('CosineSimilarityTest::test_sample_weighted', 'CosineSimilarity', { yTrue: T, yPred: P, sampleWeight: [1.2, 3.4] }, -rowsOf(cos.map((c) => [c]), [1.2, 3.4]) / 2),
  loss('CosineSimilarityTest::test_timestep_weighted', 'CosineSimilarity', { yTrue: as3(T), yPred: as3(P), sampleWeight: STEPS }, -stepsOf(cos3) / 6),
  loss('CosineSimilarityTest::test_zero_weighted', 'CosineSimilarity', { yTrue: T, yPred: P, sampleWeight: 0 }, 0),
  loss('CosineSimilarityTest::test_axis', 'CosineSimilarity', { yTrue: T, yPred: P }, -sum(cos) / 2, A, { axis: 1 }),
  loss('HuberLossTest::test_all_correct', 'Huber', { yTrue: HUT, yPred: HUT }, 0),
  loss('HuberLossTest::test_unweighted', 'Huber', { yTrue: HUT, yPred: HUP }, sum(huber(1).flat()) / 6),
  loss('HuberLossTest::test_scalar_weighted', 'Huber', { yTrue: HUT, yPred: HUP, sampleWeight: 2.3 }, (2.3 * sum(huber(1).flat())) / 6),
  loss('HuberLossTest::test_sample_weighted', 'Huber', { yTrue: HUT, yPred: HUP, sampleWeight: ROWS }, rowsOf(huber(1), [1.2, 3.4]) / 6),
  loss('HuberLossTest::test_timestep_weighted', 'Huber', { yTrue: as3(HUT), yPred: as3(HUP), sampleWeight: as3(STEPS) }, stepsOf(huber(1)) / 6),
  loss('HuberLossTest::test_zero_weighted', 'Huber', { yTrue: HUT, yPred: HUP, sampleWeight: 0 }, 0),
  loss('HuberLossTest::test_non_default_delta', 'Huber', { yTrue: HUT, yPred: HUP, sampleWeight: 2.3 }, (2.3 * sum(huber(0.8).flat())) / 6, A, { delta: 0.8 }),
  loss('LogCoshTest::test_unweighted', 'LogCosh', { yTrue: T, yPred: P }, sum(lc.flat()) / 6),
  loss('LogCoshTest::test_scalar_weighted', 'LogCosh', { yTrue: T, yPred: P, sampleWeight: 2.3 }, (2.3 * sum(lc.flat())) / 6),
  loss('LogCoshTest::test_sample_weighted', 'LogCosh', { yTrue: T, yPred: P, sampleWeight: [1.2, 3.4] }, rowsOf(lc, [1.2, 3.4]) / 6),
  loss('LogCoshTest::test_timestep_weighted', 'LogCosh', { yTrue: as3(T), yPred: as3(P), sampleWeight: as3(STEPS) }, stepsOf(lc) / 6),
  loss('LogCoshTest::test_zero_weighted', 'LogCosh', { yTrue: T, yPred: P, sampleWeight: 0 }, 0),
  loss('KLDivergenceTest::test_unweighted', 'KLDivergence', { yTrue: KT, yPred: KP }, sum(kl.flat()) / 2),
  loss('KLDivergenceTest::test_scalar_weighted', 'KLDivergence', { yTrue: KT, yPred: KP, sampleWeight: 2.3 }, (2.3 * sum(kl.flat())) / 2),
  loss('KLDivergenceTest::test_sample_weighted', 'KLDivergence', { yTrue: KT, yPred: KP, sampleWeight: ROWS }, rowsOf(kl, [1.2, 3.4]) / 2),
  loss('KLDivergenceTest::test_timestep_weighted', 'KLDivergence', { yTrue: as3(KT), yPred: as3(KP), sampleWeight: STEPS }, stepsOf(kl) / 6),
  loss('KLDivergenceTest::test_zero_weighted', 'KLDivergence', { yTrue: KT, yPred: KP, sampleWeight: 0 }, 0),
  loss('PoissonTest::test_unweighted', 'Poisson', { yTrue: PT, yPred: PP }, sum(po.flat()) / 6),
  loss('PoissonTest::test_scalar_weighted', 'Poisson', { yTrue: PT, yPred: PP, sampleWeight: 2.3 }, (2.3 * sum(po.flat())) / 6),
  loss('PoissonTest::test_sample_weighted', 'Poisson', { yTrue: PT, yPred: PP, sampleWeight: ROWS }, rowsOf(po, [1.2, 3.4]) / 6),
  loss('PoissonTest::test_timestep_weighted', 'Poisson', { yTrue: as3(PT), yPred: as3(PP), sampleWeight: STEPS }, stepsOf(po) / 6),
  loss('PoissonTest::test_zero_weighted', 'Poisson', { yTrue: PT, yPred: PP, sampleWeight: 0 }, 0),
];

// Crossentropies.
const EYE = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const CP = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
const CL = [[8, 1, 1], [0, 9, 1], [2, 3, 5]];
const BL = [[10, -10, 10], [10, 10, -10]];
const BT = [[1, 0, 1], [0, 1, 1]];
const SW3 = [[1.2], [3.4], [5.6]];
const logits = { from_logits: true };
const crossentropyCases: KerasLossCase[] = [
  loss('BinaryCrossentropyTest::test_all_correct_unweighted', 'BinaryCrossentropy', { yTrue: EYE, yPred: EYE }, 0),
  loss('BinaryCrossentropyTest::test_all_correct_unweighted (logits)', 'BinaryCrossentropy', { yTrue: EYE, yPred: [[10, -10, -10], [-10, 10, -10], [-10, -10, 10]] }, 0, A, logits),
  loss('BinaryCrossentropyTest::test_unweighted', 'BinaryCrossentropy', { yTrue: EYE, yPred: [[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.1, 0.2, 0.7]] }, 0.20046903, CLOSE),
  loss('BinaryCrossentropyTest::test_unweighted (2×2)', 'BinaryCrossentropy', { yTrue: [[1, 0], [1, 0]], yPred: [[1, 1], [1, 0]] }, 3.98559),
  loss('BinaryCrossentropyTest::test_unweighted (logits)', 'BinaryCrossentropy', { yTrue: BT, yPred: BL }, 3.3333, A, logits),
  loss('BinaryCrossentropyTest::test_scalar_weighted', 'BinaryCrossentropy', { yTrue: [[1, 0], [1, 0]], yPred: [[1, 1], [1, 0]], sampleWeight: 2.3 }, 9.1668),
  loss('BinaryCrossentropyTest::test_scalar_weighted (logits)', 'BinaryCrossentropy', { yTrue: BT, yPred: BL, sampleWeight: 2.3 }, 7.666, A, logits),
  loss('BinaryCrossentropyTest::test_sample_weighted', 'BinaryCrossentropy', { yTrue: [[1, 0], [1, 0]], yPred: [[1, 1], [1, 0]], sampleWeight: ROWS }, 4.7827),
  loss('BinaryCrossentropyTest::test_sample_weighted (logits)', 'BinaryCrossentropy', { yTrue: BT, yPred: BL, sampleWeight: [4, 3] }, 10, A, logits),
  loss('BinaryCrossentropyTest::test_no_reduction', 'BinaryCrossentropy', { yTrue: BT, yPred: BL }, [0, 6.666], { atol: 1e-3, rtol: 1e-6 }, { from_logits: true, reduction: null }),
  loss('BinaryCrossentropyTest::test_label_smoothing', 'BinaryCrossentropy', { yTrue: [[1, 0, 1]], yPred: [[10, -10, -10]] }, (10 + 5 * 0.1) / 3, A, { from_logits: true, label_smoothing: 0.1 }),
  loss('CategoricalCrossentropyTest::test_all_correct_unweighted', 'CategoricalCrossentropy', { yTrue: EYE, yPred: EYE }, 0),
  loss('CategoricalCrossentropyTest::test_all_correct_unweighted (logits)', 'CategoricalCrossentropy', { yTrue: EYE, yPred: [[10, 0, 0], [0, 10, 0], [0, 0, 10]] }, 0, A, logits),
  loss('CategoricalCrossentropyTest::test_unweighted', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CP }, 0.3239),
  loss('CategoricalCrossentropyTest::test_unweighted (logits)', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CL }, 0.0573, A, logits),
  loss('CategoricalCrossentropyTest::test_scalar_weighted', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CP, sampleWeight: 2.3 }, 0.7449),
  loss('CategoricalCrossentropyTest::test_scalar_weighted (logits)', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CL, sampleWeight: 2.3 }, 0.1317, A, logits),
  loss('CategoricalCrossentropyTest::test_sample_weighted', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CP, sampleWeight: SW3 }, 1.0696),
  loss('CategoricalCrossentropyTest::test_sample_weighted (logits)', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CL, sampleWeight: SW3 }, 0.31829, A, logits),
  loss('CategoricalCrossentropyTest::test_no_reduction', 'CategoricalCrossentropy', { yTrue: EYE, yPred: CL }, [0.001822, 0.000459, 0.169846], CLOSE, { from_logits: true, reduction: null }),
  loss('CategoricalCrossentropyTest::test_label_smoothing', 'CategoricalCrossentropy', { yTrue: [[1, 0, 0]], yPred: [[100, -100, -100]] }, (400 * 0.1) / 3, A, { from_logits: true, label_smoothing: 0.1 }),
  loss(
    'CategoricalCrossentropyTest::test_label_smoothing_with_axis',
    'CategoricalCrossentropy',
    { yTrue: [[[1, 0], [0, 1], [0, 0]], [[0, 1], [1, 0], [0, 0]]], yPred: [[[0.8, 0.1], [0.1, 0.8], [0.1, 0.1]], [[0.1, 0.8], [0.8, 0.1], [0.1, 0.1]]] },
    // every column along axis 1 holds the labels (1, 0, 0) against (0.8, 0.1, 0.1) in some order
    -((0.9 + 0.1 / 3) * Math.log(0.8) + 2 * (0.1 / 3) * Math.log(0.1)),
    almostEqual(5),
    { label_smoothing: 0.1, axis: 1 },
  ),
  loss('SparseCategoricalCrossentropyTest::test_all_correct_unweighted', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: EYE }, 0),
  loss('SparseCategoricalCrossentropyTest::test_all_correct_unweighted (logits)', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: [[10, 0, 0], [0, 10, 0], [0, 0, 10]] }, 0, A, logits),
  loss('SparseCategoricalCrossentropyTest::test_unweighted', 'SparseCategoricalCrossentropy', { yTrue: [0, 1, 2], yPred: CP }, 0.3239),
  loss('SparseCategoricalCrossentropyTest::test_unweighted (logits)', 'SparseCategoricalCrossentropy', { yTrue: [0, 1, 2], yPred: CL }, 0.0573, A, logits),
  loss('SparseCategoricalCrossentropyTest::test_scalar_weighted', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: CP, sampleWeight: 2.3 }, 0.7449),
  loss('SparseCategoricalCrossentropyTest::test_scalar_weighted (logits)', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: CL, sampleWeight: 2.3 }, 0.1317, A, logits),
  loss('SparseCategoricalCrossentropyTest::test_sample_weighted', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: CP, sampleWeight: SW3 }, 1.0696),
  loss('SparseCategoricalCrossentropyTest::test_sample_weighted (logits)', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: CL, sampleWeight: SW3 }, 0.31829, A, logits),
  loss('SparseCategoricalCrossentropyTest::test_no_reduction', 'SparseCategoricalCrossentropy', { yTrue: [[0], [1], [2]], yPred: CL }, [0.001822, 0.000459, 0.169846], CLOSE, { from_logits: true, reduction: null }),
  loss('SparseCategoricalCrossentropyTest::test_ignore_class', 'SparseCategoricalCrossentropy', { yTrue: [[-1, 2]], yPred: [[[0.854, 0.698, 0.598], [0.088, 0.86, 0.018]]] }, [[0, 1.480129]], CLOSE, { from_logits: true, ignore_class: -1, reduction: null }),
  loss('SparseCategoricalCrossentropyTest::test_ignore_class ([1, 2, 1] labels)', 'SparseCategoricalCrossentropy', { yTrue: [[[-1], [2]]], yPred: [[[0.854, 0.698, 0.598], [0.088, 0.86, 0.018]]] }, [[0, 1.480129]], CLOSE, { from_logits: true, ignore_class: -1, reduction: null }),
];

export const lossCases: readonly KerasLossCase[] = [...regressionCases, ...hingeCases, ...formulaCases, ...crossentropyCases];
