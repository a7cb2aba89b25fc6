import { almostEqual, type KerasMetricCase, type MetricUpdate } from './keras-case.js';

const F = 'confusion_metrics_test.py';
const almost = almostEqual(3);

function call(source: string, className: string, config: Record<string, unknown>, updates: MetricUpdate[], expected: KerasMetricCase['expected'], tol = almost): KerasMetricCase {
  return { source: `${F}::${source}`, className, config, updates, expected, ...tol };
}

const MULTI = [[0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.7, 0.2, 0.1], [0.1, 0.1, 0.8]];
const MULTI_T = [[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]];

function precisionRecall(cls: 'Precision' | 'Recall'): KerasMetricCase[] {
  const T = `${cls}Test`;
  const isP = cls === 'Precision';
  return [
    call(`${T}::test_unweighted`, cls, {}, [{ yTrue: [0, 1, 1, 0], yPred: [1, 0, 1, 0] }], 0.5),
    call(
      `${T}::test_weighted`,
      cls,
      {},
      [{ yTrue: [[0, 1, 1, 0], [1, 0, 0, 1]], yPred: isP ? [[1, 0, 1, 0], [1, 0, 1, 0]] : [[1, 0, 1, 0], [0, 1, 0, 1]], sampleWeight: [[1, 2, 3, 4], [4, 3, 2, 1]] }],
      isP ? 7 / 10 : 4 / 10,
    ),
    call(`${T}::test_div_by_zero`, cls, {}, [{ yTrue: [0, 0, 0, 0], yPred: [0, 0, 0, 0] }], 0, { atol: 0, rtol: 0 }),
    call(`${T}::test_unweighted_with_threshold`, cls, { thresholds: [0.5, 0.7] }, [{ yTrue: [0, 1, 1, 0], yPred: [1, 0, 0.6, 0] }], [0.5, 0], isP ? almostEqual(0) : { atol: 0, rtol: 1e-6 }),
    call(
      `${T}::test_weighted_with_threshold`,
      cls,
      { thresholds: [0.5, 1] },
      [{ yTrue: [[0, 1], [1, 0]], yPred: [[1, 0], [0.6, 0]], sampleWeight: isP ? [[4, 0], [3, 1]] : [[1, 4], [3, 2]] }],
      [3 / 7, 0],
      isP ? almost : { atol: 1e-3, rtol: 1e-6 },
    ),
    call(
      `${T}::test_multiple_updates`,
      cls,
      { thresholds: [0.5, 1] },
      Array.from({ length: 2 }, () => ({ yTrue: [[0, 1], [1, 0]], yPred: [[1, 0], [0.6, 0]], sampleWeight: isP ? [[4, 0], [3, 1]] : [[1, 4], [3, 2]] })),
      [6 / 14, 0],
      isP ? almost : { atol: 1e-3, rtol: 1e-6 },
    ),
    call(`${T}::test_unweighted_top_k`, cls, { top_k: 3 }, [{ yTrue: [0, 1, 1, 0, 0], yPred: [0.2, 0.1, 0.5, 0, 0.2] }], isP ? 1 / 3 : 0.5),
    call(
      `${T}::test_weighted_top_k`,
      cls,
      { top_k: 3 },
      [
        { yTrue: [[0, 1, 1, 0, 1]], yPred: [[0.2, 0.1, 0.4, 0, 0.2]], sampleWeight: [[1, 4, 2, 3, 5]] },
        { yTrue: [1, 0, 1, 1, 1], yPred: [0.2, 0.6, 0.4, 0.2, 0.2], sampleWeight: 3 },
      ],
      isP ? 13 / 17 : 13 / 23,
    ),
    call(`${T}::test_unweighted_class_id_multiclass`, cls, { class_id: 1 }, [{ yTrue: MULTI_T, yPred: MULTI }], 1),
    call(
      `${T}::test_unweighted_top_k_and_threshold`,
      cls,
      { thresholds: 0.7, top_k: 2 },
      [{ yTrue: isP ? [0, 1, 1, 0, 1] : [1, 1, 1, 0, 1], yPred: [0.2, 0.8, 0.6, 0, 0.2] }],
      isP ? 1 : 0.25,
    ),
  ];
}

