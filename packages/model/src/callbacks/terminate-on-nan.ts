import { Callback } from './callback.js';
import type { MonitoredModel } from './monitor-mode.js';

/** Stops training as soon as a batch's loss is NaN or infinite (Keras 3 `TerminateOnNaN`). */
export class TerminateOnNaN extends Callback {
  static readonly className = 'TerminateOnNaN';
  /** The batch whose loss was invalid, or null. */
  terminatedAtBatch: number | null = null;

  override onTrainBatchEnd(batch: number, logs?: Record<string, number>): void {
    const loss = logs?.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    console.log(`Batch ${batch}: Invalid loss, terminating training`);
    this.terminatedAtBatch = batch;
    (this.model as unknown as MonitoredModel).stopTraining = true;
  }

  getConfig(): Record<string, unknown> {
    return {};
  }
}
