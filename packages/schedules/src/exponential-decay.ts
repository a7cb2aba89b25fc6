import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

export interface ExponentialDecayOptions {
  initialLearningRate: number;
  /** Positive: the step count over which the rate is multiplied by `decayRate` once. */
  decaySteps: number;
  decayRate: number;
  /** Decay at whole multiples of `decaySteps` only (integer division). Default false. */
  staircase?: boolean;
  name?: string;
}

/**
 * `initialLearningRate * decayRate ** (step / decaySteps)`, with `floor(step / decaySteps)`
 * when `staircase` is set (Keras `ExponentialDecay`).
 */
export class ExponentialDecay extends LearningRateSchedule {
  static readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: ExponentialDecayOptions) {
    super();
    const o = options ?? ({} as ExponentialDecayOptions);
    const c = new ScheduleChecks('ExponentialDecay', options, [
      'initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name',
    ]);
    this.initialLearningRate = c.finite('initial_learning_rate', o.initialLearningRate);
    this.decaySteps = c.positive('decay_steps', o.decaySteps);
    this.decayRate = c.finite('decay_rate', o.decayRate);
    this.staircase = c.boolean('staircase', o.staircase, false);
    this.name = c.string('name', o.name, 'ExponentialDecay');
  }

  valueAt(step: number): number {
    checkStep('ExponentialDecay', step);
    let p = step / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return Math.fround(this.initialLearningRate * this.decayRate ** p);
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      decay_rate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }
}
