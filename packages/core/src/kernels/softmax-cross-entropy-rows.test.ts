import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropyRows } from './softmax-cross-entropy-rows.js';

describe('softmaxCrossEntropyRows', () => {
  it('gives the loss and the scaled softmax · Σy − y per row, one-hot and smoothed targets', () => {
    // Row 0: z = [0, ln 3] → softmax [1/4, 3/4]; y = [0, 1] → loss −ln(3/4) = 0.2876821,
    //        grad [1/4, −1/4] · 0.5 = [0.125, −0.125].
    // Row 1: z = [1000, 1000] (the max is subtracted first) → softmax [1/2, 1/2];
    //        y = [0.9, 0.1] (smoothed) → loss ln 2 = 0.6931472, grad [−0.4, 0.4] · 0.5 = [−0.2, 0.2].
    // Row 2: z = [0, ln 3], y = [0, 2] (mass 2) → loss −2 ln(3/4) = 0.5753641,
    //        grad [2/4 − 0, 6/4 − 2] · 0.5 = [0.25, −0.25].
    const loss = new Float32Array(3);
    const grad = new Float32Array(6);
    softmaxCrossEntropyRows({
      logits: Float32Array.from([0, Math.log(3), 1000, 1000, 0, Math.log(3)]),
      targets: Float32Array.from([0, 1, 0.9, 0.1, 0, 2]),
      loss,
      grad,
      classes: 2,
      gradScale: 0.5,
    });
    expect(loss[0]).toBeCloseTo(0.2876821, 6);
    expect(loss[1]).toBeCloseTo(0.6931472, 6);
    expect(loss[2]).toBeCloseTo(0.5753641, 6);
    expect([...grad].map((g) => Number(g.toFixed(6)))).toEqual([0.125, -0.125, -0.2, 0.2, 0.25, -0.25]);
  });

  it('stays finite for a logit far below the others with a zero target', () => {
    const loss = new Float32Array(1);
    const grad = new Float32Array(3);
    softmaxCrossEntropyRows({ logits: [0, -1e4, 0], targets: [1, 0, 0], loss, grad, classes: 3 });
    expect(loss[0]).toBeCloseTo(Math.log(2), 6);
    expect([...grad].map((g) => Number(g.toFixed(6)))).toEqual([-0.5, 0, 0.5]);
  });
});
