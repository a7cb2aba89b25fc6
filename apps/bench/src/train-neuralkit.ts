import * as tf from '@tensorflow/tfjs-core';
import { mnist } from '@neuralkit/data';
import { layers, sequential } from '@neuralkit/model';
import type { Trainer } from './run-one.js';

/**
 * The lecture program with neuralkit: MNIST stays as bytes (47 MB) and each batch is scaled to
 * float32 when it is taken, instead of 188 MB float copies of the whole set.
 */
export const trainNeuralkit: Trainer = async () => {
  const { train, test } = await mnist.loadDataset();
  const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(train, undefined, { epochs: 1, batchSize: 32, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  const { accuracy = Number.NaN } = await model.evaluate(test, undefined, { verbose: 0 });
  return { seconds, accuracy };
};

/** The lecture program verbatim (design.md): whole-set tensors, `train.x.div(255)`. */
export const trainNeuralkitTensors: Trainer = async () => {
  const { train, test } = await mnist.loadData();
  const x = tf.div(train.x, 255);
  const xTest = tf.div(test.x, 255);
  tf.dispose([train.x, test.x]);
  const model = sequential([layers.flatten({ inputShape: [28, 28] }), layers.dense({ units: 10, activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(x, train.y, { epochs: 1, batchSize: 32, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  const { accuracy = Number.NaN } = await model.evaluate(xTest, test.y, { verbose: 0 });
  return { seconds, accuracy };
};
