import { checkOptions, InvalidArgumentError } from '@neuralkit/core';
import { Callback } from './callback.js';
import { learningRateOf } from './learning-rate-scheduler.js';
import { checkMode, maximizeByName, monitoredValue, type Mode, type MonitoredModel } from './monitor-mode.js';

export interface ReduceLROnPlateauOptions {
  /** Default `'val_loss'`. */
  monitor?: string;
  /** New rate = rate × factor; must be below 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before the rate is reduced. Default 10. */
  patience?: number;
  verbose?: number;
  /** `'auto'`, `'min'` or `'max'`. Default `'auto'`. */
  mode?: Mode;
  /** The smallest change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The rate never goes below this. Default 0. */
  minLr?: number;
}

const KNOWN = ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr'];

/** Reduces the learning rate when a metric has stopped improving (Keras 3 `ReduceLROnPlateau`). */
export class ReduceLROnPlateau extends Callback {
  static readonly className = 'ReduceLROnPlateau';
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: Mode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;
  best = Infinity;
  private readonly maximize: boolean;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    checkOptions('ReduceLROnPlateau', options, KNOWN);
    this.monitor = options.monitor ?? 'val_loss';
    this.factor = options.factor ?? 0.1;
    if (!(this.factor < 1)) {
      throw InvalidArgumentError.expected('`factor` of ReduceLROnPlateau', 'a number below 1.0', options.factor);
    }
    this.patience = options.patience ?? 10;
    this.verbose = options.verbose ?? 0;
    this.mode = checkMode('ReduceLROnPlateau', options.mode ?? 'auto');
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
    this.maximize = maximizeByName(this.monitor, this.mode);
    this.reset();
  }

  private get net(): MonitoredModel {
    return this.model as unknown as MonitoredModel;
  }

  private reset(): void {
    this.best = this.maximize ? -Infinity : Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  private improved(current: number): boolean {
    return this.maximize ? current > this.best + this.minDelta : current < this.best - this.minDelta;
  }

  override onTrainBegin(): void {
    this.reset();
  }

  override onEpochEnd(epoch: number, logs?: Record<string, number>): void {
    const lr = learningRateOf(this.net, 'ReduceLROnPlateau');
    if (logs) logs.learning_rate = lr;
    const current = monitoredValue('Learning rate reduction', this.monitor, logs);
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.improved(current)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait += 1;
    // Keras compares against the float32 rounding of min_lr, as the rate is a float32 variable.
    if (this.wait >= this.patience && lr > Math.fround(this.minLr)) {
      const newLr = Math.max(lr * this.factor, this.minLr);
      (this.net.optimizer as { learningRate: unknown }).learningRate = newLr;
      if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }

  getConfig(): Record<string, unknown> {
    return {
      monitor: this.monitor,
      factor: this.factor,
      patience: this.patience,
      verbose: this.verbose,
      mode: this.mode,
      min_delta: this.minDelta,
      cooldown: this.cooldown,
      min_lr: this.minLr,
    };
  }
}