const LOW = [0.0, 0.1, 0.2, 0.3, 0.4, 0.01, 0.02, 0.25, 0.26, 0.26];
const BIN = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
const PR = [0.0, 0.1, 0.2, 0.5, 0.6, 0.2, 0.5, 0.6, 0.8, 0.9];
const RP = [0.05, 0.1, 0.2, 0.3, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.9, 0.95];
const RP_T = [0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1];
const columns = (values: number[]) => values.map((v) => [v, v, v]);
const oneHot = (labels: number[], n: number) => labels.map((l) => Array.from({ length: n }, (_, i) => (i === l ? 1 : 0)));

const atConstraint: KerasMetricCase[] = [
  call('SensitivityAtSpecificityTest::test_unweighted_high_specificity', 'SensitivityAtSpecificity', { specificity: 0.8 }, [{ yTrue: BIN, yPred: [0.0, 0.1, 0.2, 0.3, 0.4, 0.1, 0.45, 0.5, 0.8, 0.9] }], 0.8),
  call('SensitivityAtSpecificityTest::test_unweighted_low_specificity', 'SensitivityAtSpecificity', { specificity: 0.4 }, [{ yTrue: BIN, yPred: LOW }], 0.6),
  // Keras's test builds a SpecificityAtSensitivity here; copied as written.
  call('SensitivityAtSpecificityTest::test_unweighted_class_id', 'SpecificityAtSensitivity', { sensitivity: 0.4, class_id: 2 }, [{ yTrue: oneHot(BIN.map((b) => b * 2), 3), yPred: columns(LOW) }], 0.6),
  call('SensitivityAtSpecificityTest::test_weighted', 'SensitivityAtSpecificity', { specificity: 0.4 }, [{ yTrue: BIN, yPred: LOW, sampleWeight: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }], 0.675),
  call('SpecificityAtSensitivityTest::test_unweighted_high_sensitivity', 'SpecificityAtSensitivity', { sensitivity: 1 }, [{ yTrue: BIN, yPred: LOW }], 0.2),
  call('SpecificityAtSensitivityTest::test_unweighted_low_sensitivity', 'SpecificityAtSensitivity', { sensitivity: 0.4 }, [{ yTrue: BIN, yPred: LOW }], 0.6),
  call('SpecificityAtSensitivityTest::test_unweighted_class_id', 'SpecificityAtSensitivity', { sensitivity: 0.4, class_id: 2 }, [{ yTrue: oneHot(BIN.map((b) => b * 2), 3), yPred: columns(LOW) }], 0.6),
  call('SpecificityAtSensitivityTest::test_weighted', 'SpecificityAtSensitivity', { sensitivity: 0.4 }, [{ yTrue: BIN, yPred: LOW, sampleWeight: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }], 0.4),
  call('PrecisionAtRecallTest::test_unweighted_high_recall', 'PrecisionAtRecall', { recall: 0.8 }, [{ yTrue: BIN, yPred: PR }], 2 / 3),
  call('PrecisionAtRecallTest::test_unweighted_low_recall', 'PrecisionAtRecall', { recall: 0.6 }, [{ yTrue: BIN, yPred: PR }], 0.75),
  call('PrecisionAtRecallTest::test_unweighted_class_id', 'PrecisionAtRecall', { recall: 0.6, class_id: 2 }, [{ yTrue: oneHot(BIN.map((b) => b * 2), 3), yPred: columns(PR) }], 0.75),
  call('PrecisionAtRecallTest::test_weighted', 'PrecisionAtRecall', { recall: 7 / 8 }, [{ yTrue: BIN, yPred: PR, sampleWeight: [2, 1, 2, 1, 2, 1, 2, 2, 1, 2] }], 0.7),
  call('RecallAtPrecisionTest::test_unweighted_high_precision', 'RecallAtPrecision', { precision: 0.75 }, [{ yTrue: RP_T, yPred: RP }], 0.5),
  call('RecallAtPrecisionTest::test_unweighted_low_precision', 'RecallAtPrecision', { precision: 2 / 3 }, [{ yTrue: RP_T, yPred: RP }], 5 / 6),
  call('RecallAtPrecisionTest::test_unweighted_class_id', 'RecallAtPrecision', { precision: 2 / 3, class_id: 2 }, [{ yTrue: oneHot(RP_T.map((b) => b * 2), 3), yPred: columns(RP) }], 5 / 6),
  call('RecallAtPrecisionTest::test_weighted', 'RecallAtPrecision', { precision: 0.75 }, [{ yTrue: [0, 1, 0, 0, 0, 1, 1], yPred: [0.1, 0.2, 0.3, 0.5, 0.6, 0.9, 0.9], sampleWeight: [1, 2, 1, 2, 1, 2, 1] }], 0.6),
  call('RecallAtPrecisionTest::test_unachievable_precision', 'RecallAtPrecision', { precision: 2 / 3 }, [{ yTrue: [1, 1, 0, 0], yPred: [0.1, 0.2, 0.3, 0.9] }], 0),
];

