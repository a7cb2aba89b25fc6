import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { mnist } from '@neuralkit/data';
import { layers, sequential, type Sequential } from '../src/index.js';

export interface TrainedMlp {
  model: Sequential;
  /** Test digits scaled to [0, 1], [10000, 28, 28]. */
  xTest: tf.Tensor;
  yTest: tf.Tensor;
  dispose(): void;
}

/**
 * The lecture's MLP (Flatten, Dense 128 relu, Dropout 0.2, Dense 10 softmax) trained for one
 * epoch on the first 15,000 real MNIST digits (batch 64, seeded): about 93 % on the test set,
 * enough for export and quantization checks to mean something, in a few seconds.
 */
export async function trainedMlp(): Promise<TrainedMlp> {
  setRandomSeed(7);
  const { train, test } = await mnist.loadData();
  const model = sequential(
    [
      layers.flatten({ inputShape: [28, 28], name: 'flatten' }),
      layers.dense({ units: 128, activation: 'relu', name: 'dense' }),
      layers.dropout({ rate: 0.2, name: 'dropout' }),
      layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
    ],
    { name: 'sequential' },
  );
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const xTrain = tf.tidy(() => tf.div(tf.slice(train.x, 0, 15000), 255));
  const yTrain = tf.slice(train.y, 0, 15000);
  await model.fit(xTrain, yTrain, { epochs: 1, batchSize: 64, verbose: 0 });
  const xTest = tf.div(test.x, 255);
  tf.dispose([xTrain, yTrain, train.x, train.y, test.x]);
  return { model, xTest, yTest: test.y, dispose: () => { tf.dispose([xTest, test.y]); model.dispose(); } };
}

/** Index of the largest value of each row. */
export async function argmaxRows(t: tf.Tensor): Promise<Int32Array> {
  const idx = tf.argMax(t, -1);
  const data = (await idx.data()) as Int32Array;
  idx.dispose();
  return data;
}
