import type * as tf from '@tensorflow/tfjs-core';
import { checkOptions, InvalidArgumentError } from '@neuralkit/core';
import { Callback } from './callback.js';
import { checkMode, maximizeByDirection, monitoredValue, type Mode, type MonitoredModel } from './monitor-mode.js';

export interface EarlyStoppingOptions {
  /** Quantity to monitor. Default `'val_loss'`. */
  monitor?: string;
  /** The smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  /** 0 silent, 1 prints when it stops and when it restores weights. Default 0. */
  verbose?: number;
  /** `'auto'`, `'min'` or `'max'`. Default `'auto'`. */
  mode?: Mode;
  /** Training stops unless the monitored value beats this within `patience` epochs. Default null. */
  baseline?: number | null;
  /** Restore the weights of the best epoch when training ends. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts (a warm-up). Default 0. */
  startFromEpoch?: number;
}

const KNOWN = ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch'];

/**
 * Stops training when a monitored quantity has stopped improving (Keras 3 `EarlyStopping`).
 *
 * ```ts
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.2,
 *   callbacks: [new EarlyStopping({ patience: 3, restoreBestWeights: true })] });
 * ```
 */
export class EarlyStopping extends Callback {
  static readonly className = 'EarlyStopping';
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly verbose: number;
  readonly mode: Mode;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  wait = 0;
  stoppedEpoch = 0;
  best: number | null = null;
  bestEpoch = 0;
  private bestWeights: tf.Tensor[] | null = null;
  private maximize: boolean | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    checkOptions('EarlyStopping', options, KNOWN);
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.patience = options.patience ?? 0;
    this.verbose = options.verbose ?? 0;
    this.mode = checkMode('EarlyStopping', options.mode ?? 'auto');
    this.baseline = options.baseline ?? null;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw InvalidArgumentError.expected('`patience` of EarlyStopping', 'a non-negative integer', options.patience);
    }
  }

  private get net(): MonitoredModel {
    return this.model as unknown as MonitoredModel;
  }

  /** Keras: `monitor_op(value - min_delta, reference)`, with `min_delta` negated when minimising. */
  private isImprovement(value: number, reference: number | null): boolean {
    if (reference === null) return true;
    return this.maximize ? value - this.minDelta > reference : value + this.minDelta < reference;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestEpoch = 0;
    this.setBestWeights(null);
  }

  override onEpochEnd(epoch: number, logs?: Record<string, number>): void {
    this.maximize ??= maximizeByDirection('EarlyStopping', this.monitor, this.mode);
    const current = monitoredValue('Early stopping', this.monitor, logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      // When no epoch has improved yet, the current weights are the best.
      this.setBestWeights(this.net.getWeights());
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.setBestWeights(this.net.getWeights());
      // Only restart the wait when both the baseline and the previous best are beaten.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.net.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) {
        console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      }
      this.net.setWeights(this.bestWeights);
    }
    this.setBestWeights(null);
  }

  /** Keeps copies (the model's own variables change as training goes on) and frees the old ones. */
  private setBestWeights(weights: tf.Tensor[] | null): void {
    if (this.bestWeights) for (const w of this.bestWeights) w.dispose();
    this.bestWeights = weights ? weights.map((w) => w.clone()) : null;
  }

  getConfig(): Record<string, unknown> {
    return {
      monitor: this.monitor,
      min_delta: this.minDelta,
      patience: this.patience,
      verbose: this.verbose,
      mode: this.mode,
      baseline: this.baseline,
      restore_best_weights: this.restoreBestWeights,
      start_from_epoch: this.startFromEpoch,
    };
  }
}
