import { describe, expect, it } from 'vitest';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';
import { get, serialize } from './registry.js';

// Reference values: keras/src/optimizers/schedules/learning_rate_schedule_test.py (PiecewiseConstantDecayTest).
describe('PiecewiseConstantDecay', () => {
  it('takes the earlier value on a boundary (Keras test_piecewise_values)', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [100, 110, 120], values: [1.0, 0.1, 0.01, 0.001] });
    const cases: Array<[number, number]> = [
      [-999, 1.0], [100, 1.0], [105, 0.1], [110, 0.1], [120, 0.01], [999, 0.001],
    ];
    for (const [step, want] of cases) expect(s.valueAt(step)).toBeCloseTo(want, 7);
  });

  it('matches Keras test_boundary_values', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [1, 2, 3], values: [0.4, 0.5, 0.6, 0.7] });
    expect([0, 1, 2, 3, 4].map((x) => s.valueAt(x))).toEqual([0.4, 0.4, 0.5, 0.6, 0.7].map(Math.fround));
  });

  it('round-trips its Keras config (default name "PiecewiseConstant")', () => {
    const s = new PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 2, 3] });
    expect(serialize(s)).toEqual({
      class_name: 'PiecewiseConstantDecay',
      config: { boundaries: [10, 20], values: [1, 2, 3], name: 'PiecewiseConstant' },
    });
    expect(get(serialize(s)).getConfig()).toEqual(s.getConfig());
  });

  it('rejects mismatched lengths and unordered boundaries', () => {
    expect(() => new PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow(
      /one more value than boundaries \(3\), received 2/,
    );
    expect(() => new PiecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] })).toThrow(/strictly increasing/);
  });
});
