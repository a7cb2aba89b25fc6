import { describe, expect, it } from 'vitest';
import { applyDenseActivationGradient, sumRows } from './dense-gradient-rows.js';

describe('applyDenseActivationGradient', () => {
  const y = [0.5, 0, 0.25, 2, 1, -1];
  const mask = [2, 2, 0, 2, 2, 0];
  const run = (activation: 'linear' | 'relu' | 'sigmoid' | 'tanh', withMask = true) => {
    const d = Float32Array.from([3, -4, 1.5, -1, -2, 2]);
    applyDenseActivationGradient(d, y, withMask ? mask : undefined, activation);
    return Array.from(d, (v) => v + 0); // −0 → 0
  };

  it('goes back through the mask, then the activation, from its output', () => {
    expect(run('linear')).toEqual([6, -8, 0, -2, -4, 0]);
    expect(run('relu')).toEqual([6, 0, 0, -2, -4, 0]); // step(y) = [1, 0, 1, 1, 1, 0]
    expect(run('relu', false)).toEqual([3, 0, 1.5, -1, -2, 0]);
    expect(run('sigmoid')).toEqual([1.5, 0, 0, 4, 0, 0]); // y(1 − y) = [0.25, 0, 0.1875, −2, 0, −2]
    expect(run('tanh')).toEqual([4.5, -8, 0, 6, 0, 0]); // 1 − y² = [0.75, 1, 0.9375, −3, 0, 0]
  });

  it('rounds each product to float32 as the op-by-op path does', () => {
    const d = Float32Array.from([0.1]);
    applyDenseActivationGradient(d, Float32Array.from([0.3]), undefined, 'sigmoid');
    const f = Math.fround;
    expect(d[0]).toBe(f(f(0.1) * f(f(0.3) * f(1 - f(0.3)))));
  });
});

describe('sumRows', () => {
  it('sums each column over the rows, and gives zeros for no rows', () => {
    const out = new Float32Array(3).fill(9);
    sumRows([1, -1, 2, 0.5, 0, 1, -2, 1, 0], 3, out);
    expect(Array.from(out)).toEqual([-0.5, 0, 3]);
    sumRows([], 3, out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });
});
