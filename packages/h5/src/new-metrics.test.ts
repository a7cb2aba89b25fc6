import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { setRandomSeed, useBackend } from '@neuralkit/core';
import { layers, metrics, sequential } from '@neuralkit/model';
import { beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { loadKerasModel, saveToBytes } from './keras-h5-format.js';
import { readKerasH5 } from './read-h5.js';

beforeAll(async () => {
  await useBackend(cpuBackend());
});

describe("Keras's threshold, score and IoU metrics in compile, fit and .h5 training configs", () => {
  it('log under Keras names, match evaluate, and survive a save and load', async () => {
    setRandomSeed(11);
    const model = sequential([layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
    const compiled = [
      new metrics.AUC(),
      new metrics.AUC({ curve: 'PR', multiLabel: true, name: 'pr_auc' }),
      new metrics.F1Score({ average: 'macro' }),
      new metrics.FBetaScore({ average: 'weighted', beta: 2 }),
      new metrics.R2Score(),
      new metrics.Precision({ thresholds: 0.4, classId: 1 }),
      new metrics.Recall({ topK: 2 }),
      new metrics.PrecisionAtRecall({ recall: 0.5 }),
      new metrics.RecallAtPrecision({ precision: 0.5 }),
      new metrics.SensitivityAtSpecificity({ specificity: 0.5 }),
      new metrics.SpecificityAtSensitivity({ sensitivity: 0.5 }),
      new metrics.MeanIoU({ numClasses: 3, sparseYTrue: false, sparseYPred: false }),
    ];
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: compiled });
    const x = tf.tensor2d([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1], [1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 1, 0]]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3, 1, 0, 'float32');
    const names = ['auc', 'pr_auc', 'f1_score', 'fbeta_score', 'r2_score', 'precision', 'recall', 'precision_at_recall', 'recall_at_precision', 'sensitivity_at_specificity', 'specificity_at_sensitivity', 'mean_io_u'];
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 2, batchSize: 6, verbose: 0 });
    const ev = await model.evaluate(x, y, { verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(history.history).sort()).toEqual(['loss', ...names].sort());
    expect(Object.keys(ev).sort()).toEqual(['loss', ...names].sort());
    for (const name of names) expect(Number.isFinite(ev[name]), name).toBe(true);

    const file = await readKerasH5(await saveToBytes(model));
    const saved = file.trainingConfig?.metrics as Array<{ class_name: string; config: Record<string, unknown> }>;
    expect(saved.map((m) => m.class_name)).toEqual([
      'AUC', 'AUC', 'F1Score', 'FBetaScore', 'R2Score', 'Precision', 'Recall', 'PrecisionAtRecall', 'RecallAtPrecision',
      'SensitivityAtSpecificity', 'SpecificityAtSensitivity', 'MeanIoU',
    ]);
    expect(saved[1]!.config).toMatchObject({ name: 'pr_auc', num_thresholds: 200, curve: 'PR', summation_method: 'interpolation', multi_label: true });
    expect(saved[3]!.config).toMatchObject({ average: 'weighted', beta: 2, threshold: null });
    expect(saved[11]!.config).toMatchObject({ num_classes: 3, sparse_y_true: false, sparse_y_pred: false, axis: -1 });

    // Loaded back, the model compiles the same metrics and evaluates to the same figures.
    const again = await loadKerasModel(await saveToBytes(model));
    const evAgain = await again.evaluate(x, y, { verbose: 0 });
    for (const name of names) expect(evAgain[name], name).toBeCloseTo(ev[name]!, 6);
    model.dispose();
    again.dispose();
    tf.dispose([x, y]);
  });
});
