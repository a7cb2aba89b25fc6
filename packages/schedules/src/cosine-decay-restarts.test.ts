import { describe, expect, it } from 'vitest';
import { CosineDecayRestarts } from './cosine-decay-restarts.js';
import { get, serialize } from './registry.js';

// Reference loop: keras/src/optimizers/schedules/learning_rate_schedule_test.py (np_cosine_decay_restarts).
function restartsRef(step: number, decaySteps: number, tMul = 2, mMul = 1, alpha = 0): number {
  let s = step;
  let d = decaySteps;
  let fac = 1;
  while (s >= d) {
    s -= d;
    d *= tMul;
    fac *= mMul;
  }
  return (1 - alpha) * fac * 0.5 * (1 + Math.cos((Math.PI * s) / d)) + alpha;
}

describe('CosineDecayRestarts', () => {
  it('matches Keras test_decay, test_alpha, test_mmul, test_tmul (steps 0..1250)', () => {
    const variants = [{}, { alpha: 0.1 }, { mMul: 0.9 }, { tMul: 1 }];
    for (const v of variants) {
      const s = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 1000, ...v });
      for (let step = 0; step < 1500; step += 250) {
        expect(s.valueAt(step)).toBeCloseTo(restartsRef(step, 1000, v.tMul, v.mMul, v.alpha), 6);
      }
    }
  });

  it('restarts at 10, 30 and 70 steps with t_mul 2 and m_mul 0.5', () => {
    const s = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 10, mMul: 0.5 });
    // Hand-computed: at each restart the cosine is back at 1, times 0.5 ** i.
    expect(s.valueAt(10)).toBeCloseTo(0.5, 6);
    expect(s.valueAt(30)).toBeCloseTo(0.25, 6);
    expect(s.valueAt(70)).toBeCloseTo(0.125, 6);
    for (let step = 0; step < 150; step += 7) {
      expect(s.valueAt(step)).toBeCloseTo(restartsRef(step, 10, 2, 0.5), 5);
    }
  });

  it('round-trips (default name "SGDRDecay")', () => {
    const s = new CosineDecayRestarts({ initialLearningRate: 0.05, firstDecaySteps: 10, alpha: 0.1, tMul: 3, mMul: 4 });
    expect(serialize(s)).toEqual({
      class_name: 'CosineDecayRestarts',
      config: { initial_learning_rate: 0.05, first_decay_steps: 10, t_mul: 3, m_mul: 4, alpha: 0.1, name: 'SGDRDecay' },
    });
    expect(get(serialize(s)).getConfig()).toEqual(s.getConfig());
  });
});
