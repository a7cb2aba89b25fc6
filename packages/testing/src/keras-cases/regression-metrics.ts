import type { KerasMetricCase } from './keras-case.js';

const F = 'regression_metrics_test.py';
const r2 = (test: string, aggregation: string | null, regressors: number, u: KerasMetricCase['updates'][0], expected: number | number[]): KerasMetricCase => ({
  source: `${F}::R2ScoreTest::${test} (${String(aggregation)}, ${regressors})`,
  className: 'R2Score',
  config: { class_aggregation: aggregation, num_regressors: regressors },
  updates: [u],
  expected,
  atol: 1e-6,
});

const T = [[0, 0, 1], [0, 1, 0], [1, 0, 0]];
const SK = { yTrue: T, yPred: [[0.4, 0.5, 0.6], [0.1, 0.2, 0.3], [0.5, 0.8, 0.2]] };
const TFA = { yTrue: T, yPred: [[0.4, 0.9, 1.6], [0.1, 1.2, 0.6], [1.5, 0.8, 0.6]], sampleWeight: [0.8, 0.1, 0.4] };

export const r2ScoreCases: readonly KerasMetricCase[] = [
  r2('test_r2_sklearn_comparison', null, 0, SK, [0.37, -1.295, 0.565]),
  r2('test_r2_sklearn_comparison', null, 1, SK, [-0.26, -3.59, 0.13]),
  r2('test_r2_sklearn_comparison', 'uniform_average', 0, SK, -0.12),
  r2('test_r2_sklearn_comparison', 'variance_weighted_average', 0, SK, -0.12),
  r2('test_r2_tfa_comparison', null, 0, TFA, [0.17305559, -8.836666, -0.521]),
  r2('test_r2_tfa_comparison', null, 1, TFA, [-0.65388882, -18.673332, -2.042]),
  r2('test_r2_tfa_comparison', null, 2, TFA, [0.17305559, -8.836666, -0.521]),
  r2('test_r2_tfa_comparison', 'uniform_average', 0, TFA, -3.0615367889404297),
  r2('test_r2_tfa_comparison', 'uniform_average', 1, TFA, -7.123073577880859),
  r2('test_r2_tfa_comparison', 'uniform_average', 2, TFA, -3.0615367889404297),
  r2('test_r2_tfa_comparison', 'variance_weighted_average', 0, TFA, -1.3710224628448486),
  r2('test_r2_tfa_comparison', 'variance_weighted_average', 1, TFA, -3.742044448852539),
  r2('test_r2_tfa_comparison', 'variance_weighted_average', 2, TFA, -1.3710224628448486),
];
