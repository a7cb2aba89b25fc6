import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES } from '@neuralkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { withoutKernels } from '../../test/without-kernels.js';
import { CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy.js';
import type { Metric } from './metric.js';

afterAll(() => activate('cpu'));

const KERNEL = [KERNEL_NAMES.accumulateMatches];

/** Scores with ties and a NaN row; labels in range, plus one float label that matches nothing. */
function batches(): Array<{ pred: tf.Tensor; sparse: tf.Tensor; onehot: tf.Tensor; weights: tf.Tensor }> {
  return [0, 1, 2].map((b) => {
    const pred = tf.tidy(() => {
      const rounded = tf.round(tf.mul(tf.randomUniform([40, 6], 0, 1, 'float32', 11 + b), 4));
      const nanRow = tf.concat([tf.tensor2d([[NaN, 0, 1, 0, 0, 0]]), tf.slice(rounded, [1, 0], [39, 6])]);
      return nanRow;
    });
    const labelValues = Array.from({ length: 40 }, (_, i) => (i * 7 + b) % 6);
    const sparse = b === 2 ? tf.tensor2d(labelValues.map((v, i) => [i === 5 ? 2.5 : v]), [40, 1]) : tf.tensor1d(labelValues, 'int32');
    const onehot = tf.oneHot(tf.tensor1d(labelValues, 'int32'), 6);
    const weights = tf.tensor1d(labelValues.map((v, i) => (i % 5) * 0.25 + v / 10));
    return { pred, sparse, onehot, weights };
  });
}

describe.each(['cpu', 'wasm'] as const)('accuracy metrics through accumulateMatches on %s', (backend) => {
  it("give the generic ops' figures, weighted and unweighted, in one kernel a batch", async () => {
    await activate(backend);
    expect(tf.getKernel(KERNEL[0]!, backend)).toBeDefined();
    const data = batches();
    const before = tf.memory().numTensors;
    const run = (weighted: boolean) => {
      const sparse = new SparseCategoricalAccuracy();
      const categorical = new CategoricalAccuracy();
      for (const b of data) {
        sparse.updateState(b.sparse, b.pred, weighted ? b.weights : undefined);
        categorical.updateState(b.onehot, b.pred, weighted ? b.weights : undefined);
      }
      const figures = [sparse.result(), categorical.result()];
      for (const m of [sparse, categorical] as Metric[]) m.resetState();
      return figures;
    };
    for (const weighted of [false, true]) {
      const fast = run(weighted);
      const generic = await withoutKernels(KERNEL, () => run(weighted));
      expect(fast[0]).toBeGreaterThan(0.05);
      for (let i = 0; i < 2; i++) expect(fast[i]).toBeCloseTo(generic[i]!, 6);
    }
    expect(tf.memory().numTensors).toBe(before);

    const profile = await tf.profile(() => new SparseCategoricalAccuracy().updateState(data[0]!.sparse, data[0]!.pred));
    expect(profile.kernels.map((k) => k.name)).toEqual([KERNEL[0]]);
    tf.dispose(data.flatMap((b) => [b.pred, b.sparse, b.onehot, b.weights]));
  });

  it('leaves other shapes to the generic ops', async () => {
    await activate(backend);
    const metric = new SparseCategoricalAccuracy();
    // Rank-3 scores: Keras takes the argmax on the last axis per position.
    metric.updateState(tf.tensor2d([[1, 0], [2, 2]]), tf.tensor3d([[[0.9, 0.1, 0], [0, 1, 0]], [[0, 0, 1], [0, 1, 0]]]));
    expect(metric.result()).toBeCloseTo(0.25, 6); // only [0, 0, 1] → 2 matches
  });
});
