import * as tf from '@tensorflow/tfjs-core';
import { mnist } from '@neuralkit/data';
import { sequential } from '@neuralkit/model';
import type { BenchModel } from './models.js';
import type { Trainer } from './run-one.js';

type Layers = Parameters<typeof sequential>[0];

async function fitOnce(spec: BenchModel, x: unknown, y: unknown, xTest: unknown, yTest: unknown) {
  const model = sequential(spec.neuralkit() as Layers);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(x as tf.Tensor, y as tf.Tensor, { epochs: 1, batchSize: spec.batchSize, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  const { accuracy = Number.NaN } = await model.evaluate(xTest as tf.Tensor, yTest as tf.Tensor, { verbose: 0, batchSize: 1000 });
  return { seconds, accuracy };
}

/**
 * neuralkit as its users train: MNIST stays as bytes (47 MB) and each batch is scaled to float32
 * when it is taken, instead of 188 MB float copies of the whole set.
 */
export const trainNeuralkit: Trainer = async (spec) => {
  const { train, test } = await mnist.loadDataset();
  return fitOnce(spec, train, undefined, test, undefined);
};

/** The lecture program verbatim (design.md): whole-set tensors, `train.x.div(255)`. */
export const trainNeuralkitTensors: Trainer = async (spec) => {
  const { train, test } = await mnist.loadData();
  const x = tf.div(train.x, 255);
  const xTest = tf.div(test.x, 255);
  tf.dispose([train.x, test.x]);
  return fitOnce(spec, x, train.y, xTest, test.y);
};
