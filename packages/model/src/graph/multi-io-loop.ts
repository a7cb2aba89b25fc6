import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NeuralkitError, shuffleInPlace } from '@neuralkit/core';
import type { CallbackHooks, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import { History } from '../callbacks/history.js';
import { ProgressBar } from '../callbacks/progress-bar.js';
import { Mean } from '../metrics/mean.js';
import { EpochMetrics } from '../training/epoch-metrics.js';
import type { Optimizer } from '@neuralkit/optimizers';
import type { OutputTarget } from './output-compile.js';
import { sampleCount, takeRows, tensorList } from './multi-io-data.js';

/** What the loop needs from a model with several inputs or outputs. */
export interface MultiIOModel {
  readonly name: string;
  readonly inputNames: string[];
  readonly outputNames: string[];
  stopTraining: boolean;
  readonly trainableWeights: tf.Variable[];
  callAll(xs: tf.Tensor[], options: { training: boolean }): tf.Tensor[];
  regularizationLoss(): tf.Scalar | null;
}

export interface MultiIOOptions {
  epochs?: number;
  batchSize?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  shuffle?: boolean;
  callbacks?: CallbackHooks[];
}
const KNOWN = ['epochs', 'batchSize', 'verbose', 'shuffle', 'callbacks'];

/** The total loss and each output's loss and metrics over one pass. */
class Tracker {
  readonly total = new Mean({ name: 'loss' });
  readonly perOutput: EpochMetrics[];
  constructor(readonly outputs: readonly OutputTarget[]) {
    this.perOutput = outputs.map((o) => new EpochMetrics(o.state));
  }

  /** Keras's log names: `loss`, each `<output>_loss`, then each `<output>_<metric>`. */
  logs(): Logs {
    const logs: Logs = { loss: this.total.result() };
    const parts = this.perOutput.map((m, i) => m.logs(`${this.outputs[i]!.name}_`));
    for (const [i, part] of parts.entries()) logs[`${this.outputs[i]!.name}_loss`] = part[`${this.outputs[i]!.name}_loss`]!;
    for (const part of parts) for (const [k, v] of Object.entries(part)) if (!(k in logs)) logs[k] = v;
    return logs;
  }

  reset(): void {
    this.total.resetState();
    for (const m of this.perOutput) m.reset();
  }
}

/** The weighted sum of the output losses (plus weight penalties), updating the trackers. */
function batchLoss(model: MultiIOModel, outputs: readonly OutputTarget[], xs: tf.Tensor[], ys: tf.Tensor[], tracker: Tracker, training: boolean): tf.Scalar {
  const preds = model.callAll(xs, { training });
  let total: tf.Scalar | undefined;
  outputs.forEach((o, i) => {
    const value = o.state.loss.compute(ys[i]!, preds[i]!) as tf.Scalar;
    tracker.perOutput[i]!.update({ y: ys[i]! }, value, preds[i]!, false);
    const weighted = o.weight === 1 ? value : tf.mul(value, o.weight);
    total = (total ? tf.add(total, weighted) : weighted) as tf.Scalar;
  });
  const penalty = model.regularizationLoss();
  if (penalty) total = tf.add(total!, penalty) as tf.Scalar;
  tracker.total.updateMean(total!, xs[0]!.shape[0] ?? 1);
  return total!;
}

function positive(what: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || (v as number) <= 0) throw InvalidArgumentError.expected(`\`${what}\``, 'a positive integer', value);
  return v as number;
}

