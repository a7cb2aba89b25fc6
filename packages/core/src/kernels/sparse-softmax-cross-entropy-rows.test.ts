import { describe, expect, it } from 'vitest';
import { sparseSoftmaxCrossEntropyRows } from './sparse-softmax-cross-entropy-rows.js';

describe('sparseSoftmaxCrossEntropyRows', () => {
  it('gives the loss and the scaled softmax − onehot per row', () => {
    // Row 0: z = [0, ln 3] → softmax [1/4, 3/4]; label 1 → loss −ln(3/4) = 0.2876821,
    //        grad [1/4, 3/4 − 1] = [0.25, −0.25], times gradScale 0.5 → [0.125, −0.125].
    // Row 1: z = [1000, 1000] (large: the max is subtracted first) → softmax [1/2, 1/2];
    //        label 0 → loss ln 2 = 0.6931472, grad [−0.5, 0.5] · 0.5 = [−0.25, 0.25].
    const loss = new Float32Array(2);
    const grad = new Float32Array(4);
    sparseSoftmaxCrossEntropyRows({
      logits: Float32Array.from([0, Math.log(3), 1000, 1000]),
      labels: Int32Array.from([1, 0]),
      loss,
      grad,
      classes: 2,
      gradScale: 0.5,
    });
    expect(loss[0]).toBeCloseTo(0.2876821, 6);
    expect(loss[1]).toBeCloseTo(0.6931472, 6);
    expect([...grad].map((g) => Number(g.toFixed(6)))).toEqual([0.125, -0.125, -0.25, 0.25]);
  });
});
