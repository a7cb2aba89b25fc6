import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { addChannelAxis, mnist } from '@neuralkit/data';
import { layers, sequential } from '@neuralkit/model';
import type { Trainer } from './run-one.js';

// keras.io's "Simple MNIST convnet": Conv2D 32, MaxPooling2D, Conv2D 64, MaxPooling2D, Flatten,
// Dropout 0.5, Dense 10 softmax; Adam, batch 128, one epoch on all 60,000 images.
const BATCH = 128;

/** The convnet with neuralkit, from bytes: `[28, 28, 1]` batches made as they are taken. */
export const trainNeuralkitConvnet: Trainer = async () => {
  const data = await mnist.loadDataset();
  const [train, test] = [addChannelAxis(data.train), addChannelAxis(data.test)];
  const model = sequential([
    layers.input({ shape: [28, 28, 1] }),
    layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
    layers.maxPooling2d({ poolSize: 2 }),
    layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    layers.maxPooling2d({ poolSize: 2 }),
    layers.flatten(),
    layers.dropout({ rate: 0.5 }),
    layers.dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(train, undefined, { epochs: 1, batchSize: BATCH, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  const { accuracy = Number.NaN } = await model.evaluate(test, undefined, { batchSize: 500, verbose: 0 });
  return { seconds, accuracy };
};

/** The same convnet with tfjs-layers, as its users write it: whole-set `[n, 28, 28, 1]` tensors. */
export const trainTfjsLayersConvnet: Trainer = async () => {
  const { train, test } = await mnist.loadData();
  const x = tf.reshape(tf.div(train.x, 255), [-1, 28, 28, 1]);
  const xTest = tf.reshape(tf.div(test.x, 255), [-1, 28, 28, 1]);
  const [y, yTest] = [tf.cast(train.y, 'float32'), tf.cast(test.y, 'float32')];
  tf.dispose([train.x, test.x, train.y, test.y]);
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dropout({ rate: 0.5 }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  const [, acc] = model.evaluate(xTest, yTest, { batchSize: 500 }) as tf.Scalar[];
  const accuracy = (await (acc as tf.Scalar).data())[0] ?? Number.NaN;
  return { seconds, accuracy };
};
