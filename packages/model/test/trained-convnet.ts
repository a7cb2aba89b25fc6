import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { mnist } from '@neuralkit/data';
import { layers, sequential, type Sequential } from '../src/index.js';

export interface TrainedConvnet {
  model: Sequential;
  /** Test digits scaled to [0, 1], [10000, 28, 28, 1]. */
  xTest: tf.Tensor4D;
  yTest: tf.Tensor;
  dispose(): void;
}

/**
 * A small MNIST convnet with every kind of layer the exports convert: Conv2D (linear) →
 * BatchNormalization → relu → MaxPooling2D → Conv2D relu → MaxPooling2D → Flatten → Dropout →
 * Dense softmax (12,874 parameters). Trained for one epoch on the first `trainCount` real
 * digits (batch 32, seeded), so its BatchNormalization holds real moving statistics and its
 * classes mean something; call it on an activated backend.
 */
export async function trainedConvnet(trainCount = 3000): Promise<TrainedConvnet> {
  setRandomSeed(11);
  const { train, test } = await mnist.loadData();
  const model = sequential(
    [
      layers.input({ shape: [28, 28, 1], name: 'digits' }),
      layers.conv2d({ filters: 16, kernelSize: 3, name: 'conv' }),
      layers.batchNormalization({ momentum: 0.9, name: 'bn' }),
      layers.activation({ activation: 'relu', name: 'relu' }),
      layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', name: 'conv_1' }),
      layers.maxPooling2d({ poolSize: 2, name: 'pool_1' }),
      layers.flatten({ name: 'flatten' }),
      layers.dropout({ rate: 0.5, name: 'dropout' }),
      layers.dense({ units: 10, activation: 'softmax', name: 'dense' }),
    ],
    { name: 'convnet' },
  );
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const xTrain = tf.tidy(() => tf.div(tf.reshape(tf.slice(train.x, 0, trainCount), [trainCount, 28, 28, 1]), 255));
  const yTrain = tf.slice(train.y, 0, trainCount);
  await model.fit(xTrain, yTrain, { epochs: 1, batchSize: 16, verbose: 0 });
  const xTest = tf.tidy(() => tf.div(tf.reshape(test.x, [-1, 28, 28, 1]), 255)) as tf.Tensor4D;
  tf.dispose([xTrain, yTrain, train.x, train.y, test.x]);
  return { model, xTest, yTest: test.y, dispose: () => { tf.dispose([xTest, test.y]); model.dispose(); } };
}
