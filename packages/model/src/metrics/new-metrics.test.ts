import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { get, metricRegistry, serialize } from './registry.js';

beforeAll(() => activate('cpu'));

// Keras 3's get_config of each (keras/src/metrics/{confusion,f_score,regression,iou}_metrics.py).
const configs = [
  { class_name: 'AUC', config: { name: 'auc', dtype: 'float32', num_thresholds: 200, curve: 'ROC', summation_method: 'interpolation', multi_label: false, num_labels: null, label_weights: null, from_logits: false } },
  { class_name: 'AUC', config: { name: 'pr', dtype: 'float32', num_thresholds: 5, curve: 'PR', summation_method: 'majoring', multi_label: true, num_labels: 2, label_weights: [0.5, 1], from_logits: true, thresholds: [0.2, 0.4, 0.6] } },
  { class_name: 'F1Score', config: { name: 'f1_score', dtype: 'float32', average: 'macro', threshold: 0.5 } },
  { class_name: 'FBetaScore', config: { name: 'fbeta_score', dtype: 'float32', average: null, beta: 2, threshold: null } },
  { class_name: 'R2Score', config: { name: 'r2_score', dtype: 'float32', class_aggregation: 'variance_weighted_average', num_regressors: 1 } },
  { class_name: 'Precision', config: { name: 'precision', dtype: 'float32', thresholds: [0.3, 0.6], top_k: null, class_id: 2 } },
  { class_name: 'PrecisionAtRecall', config: { name: 'precision_at_recall', dtype: 'float32', class_id: null, num_thresholds: 100, recall: 0.4 } },
  { class_name: 'RecallAtPrecision', config: { name: 'recall_at_precision', dtype: 'float32', class_id: 1, num_thresholds: 200, precision: 0.8 } },
  { class_name: 'SensitivityAtSpecificity', config: { name: 'sensitivity_at_specificity', dtype: 'float32', class_id: null, num_thresholds: 200, specificity: 0.5 } },
  { class_name: 'SpecificityAtSensitivity', config: { name: 'specificity_at_sensitivity', dtype: 'float32', class_id: null, num_thresholds: 1, sensitivity: 0.5 } },
  { class_name: 'MeanIoU', config: { name: 'mean_io_u', dtype: 'int32', num_classes: 3, ignore_class: null, sparse_y_true: true, sparse_y_pred: false, axis: -1 } },
];

describe("Keras's threshold, score and IoU metrics", () => {
  it.each(configs.map((c) => [`${c.class_name} ${c.config.name}`, c] as const))("round-trip Keras's config: %s", (_name, c) => {
    expect(serialize(get(c))).toEqual(c);
  });

  it('are known by their Keras names', () => {
    for (const name of ['auc', 'AUC', 'f1_score', 'fbeta_score', 'r2_score', 'precision_at_recall', 'recall_at_precision', 'sensitivity_at_specificity', 'specificity_at_sensitivity', 'mean_io_u', 'MeanIoU']) {
      expect(metricRegistry.has(name), name).toBe(true);
    }
    expect(get('auc').name).toBe('auc');
    expect(get('f1_score').name).toBe('f1_score');
  });

  it('reject bad options, naming them', () => {
    expect(() => get({ class_name: 'AUC', config: { num_thresholds: 1 } })).toThrowError(/num_thresholds.*AUC.*> 1/);
    expect(() => get({ class_name: 'AUC', config: { curve: 'XY' } })).toThrowError(/curve.*ROC, PR, PRGAIN.*XY/);
    expect(() => get({ class_name: 'AUC', config: { num_labels: 3 } })).toThrowError(/num_labels.*multi_label/);
    expect(() => get({ class_name: 'FBetaScore', config: { beta: 0 } })).toThrowError(/beta.*> 0/);
    expect(() => get({ class_name: 'F1Score', config: { average: 'median' } })).toThrowError(/average.*macro/);
    expect(() => get({ class_name: 'R2Score', config: { class_aggregation: 'wrong' } })).toThrowError(/class_aggregation/);
    expect(() => get('precision_at_recall')).toThrowError(/recall.*PrecisionAtRecall.*\[0, 1\]/);
    expect(() => get({ class_name: 'SensitivityAtSpecificity', config: { specificity: 0.5, num_thresholds: -1 } })).toThrowError(/num_thresholds/);
    expect(() => get('mean_io_u')).toThrowError(/num_classes.*MeanIoU/);
    const f1 = get('f1_score');
    expect(() => f1.updateState(tf.tensor1d([1, 0]), tf.tensor1d([1, 0]))).toThrowError(/F1Score expects inputs of shape \[batch, classes\]/);
    const p = get({ class_name: 'Precision', config: { class_id: 2 } });
    expect(() => p.updateState(tf.tensor1d([1, 0]), tf.tensor1d([1, 0]))).toThrowError(/class_id needs predictions of shape \[samples, classes\]/);
  });

  it('keep their state on the device: resultTensor() is a tensor, nothing leaks after resetState', () => {
    const before = tf.memory().numTensors;
    for (const c of configs) {
      const m = get(c);
      const multi = c.class_name === 'AUC' && c.config.multi_label;
      const yTrue = c.class_name === 'MeanIoU' ? tf.tensor1d([0, 2, 1]) : tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
      const yPred = c.class_name === 'MeanIoU' ? tf.tensor2d([[0.9, 0, 0.1], [0.1, 0.2, 0.7], [0.3, 0.4, 0.3]]) : tf.tensor2d([[0.8, 0.3], [0.4, 0.9], [0.6, 0.2]]);
      const precision3 = c.class_name === 'Precision';
      const y3 = precision3 ? tf.tensor2d([[1, 0, 1], [0, 1, 0], [1, 1, 1]]) : yTrue;
      const p3 = precision3 ? tf.tensor2d([[0.8, 0.3, 0.7], [0.4, 0.9, 0.2], [0.6, 0.2, 0.5]]) : yPred;
      m.updateState(y3, p3);
      const t = m.resultTensor();
      expect(t.dtype).toBe('float32');
      expect(Array.from(t.dataSync()).every(Number.isFinite), `${c.class_name} ${String(multi)}`).toBe(true);
      t.dispose();
      m.resetState();
      tf.dispose([yTrue, yPred, y3, p3]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Precision with a list of thresholds gives one figure each through resultArray(), and says so from result()', () => {
    const m = get({ class_name: 'Precision', config: { thresholds: [0.5, 0.7] } });
    // predictions above 0.5: 1 (label 0) and 0.6 (label 1) → 1/2; above 0.7: only 1 (label 0) → 0
    tf.tidy(() => m.updateState(tf.tensor1d([0, 1, 1, 0]), tf.tensor1d([1, 0, 0.6, 0])));
    expect(m.resultArray()).toEqual([0.5, 0]);
    expect(() => m.result()).toThrowError(/precision gives 2 figures.*resultArray\(\)/);
    m.resetState();
  });
});
