import { InvalidArgumentError } from '@neuralkit/core';
import { Callback } from './callback.js';
import type { MonitoredModel } from './monitor-mode.js';

/** `(epoch, learningRate) → newLearningRate`; `epoch` counts from 0. */
export type LearningRateSchedule = (epoch: number, learningRate: number) => number;

/** The optimizer's learning rate as a number, or Keras's error when there is none. */
export function learningRateOf(model: MonitoredModel | undefined, owner: string): number {
  const optimizer = model?.optimizer;
  if (!optimizer || typeof optimizer.currentLearningRate !== 'function') {
    throw new InvalidArgumentError(`${owner}: expected a compiled model whose optimizer has a learning rate, received none.`);
  }
  return optimizer.currentLearningRate();
}

/**
 * Sets the optimizer's learning rate at the start of each epoch from `schedule(epoch, lr)`
 * (Keras 3 `LearningRateScheduler`), and records it in the logs as `learning_rate`.
 *
 * ```ts
 * const scheduler = new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)));
 * await model.fit(x, y, { epochs: 15, callbacks: [scheduler] });
 * ```
 */
export class LearningRateScheduler extends Callback {
  static readonly className = 'LearningRateScheduler';
  readonly schedule: LearningRateSchedule;
  readonly verbose: number;

  constructor(schedule: LearningRateSchedule, options: { verbose?: number } = {}) {
    super();
    if (typeof schedule !== 'function') {
      throw InvalidArgumentError.expected('`schedule` of LearningRateScheduler', 'a function (epoch, lr) => lr', schedule);
    }
    this.schedule = schedule;
    this.verbose = options.verbose ?? 0;
  }

  private get net(): MonitoredModel {
    return this.model as unknown as MonitoredModel;
  }

  override onEpochBegin(epoch: number): void {
    const lr = this.schedule(epoch, learningRateOf(this.net, 'LearningRateScheduler'));
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw InvalidArgumentError.expected('output of the `schedule` function', 'a finite number', lr);
    }
    (this.net.optimizer as { learningRate: unknown }).learningRate = lr;
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override onEpochEnd(_epoch: number, logs?: Record<string, number>): void {
    if (logs) logs.learning_rate = learningRateOf(this.net, 'LearningRateScheduler');
  }

  getConfig(): Record<string, unknown> {
    return { verbose: this.verbose };
  }
}
