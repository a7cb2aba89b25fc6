import type * as tf from '@tensorflow/tfjs-core';

// The parts of @neuralkit/model the CLI composes, as its contract states them. Loaded lazily
// (with @neuralkit/h5, which registers the .h5/.keras format) by the commands that need them.

type Logs = Record<string, number>;

export interface ModelLike {
  layers: Array<{ name: string }>;
  stopTraining: boolean;
  compile(options: { optimizer: unknown; loss: unknown; metrics?: string[] }): void;
  fit(x: unknown, y: unknown, options: Record<string, unknown>): Promise<{ history: Record<string, number[]>; epoch: number[] }>;
  evaluate(x: unknown, y: unknown, options?: Record<string, unknown>): Promise<Record<string, number>>;
  predict(x: unknown, options?: Record<string, unknown>): tf.Tensor | Promise<tf.Tensor>;
  summary(options?: Record<string, unknown>): string;
  save(target: string, options?: Record<string, unknown>): Promise<{ path?: string; format: string }>;
  countParams?(): number;
}

export interface CallbackLike {
  onEpochBegin?(epoch: number, logs?: Logs): unknown;
  onEpochEnd?(epoch: number, logs?: Logs): unknown;
  onTrainBatchEnd?(batch: number, logs?: Logs): unknown;
}

export interface ModelModule {
  sequential(layers: unknown[], options?: { name?: string }): ModelLike;
  layers: Record<'flatten' | 'dense' | 'dropout', (options: Record<string, unknown>) => unknown>;
  loadModel(source: unknown, options?: Record<string, unknown>): Promise<ModelLike>;
  ProgressBar?: new (options: { verbose?: 1 | 2; stream?: { write(text: string): unknown; isTTY?: boolean } }) => CallbackLike;
  EarlyStopping?: new (options: { monitor?: string; patience?: number }) => CallbackLike;
}

const MODEL_PACKAGE: string = '@neuralkit/model';
const H5_PACKAGE: string = '@neuralkit/h5';

export async function loadModelLibrary(): Promise<ModelModule> {
  // Specifiers through a variable: the CLI is typed against the contract above, not the
  // packages' declarations, so it builds independently of them.
  const model = (await import(MODEL_PACKAGE)) as ModelModule;
  await import(H5_PACKAGE); // registers .h5 / .keras with save and loadModel
  return model;
}

/** Loads a saved model, turning a missing file into a usage error. */
export async function loadSavedModel(path: string): Promise<ModelLike> {
  const { existsSync } = await import('node:fs');
  const { UsageError } = await import('./errors.js');
  if (!existsSync(path)) throw new UsageError(`Model file not found: ${path}.`, 'Pass a .h5, .keras or model.json file saved by neuralkit or Keras.');
  const model = await loadModelLibrary();
  return model.loadModel(path);
}