// AUCTest.setUp: 3 thresholds [0 - 1e-7, 0.5, 1 + 1e-7].
const Y_PRED = [0, 0.5, 0.3, 0.9];
const Y_TRUE = [0, 0, 1, 1];
const W = [1, 2, 3, 4];
const logit = (p: number) => -Math.log(1 / (p + 1e-12) - 1);
const close3 = { atol: 1e-3, rtol: 1e-6 };
const auc = (test: string, config: Record<string, unknown>, u: MetricUpdate, expected: number, tol = close3) =>
  call(`AUCTest::${test}`, 'AUC', config, [u], expected, tol);

const aucCases: KerasMetricCase[] = [
  auc('test_unweighted_all_correct', {}, { yTrue: Y_TRUE, yPred: Y_TRUE }, 1, { atol: 0, rtol: 0 }),
  auc('test_unweighted', { num_thresholds: 3 }, { yTrue: Y_TRUE, yPred: Y_PRED }, 0.75),
  auc('test_unweighted_from_logits', { num_thresholds: 3, from_logits: true }, { yTrue: Y_TRUE, yPred: Y_PRED.map(logit) }, 0.75),
  auc('test_manual_thresholds', { num_thresholds: 2, thresholds: [0.5] }, { yTrue: Y_TRUE, yPred: Y_PRED }, 0.75),
  auc('test_weighted_roc_interpolation', { num_thresholds: 3 }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 0.7855),
  auc('test_weighted_roc_majoring', { num_thresholds: 3, summation_method: 'majoring' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 1),
  auc('test_weighted_roc_minoring', { num_thresholds: 3, summation_method: 'minoring' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 0.571),
  auc('test_weighted_pr_majoring', { num_thresholds: 3, curve: 'PR', summation_method: 'majoring' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 1 * 0.429 + 1 * 0.571),
  auc('test_weighted_pr_minoring', { num_thresholds: 3, curve: 'PR', summation_method: 'minoring' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 0.7 * 0.429),
  auc('test_weighted_pr_interpolation', { num_thresholds: 3, curve: 'PR' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 2.416 / 7 + 4 / 7),
  auc('test_weighted_pr_interpolation_negative_weights', { num_thresholds: 3, curve: 'PR' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: [-1, -2, -3, -4] }, 0),
  auc('test_weighted_prgain_majoring', { num_thresholds: 3, curve: 'PRGAIN', summation_method: 'majoring' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 1),
  auc('test_weighted_prgain_minoring', { num_thresholds: 3, curve: 'PRGAIN', summation_method: 'minoring' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 0),
  auc('test_weighted_prgain_interpolation', { num_thresholds: 3, curve: 'PRGAIN' }, { yTrue: Y_TRUE, yPred: Y_PRED, sampleWeight: W }, 0.5),
  auc(
    'test_prgain_interpolation',
    { num_thresholds: 3, curve: 'PRGAIN' },
    { yTrue: [0, 0, 0, 1, 0, 1, 0, 1, 1, 1], yPred: [0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.6, 0.6, 0.8, 0.9] },
    0.666666 * 0.333333 + 0.333333 * 0.833333,
  ),
  auc(
    'test_extra_dims',
    {},
    {
      yTrue: [[[1, 0, 0], [1, 0, 0]], [[0, 1, 1], [0, 1, 1]]],
      // scipy.special.expit(-logits)
      yPred: [[[-10, 10, -10], [10, -10, 10]], [[-12, 12, -12], [12, -12, 12]]].map((a) => a.map((r) => r.map((v) => 1 / (1 + Math.exp(v))))),
    },
    0.5,
    { atol: 0, rtol: 0 },
  ),
];

// MultiAUCTest.setUp: 5 thresholds; y_pred is the transpose of [[0, .5, .3, .9], [.1, .2, .3, .4]].
const M_PRED = [[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]];
const M_GOOD = [[0, 0], [0, 0], [1, 1], [1, 1]];
const M_BAD = [[0, 1], [0, 1], [1, 0], [1, 0]];
const multi = (test: string, config: Record<string, unknown>, updates: MetricUpdate[], expected: number, tol = close3) =>
  call(`MultiAUCTest::${test}`, 'AUC', config, updates, expected, tol);

const multiAucCases: KerasMetricCase[] = [
  multi('test_unweighted_all_correct', { multi_label: true }, [{ yTrue: M_GOOD, yPred: M_GOOD }], 1, { atol: 0, rtol: 0 }),
  multi('test_unweighted_all_correct_flat', { multi_label: false }, [{ yTrue: M_GOOD, yPred: M_GOOD }], 1, { atol: 0, rtol: 0 }),
  multi('test_unweighted', { num_thresholds: 5, multi_label: true }, [{ yTrue: M_GOOD, yPred: M_PRED }], (0.875 + 1) / 2),
  multi('test_unweighted_from_logits', { num_thresholds: 5, multi_label: true, from_logits: true }, [{ yTrue: M_GOOD, yPred: M_PRED.map((r) => r.map(logit)) }], (0.875 + 1) / 2),
  multi('test_sample_weight_flat', { num_thresholds: 5, multi_label: false }, [{ yTrue: M_GOOD, yPred: M_PRED, sampleWeight: W }], 1 - (0.3333 * (1 - 0.2857)) / 2),
  multi('test_full_sample_weight_flat', { num_thresholds: 5, multi_label: false }, [{ yTrue: M_GOOD, yPred: M_PRED, sampleWeight: [[0, 1], [2, 3], [4, 5], [6, 7]] }], 1 - (0.3333 * (1 - 0.2727)) / 2),
  multi('test_label_weights', { num_thresholds: 5, multi_label: true, label_weights: [0.75, 0.25] }, [{ yTrue: M_GOOD, yPred: M_PRED }], (0.875 * 0.75 + 0.25) / 1),
  multi('test_label_weights_flat', { num_thresholds: 5, multi_label: false, label_weights: [0.75, 0.25] }, [{ yTrue: M_GOOD, yPred: M_PRED }], 1 - ((1 - 0.375) * 0.375) / 2, { atol: 1e-2, rtol: 1e-6 }),
  multi('test_unweighted_flat', { num_thresholds: 5, multi_label: false }, [{ yTrue: M_GOOD, yPred: M_PRED }], 1 - 3 / 32),
  multi('test_unweighted_flat_from_logits', { num_thresholds: 5, multi_label: false, from_logits: true }, [{ yTrue: M_GOOD, yPred: M_PRED.map((r) => r.map(logit)) }], 1 - 3 / 32),
  multi('test_manual_thresholds', { num_thresholds: 2, thresholds: [0.5], multi_label: true }, [{ yTrue: M_GOOD, yPred: M_PRED }], (0.75 + 0.5) / 2),
  multi('test_weighted_roc_interpolation', { num_thresholds: 5, multi_label: true }, [{ yTrue: M_GOOD, yPred: M_PRED, sampleWeight: W }], 1 - 0.5 * 0.43 * 0.67, { atol: 1e-1, rtol: 1e-6 }),
  multi('test_pr_interpolation_unweighted (good)', { num_thresholds: 5, curve: 'PR', multi_label: true }, [{ yTrue: M_GOOD, yPred: M_PRED }], (0.91667 + 1) / 2, { atol: 1e-1, rtol: 1e-6 }),
  // The same metric object is called again: the second figure covers both updates.
  multi('test_pr_interpolation_unweighted (bad)', { num_thresholds: 5, curve: 'PR', multi_label: true }, [{ yTrue: M_GOOD, yPred: M_PRED }, { yTrue: M_BAD, yPred: M_PRED }], (0.91667 + 0.5) / 2, { atol: 1e-1, rtol: 1e-6 }),
  multi('test_pr_interpolation', { num_thresholds: 5, curve: 'PR', multi_label: true }, [{ yTrue: M_GOOD, yPred: M_PRED, sampleWeight: W }], (0.939 + 1) / 2, { atol: 1e-1, rtol: 1e-6 }),
];

export const confusionMetricCases: readonly KerasMetricCase[] = [
  ...precisionRecall('Precision'),
  ...precisionRecall('Recall'),
  ...atConstraint,
  ...aucCases,
  ...multiAucCases,
];
