import { LearningRateSchedule, ScheduleChecks, checkStep } from './learning-rate-schedule.js';

export interface CosineDecayRestartsOptions {
  initialLearningRate: number;
  /** Length of the first period. */
  firstDecaySteps: number;
  /** Each period is `tMul` times longer than the previous one. Default 2. */
  tMul?: number;
  /** Each period starts at `mMul` times the previous starting rate. Default 1. */
  mMul?: number;
  /** Final rate of each period as a fraction of its starting rate. Default 0. */
  alpha?: number;
  name?: string;
}

/** SGDR: cosine decay with warm restarts (Keras `CosineDecayRestarts`). */
export class CosineDecayRestarts extends LearningRateSchedule {
  static readonly className = 'CosineDecayRestarts';
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  readonly name: string;

  constructor(options: CosineDecayRestartsOptions) {
    super();
    const o = options ?? ({} as CosineDecayRestartsOptions);
    const c = new ScheduleChecks('CosineDecayRestarts', options, [
      'initialLearningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha', 'name',
    ]);
    this.initialLearningRate = c.finite('initial_learning_rate', o.initialLearningRate);
    this.firstDecaySteps = c.positive('first_decay_steps', o.firstDecaySteps);
    this.tMul = c.positive('t_mul', o.tMul, 2);
    this.mMul = c.finite('m_mul', o.mMul, 1);
    this.alpha = c.finite('alpha', o.alpha, 0);
    this.name = c.string('name', o.name, 'SGDRDecay');
  }

  valueAt(step: number): number {
    checkStep('CosineDecayRestarts', step);
    const { restart, fraction } = this.position(step / this.firstDecaySteps);
    const cosine = 0.5 * this.mMul ** restart * (1 + Math.cos(Math.PI * fraction));
    return Math.fround(this.initialLearningRate * ((1 - this.alpha) * cosine + this.alpha));
  }

  /** Which period a step falls in and how far into it, from the geometric series of lengths. */
  private position(completed: number): { restart: number; fraction: number } {
    if (this.tMul === 1) {
      const restart = Math.floor(completed);
      return { restart, fraction: completed - restart };
    }
    const t = this.tMul;
    const restart = Math.floor(Math.log(1 - completed * (1 - t)) / Math.log(t));
    const before = (1 - t ** restart) / (1 - t);
    return { restart, fraction: (completed - before) / t ** restart };
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      first_decay_steps: this.firstDecaySteps,
      t_mul: this.tMul,
      m_mul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }
}
