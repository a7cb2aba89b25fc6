import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, shuffleInPlace } from '@neuralkit/core';
import type { CallbackHooks, Logs } from '../callbacks/callback.js';
import { CallbackList } from '../callbacks/callback-list.js';
import { History } from '../callbacks/history.js';
import { ProgressBar, type ProgressStream } from '../callbacks/progress-bar.js';
import type { Sequential } from '../sequential.js';
import { checkNoNaN, checkSparseLabels, notCompiled } from './checks.js';
import { DataSource, isArrayDataset, isTensor, type ArrayDatasetLike } from './data-adapter.js';
import { EpochMetrics } from './epoch-metrics.js';
import { EventLoopYielder } from './event-loop.js';
import { evaluateSource } from './evaluate.js';
import { READ_EVERY } from './read-every.js';
import { TrainStep } from './train-step.js';
import { checkTrainable } from '../quantize/quantize-model.js';

export type ValidationData = [tf.Tensor, tf.Tensor] | [tf.Tensor, tf.Tensor, tf.Tensor] | ArrayDatasetLike;

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  /** 0 silent, 1 progress bar (default), 2 one line per epoch. */
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: CallbackHooks[];
  validationSplit?: number;
  validationData?: ValidationData;
  shuffle?: boolean;
  classWeight?: Record<number, number>;
  sampleWeight?: tf.Tensor;
  initialEpoch?: number;
  validationBatchSize?: number;
  validationFreq?: number | readonly number[];
  /** Where the progress bar writes (default `process.stderr`, or the console in browsers). */
  progressStream?: ProgressStream;
}

const FIT_KEYS = [
  'epochs', 'batchSize', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'validationBatchSize', 'validationFreq', 'progressStream',
];

function positiveInt(what: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || (v as number) <= 0) throw InvalidArgumentError.expected(`\`${what}\` of fit()`, 'a positive integer', value);
  return v as number;
}

function checkKeys(options: object): void {
  for (const key of Object.keys(options)) {
    if (!FIT_KEYS.includes(key)) {
      throw new InvalidArgumentError(`Unknown option "${key}" for fit(). Known options: ${FIT_KEYS.join(', ')}.`);
    }
  }
}

function validationSource(options: FitOptions): DataSource | undefined {
  const v = options.validationData;
  if (v === undefined || v === null) return undefined;
  if (isArrayDataset(v) && !Array.isArray(v)) return DataSource.from(v, undefined, undefined, 'validationData');
  if (Array.isArray(v) && isTensor(v[0])) return DataSource.from(v[0], v[1], v[2], 'validationData');
  throw InvalidArgumentError.expected('`validationData` of fit()', '[x, y], [x, y, sampleWeight] or an ArrayDataset', v);
}

/** What the validation labels' range check is remembered by: the labels tensor, or the dataset. */
function validationLabelsKey(v: ValidationData | undefined): object | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? (v[1] as object) : v;
}

/**
 * Keras's `validation_freq`: an integer n validates after every n-th epoch counted from 1
 * (`(epoch + 1) % n === 0`, also when `initialEpoch` is set); a list names the epochs (1-based).
 */
function validationSchedule(freq: FitOptions['validationFreq']): (epoch: number) => boolean {
  if (Array.isArray(freq)) {
    for (const e of freq) {
      if (!Number.isInteger(e) || e < 1) {
        throw InvalidArgumentError.expected('`validationFreq` of fit()', 'a positive integer or a list of 1-based epochs', freq);
      }
    }
    const epochs = new Set(freq);
    return (epoch) => epochs.has(epoch + 1);
  }
  const n = positiveInt('validationFreq', freq, 1);
  return (epoch) => (epoch + 1) % n === 0;
}

