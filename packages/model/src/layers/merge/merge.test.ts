import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../../test/backend.js';
import { deserializeLayer } from '../registry.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './elementwise.js';
import { Concatenate } from './concatenate.js';

beforeAll(() => activate('cpu'));

const arange = (from: number, to: number, shape: number[]) => tf.tensor(Array.from({ length: to - from }, (_, i) => from + i), shape);

describe('merge layers', () => {
  it("Concatenate(axis=1) gives Keras's documented result for arange(20) [2,2,5] and arange(20,30) [2,1,5]", () => {
    const before = tf.memory().numTensors;
    const x = arange(0, 20, [2, 2, 5]);
    const y = arange(20, 30, [2, 1, 5]);
    const out = new Concatenate({ axis: 1 }).apply([x, y]);
    // Keras docs (tf.keras.layers.Concatenate): shape (2, 3, 5).
    expect(out.shape).toEqual([2, 3, 5]);
    expect(out.arraySync()).toEqual([
      [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [20, 21, 22, 23, 24]],
      [[10, 11, 12, 13, 14], [15, 16, 17, 18, 19], [25, 26, 27, 28, 29]],
    ]);
    tf.dispose([x, y, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("Maximum, Minimum and Multiply of arange(5) and arange(5, 10) as [5, 1] (Keras docs' inputs)", () => {
    const a = arange(0, 5, [5, 1]);
    const b = arange(5, 10, [5, 1]);
    expect(new Maximum().apply([a, b]).arraySync()).toEqual([[5], [6], [7], [8], [9]]);
    expect(new Minimum().apply([a, b]).arraySync()).toEqual([[0], [1], [2], [3], [4]]);
    // 0*5, 1*6, 2*7, 3*8, 4*9
    expect(new Multiply().apply([a, b]).arraySync()).toEqual([[0], [6], [14], [24], [36]]);
  });

  it('Average of ones and zeros is 0.5 everywhere; Add and Subtract by hand', () => {
    expect(new Average().apply([tf.ones([2, 2]), tf.zeros([2, 2])]).arraySync()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[10, 20], [30, 40]]);
    const c = tf.tensor2d([[100, 200], [300, 400]]);
    expect(new Add().apply([a, b, c]).arraySync()).toEqual([[111, 222], [333, 444]]);
    expect(new Subtract().apply([b, a]).arraySync()).toEqual([[9, 18], [27, 36]]);
  });

  it('refuses mismatched shapes and wrong input counts, naming the layer', () => {
    expect(() => new Add({ name: 'sum' }).apply([tf.ones([2, 3]), tf.ones([2, 4])])).toThrow(/"sum" \(Add\) have incompatible shapes: \(None, 3\)|"sum" \(Add\) have incompatible shapes: \(2, 3\), \(2, 4\)/);
    expect(() => new Subtract({ name: 'diff' }).apply([tf.ones([2, 3]), tf.ones([2, 3]), tf.ones([2, 3])])).toThrow(/"diff" \(Subtract\) takes exactly 2 inputs, received 3/);
    expect(() => new Concatenate({ name: 'cat', axis: 1 }).apply([tf.ones([2, 3, 4]), tf.ones([2, 3, 5])])).toThrow(/"cat".*same sizes on every axis but axis 1/);
    expect(() => new Add({ name: 'one' }).apply([tf.ones([2, 3])])).toThrow(/at least 2 inputs, received 1/);
  });

  it('round-trips their Keras configs', () => {
    const cat = new Concatenate({ axis: 1, name: 'cat' });
    expect(cat.getConfig()).toEqual({ name: 'cat', trainable: true, dtype: 'float32', axis: 1 });
    const again = deserializeLayer({ class_name: 'Concatenate', config: cat.getConfig() });
    expect(again.getConfig()).toEqual(cat.getConfig());
    for (const cls of ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum']) {
      expect(deserializeLayer({ class_name: cls, config: { name: `m_${cls}`, trainable: true, dtype: 'float32' } }).className).toBe(cls);
    }
  });
});
