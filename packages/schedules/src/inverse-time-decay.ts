import { DecaySchedule, type DecayScheduleOptions } from './decay-schedule.js';

export type InverseTimeDecayOptions = DecayScheduleOptions;

/** `initialLearningRate / (1 + decayRate * step / decaySteps)` (Keras `InverseTimeDecay`). */
export class InverseTimeDecay extends DecaySchedule {
  static readonly className = 'InverseTimeDecay';

  valueAt(step: number): number {
    return Math.fround(this.initialLearningRate / (1 + this.decayRate * this.progress(step)));
  }
}
