import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILES, expected, fixtureBytes, fixturePath, mnistTestSet } from '../test/fixtures.js';
import type { KerasModelFile } from './keras-file.js';
import { readKerasModelFile } from './read-model-file.js';

/** A forward pass with plain tfjs ops on the weights as read: x·kernel + bias, relu/softmax, dropout = identity. */
function forward(file: KerasModelFile, x: tf.Tensor2D): tf.Tensor2D {
  const config = file.modelConfig.config as { layers: Array<{ class_name: string; config: { activation?: string } }> };
  const layers = config.layers.filter((l) => l.class_name !== 'InputLayer');
  return tf.tidy(() => {
    let h: tf.Tensor2D = x;
    layers.forEach((layer, i) => {
      if (layer.class_name !== 'Dense') return;
      const [kernel, bias] = file.layers[i]!.weights;
      const k = tf.tensor2d(kernel!.data, kernel!.shape as [number, number]);
      h = tf.add(tf.matMul(h, k), tf.tensor1d(bias!.data));
      if (layer.config.activation === 'relu') h = tf.relu(h);
      if (layer.config.activation === 'softmax') h = tf.softmax(h);
    });
    return h;
  });
}

describe('readKerasModelFile on real Keras files', () => {
  let test: ReturnType<typeof mnistTestSet>;
  beforeAll(async () => {
    await useBackend(cpuBackend());
    test = mnistTestSet();
  });

  for (const name of Object.values(FILES)) {
    it(`${name}: MNIST test accuracy and first 20 softmax rows as expected.json`, async () => {
      const file = await readKerasModelFile(fixtureBytes(name));
      const before = tf.memory().numTensors;
      const x = tf.tensor2d(test.x, [10000, 784]);
      const probs = forward(file, x);
      const argmax = tf.argMax(probs, 1);
      const predicted = await argmax.data();
      argmax.dispose();
      const correct = Array.from(predicted).filter((p, i) => p === test.labels[i]).length;
      const want = expected.files[name]!;
      expect(correct / 10000).toBe(want.accuracy);
      const first = tf.slice(probs, [0, 0], [20, 10]);
      const rows = (await first.array()) as number[][];
      first.dispose();
      rows.forEach((row, i) => row.forEach((p, j) => expect(Math.abs(p - want.first20_softmax[i]![j]!)).toBeLessThan(1e-5)));
      tf.dispose([x, probs]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('tf.keras 2.2.4-tf (fixed-length strings): layers, weight names and Adam/iter:0', async () => {
    const file = await readKerasModelFile(fixturePath(FILES.tfkeras224));
    expect(file.kerasVersion).toBe('2.2.4-tf');
    expect(file.backend).toBe('tensorflow');
    expect(file.layers.map((l) => l.name)).toEqual(['flatten', 'dense']);
    expect(file.layers[1]!.weights.map((w) => [w.name, w.shape])).toEqual([
      ['dense/kernel:0', [784, 10]],
      ['dense/bias:0', [10]],
    ]);
    expect(file.trainingConfig?.loss).toBe('mse');
    const iter = file.optimizerWeights![0]!;
    expect([iter.name, iter.dtype, Array.from(iter.data)]).toEqual(['Adam/iter:0', 'int64', [18750]]);
    expect(file.optimizerWeights!.map((w) => w.name).slice(1)).toEqual([
      'Adam/dense/kernel/m:0', 'Adam/dense/bias/m:0', 'Adam/dense/kernel/v:0', 'Adam/dense/bias/v:0',
    ]);
  });

  it('tf.keras 2.15 and Keras 3.3.3: weightless layers kept, iteration 18750', async () => {
    const f215 = await readKerasModelFile(fixtureBytes(FILES.tfkeras215));
    expect(f215.layers.map((l) => [l.name, l.weights.length])).toEqual([['flatten', 0], ['dense', 2], ['dropout', 0], ['dense_1', 2]]);
    expect(f215.optimizerWeights!.map((w) => w.name).slice(0, 3)).toEqual(['iteration:0', 'Adam/m/dense/kernel:0', 'Adam/v/dense/kernel:0']);
    const f333 = await readKerasModelFile(fixtureBytes(FILES.keras333));
    expect(f333.layers[1]!.weights.map((w) => w.name)).toEqual(['sequential/dense/kernel', 'sequential/dense/bias']);
    expect(f333.optimizerWeights!.slice(0, 2).map((w) => [w.name, w.data[0]])).toEqual([
      ['adam/iteration', 18750], ['adam/learning_rate', Math.fround(0.001)],
    ]);
  });

  it('Keras 3.10 .keras archive: layers by class key, optimizer vars in numeric order', async () => {
    const file = await readKerasModelFile(fixtureBytes(FILES.keras310));
    expect(file.format).toBe('keras');
    expect(file.kerasVersion).toBe('3.10.0');
    expect(file.layers.map((l) => l.weights.map((w) => w.shape))).toEqual([
      [], [[784, 128], [128]], [], [[128, 32], [32]], [], [[32, 10], [10]],
    ]);
    const opt = file.optimizerWeights!;
    expect(opt.length).toBe(14);
    expect(Array.from(opt[0]!.data)).toEqual([15000]);
    expect(opt[13]!.shape).toEqual([10]);
    expect(file.trainingConfig).toMatchObject({ loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    expect((file.trainingConfig!.optimizer_config as { class_name: string }).class_name).toBe('Adam');
  });
});
