import { writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import type { Sequential } from '@neuralkit/model';
import { renderReport } from '../report/report-page.js';

interface TestSet {
  length: number;
  take(indices: ArrayLike<number>): { x: tf.Tensor; y: tf.Tensor };
}

export interface TrainingReportInput {
  model: Sequential;
  test: TestSet;
  history: Record<string, number[]>;
  result: Record<string, number>;
  backend: string;
  path: string;
}

/** Predicts the test set, then writes the HTML report (curves, confusion matrix, mistakes). */
export async function writeTrainingReport(input: TrainingReportInput): Promise<void> {
  const { model, test } = input;
  const all = Array.from({ length: test.length }, (_, i) => i);
  const { x, y } = test.take(all);
  const probs = await model.predict(x, { verbose: 0 });
  const classes = tf.tidy(() => tf.argMax<tf.Tensor1D>(probs, -1));
  const { metrics } = await import('@neuralkit/model');
  const counts = metrics.confusionMatrix(y as tf.Tensor1D, classes, 10);
  const confusion = (await counts.array()) as number[][];
  // Awaited reads: a synchronous read throws on webgpu in Node.
  const [predicted, labels, pixels] = await Promise.all([classes.data(), y.data(), x.data()]);
  const misclassified: Array<{ pixels: Float32Array; label: number; predicted: number }> = [];
  for (let i = 0; i < labels.length && misclassified.length < 60; i++) {
    const label = labels[i]!, guess = predicted[i]!;
    if (label !== guess) {
      misclassified.push({ pixels: Float32Array.from(pixels.subarray(i * 784, (i + 1) * 784), (v) => v * 255), label, predicted: guess });
    }
  }
  tf.dispose([x, y, probs, classes, counts]);
  const html = await renderReport({
    title: 'neuralkit training report',
    history: input.history,
    confusion,
    misclassified,
    facts: {
      'test loss': input.result.loss?.toFixed(4) ?? 'n/a',
      'test accuracy': `${((input.result.accuracy ?? NaN) * 100).toFixed(2)}%`,
      backend: input.backend,
      epochs: input.history.loss?.length ?? 0,
    },
  });
  await writeFile(input.path, html);
}
