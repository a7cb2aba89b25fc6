import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';
import type { CallbackHooks } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import { ProgressBar, type ProgressStream } from '../callbacks/progress-bar.js';
import type { Sequential } from '../sequential.js';
import { DataSource } from './data-adapter.js';
import { EventLoopYielder } from './event-loop.js';

export interface PredictOptions {
  batchSize?: number;
  /** 0 silent (default here, unlike Keras, since predict is often called per request), 1 bar, 2 one line. */
  verbose?: 0 | 1 | 2;
  callbacks?: CallbackHooks[];
  progressStream?: ProgressStream;
}

/** Keras's `predict`: the model on `x` in batches (inference mode), concatenated. */
export async function predict(model: Sequential, x: unknown, options: PredictOptions = {}): Promise<tf.Tensor> {
  const source = DataSource.from(x, undefined, undefined, 'predict()');
  model.ensureBuilt(source.sampleShape);
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw InvalidArgumentError.expected('`batchSize` of predict()', 'a positive integer', batchSize);
  const callbacks = new CallbackList(options.callbacks ?? []);
  callbacks.setModel(model);
  const bar = options.verbose ? new ProgressBar({ verbose: options.verbose, ...(options.progressStream ? { stream: options.progressStream } : {}) }) : undefined;
  const steps = Math.ceil(source.length / batchSize);
  const yielder = new EventLoopYielder();
  const outputs: tf.Tensor[] = [];
  let result: tf.Tensor | undefined;
  try {
    await callbacks.call('onPredictBegin', {});
    bar?.begin(steps);
    for (let b = 0; b < steps; b++) {
      const start = b * batchSize;
      const end = Math.min(source.length, start + batchSize);
      await callbacks.call('onPredictBatchBegin', b, {});
      outputs.push(tf.tidy(() => model.call(source.batch(null, start, end).x, { training: false })));
      await callbacks.call('onPredictBatchEnd', b, {});
      bar?.step(b + 1, {});
      await yielder.maybeYield();
    }
    bar?.finish({});
    await callbacks.call('onPredictEnd', {});
    if (outputs.length === 0) {
      const out = model.outputShape ?? [null];
      return tf.zeros([0, ...out.slice(1).map((d) => d ?? 0)]);
    }
    result = outputs.length === 1 ? outputs[0]! : tf.concat(outputs, 0);
    return result;
  } finally {
    // Every batch output but the one returned, also when a callback or a batch threw.
    tf.dispose(outputs.filter((t) => t !== result));
  }
}
