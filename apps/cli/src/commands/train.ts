import { setRandomSeed } from '@neuralkit/core';
import { loadDatasets, type DataOptions } from '../dataset.js';
import { ensureParentDir } from '../ensure-dir.js';
import { InterruptedError, UsageError } from '../errors.js';
import { onInterrupt } from '../interrupt.js';
import type { CallbackHooks } from '@neuralkit/model';
import { loadModelLibrary, type ModelLibrary } from '../libraries.js';
import type { Output } from '../output.js';
import { selectBackend } from '../select-backend.js';
import { forModel } from '../model-input.js';
import { checkTrainable } from '../training-kernels.js';
import { buildModel, buildOptimizer, type ModelOptions } from './train-model.js';
import { writeTrainingReport } from './train-report.js';

export interface TrainOptions extends DataOptions, ModelOptions {
  epochs: number;
  batchSize: number;
  loss: string;
  validationSplit: number;
  earlyStopping?: number;
  backend: string;
  seed?: number;
  out?: string;
  checkpoint?: string;
  report?: string;
}

const percent = (v: number | undefined) => `${((v ?? NaN) * 100).toFixed(1)}%`;

// `.keras` archives load but are not written: refuse them before training, not after it.
function checkTargets(options: TrainOptions): void {
  for (const [flag, path] of [['--out', options.out], ['--checkpoint', options.checkpoint]] as const) {
    if (path !== undefined && !/\.(h5|json)$/i.test(path)) {
      throw new UsageError(`${flag} expected a .h5 or .json path, received "${path}".`);
    }
  }
}

function callbacks(lib: ModelLibrary, out: Output, options: TrainOptions): CallbackHooks[] {
  const list: CallbackHooks[] = [
    new lib.ProgressBar({ verbose: process.stderr.isTTY === true ? 1 : 2, stream: process.stderr }),
    { onEpochEnd: (epoch, logs) => out.record({ epoch: epoch + 1, ...logs }) },
  ];
  if (options.earlyStopping !== undefined) {
    const monitor = options.validationSplit > 0 ? 'val_loss' : 'loss';
    list.push(new lib.EarlyStopping({ monitor, patience: options.earlyStopping }));
  }
  if (options.checkpoint) list.push(new lib.ModelCheckpoint({ filepath: options.checkpoint, monitor: 'loss' }));
  return list;
}

/** `neuralkit train`: the lecture's program, then the test-set evaluation. */
export async function trainCommand(out: Output, options: TrainOptions): Promise<void> {
  checkTargets(options);
  for (const path of [options.out, options.checkpoint, options.report]) await ensureParentDir(path);
  const started = performance.now();
  const info = await selectBackend(options.backend);
  if (options.seed !== undefined) setRandomSeed(options.seed);
  const lib = await loadModelLibrary();
  // Model and optimizer first: a wrong name is reported before the data is read.
  const model = buildModel(lib, options);
  checkTrainable(model, info.name);
  model.compile({ optimizer: await buildOptimizer(options), loss: options.loss, metrics: ['accuracy'] });
  const data = await loadDatasets(options);
  const [train, test] = [forModel(model, data.train), forModel(model, data.test)];
  let interrupted = false;
  const release = onInterrupt(() => { interrupted = true; model.stopTraining = true; }, (t) => out.note(t));
  let history;
  try {
    history = await model.fit(train, undefined, {
      epochs: options.epochs, batchSize: options.batchSize, validationSplit: options.validationSplit,
      shuffle: true, verbose: 0, callbacks: callbacks(lib, out, options),
    });
  } finally {
    release();
  }
  const target = options.out ?? options.checkpoint;
  const saved = target ? (await model.save(target)).path ?? target : null;
  if (interrupted) {
    const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
    throw new InterruptedError(
      saved ? `Training interrupted; model saved to ${saved}.` : 'Training interrupted; nothing saved (pass --out or --checkpoint to keep the model).',
      { saved, backend: info.name, epochs: history.epoch.length, seconds },
    );
  }
  const result = await model.evaluate(test, undefined, { batchSize: options.batchSize, verbose: 0 });
  if (options.report) await writeTrainingReport({ model, test, history: history.history, result, backend: info.name, path: options.report });
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  out.say(`Model Loss: ${percent(result.loss)}`);
  out.say(`Model Accuracy: ${percent(result.accuracy)}`);
  if (saved) out.say(`Saved ${saved}`);
  out.record({ test_loss: result.loss, test_accuracy: result.accuracy, backend: info.name, seconds, saved, epochs: history.epoch.length });
}
