import type { KerasMetricCase } from './keras-case.js';

const F = 'f_score_metrics_test.py::FBetaScoreTest';
const tol = { atol: 1e-6, rtol: 1e-6 };
type Avg = null | 'micro' | 'macro' | 'weighted';

const fbeta = (test: string, average: Avg, beta: number, threshold: number | null, yTrue: number[][], yPred: number[][], expected: number | number[], sampleWeight?: number[]): KerasMetricCase => ({
  source: `${F}::${test} (${String(average)}, ${beta}${sampleWeight ? `, [${sampleWeight.join(', ')}]` : ''})`,
  className: 'FBetaScore',
  config: { average, beta, threshold },
  updates: [{ yTrue, yPred, ...(sampleWeight ? { sampleWeight } : {}) }],
  expected,
  ...tol,
});

const P3 = [[0.7, 0.7, 0.7], [1, 0, 0], [0.9, 0.8, 0]];
const T6 = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [1, 0, 0], [0, 0, 1]];
const P6 = [[0.9, 0.1, 0], [0.2, 0.6, 0.2], [0, 0, 1], [0.4, 0.3, 0.3], [0, 0.9, 0.1], [0, 0, 1]];
const averaged: Avg[] = ['micro', 'macro', 'weighted'];
const betas = [0.5, 1, 2];

const random: Array<[Avg, number, number | number[]]> = [
  [null, 0.5, [0.71428573, 0.5, 0.833334]], [null, 1, [0.8, 0.5, 0.6666667]], [null, 2, [0.9090904, 0.5, 0.555556]],
  ['micro', 0.5, 0.6666667], ['micro', 1, 0.6666667], ['micro', 2, 0.6666667],
  ['macro', 0.5, 0.6825397], ['macro', 1, 0.6555555], ['macro', 2, 0.6548822],
  ['weighted', 0.5, 0.6825397], ['weighted', 1, 0.6555555], ['weighted', 2, 0.6548822],
];
const randomNone: Array<[Avg, number, number | number[]]> = [
  [null, 0.5, [0.9090904, 0.555556, 1]], [null, 1, [0.8, 0.6666667, 1]], [null, 2, [0.71428573, 0.833334, 1]],
  ['micro', 0.5, 0.833334], ['micro', 1, 0.833334], ['micro', 2, 0.833334],
  ['macro', 0.5, 0.821549], ['macro', 1, 0.822222], ['macro', 2, 0.849206],
  ['weighted', 0.5, 0.880471], ['weighted', 1, 0.844445], ['weighted', 2, 0.829365],
];
const W1 = [1, 1, 1, 1, 1, 1];
const W2 = [1, 0, 1, 1, 0, 1];
const W3 = [0.5, 1, 1, 1, 0.5, 1];
const weighted: Array<[Avg, number, number[], number | number[]]> = [
  [null, 0.5, W1, [0.909091, 0.555556, 1]], [null, 0.5, W2, [1, 0, 1]], [null, 0.5, W3, [0.9375, 0.714286, 1]],
  [null, 1, W1, [0.8, 0.666667, 1]], [null, 1, W2, [1, 0, 1]], [null, 1, W3, [0.857143, 0.8, 1]],
  [null, 2, W1, [0.714286, 0.833333, 1]], [null, 2, W2, [1, 0, 1]], [null, 2, W3, [0.789474, 0.909091, 1]],
  ['micro', 0.5, W1, 0.833333], ['micro', 0.5, W2, 1], ['micro', 0.5, W3, 0.9],
  ['micro', 1, W1, 0.833333], ['micro', 1, W2, 1], ['micro', 1, W3, 0.9],
  ['micro', 2, W1, 0.833333], ['micro', 2, W2, 1], ['micro', 2, W3, 0.9],
  ['macro', 0.5, W1, 0.821549], ['macro', 0.5, W2, 0.666667], ['macro', 0.5, W3, 0.883929],
  ['macro', 1, W1, 0.822222], ['macro', 1, W2, 0.666667], ['macro', 1, W3, 0.885714],
  ['macro', 2, W1, 0.849206], ['macro', 2, W2, 0.666667], ['macro', 2, W3, 0.899522],
  ['weighted', 0.5, W1, 0.880471], ['weighted', 0.5, W2, 1], ['weighted', 0.5, W3, 0.917857],
  ['weighted', 1, W1, 0.844444], ['weighted', 1, W2, 1], ['weighted', 1, W3, 0.902857],
  ['weighted', 2, W1, 0.829365], ['weighted', 2, W2, 1], ['weighted', 2, W3, 0.897608],
];

export const fScoreMetricCases: readonly KerasMetricCase[] = [
  ...averaged.flatMap((a) => betas.map((b) => fbeta('test_fbeta_perfect_score', a, b, 0.66, [[1, 1, 1], [1, 0, 0], [1, 1, 0]], P3, 1))),
  ...averaged.flatMap((a) => betas.map((b) => fbeta('test_fbeta_worst_score', a, b, 0.66, [[0, 0, 0], [0, 1, 0], [0, 0, 1]], P3, 0))),
  ...random.map(([a, b, r]) => fbeta('test_fbeta_random_score', a, b, 0.66, [[0, 0, 1], [1, 1, 0], [1, 1, 1]], P3, r)),
  ...randomNone.map(([a, b, r]) => fbeta('test_fbeta_random_score_none', a, b, null, T6, P6, r)),
  ...weighted.map(([a, b, w, r]) => fbeta('test_fbeta_weighted_random_score_none', a, b, null, T6, P6, r, w)),
  // F1ScoreTest::test_correctness: F1Score equals FBetaScore(beta=1), whose figure test_fbeta_random_score_none gives.
  { source: 'f_score_metrics_test.py::F1ScoreTest::test_correctness', className: 'F1Score', updates: [{ yTrue: T6, yPred: P6 }], expected: [0.8, 0.6666667, 1], ...tol },
  // The standalone example of keras.metrics.F1Score's docstring.
  {
    source: 'f_score_metrics.py::F1Score (docstring example)',
    className: 'F1Score',
    config: { threshold: 0.5 },
    updates: [{ yTrue: [[1, 1, 1], [1, 0, 0], [1, 1, 0]], yPred: [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0]] }],
    expected: [0.5, 0.8, 0.6666667],
    ...tol,
  },
  {
    source: `${F}::test_fbeta_scalar_weight`,
    className: 'FBetaScore',
    config: { threshold: 0.5 },
    updates: [{ yTrue: [[1, 1], [1, 0]], yPred: [[0.2, 0.6], [0.2, 0.6]], sampleWeight: 0.5 }],
    expected: [0, 0.6666665],
    atol: 1e-5,
  },
  {
    source: `${F}::test_fbeta_2d_weight`,
    className: 'FBetaScore',
    config: { threshold: 0.5 },
    updates: [{ yTrue: [[1, 1], [1, 0]], yPred: [[0.2, 0.6], [0.2, 0.6]], sampleWeight: [[0.5, 0.2], [0.3, 0.8]] }],
    expected: [0, 0.333333],
    atol: 1e-5,
  },
];
