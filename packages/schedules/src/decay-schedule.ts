import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

/** The options of the schedules that decay by `decayRate` per `decaySteps` steps. */
export interface DecayScheduleOptions {
  initialLearningRate: number;
  /** Positive: the step count over which one full `decayRate` is applied. */
  decaySteps: number;
  decayRate: number;
  /** Use `floor(step / decaySteps)`: decay at whole multiples of `decaySteps` only. Default false. */
  staircase?: boolean;
  name?: string;
}

/**
 * The options, checks and config shared by `ExponentialDecay` and `InverseTimeDecay`. A subclass
 * declares `static readonly className` and implements `valueAt` over `progress(step)`:
 *
 * ```ts
 * class LinearDecay extends DecaySchedule {
 *   static readonly className = 'LinearDecay';
 *   valueAt(step: number): number {
 *     return Math.fround(this.initialLearningRate * Math.max(0, 1 - this.decayRate * this.progress(step)));
 *   }
 * }
 * ```
 */
export abstract class DecaySchedule extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: DecayScheduleOptions) {
    super();
    const o = options ?? ({} as DecayScheduleOptions);
    const c = new ScheduleChecks(this.owner, options, [
      'initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name',
    ]);
    this.initialLearningRate = c.finite('initial_learning_rate', o.initialLearningRate);
    this.decaySteps = c.positive('decay_steps', o.decaySteps);
    this.decayRate = c.finite('decay_rate', o.decayRate);
    this.staircase = c.boolean('staircase', o.staircase, false);
    this.name = c.string('name', o.name, this.owner);
  }

  /** The subclass's Keras name, for defaults and error messages. */
  private get owner(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /** `step / decaySteps`, floored when `staircase` is set; the step is checked first. */
  protected progress(step: number): number {
    checkStep(this.owner, step);
    const p = step / this.decaySteps;
    return this.staircase ? Math.floor(p) : p;
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
