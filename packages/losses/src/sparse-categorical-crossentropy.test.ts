import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { BACKENDS, expectClose, expectNoLeak, mean, sum, useBackend } from '../test/helpers.js';
import { SparseCategoricalCrossentropy, sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { get, serialize } from './registry.js';

const lse = (x: number[]) => Math.log(sum(x.map(Math.exp)));
// The data of Keras 3's SparseCategoricalCrossentropyTest (keras/src/losses/losses_test.py).
const Y = [0, 1, 2];
const P = [[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]];
const L = [[8, 1, 1], [0, 9, 1], [2, 3, 5]];
// Row 2 sums to 1.99, so Keras renormalises: -log(0.89 / 1.99).
const PROB_ROWS = [-Math.log(0.9), -Math.log(0.89 / 1.99), -Math.log(0.94)];
const LOGIT_ROWS = L.map((x, i) => lse(x) - x[Y[i]!]!);

describe.each(BACKENDS)('SparseCategoricalCrossentropy on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches the Keras API docs example (SparseCategoricalCrossentropy docstring)', () => {
    const p = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
    const r = [-Math.log(0.95), -Math.log(0.1)]; // printed [0.0513, 2.303]
    expectClose(sparseCategoricalCrossentropy([1, 2], p), r);
    expectClose(new SparseCategoricalCrossentropy().compute([1, 2], p), mean(r)); // 1.177
    expectClose(new SparseCategoricalCrossentropy().compute([1, 2], p, [0.3, 0.7]), (0.3 * r[0]! + 0.7 * r[1]!) / 2); // 0.814
    expectClose(new SparseCategoricalCrossentropy({ reduction: 'sum' }).compute([1, 2], p), sum(r)); // 2.354
  });

  it('matches Keras losses_test.py (probabilities, int32 and float labels, [n, 1] labels)', () => {
    const scce = new SparseCategoricalCrossentropy();
    expectClose(scce.compute(tf.tensor1d(Y, 'int32'), P), mean(PROB_ROWS)); // 0.3239
    expectClose(scce.compute([[0], [1], [2]], P, 2.3), 2.3 * mean(PROB_ROWS)); // 0.7449
    const w = [1.2, 3.4, 5.6];
    expectClose(scce.compute([[0], [1], [2]], P, [[1.2], [3.4], [5.6]]), sum(PROB_ROWS.map((v, i) => v * w[i]!)) / 3); // 1.0696
  });

  it('matches Keras losses_test.py (from_logits)', () => {
    const scce = new SparseCategoricalCrossentropy({ fromLogits: true });
    expectClose(scce.compute(Y, L), mean(LOGIT_ROWS)); // 0.0573
    expectClose(scce.compute([[0], [1], [2]], L, 2.3), 2.3 * mean(LOGIT_ROWS)); // 0.1317
    const none = new SparseCategoricalCrossentropy({ fromLogits: true, reduction: null });
    expectClose(none.compute([[0], [1], [2]], L), [0.001822, 0.000459, 0.169846], 1e-3); // test_no_reduction
  });

  it('ignore_class: 0 for ignored entries, mean over the valid ones (Keras test_ignore_class)', () => {
    const logits = [[[0.854, 0.698, 0.598], [0.088, 0.86, 0.018]]];
    const valid = lse([0.088, 0.86, 0.018]) - 0.018; // 1.480129
    const none = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: -1, reduction: null });
    expectClose(none.compute([[-1, 2]], logits), [0, valid]);
    expectClose(none.compute([[[-1], [2]]], logits), [0, valid]);
    // Default reduction: sum / number of VALID entries (1), not / 2.
    const avg = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: -1 });
    expectClose(avg.compute([[-1, 2]], logits), valid);
    expectClose(avg.compute([[-1, 2]], logits, [[3, 5]]), 5 * valid);
  });

  it('is finite when the true class has probability 0 exactly', () => {
    expectClose(sparseCategoricalCrossentropy([0], [[0, 1]]), [-Math.log(1e-7)], 1e-3);
  });

  it('rejects labels outside [0, classes), naming the loss and the value', () => {
    const scce = new SparseCategoricalCrossentropy();
    expect(() => scce.compute([0, 3], [[0.5, 0.5, 0], [0.2, 0.3, 0.5]])).toThrow(InvalidArgumentError);
    expect(() => scce.compute([0, 3], [[0.5, 0.5, 0], [0.2, 0.3, 0.5]])).toThrow(
      /SparseCategoricalCrossentropy: expected integer class labels in \[0, 3\).*received 3 at flat index 1/,
    );
    expect(() => scce.compute([-1], [[0.5, 0.5]])).toThrow(/received -1/);
    expect(() => scce.compute([0.5], [[0.5, 0.5]])).toThrow(/received 0.5/);
    // The check can be turned off once labels are known good (no read-back per batch).
    scce.validateLabels = false;
    scce.compute([1], [[0.5, 0.5]]).dispose();
  });

  it('rejects label shapes that do not match y_pred without its class axis', () => {
    expect(() => sparseCategoricalCrossentropy([0, 1, 2], [[0.5, 0.5]])).toThrow(ShapeError);
    expect(() => sparseCategoricalCrossentropy([0, 1, 2], [[0.5, 0.5]])).toThrow(/y_true \[3\] and y_pred \[1, 2\]/);
  });
});

describe('SparseCategoricalCrossentropy config and cost', () => {
  beforeAll(() => useBackend('cpu'));
  it('round-trips from_logits and ignore_class (validateLabels is ours, not in the config)', () => {
    const s = new SparseCategoricalCrossentropy({ name: 'scce', fromLogits: true, ignoreClass: 255, validateLabels: false });
    expect(s.getConfig()).toEqual({ name: 'scce', reduction: 'sum_over_batch_size', from_logits: true, ignore_class: 255 });
    expect(get(serialize(s)).getConfig()).toEqual(s.getConfig());
    expect(new SparseCategoricalCrossentropy().getConfig()).toEqual({
      name: 'sparse_categorical_crossentropy',
      reduction: 'sum_over_batch_size',
      from_logits: false,
      ignore_class: null,
    });
  });

  it('the MNIST hot path (batch 32, 10 classes) is a short op chain with no leaks', () => {
    const labels = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 10), 'int32');
    const probs = tf.softmax(tf.randomNormal([32, 10], 0, 1, 'float32', 1));
    const scce = new SparseCategoricalCrossentropy({ validateLabels: false });
    scce.compute(labels, probs).dispose(); // warm up
    const before = tf.memory().numTensors;
    const info = tf.tidy(() => {
      const start = tf.engine().state.numTensors;
      const out = scce.compute(labels, probs);
      return { out, created: tf.engine().state.numTensors - start };
    });
    expect(info.created).toBeLessThanOrEqual(16); // a dozen small kernels, not a per-element loop
    info.out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectNoLeak(() => new SparseCategoricalCrossentropy({ ignoreClass: -1 }).compute([[0, -1]], [[[0.4, 0.6], [0.5, 0.5]]]).dispose());
    tf.dispose([labels, probs]);
  });
});
