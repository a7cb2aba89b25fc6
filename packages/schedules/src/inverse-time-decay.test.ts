import { describe, expect, it } from 'vitest';
import { InverseTimeDecay } from './inverse-time-decay.js';
import { get, serialize } from './registry.js';

// Reference values: keras/src/optimizers/schedules/learning_rate_schedule_test.py (InverseTimeDecayTest).
describe('InverseTimeDecay', () => {
  it('decays as 0.1 / (1 + i / 10 * 0.96) (Keras test_decay)', () => {
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96 });
    for (let i = 0; i <= 10; i++) expect(s.valueAt(i)).toBeCloseTo(0.1 / (1 + (i / 10) * 0.96), 7);
  });

  it('staircase (Keras test_staircase)', () => {
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96, staircase: true });
    for (let i = 0; i <= 10; i++) expect(s.valueAt(i)).toBeCloseTo(0.1 / (1 + 0.96 * Math.floor(i / 10)), 7);
    // Hand-computed: step 25 -> floor(2.5) = 2 -> 0.1 / 2.92 = 0.0342466.
    expect(s.valueAt(25)).toBeCloseTo(0.0342466, 6);
  });

  it('round-trips', () => {
    const s = new InverseTimeDecay({
      initialLearningRate: 0.05, decaySteps: 10, decayRate: 0.96, staircase: true, name: 'my_itd',
    });
    expect(get(serialize(s)).getConfig()).toEqual(s.getConfig());
    expect(s.getConfig().name).toBe('my_itd');
  });
});
