import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { addChannelAxis, arrayDataset, mnist } from '@neuralkit/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, sequential } from '../src/index.js';
import { activate } from './backend.js';

// keras.io's "Simple MNIST convnet" (Keras: about 99 % test accuracy after 15 epochs on all
// 60,000 images) on a subset small enough for CI: the same model, optimizer (Adam), loss
// (categorical crossentropy on one-hot labels) and validation_split 0.1; batches of 16 instead of
// 128, for more steps from the same arithmetic. On wasm with @neuralkit/backend-wasm's
// convolution kernels: about 20 s of CPU.
const TRAIN = 1000;
const TEST = 1000;
const EPOCHS = 12;

beforeAll(() => activate('wasm'));

/** The first `n` samples as a byte-backed dataset of [28, 28, 1] images and one-hot labels. */
function subset(split: { x: Uint8Array; y: Uint8Array }, n: number) {
  const oneHot = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) oneHot[i * 10 + split.y[i]!] = 1;
  return addChannelAxis(arrayDataset({ x: split.x.subarray(0, n * 784), y: oneHot, sampleShape: [28, 28], scale: 1 / 255 }));
}

describe('MNIST convnet (slow)', () => {
  it(`Keras's convnet learns ${TRAIN} MNIST images to ≥ 98 % and generalizes to ≥ 90 % on ${TEST} test images`, async (context) => {
    if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
      context.skip('tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter and @neuralkit/backend-wasm registers none yet, so Conv2D cannot train on wasm (tfjs-backend-cpu\'s own kernels take about 0.5 s of CPU per image)');
    }
    setRandomSeed(12);
    const { train, test } = await mnist.loadArrays();
    const model = sequential([
      layers.input({ shape: [28, 28, 1] }),
      layers.conv2d({ filters: 32, kernelSize: [3, 3], activation: 'relu' }),
      layers.maxPooling2d({ poolSize: [2, 2] }),
      layers.conv2d({ filters: 64, kernelSize: [3, 3], activation: 'relu' }),
      layers.maxPooling2d({ poolSize: [2, 2] }),
      layers.flatten(),
      layers.dropout({ rate: 0.5 }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const trainSet = subset(train, TRAIN);
    const history = await model.fit(trainSet, null, { epochs: EPOCHS, batchSize: 16, validationSplit: 0.1, verbose: 0 });
    const before = tf.memory().numTensors; // the weights and Adam's slots, made by fit
    const fitted = await model.evaluate(trainSet.slice(0, TRAIN * 0.9), null, { batchSize: 256, verbose: 0 });
    const held = await model.evaluate(subset(test, TEST), null, { batchSize: 256, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    console.log(`convnet: ${TRAIN * 0.9} images fitted to ${fitted.accuracy}, ${TEST} test images ${held.accuracy}`);
    expect(history.history.loss![EPOCHS - 1]!).toBeLessThan(history.history.loss![0]!);
    expect(fitted.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(held.accuracy).toBeGreaterThanOrEqual(0.9);
    model.dispose();
  });
});
