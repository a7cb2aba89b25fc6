import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { Mean } from '../metrics/mean.js';
import { CompiledState } from './compile.js';
import { EpochMetrics, FOLD_BATCHES } from './epoch-metrics.js';

beforeAll(() => activate('cpu'));

/** 40 batches of 32 (the last of 7): logits, sparse labels, per-sample losses, sample weights. */
function batches(): Array<{ y: tf.Tensor; logits: tf.Tensor; perSample: tf.Tensor; weights: tf.Tensor }> {
  return Array.from({ length: 40 }, (_, b) => {
    const n = b === 39 ? 7 : 32;
    return tf.tidy(() => ({
      y: tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7 + b) % 5), 'int32'),
      logits: tf.randomNormal([n, 5], 0, 2, 'float32', 100 + b),
      perSample: tf.randomUniform([n], 0, 3, 'float32', 200 + b),
      weights: tf.randomUniform([n], 0, 1, 'float32', 300 + b),
    }));
  });
}

const compiled = () =>
  new CompiledState({
    optimizer: 'sgd',
    loss: 'sparse_categorical_crossentropy',
    metrics: ['accuracy', 'sparse_top_k_categorical_accuracy'],
    weightedMetrics: ['sparse_categorical_crossentropy'],
  });

/** The figures as one update per batch gives them (what folding must reproduce). */
async function perBatchFigures(data: ReturnType<typeof batches>, upTo: number): Promise<number[]> {
  const state = compiled();
  const loss = new Mean({ name: 'loss' });
  const metrics = state.createMetrics(data[0]!.y.shape, data[0]!.logits.shape);
  for (const { y, logits, perSample, weights } of data.slice(0, upTo)) {
    loss.updateState(perSample);
    const probs = tf.softmax(logits);
    for (const { metric, weighted } of metrics) metric.updateState(y, probs, weighted ? weights : undefined);
    probs.dispose();
  }
  const figures = [loss.result(), ...metrics.map(({ metric }) => metric.result())];
  loss.resetState();
  metrics.forEach(({ metric }) => metric.resetState());
  return figures;
}

describe('EpochMetrics folds batches together', () => {
  it('gives the figures of one update per batch, at every read, running the metric kernels once per fold', async () => {
    const before = tf.memory().numTensors;
    const data = batches();
    const epoch = new EpochMetrics(compiled());
    const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
    const runKernel = engine.runKernel;
    let argMaxes = 0;
    engine.runKernel = function (name: string, ...rest: unknown[]) {
      // The accuracy's kernel on this backend, or the argmax of the generic ops.
      if (name === 'NeuralkitAccumulateMatches' || name === 'ArgMax') argMaxes++;
      return runKernel.call(this, name, ...rest);
    };
    const reads: Array<[number, number[]]> = [];
    try {
      for (let b = 0; b < data.length; b++) {
        const { y, logits, perSample, weights } = data[b]!;
        // As in a training step: the batch's tensors are made inside the step's scope.
        tf.tidy(() => epoch.update({ y: tf.clone(y), sampleWeight: tf.clone(weights) }, { perSample: tf.clone(perSample) }, tf.clone(logits), true));
        if (b === 20) reads.push([21, Object.values(await epoch.readLogs())]);
      }
      reads.push([40, Object.values(await epoch.readLogs())]);
    } finally {
      engine.runKernel = runKernel;
    }
    for (const [upTo, got] of reads) {
      const want = await perBatchFigures(data, upTo);
      expect(got).toHaveLength(4);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    }
    // Accuracy takes one kernel per fold (after 16 batches, at the read after 21, after 37, at the
    // end): 4, where one update per batch takes 40.
    expect(argMaxes).toBeGreaterThan(0);
    expect(argMaxes).toBeLessThanOrEqual(Math.ceil(40 / FOLD_BATCHES) + 1);
    epoch.dispose();
    tf.dispose(data.flatMap((d) => Object.values(d)));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees the batches still waiting when reset or disposed', () => {
    const all = batches();
    tf.dispose(all.slice(5).flatMap((d) => Object.values(d)));
    const data = all.slice(0, 5);
    const before = tf.memory().numTensors;
    const epoch = new EpochMetrics(compiled());
    for (const { y, logits, perSample, weights } of data) {
      tf.tidy(() => epoch.update({ y: tf.clone(y), sampleWeight: tf.clone(weights) }, { perSample: tf.clone(perSample) }, tf.clone(logits), true));
    }
    epoch.reset();
    const afterReset = tf.memory().numTensors;
    tf.tidy(() => epoch.update({ y: tf.clone(data[0]!.y) }, { perSample: tf.clone(data[0]!.perSample) }, tf.clone(data[0]!.logits), true));
    epoch.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(afterReset);
    tf.dispose(data.flatMap((d) => Object.values(d)));
    expect(tf.memory().numTensors).toBe(before - 20);
  });
});
