import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

export interface PolynomialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** Default 0.0001. */
  endLearningRate?: number;
  /** Default 1. */
  power?: number;
  /** Restart the decay at every multiple of `decaySteps`. Default false. */
  cycle?: boolean;
  name?: string;
}

/**
 * `(initial - end) * (1 - step / decaySteps) ** power + end`, with the step held at
 * `decaySteps` afterwards, or with `cycle` the horizon stretched to the first multiple of
 * `decaySteps` at or above the step (Keras `PolynomialDecay`).
 */
export class PolynomialDecay extends LearningRateSchedule {
  static readonly className = 'PolynomialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  readonly name: string;

  constructor(options: PolynomialDecayOptions) {
    super();
    const o = options ?? ({} as PolynomialDecayOptions);
    const c = new ScheduleChecks('PolynomialDecay', options, [
      'initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle', 'name',
    ]);
    this.initialLearningRate = c.finite('initial_learning_rate', o.initialLearningRate);
    this.decaySteps = c.positive('decay_steps', o.decaySteps);
    this.endLearningRate = c.finite('end_learning_rate', o.endLearningRate, 0.0001);
    this.power = c.finite('power', o.power, 1);
    this.cycle = c.boolean('cycle', o.cycle, false);
    this.name = c.string('name', o.name, 'PolynomialDecay');
  }

  valueAt(step: number): number {
    checkStep('PolynomialDecay', step);
    let s = step;
    let horizon = this.decaySteps;
    if (this.cycle) {
      // Step 0 uses one period, as Keras does, instead of ceil(0) = 0.
      horizon *= s === 0 ? 1 : Math.ceil(s / this.decaySteps);
    } else {
      s = Math.min(s, horizon);
    }
    const p = s / horizon;
    const range = this.initialLearningRate - this.endLearningRate;
    return Math.fround(range * (1 - p) ** this.power + this.endLearningRate);
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      end_learning_rate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }
}
