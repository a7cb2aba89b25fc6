import { describe, expect, it } from 'vitest';
import { biasActivationGradRows } from './bias-activation-grad.js';

describe('biasActivationGradRows', () => {
  it("gives dy through each activation's derivative at the output, and its column sums", () => {
    const dy = [1, -2, 3, 0.5, 4, -1];
    const y = [0.5, 0, 0.25, -1, 0.75, 0.5];
    const run = (activation: 'linear' | 'relu' | 'sigmoid' | 'tanh') => {
      const dz = new Float32Array(6);
      const db = new Float32Array(2);
      biasActivationGradRows(dy, y, activation, dz, db);
      return { dz: [...dz], db: [...db] };
    };
    expect(run('linear')).toEqual({ dz: dy, db: [8, -2.5] });
    // relu: kept where y > 0.
    expect(run('relu')).toEqual({ dz: [1, -0, 3, 0, 4, -1], db: [8, -1] });
    // sigmoid: dy · y(1 − y) = [0.25, 0, 0.5625, -1, 0.75, -0.25]
    expect(run('sigmoid').dz).toEqual([0.25, -0, 0.5625, -1, 0.75, -0.25]);
    // tanh: (1 − y²) · dy
    expect(run('tanh').db).toEqual([0.75 + 2.8125 + 1.75, -2 + 0 - 0.75]);
  });
});
