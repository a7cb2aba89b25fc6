import { describe, expect, it } from 'vitest';
import { ExponentialDecay } from './exponential-decay.js';
import { get, serialize } from './registry.js';

// Reference values: keras/src/optimizers/schedules/learning_rate_schedule_test.py (ExponentialDecayTest).
describe('ExponentialDecay', () => {
  it('decays continuously (Keras test_continuous: 0.05 * 0.96 ** (5 / 10))', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 10, decayRate: 0.96 });
    expect(s.valueAt(5)).toBeCloseTo(0.05 * 0.96 ** 0.5, 7);
    // Hand-computed: 0.05 * 0.96 ** 2 = 0.05 * 0.9216 = 0.04608 at step 20.
    expect(s.valueAt(20)).toBeCloseTo(0.04608, 7);
    expect(s.valueAt(0)).toBeCloseTo(0.05, 8);
  });

  it('staircase keeps the rate until a whole period ends (Keras test_staircase)', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.96, staircase: true });
    expect(s.valueAt(1)).toBeCloseTo(0.1, 7);
    expect(s.valueAt(2)).toBeCloseTo(0.1, 7);
    expect(s.valueAt(3)).toBeCloseTo(0.096, 7);
    expect(s.valueAt(100)).toBeCloseTo(0.1 * 0.96 ** Math.floor(100 / 3), 7);
  });

  it("the lecture's schedule: 0.1 until step 100000, then 0.096", () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100000, decayRate: 0.96, staircase: true });
    expect(s.valueAt(99999)).toBe(Math.fround(0.1));
    expect(s.valueAt(100000)).toBe(Math.fround(0.096));
  });

  it('round-trips its Keras config through get/serialize', () => {
    const s = new ExponentialDecay({
      initialLearningRate: 0.05, decaySteps: 10, decayRate: 0.96, staircase: true, name: 'my_ed',
    });
    const ser = serialize(s);
    expect(ser).toEqual({
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96, staircase: true, name: 'my_ed' },
    });
    const back = get(ser);
    expect(back.getConfig()).toEqual(s.getConfig());
    expect(back.valueAt(25)).toBe(s.valueAt(25));
  });

  it('rejects bad options naming the schedule and the value', () => {
    expect(() => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 })).toThrow(
      /decay_steps.*ExponentialDecay.*received 0/,
    );
    expect(() => new ExponentialDecay({ initialLearningRate: NaN, decaySteps: 1, decayRate: 0.9 })).toThrow(
      /initial_learning_rate.*ExponentialDecay.*NaN/,
    );
    expect(
      () => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.9, stairs: true } as never),
    ).toThrow(/Unknown option "stairs" for ExponentialDecay/);
    expect(() => get('ExponentialDecay')).toThrow(/initial_learning_rate.*undefined/);
    expect(() => get('ExponentialDecayy')).toThrow(/Unknown learning rate schedule: "ExponentialDecayy"/);
  });
});
