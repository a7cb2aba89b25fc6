import * as tf from '@tensorflow/tfjs-core';
import { allClose, flat, kerasMetricCases, type KerasMetricCase, type Nested } from '@neuralkit/testing';
import { describe, expect, it } from 'vitest';
import { activate } from '../../test/backend.js';
import { get } from './registry.js';

const tensor = (values: Nested): tf.Tensor => tf.tensor(values as number[]);

/** Builds the metric from Keras's config, runs the updates, reads `result()`. */
function run(c: KerasMetricCase): number[] {
  const metric = get({ class_name: c.className, config: c.config ?? {} });
  try {
    for (const u of c.updates) {
      tf.tidy(() => {
        const weight = u.sampleWeight === undefined ? undefined : tensor(u.sampleWeight);
        // Keras's `Mean.update_state(values, sample_weight)`
        if (u.values !== undefined) metric.updateState(tensor(u.values), weight as tf.Tensor);
        else metric.updateState(tensor(u.yTrue), tensor(u.yPred), weight);
      });
    }
    const result = metric.resultTensor();
    const values = Array.from(result.dataSync());
    result.dispose();
    return values;
  } finally {
    metric.resetState();
  }
}

describe.each(['cpu', 'wasm'] as const)("Keras's metric tests on %s", (backend) => {
  it.each(kerasMetricCases.map((c) => [c.source, c] as const))('%s', async (_source, c) => {
    await activate(backend);
    const before = tf.memory().numTensors;
    const actual = run(c);
    const expected = flat(c.expected);
    expect(allClose(actual, expected, c.atol, c.rtol), `got [${actual.join(', ')}], Keras [${expected.join(', ')}]`).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
