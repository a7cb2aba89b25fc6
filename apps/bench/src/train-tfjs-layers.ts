import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mnist } from '@neuralkit/data';
import type { Trainer } from './run-one.js';

/** tfjs-layers as its users write it: whole-set tensors scaled to 0–1. */
export const trainTfjsLayers: Trainer = async (spec) => {
  const { train, test } = await mnist.loadData();
  const x = tf.div(train.x, 255);
  const xTest = tf.div(test.x, 255);
  const y = tf.cast(train.y, 'float32');
  const yTest = tf.cast(test.y, 'float32');
  tf.dispose([train.x, test.x, train.y, test.y]);
  const model = tfl.sequential({ layers: spec.tfjsLayers(tfl.layers) });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: spec.batchSize, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - start) / 1000;
  const [, acc] = model.evaluate(xTest, yTest, { batchSize: 1000 }) as tf.Scalar[];
  const accuracy = (await (acc as tf.Scalar).data())[0] ?? Number.NaN;
  return { seconds, accuracy };
};
