import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential, type Sequential } from '@neuralkit/model';

/**
 * The small compiled model of the IO check page (io.html). Its weights are set from a formula, not
 * drawn, so the browser page and the e2e test (in Node, writing the copy served over http) hold
 * bit-identical models whatever backend each uses.
 */
export function buildIoCheckModel(): Sequential {
  const model = sequential(
    [layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), layers.dense({ units: 3, activation: 'softmax' })],
    { name: 'io_check' },
  );
  const weights = model.getWeights().map((w, k) => tf.tensor(formulaValues(w.size, k), w.shape, 'float32'));
  model.setWeights(weights);
  tf.dispose(weights);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

/** Values in (-0.8, 0.8), different for every weight tensor `k`. */
function formulaValues(size: number, k: number): number[] {
  return Array.from({ length: size }, (_, i) => 0.8 * Math.sin(1.3 * i + 0.7 * k + 0.1));
}

/** Five samples of four features, and their integer labels. */
export const IO_CHECK_X: number[][] = [
  [0.5, -1, 0.25, 2],
  [-0.75, 0.5, 1.5, -0.5],
  [1, 1, -1, 0],
  [0, -0.25, 0.75, 1.25],
  [-1.5, 2, 0.5, -1],
];
export const IO_CHECK_Y: number[] = [0, 1, 2, 0, 1];

/** Where the e2e test writes the served copy, relative to the site's root. */
export const IO_CHECK_HTTP_PATH = 'io-check/model.json';
