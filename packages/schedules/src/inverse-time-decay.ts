import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

export interface InverseTimeDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Use `floor(step / decaySteps)`. Default false. */
  staircase?: boolean;
  name?: string;
}

/** `initialLearningRate / (1 + decayRate * step / decaySteps)` (Keras `InverseTimeDecay`). */
export class InverseTimeDecay extends LearningRateSchedule {
  static readonly className = 'InverseTimeDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: InverseTimeDecayOptions) {
    super();
    const o = options ?? ({} as InverseTimeDecayOptions);
    const c = new ScheduleChecks('InverseTimeDecay', options, [
      'initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name',
    ]);
    this.initialLearningRate = c.finite('initial_learning_rate', o.initialLearningRate);
    this.decaySteps = c.positive('decay_steps', o.decaySteps);
    this.decayRate = c.finite('decay_rate', o.decayRate);
    this.staircase = c.boolean('staircase', o.staircase, false);
    this.name = c.string('name', o.name, 'InverseTimeDecay');
  }

  valueAt(step: number): number {
    checkStep('InverseTimeDecay', step);
    let p = step / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return Math.fround(this.initialLearningRate / (1 + this.decayRate * p));
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
