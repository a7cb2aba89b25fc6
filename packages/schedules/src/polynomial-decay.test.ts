import { describe, expect, it } from 'vitest';
import { PolynomialDecay } from './polynomial-decay.js';
import { get, serialize } from './registry.js';

// Reference values: keras/src/optimizers/schedules/learning_rate_schedule_test.py (LinearDecayTest, SqrtDecayTest).
describe('PolynomialDecay', () => {
  const lr = 0.05;
  const endLr = 0.001;
  const make = (o: Partial<ConstructorParameters<typeof PolynomialDecay>[0]> = {}) =>
    new PolynomialDecay({ initialLearningRate: lr, decaySteps: 10, endLearningRate: endLr, ...o });

  it('linear: halfway, end, beyond the end', () => {
    expect(make({ endLearningRate: 0 }).valueAt(5)).toBeCloseTo(lr * 0.5, 7);
    expect(make().valueAt(5)).toBeCloseTo((lr + endLr) * 0.5, 7);
    expect(make().valueAt(10)).toBeCloseTo(endLr, 7);
    expect(make().valueAt(15)).toBeCloseTo(endLr, 7);
  });

  it('cycle stretches the horizon to the next multiple (step 15 -> 20)', () => {
    // Hand-computed: p = 15 / 20 = 0.75, (0.05 - 0.001) * 0.25 + 0.001 = 0.01325.
    expect(make({ cycle: true }).valueAt(15)).toBeCloseTo(0.01325, 7);
    expect(make({ cycle: true, power: 0.5 }).valueAt(15)).toBeCloseTo((lr - endLr) * 0.25 ** 0.5 + endLr, 7);
    // Keras test_begin_with_cycle: step 0 is the start of the first period.
    expect(new PolynomialDecay({ initialLearningRate: 0.001, decaySteps: 10, cycle: true }).valueAt(0)).toBeCloseTo(
      0.001, 8,
    );
  });

  it('sqrt power', () => {
    expect(make({ power: 0.5, endLearningRate: 0 }).valueAt(5)).toBeCloseTo(lr * 0.5 ** 0.5, 7);
    expect(make({ power: 0.5 }).valueAt(5)).toBeCloseTo((lr - endLr) * 0.5 ** 0.5 + endLr, 7);
    expect(make({ power: 0.5 }).valueAt(15)).toBeCloseTo(endLr, 7);
  });

  it('round-trips with the Keras defaults', () => {
    const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 100 });
    expect(s.getConfig()).toEqual({
      initial_learning_rate: 0.1, decay_steps: 100, end_learning_rate: 0.0001, power: 1, cycle: false,
      name: 'PolynomialDecay',
    });
    expect(get(serialize(s)).getConfig()).toEqual(s.getConfig());
  });
});
