import type { KerasMetricCase, MetricUpdate } from './keras-case.js';

const F = 'iou_metrics_test.py::MeanIoUTest';
const iou = (test: string, config: Record<string, unknown>, updates: MetricUpdate[], expected: number): KerasMetricCase => ({
  source: `${F}::${test}`,
  className: 'MeanIoU',
  config,
  updates,
  expected,
  atol: 1e-3,
});

export const iouMetricCases: readonly KerasMetricCase[] = [
  iou('test_unweighted', { num_classes: 2 }, [{ yTrue: [0, 0, 1, 1], yPred: [0, 1, 0, 1] }], (1 / 3 + 1 / 3) / 2),
  iou('test_unweighted_ignore_class_255', { num_classes: 3, ignore_class: 255 }, [{ yTrue: [0, 1, 2, 255], yPred: [0, 1, 1, 1] }], (1 + 1 / 2 + 0) / 3),
  iou('test_unweighted_ignore_class_1', { num_classes: 3, ignore_class: -1 }, [{ yTrue: [0, 1, 2, -1], yPred: [0, 1, 1, 1] }], (1 + 1 / 2 + 0) / 3),
  iou('test_weighted', { num_classes: 2, dtype: 'float32' }, [{ yTrue: [0, 0, 1, 1], yPred: [0, 1, 0, 1], sampleWeight: [0.2, 0.3, 0.4, 0.1] }], (0.2 / 0.9 + 0.1 / 0.8) / 2),
  iou('test_weighted_ignore_class_1', { num_classes: 2, ignore_class: -1, dtype: 'float32' }, [{ yTrue: [0, 0, 1, -1], yPred: [0, 1, 0, 1], sampleWeight: [0.2, 0.3, 0.4, 0.1] }], (0.2 / 0.9 + 0) / 2),
  iou('test_multi_dim_input', { num_classes: 2, dtype: 'float32' }, [{ yTrue: [[0, 0], [1, 1]], yPred: [[0, 1], [0, 1]], sampleWeight: [[0.2, 0.3], [0.4, 0.1]] }], (0.2 / 0.9 + 0.1 / 0.8) / 2),
  iou('test_zero_valid_entries', { num_classes: 2 }, [], 0),
  iou('test_zero_and_non_zero_entries', { num_classes: 2 }, [{ yTrue: [1], yPred: [1] }], 1),
  iou('test_out_of_range_ignored', { num_classes: 2 }, [{ yTrue: [0, 3], yPred: [0, 1] }], 1),
  iou('test_negative_ignored', { num_classes: 2 }, [{ yTrue: [0, -1], yPred: [0, 1] }], 1),
  iou('test_absent_class_contributes_zero', { num_classes: 3 }, [{ yTrue: [0, 0, 0, 0], yPred: [0, 0, 0, 0] }], 1),
];
