import { describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import type { StoredOptimizerWeight } from './keras-file.js';
import { alignOptimizerWeights, tfKerasOptimizerNames } from './optimizer-weights.js';
import { readKerasModelFile } from './read-model-file.js';

const scalar = (name: string, v: number): StoredOptimizerWeight => ({ name, shape: [], dtype: 'int64', data: Float64Array.of(v) });
const filled = (name: string, shape: number[], v: number): StoredOptimizerWeight => ({
  name, shape, dtype: 'float32', data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(v),
});

describe('alignOptimizerWeights', () => {
  it('reorders OptimizerV2 slot-major weights (all m, then all v) into per-variable order', () => {
    // Variables kernel [2,1] and bias [1]; m slots hold 1, 2 and v slots 3, 4 → expect m_k, v_k, m_b, v_b = 1, 3, 2, 4.
    const aligned = alignOptimizerWeights(
      [scalar('Adam/iter:0', 7), filled('Adam/d/kernel/m:0', [2, 1], 1), filled('Adam/d/bias/m:0', [1], 2),
        filled('Adam/d/kernel/v:0', [2, 1], 3), filled('Adam/d/bias/v:0', [1], 4)],
      [[2, 1], [1]], 2,
    );
    expect('slots' in aligned && aligned.iterations).toBe(7);
    expect('slots' in aligned && aligned.slots.map((s) => s.data[0])).toEqual([1, 3, 2, 4]);
  });

  it('keeps tf.keras 2.11+ order and drops Keras 3 learning_rate', () => {
    const v = [filled('Adam/m/d/kernel:0', [2], 1), filled('Adam/v/d/kernel:0', [2], 2)];
    const a = alignOptimizerWeights([scalar('iteration:0', 3), ...v], [[2]], 2);
    expect('slots' in a && a.slots.map((s) => s.data[0])).toEqual([1, 2]);
    const lr = { ...filled('adam/learning_rate', [], 0.001), dtype: 'float32' as const };
    const b = alignOptimizerWeights([scalar('adam/iteration', 3), lr, ...v], [[2]], 2);
    expect('slots' in b && [b.iterations, ...b.slots.map((s) => s.data[0])]).toEqual([3, 1, 2]);
  });

  it('explains a mismatch instead of restoring the wrong state', () => {
    expect(alignOptimizerWeights([scalar('iteration:0', 1), filled('x', [3], 0)], [[2]], 1)).toEqual({
      problem: 'x has shape [3], expected [2]',
    });
    expect(alignOptimizerWeights([scalar('iteration:0', 1)], [[2]], 2)).toEqual({
      problem: 'expected 2 slot variables (1 variables × 2), received 0',
    });
  });

  it('aligns all four Keras fixtures (Adam: momentum, velocity per variable)', async () => {
    const cases: Array<[string, number[][], number]> = [
      [FILES.tfkeras224, [[784, 10], [10]], 18750],
      [FILES.tfkeras215, [[784, 128], [128], [128, 10], [10]], 18750],
      [FILES.keras333, [[784, 128], [128], [128, 10], [10]], 18750],
      [FILES.keras310, [[784, 128], [128], [128, 32], [32], [32, 10], [10]], 15000],
    ];
    for (const [name, shapes, iterations] of cases) {
      const file = await readKerasModelFile(fixtureBytes(name));
      const aligned = alignOptimizerWeights(file.optimizerWeights!, shapes, 2);
      if (!('slots' in aligned)) throw new Error(`${name}: ${aligned.problem}`);
      expect(aligned.iterations).toBe(iterations);
      // Velocities (second slot of each variable) are running means of squares: never negative.
      aligned.slots.filter((_, i) => i % 2 === 1).forEach((s) => expect(Math.min(...s.data)).toBeGreaterThanOrEqual(0));
      // The momentums are signed, so some value below zero shows the order is not swapped.
      expect(Math.min(...aligned.slots[0]!.data)).toBeLessThan(0);
    }
  });

  it('names weights as tf.keras 2.15 does', () => {
    expect(tfKerasOptimizerNames('Adam', ['dense/kernel'], ['momentum', 'velocity'])).toEqual([
      'iteration:0', 'Adam/m/dense/kernel:0', 'Adam/v/dense/kernel:0',
    ]);
  });
});