/** Keras's `fit`: see FitOptions for the options and their defaults. */
export async function fit(model: Sequential, x: unknown, y: unknown, options: FitOptions = {}): Promise<History> {
  checkKeys(options);
  const compiled = model.compiled;
  if (!compiled) throw notCompiled(model.name, 'fit');
  checkTrainable(model);
  const epochs = positiveInt('epochs', options.epochs, 1);
  const batchSize = positiveInt('batchSize', options.batchSize, 32);
  const initialEpoch = options.initialEpoch ?? 0;
  const shouldValidate = validationSchedule(options.validationFreq);
  const split = options.validationSplit ?? 0;
  if (!(split >= 0 && split < 1)) throw InvalidArgumentError.expected('`validationSplit` of fit()', 'a number in [0, 1)', split);
  const verbose = options.verbose === 'auto' || options.verbose === undefined ? 1 : options.verbose;
  if (options.classWeight !== undefined && options.sampleWeight !== undefined) {
    // Keras 3 refuses the pair (tf.keras 2 multiplied them); fold class weights into sampleWeight instead.
    throw new InvalidArgumentError(
      'fit(): expected `classWeight` or `sampleWeight`, received both. Multiply the class weights into `sampleWeight` instead.',
    );
  }

  let train = DataSource.from(x, y, options.sampleWeight, 'fit()');
  if (!train.hasLabels) throw InvalidArgumentError.expected('y of fit()', 'a labels tensor', y);
  let val = validationSource(options);
  if (!val && split > 0) [train, val] = train.split(Math.floor(train.length * (1 - split)));
  if (train.length === 0) throw new InvalidArgumentError('fit(): no training samples (x is empty, or validationSplit leaves none).');

  model.ensureBuilt(train.sampleShape);
  const classes = (model.outputShape?.[model.outputShape.length - 1] as number | undefined) ?? null;
  const labelsKey = (isTensor(y) ? y : x) as object;
  await checkSparseLabels(train, labelsKey, compiled.loss, classes, 'fit()');
  if (val) await checkSparseLabels(val, validationLabelsKey(options.validationData) ?? labelsKey, compiled.loss, classes, 'fit() validation data');
  if (!train.isDataset) await checkNoNaN(train, x as object, 'fit()');

  const history = new History();
  const bar = verbose ? new ProgressBar({ verbose, ...(options.progressStream ? { stream: options.progressStream } : {}) }) : undefined;
  // Keras 3's order: the user's callbacks, then History, then the progress bar (which so shows what they log).
  const callbacks = new CallbackList([...(options.callbacks ?? []), history, ...(bar ? [bar] : [])]);
  const steps = Math.ceil(train.length / batchSize);
  callbacks.setModel(model);
  callbacks.setParams({ epochs, steps, verbose });

  const step = new TrainStep(model, compiled, options.classWeight);
  const metrics = new EpochMetrics(compiled);
  const yielder = new EventLoopYielder();
  const batchBegin = callbacks.has('onTrainBatchBegin');
  const batchEnd = callbacks.has('onTrainBatchEnd');
  // Batch logs are read (one awaited read, every READ_EVERY steps) only when someone shows or uses them.
  const others = new CallbackList((options.callbacks ?? []) as CallbackHooks[]);
  const readBatchLogs = others.has('onTrainBatchBegin') || others.has('onTrainBatchEnd') || (bar?.wantsBatchLogs ?? false);
  const order = Int32Array.from({ length: train.length }, (_, i) => i);
  model.stopTraining = false;
  let logs: Logs = {};
  try {
    await callbacks.call('onTrainBegin', {});
    for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      metrics.reset();
      await callbacks.call('onEpochBegin', epoch, {});
      if (options.shuffle ?? true) shuffleInPlace(order);
      const batchLogs: Logs = {};
      for (let b = 0; b < steps; b++) {
        if (batchBegin) await callbacks.call('onTrainBatchBegin', b, batchLogs);
        const start = b * batchSize;
        const end = Math.min(train.length, start + batchSize);
        step.run(train, options.shuffle ?? true ? order.subarray(start, end) : null, start, end, metrics);
        if (readBatchLogs && b % READ_EVERY === 0) Object.assign(batchLogs, await metrics.readLogs());
        if (batchEnd) await callbacks.call('onTrainBatchEnd', b, batchLogs);
        await yielder.maybeYield();
        if (model.stopTraining) break;
      }
      logs = await metrics.readLogs();
      if (val && shouldValidate(epoch)) {
        const valLogs = await evaluateSource(model, val, {
          batchSize: options.validationBatchSize ?? batchSize,
          callbacks,
          yielder,
          what: 'validation',
        });
        for (const [k, v] of Object.entries(valLogs)) logs[`val_${k}`] = v;
      }
      await callbacks.call('onEpochEnd', epoch, logs);
    }
    await callbacks.call('onTrainEnd', logs);
  } finally {
    metrics.dispose();
    step.dispose();
  }
  return history;
}
