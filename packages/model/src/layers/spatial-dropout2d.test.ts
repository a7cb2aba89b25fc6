import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { fixed } from '../../test/gradient-check.js';
import { deserializeLayer } from './registry.js';
import { SpatialDropout2D } from './spatial-dropout2d.js';

beforeAll(() => activate('cpu'));

describe('SpatialDropout2D', () => {
  it("writes tf.keras 2.15's config (Dropout's keys) and Keras 3's (rate, seed, name, dtype, data_format), reads both", () => {
    const layer = new SpatialDropout2D({ rate: 0.3, seed: 5, name: 'sd' });
    const keras2 = layer.getConfig();
    expect(keras2).toEqual({ name: 'sd', trainable: true, dtype: 'float32', rate: 0.3, noise_shape: null, seed: 5 });
    const keras3 = layer.getConfig('keras3');
    // Keras 3's BaseSpatialDropout.get_config order; its constructor takes no `trainable`.
    expect(Object.keys(keras3)).toEqual(['rate', 'seed', 'name', 'dtype', 'data_format']);
    expect(keras3).toMatchObject({ rate: 0.3, seed: 5, data_format: 'channels_last' });
    for (const config of [keras2, keras3]) {
      expect(deserializeLayer({ class_name: 'SpatialDropout2D', config }).getConfig()).toEqual(keras2);
    }
  });

  it('is the identity in inference; in training it drops whole feature maps, the rest scaled by 1 / (1 - rate)', () => {
    const layer = new SpatialDropout2D({ rate: 0.25 });
    const x = tf.ones([100, 3, 2, 10]);
    expect(layer.apply(x)).toBe(x);
    setRandomSeed(3);
    const y = layer.apply(x, { training: true });
    const values = y.arraySync() as number[][][][];
    let dropped = 0;
    for (const sample of values) {
      // Keras's correctness test: every pixel of a sample has the same channel pattern.
      const pattern = sample[0]![0]!;
      for (const row of sample) for (const pixel of row) expect(pixel).toEqual(pattern);
      for (const v of pattern) {
        expect([0, Math.fround(4 / 3)]).toContain(v);
        if (v === 0) dropped++;
      }
    }
    // 1,000 maps, each dropped with probability 0.25: within 0.05 of it (about 3.6 standard deviations).
    expect(Math.abs(dropped / 1000 - 0.25)).toBeLessThan(0.05);
    setRandomSeed(3);
    expect(layer.apply(x, { training: true }).arraySync()).toEqual(values);
    tf.dispose([x, y]);
  });

  it('its gradient is the mask: d sum(y · w) / dx = mask · w, without leaks', () => {
    const layer = new SpatialDropout2D({ rate: 0.5, seed: 11 });
    const x = tf.variable(tf.ones([4, 3, 3, 5]));
    const w = fixed([4, 3, 3, 5], 7);
    const before = tf.memory().numTensors;
    let mask: tf.Tensor | undefined;
    const grads = tf.variableGrads(() => {
      const y = layer.apply(x, { training: true }); // x is ones: y is the mask itself
      mask = tf.keep(y.clone());
      return tf.sum(tf.mul(y, w)) as tf.Scalar;
    }, [x]);
    const expected = tf.mul(mask!, w);
    expect(Array.from(grads.grads[x.name]!.dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(Array.from(mask!.dataSync())).toContain(0);
    tf.dispose([grads.value, ...Object.values(grads.grads), mask!, expected]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });

  it('names the problem on bad input', () => {
    expect(() => new SpatialDropout2D({ rate: 1, name: 's' })).toThrowError('Invalid `rate` of SpatialDropout2D layer "s": expected a number in [0, 1), received 1.');
    expect(() => new SpatialDropout2D({ rate: 0.5, dataFormat: 'channels_first' as never })).toThrowError(/'channels_first' is not supported/);
    expect(() => new SpatialDropout2D({ rate: 0.5, noiseShape: [1, 1] as never })).toThrowError(/`noise_shape`/);
    expect(() => new SpatialDropout2D({ rate: 0.5, name: 's' }).apply(tf.ones([2, 28, 28]), { training: true })).toThrowError(
      /SpatialDropout2D layer "s" expects inputs of rank 4 \(batch, height, width, channels\), received shape \(None, 28, 28\) \(rank 3\)\. Add a channel axis first/,
    );
  });
});

describe('SpatialDropout2D in a model', () => {
  it('trains in fit (no tensor leaks), leaves predict alone, and writes its Keras 3 entry in a Keras 3 config', async () => {
    const { sequential } = await import('../sequential-factory.js');
    const { layers } = await import('./index.js');
    setRandomSeed(2);
    const model = sequential([
      layers.input({ shape: [6, 6, 1] }),
      layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
      layers.spatialDropout2d({ rate: 0.5, name: 'spatial' }),
      layers.flatten(),
      layers.dense({ units: 2, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
    const x = fixed([8, 6, 6, 1], 4);
    const y = tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32');
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 }); // first run: optimizer state made
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    const [a, b] = [await model.predict(x), await model.predict(x)];
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data())); // inference: no dropout
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
    const entry = (model.getConfig({ style: 'keras3' }).layers as Array<{ class_name: string; config: Record<string, unknown> }>)
      .find((l) => l.class_name === 'SpatialDropout2D')!;
    expect(entry.config).toEqual({ rate: 0.5, seed: null, name: 'spatial', dtype: 'float32', data_format: 'channels_last' });
    tf.dispose([x, y]);
    model.dispose();
  });
});
