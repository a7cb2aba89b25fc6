import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { get, serialize } from './registry.js';

beforeAll(() => activate('cpu'));

const at = (name: string, v: number[]) => Array.from(get(name).apply(tf.tensor1d(v)).dataSync());

describe('activations', () => {
  it('compute Keras 3 values', () => {
    const x = [-2, 0, 1];
    expect(at('linear', x)).toEqual([-2, 0, 1]);
    expect(at('relu', x)).toEqual([0, 0, 1]);
    expect(at('relu6', [7, -1])).toEqual([6, 0]);
    expect(at('leaky_relu', x)[0]).toBeCloseTo(-0.4, 6); // Keras 3 negative_slope 0.2
    expect(at('hard_sigmoid', [-3, 0, 1.5, 3])).toEqual([0, 0.5, 0.75, 1]); // relu6(x + 3) / 6
    expect(at('softsign', x)[0]).toBeCloseTo(-2 / 3, 6);
    expect(at('gelu', [1])[0]).toBeCloseTo(0.8413447, 5); // 0.5 (1 + erf(1/sqrt 2)), exact form
    expect(at('swish', [1])[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(at('selu', [1])[0]).toBeCloseTo(1.0507009873554805, 6);
    expect(at('elu', [-1])[0]).toBeCloseTo(Math.exp(-1) - 1, 6);
    expect(at('exponential', [1])[0]).toBeCloseTo(Math.E, 5);
    const sm = at('softmax', [0, Math.log(3)]);
    expect(sm[1]).toBeCloseTo(0.75, 6);
    expect(at('log_softmax', [0, Math.log(3)])[1]).toBeCloseTo(Math.log(0.75), 6);
  });

  it('serialize to the Keras name; swish is silu in Keras 3', () => {
    expect(serialize(get('relu'))).toBe('relu');
    expect(serialize(get('swish'))).toBe('silu');
    expect(serialize(get(null))).toBe('linear');
    expect(serialize(get({ class_name: 'function', config: 'tanh' } as never))).toBe('tanh');
  });
});
