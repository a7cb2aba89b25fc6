import { describe, expect, it } from 'vitest';
import { CosineDecay } from './cosine-decay.js';
import { get, serialize } from './registry.js';

// Reference formulas and steps: keras/src/optimizers/schedules/learning_rate_schedule_test.py (CosineDecayTest).
function cosineRef(step: number, decaySteps: number, alpha = 0): number {
  const fraction = Math.min(step, decaySteps) / decaySteps;
  return (1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + alpha;
}

describe('CosineDecay', () => {
  it('decays (Keras test_decay and test_alpha, steps 0..1250)', () => {
    for (let step = 0; step < 1500; step += 250) {
      const plain = new CosineDecay({ initialLearningRate: 1, decaySteps: 1000 });
      const withAlpha = new CosineDecay({ initialLearningRate: 1, decaySteps: 1000, alpha: 0.1 });
      expect(plain.valueAt(step)).toBeCloseTo(cosineRef(step, 1000), 6);
      expect(withAlpha.valueAt(step)).toBeCloseTo(cosineRef(step, 1000, 0.1), 6);
    }
    // Hand-computed: halfway, 0.5 * (1 + cos(pi / 2)) = 0.5.
    expect(new CosineDecay({ initialLearningRate: 0.2, decaySteps: 10 }).valueAt(5)).toBeCloseTo(0.1, 7);
  });

  it('warms up linearly from the initial rate, then decays from the target (Keras test_warmup_decay)', () => {
    const s = new CosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 10, warmupSteps: 2000 });
    for (let step = 0; step < 3000; step += 250) {
      const want = step < 2001 ? (step / 2000) * 10 : 10 * cosineRef(step - 2000, 1000);
      expect(s.valueAt(step)).toBeCloseTo(want, 4);
    }
  });

  it('warmup adds the initial rate, as the Keras implementation does (not its docstring)', () => {
    // Hand-computed: 0.1 + (1.1 - 0.1) * 5 / 10 = 0.6; the docstring's sketch would give 0.5.
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupTarget: 1.1, warmupSteps: 10 });
    expect(s.valueAt(5)).toBeCloseTo(0.6, 6);
    expect(s.valueAt(10)).toBeCloseTo(1.1, 6); // decay phase starts at the target
    expect(s.valueAt(15)).toBeCloseTo(0.55, 6);
    expect(s.valueAt(1e6)).toBeCloseTo(0, 6);
  });

  it('round-trips with warmup_target null by default', () => {
    const s = new CosineDecay({ initialLearningRate: 0.05, decaySteps: 10 });
    expect(s.getConfig()).toEqual({
      initial_learning_rate: 0.05, decay_steps: 10, alpha: 0, name: 'CosineDecay', warmup_target: null,
      warmup_steps: 0,
    });
    const w = new CosineDecay({
      initialLearningRate: 0.05, decaySteps: 10, alpha: 0.1, warmupTarget: 0.2, warmupSteps: 2, name: 'my_cd',
    });
    expect(get(serialize(w)).getConfig()).toEqual(w.getConfig());
    expect(get(serialize(s)).getConfig()).toEqual(s.getConfig());
  });
});
