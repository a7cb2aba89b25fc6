import * as tf from '@tensorflow/tfjs-core';
import type { ArrayDataset } from '@neuralkit/data';
import type { Sequential } from '@neuralkit/model';
import { forModel, takesChannels } from './model-input.js';

export interface TestResult {
  loss: number;
  accuracy: number;
  /** The predicted class of every test digit. */
  predicted: Int32Array;
}

/** Whether `model`'s loss takes class indices (sparse) rather than one-hot labels. */
export function takesClassIndices(model: Sequential): boolean {
  const loss = model.lossFn as { constructor: { className?: string } } | undefined;
  return !loss || loss.constructor.className === 'SparseCategoricalCrossentropy';
}

/** `model.evaluate` on the test set, and the predicted classes for the confusion matrix and gallery. */
export async function evaluateOnTest(model: Sequential, test: ArrayDataset): Promise<TestResult> {
  const images = forModel(model, test);
  const scores = await model.evaluate(images, undefined, { batchSize: 500, verbose: 0 });
  const probabilities = await model.predict(images, { batchSize: 500, verbose: 0 });
  const classes = tf.argMax(probabilities, -1);
  probabilities.dispose();
  const predicted = new Int32Array(await classes.data());
  classes.dispose();
  return { loss: scores.loss ?? NaN, accuracy: scores.accuracy ?? NaN, predicted };
}

/** The ten probabilities for one 28×28 image (0–1, white on black). */
export async function predictImage(model: Sequential, pixels: Float32Array): Promise<Float32Array> {
  const input = tf.tensor(pixels, takesChannels(model) ? [1, 28, 28, 1] : [1, 28, 28]);
  try {
    const output = await model.predict(input, { verbose: 0 });
    const values = new Float32Array(await output.data());
    output.dispose();
    return values;
  } finally {
    input.dispose();
  }
}
