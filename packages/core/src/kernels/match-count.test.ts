import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { topIndex, weightedMatchCount } from './match-count.js';

describe('topIndex', () => {
  it('takes the first of equal scores and never prefers a NaN, as tf.argMax on cpu', async () => {
    await tf.setBackend('cpu');
    const rows = [
      [0.1, 0.7, 0.7, 0.2],
      [NaN, 1, 2, 0],
      [1, NaN, 2, 0],
      [-Infinity, -Infinity, -Infinity, -Infinity],
      [3, 3, 3, 3],
    ];
    const flat = rows.flat();
    const ours = rows.map((_, i) => topIndex(flat, i * 4, 4));
    expect(ours).toEqual([1, 0, 2, 0, 0]);
    expect(ours).toEqual(Array.from(tf.argMax(tf.tensor2d(rows), -1).dataSync()));
  });
});

describe('weightedMatchCount', () => {
  const pred = [0.1, 0.8, 0.1, 0.6, 0.3, 0.1, 0.2, 0.2, 0.6];
  // Top classes: 1, 0, 2.

  it('counts rows whose top score is the class index, labels compared as floats', () => {
    expect(weightedMatchCount({ pred, labels: [1, 0, 1], rows: 3, classes: 3, labelsAreScores: false })).toBe(2);
    expect(weightedMatchCount({ pred, labels: [1, 0.5, 2], rows: 3, classes: 3, labelsAreScores: false })).toBe(2);
  });

  it('weights each matching row', () => {
    expect(weightedMatchCount({ pred, labels: [1, 0, 1], weights: [0.5, 2, 7], rows: 3, classes: 3, labelsAreScores: false })).toBe(2.5);
  });

  it("takes score labels' top entry as the class (CategoricalAccuracy)", () => {
    const labels = [0, 1, 0, 0.2, 0.7, 0.1, 1, 0, 0];
    expect(weightedMatchCount({ pred, labels, rows: 3, classes: 3, labelsAreScores: true })).toBe(1);
  });
});
