import { DecaySchedule, type DecayScheduleOptions } from './decay-schedule.js';

export type ExponentialDecayOptions = DecayScheduleOptions;

/**
 * `initialLearningRate * decayRate ** (step / decaySteps)`, with `floor(step / decaySteps)`
 * when `staircase` is set (Keras `ExponentialDecay`).
 */
export class ExponentialDecay extends DecaySchedule {
  static readonly className = 'ExponentialDecay';

  valueAt(step: number): number {
    return Math.fround(this.initialLearningRate * this.decayRate ** this.progress(step));
  }
}
