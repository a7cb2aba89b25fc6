import * as tf from '@tensorflow/tfjs-core';
import { allClose, flat, kerasLossCases, type KerasLossCase, type Nested } from '@neuralkit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../test/helpers.js';
import { get } from './registry.js';

const tensor = (values: Nested): tf.Tensor => tf.tensor(values as number[]);

/** Keras's `loss_obj(y_true, y_pred, sample_weight)`, read back. */
function run(c: KerasLossCase): { shape: number[]; values: number[] } {
  const loss = get({ class_name: c.className, config: c.config ?? {} });
  return tf.tidy(() => {
    const out = loss.compute(tensor(c.yTrue), tensor(c.yPred), c.sampleWeight === undefined ? undefined : tensor(c.sampleWeight));
    return { shape: out.shape, values: Array.from(out.dataSync()) };
  });
}

describe.each(BACKENDS)("Keras's loss tests on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(kerasLossCases.map((c) => [c.source, c] as const))('%s', (_source, c) => {
    const before = tf.memory().numTensors;
    const { shape, values } = run(c);
    const expected = flat(c.expected);
    expect(shape.reduce((a, b) => a * b, 1), 'size').toBe(expected.length);
    expect(allClose(values, expected, c.atol, c.rtol), `got [${values.join(', ')}], Keras [${expected.join(', ')}]`).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
