import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { CallbackHooks, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import { ProgressBar, type ProgressStream } from '../callbacks/progress-bar.js';
import type { Sequential } from '../sequential.js';
import { checkNoNaN, checkSparseLabels, notCompiled } from './checks.js';
import { DataSource, isTensor } from './data-adapter.js';
import { EpochMetrics } from './epoch-metrics.js';
import { EventLoopYielder } from './event-loop.js';
import { READ_EVERY } from './read-every.js';
import { canFuseSoftmax, computeLoss } from './loss-path.js';

export interface EvaluateOptions {
  batchSize?: number;
  /** 0 silent, 1 progress bar (default), 2 one line. */
  verbose?: 0 | 1 | 2 | 'auto';
  sampleWeight?: tf.Tensor;
  callbacks?: CallbackHooks[];
  progressStream?: ProgressStream;
}

/** Keras's `evaluate(..., return_dict=True)`: `{ loss, accuracy, ... }` as numbers. */
export async function evaluate(model: Sequential, x: unknown, y: unknown, options: EvaluateOptions = {}): Promise<Logs> {
  if (!model.compiled) throw notCompiled(model.name, 'evaluate');
  const source = DataSource.from(x, y, options.sampleWeight, 'evaluate()');
  if (!source.hasLabels) throw InvalidArgumentError.expected('y of evaluate()', 'a labels tensor', y);
  model.ensureBuilt(source.sampleShape);
  const classes = (model.outputShape?.[model.outputShape.length - 1] as number | undefined) ?? null;
  await checkSparseLabels(source, (isTensor(y) ? y : x) as object, model.compiled.loss, classes, 'evaluate()');
  if (!source.isDataset) await checkNoNaN(source, x as object, 'evaluate()');
  const verbose = options.verbose === 'auto' || options.verbose === undefined ? 1 : options.verbose;
  const bar = verbose ? new ProgressBar({ verbose, ...(options.progressStream ? { stream: options.progressStream } : {}) }) : undefined;
  const callbacks = new CallbackList(options.callbacks ?? []);
  callbacks.setModel(model);
  const logs = await evaluateSource(model, source, { batchSize: options.batchSize ?? 32, callbacks, bar, yielder: new EventLoopYielder(), what: 'evaluate()' });
  // Keras 3 returns the dict with its keys sorted (`accuracy`, `loss`).
  return Object.fromEntries(Object.entries(logs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The test loop shared by `evaluate` and fit's validation. */
export async function evaluateSource(
  model: Sequential,
  source: DataSource,
  options: { batchSize: number; callbacks: CallbackList; bar?: ProgressBar | undefined; yielder: EventLoopYielder; what: string },
): Promise<Logs> {
  const compiled = model.compiled!;
  const { batchSize, callbacks, bar } = options;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw InvalidArgumentError.expected(`\`batchSize\` of ${options.what}`, 'a positive integer', batchSize);
  const fuse = canFuseSoftmax(model, compiled.loss);
  const metrics = new EpochMetrics(compiled);
  const steps = Math.ceil(source.length / batchSize);
  const batchHooks = callbacks.has('onTestBatchBegin') || callbacks.has('onTestBatchEnd');
  try {
    await callbacks.call('onTestBegin', {});
    bar?.begin(steps);
    const batchLogs: Logs = {};
    const readBatchLogs = batchHooks || (bar?.wantsBatchLogs ?? false);
    for (let b = 0; b < steps; b++) {
      const start = b * batchSize;
      const end = Math.min(source.length, start + batchSize);
      if (batchHooks) await callbacks.call('onTestBatchBegin', b, batchLogs);
      tf.tidy(() => {
        const batch = source.batch(null, start, end);
        const out = computeLoss(model, compiled.loss, { x: batch.x, y: batch.y!, sampleWeight: batch.sampleWeight }, { training: false, fuse });
        metrics.update({ y: batch.y!, sampleWeight: batch.sampleWeight }, out.loss, out.yPred, out.logits);
      });
      if (readBatchLogs && b % READ_EVERY === 0) Object.assign(batchLogs, await metrics.readLogs());
      if (batchHooks) await callbacks.call('onTestBatchEnd', b, batchLogs);
      if (bar?.wantsBatchLogs) bar.step(b + 1, batchLogs);
      await options.yielder.maybeYield();
    }
    const logs = await metrics.readLogs();
    bar?.finish(logs);
    await callbacks.call('onTestEnd', logs);
    return logs;
  } finally {
    metrics.dispose();
  }
}
