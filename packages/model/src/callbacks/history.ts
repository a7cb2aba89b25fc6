import { Callback, type Logs } from './callback.js';

/**
 * Keras 3's order of an epoch's logs: the training figures sorted by name, then the validation
 * ones (`val_*`) sorted (its trainers pass both through `pythonify_logs`, which sorts), so
 * `history.history` lists `accuracy, loss, val_accuracy, val_loss`.
 */
function kerasLogOrder(logs: Logs): [string, number][] {
  const byName = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const entries = Object.entries(logs);
  const train = entries.filter(([k]) => !k.startsWith('val_')).sort(byName);
  const val = entries.filter(([k]) => k.startsWith('val_')).sort(byName);
  return [...train, ...val];
}

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
    for (const [key, value] of kerasLogOrder(logs)) {
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
