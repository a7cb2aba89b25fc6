import { Callback, type Logs } from './callback.js';

/**
 * Keras's History: `history.history.loss` has one number per epoch, `history.epoch` the
 * epoch indices. The same arrays are readable as `history.loss`, `history.val_accuracy`...
 */
export class History extends Callback {
  static readonly className = 'History';
  epoch: number[] = [];
  readonly history: Record<string, number[]> = {};
  [key: string]: unknown;

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) {
      if (!this.history[key]) {
        this.history[key] = [];
        if (!(key in this)) {
          Object.defineProperty(this, key, { get: () => this.history[key], enumerable: false, configurable: true });
        }
      }
      this.history[key].push(value);
    }
  }
}
