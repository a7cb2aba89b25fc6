import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

export interface CosineDecayOptions {
  initialLearningRate: number;
  /** Steps of the cosine decay (after the warmup). */
  decaySteps: number;
  /** Final rate as a fraction of the decay's starting rate. Default 0. */
  alpha?: number;
  /** Rate reached at the end of the warmup; null (default) means no warmup. */
  warmupTarget?: number | null;
  /** Default 0. */
  warmupSteps?: number;
  name?: string;
}

/**
 * Cosine decay from the initial rate (or, with a warmup, from `warmupTarget`) down to
 * `alpha` times it over `decaySteps`, as Keras `CosineDecay` computes it. The warmup is
 * the implementation's linear ramp `initial + (target - initial) * step / warmupSteps`
 * (the Keras docstring's sketch omits `+ initial`); the decay starts at `step == warmupSteps`.
 */
export class CosineDecay extends LearningRateSchedule {
  static readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;
  readonly name: string;

  constructor(options: CosineDecayOptions) {
    super();
    const o = options ?? ({} as CosineDecayOptions);
    const c = new ScheduleChecks('CosineDecay', options, [
      'initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps', 'name',
    ]);
    this.initialLearningRate = c.finite('initial_learning_rate', o.initialLearningRate);
    this.decaySteps = c.positive('decay_steps', o.decaySteps);
    this.alpha = c.finite('alpha', o.alpha, 0);
    this.warmupTarget = o.warmupTarget === undefined || o.warmupTarget === null
      ? null
      : c.finite('warmup_target', o.warmupTarget);
    this.warmupSteps = c.nonNegative('warmup_steps', o.warmupSteps, 0);
    this.name = c.string('name', o.name, 'CosineDecay');
  }

  valueAt(step: number): number {
    checkStep('CosineDecay', step);
    if (this.warmupTarget === null) {
      return Math.fround(this.decayed(Math.min(step, this.decaySteps), this.initialLearningRate));
    }
    const s = Math.min(step, this.decaySteps + this.warmupSteps);
    if (s < this.warmupSteps) {
      const fraction = s / this.warmupSteps;
      return Math.fround((this.warmupTarget - this.initialLearningRate) * fraction + this.initialLearningRate);
    }
    return Math.fround(this.decayed(s - this.warmupSteps, this.warmupTarget));
  }

  private decayed(step: number, from: number): number {
    const cosine = 0.5 * (1 + Math.cos(Math.PI * (step / this.decaySteps)));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      alpha: this.alpha,
      name: this.name,
      warmup_target: this.warmupTarget,
      warmup_steps: this.warmupSteps,
    };
  }
}