/** Keras's `fit` for models with several inputs or outputs (tensors in lists or dicts by name). */
export async function fitMultiIO(model: MultiIOModel, compiled: { optimizer: Optimizer; outputs: OutputTarget[] }, x: unknown, y: unknown, options: MultiIOOptions = {}): Promise<History> {
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw new InvalidArgumentError(`fit() of multi-input/output model "${model.name}": option "${key}" is not supported; supported: ${KNOWN.join(', ')}.`);
  }
  const xs = tensorList(x, model.inputNames, 'fit(): x');
  const ys = tensorList(y, model.outputNames, 'fit(): y');
  const n = sampleCount([{ what: 'input', names: model.inputNames, tensors: xs }, { what: 'target', names: model.outputNames, tensors: ys }]);
  if (n === 0) throw new InvalidArgumentError('fit(): no training samples.');
  const epochs = positive('epochs', options.epochs, 1);
  const batchSize = positive('batchSize', options.batchSize, 32);
  const verbose = options.verbose === 'auto' || options.verbose === undefined ? 1 : options.verbose;
  const history = new History();
  const callbacks = new CallbackList([...(options.callbacks ?? []), history, ...(verbose ? [new ProgressBar({ verbose })] : [])]);
  const steps = Math.ceil(n / batchSize);
  callbacks.setModel(model);
  callbacks.setParams({ epochs, steps, verbose });
  const variables = model.trainableWeights;
  compiled.optimizer.build(variables);
  const tracker = new Tracker(compiled.outputs);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  model.stopTraining = false;
  let logs: Logs = {};
  try {
    await callbacks.call('onTrainBegin', {});
    for (let epoch = 0; epoch < epochs && !model.stopTraining; epoch++) {
      tracker.reset();
      await callbacks.call('onEpochBegin', epoch, {});
      if (options.shuffle ?? true) shuffleInPlace(order);
      for (let b = 0; b < steps && !model.stopTraining; b++) {
        await callbacks.call('onTrainBatchBegin', b, {});
        const idx = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
        tf.tidy(() => {
          const bx = takeRows(xs, idx);
          const by = takeRows(ys, idx);
          const { grads } = tf.variableGrads(() => batchLoss(model, compiled.outputs, bx, by, tracker, true), variables);
          compiled.optimizer.applyGradients(variables.map((v) => [grads[v.name]!, v] as [tf.Tensor, tf.Variable]));
        });
        await callbacks.call('onTrainBatchEnd', b, {});
      }
      logs = tracker.logs();
      await callbacks.call('onEpochEnd', epoch, logs);
    }
    await callbacks.call('onTrainEnd', logs);
  } finally {
    tracker.total.resetState();
    for (const m of tracker.perOutput) m.dispose();
  }
  return history;
}

/** Keras's `evaluate(..., return_dict=True)` for models with several inputs or outputs. */
export async function evaluateMultiIO(model: MultiIOModel, compiled: { outputs: OutputTarget[] }, x: unknown, y: unknown, options: { batchSize?: number } = {}): Promise<Logs> {
  const xs = tensorList(x, model.inputNames, 'evaluate(): x');
  const ys = tensorList(y, model.outputNames, 'evaluate(): y');
  const n = sampleCount([{ what: 'input', names: model.inputNames, tensors: xs }, { what: 'target', names: model.outputNames, tensors: ys }]);
  const batchSize = positive('batchSize', options.batchSize, 32);
  const tracker = new Tracker(compiled.outputs);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const idx = Int32Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
      tf.tidy(() => {
        batchLoss(model, compiled.outputs, takeRows(xs, idx), takeRows(ys, idx), tracker, false);
      });
    }
    // Keras 3 returns the dict with its keys sorted.
    return Object.fromEntries(Object.entries(tracker.logs()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  } finally {
    tracker.total.resetState();
    for (const m of tracker.perOutput) m.dispose();
  }
}

/** Keras's `predict` for models with several inputs or outputs: one tensor per output. */
export async function predictMultiIO(model: MultiIOModel, x: unknown, options: { batchSize?: number } = {}): Promise<tf.Tensor[]> {
  const xs = tensorList(x, model.inputNames, 'predict(): x');
  const n = sampleCount([{ what: 'input', names: model.inputNames, tensors: xs }]);
  if (n === 0) throw new NeuralkitError(`predict(): no samples for model "${model.name}".`);
  const batchSize = positive('batchSize', options.batchSize, 32);
  const parts: tf.Tensor[][] = model.outputNames.map(() => []);
  try {
    for (let start = 0; start < n; start += batchSize) {
      const idx = Int32Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
      const outs = tf.tidy(() => model.callAll(takeRows(xs, idx), { training: false }));
      outs.forEach((t, i) => parts[i]!.push(t));
    }
    return parts.map((p) => (p.length === 1 ? p[0]! : tf.concat(p, 0)));
  } finally {
    for (const p of parts) if (p.length > 1) tf.dispose(p);
  }
}
