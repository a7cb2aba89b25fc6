import * as tf from '@tensorflow/tfjs-core';
import { setRandomSeed } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { get, serialize } from './registry.js';

beforeAll(() => activate('cpu'));

const values = (id: string, shape: number[]) => {
  const t = get(id).apply(shape);
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
};

describe('initializers', () => {
  it('glorot_uniform draws from ±sqrt(6 / (fanIn + fanOut)), Keras defaults', () => {
    setRandomSeed(5);
    const v = values('glorot_uniform', [784, 10]);
    const limit = Math.sqrt(6 / 794); // 0.0869
    expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(limit * 0.95);
    const variance = v.reduce((s, x) => s + x * x, 0) / v.length;
    expect(variance).toBeCloseTo(2 / 794, 4); // limit^2 / 3
  });

  it('he_normal keeps the variance 2 / fanIn after truncation', () => {
    setRandomSeed(6);
    const v = values('he_normal', [400, 100]);
    const variance = v.reduce((s, x) => s + x * x, 0) / v.length;
    expect(Math.abs(variance / (2 / 400) - 1)).toBeLessThan(0.03);
  });

  it('repeat under setRandomSeed; an own seed repeats regardless', () => {
    setRandomSeed(7);
    const a = values('lecun_uniform', [5, 5]);
    setRandomSeed(7);
    expect(values('lecun_uniform', [5, 5])).toEqual(a);
    const own = get({ class_name: 'RandomNormal', config: { seed: 3 } });
    expect(Array.from(own.apply([4]).dataSync())).toEqual(Array.from(own.apply([4]).dataSync()));
  });

  it('round-trip their Keras configs', () => {
    for (const id of ['zeros', 'ones', 'glorot_normal', 'he_uniform', 'truncated_normal', 'random_uniform']) {
      const s = serialize(get(id));
      expect(serialize(get(s))).toEqual(s);
    }
    expect(serialize(get('random_uniform'))).toEqual({ class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } });
    expect(Array.from(get({ class_name: 'Constant', config: { value: 2 } }).apply([2]).dataSync())).toEqual([2, 2]);
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
