/** Keras's logs: `loss`, metric names, `val_` versions; numbers only. */
export type Logs = Record<string, number>;

/** What a callback can see of the model being trained. */
export interface CallbackModel {
  stopTraining: boolean;
}

/** The training parameters Keras passes to callbacks (`set_params`). */
export interface CallbackParams {
  epochs: number;
  /** Batches per epoch (Keras's `steps`). */
  steps: number;
  verbose: number;
}

type MaybePromise = void | Promise<void>;

/** The hooks; a plain object with any of them is accepted wherever a callback is. */
export interface CallbackHooks {
  setModel?(model: any): void;
  setParams?(params: CallbackParams): void;
  onTrainBegin?(logs?: Logs): MaybePromise;
  onTrainEnd?(logs?: Logs): MaybePromise;
  onEpochBegin?(epoch: number, logs?: Logs): MaybePromise;
  onEpochEnd?(epoch: number, logs?: Logs): MaybePromise;
  onTrainBatchBegin?(batch: number, logs?: Logs): MaybePromise;
  onTrainBatchEnd?(batch: number, logs?: Logs): MaybePromise;
  onTestBegin?(logs?: Logs): MaybePromise;
  onTestEnd?(logs?: Logs): MaybePromise;
  onTestBatchBegin?(batch: number, logs?: Logs): MaybePromise;
  onTestBatchEnd?(batch: number, logs?: Logs): MaybePromise;
  onPredictBegin?(logs?: Logs): MaybePromise;
  onPredictEnd?(logs?: Logs): MaybePromise;
  onPredictBatchBegin?(batch: number, logs?: Logs): MaybePromise;
  onPredictBatchEnd?(batch: number, logs?: Logs): MaybePromise;
}

/**
 * Base of the callbacks (Keras's `keras.callbacks.Callback`): override the hooks you need;
 * each may return a Promise, which training awaits. Epochs and batches count from 0.
 * Batch-level `logs` hold the running means of the epoch so far; read them during the call.
 *
 * ```ts
 * class StopAtLoss extends Callback {
 *   constructor(private readonly target: number) { super(); }
 *   override onEpochEnd(_epoch: number, logs: Logs = {}) {
 *     if ((logs.loss ?? Infinity) < this.target) this.model!.stopTraining = true;
 *   }
 * }
 * ```
 */
export class Callback implements CallbackHooks {
  /** The model under training (a Sequential); set by `fit`. */
  model: any = undefined;
  params: CallbackParams = { epochs: 0, steps: 0, verbose: 0 };

  setModel(model: any): void {
    this.model = model;
  }
  setParams(params: CallbackParams): void {
    this.params = params;
  }
  onTrainBegin(_logs?: Logs): MaybePromise {}
  onTrainEnd(_logs?: Logs): MaybePromise {}
  onEpochBegin(_epoch: number, _logs?: Logs): MaybePromise {}
  onEpochEnd(_epoch: number, _logs?: Logs): MaybePromise {}
  onTrainBatchBegin(_batch: number, _logs?: Logs): MaybePromise {}
  onTrainBatchEnd(_batch: number, _logs?: Logs): MaybePromise {}
  onTestBegin(_logs?: Logs): MaybePromise {}
  onTestEnd(_logs?: Logs): MaybePromise {}
  onTestBatchBegin(_batch: number, _logs?: Logs): MaybePromise {}
  onTestBatchEnd(_batch: number, _logs?: Logs): MaybePromise {}
  onPredictBegin(_logs?: Logs): MaybePromise {}
  onPredictEnd(_logs?: Logs): MaybePromise {}
  onPredictBatchBegin(_batch: number, _logs?: Logs): MaybePromise {}
  onPredictBatchEnd(_batch: number, _logs?: Logs): MaybePromise {}
}
