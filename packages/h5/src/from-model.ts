import * as tf from '@tensorflow/tfjs-core';
import type { KerasModelFile, StoredOptimizerWeight } from './keras-file.js';
import { trainableVariables, type KerasSequential, type ModelOptimizer } from './model-types.js';
import { tfKerasOptimizerNames } from './optimizer-weights.js';

/** The tf.keras version whose `.h5` layout neuralkit writes; readers use it only to detect Keras 1 files. */
export const WRITTEN_KERAS_VERSION = '2.15.0';
export const WRITTEN_BACKEND = 'tensorflow';

function className(optimizer: ModelOptimizer): string {
  return (optimizer.constructor as { className?: string }).className ?? optimizer.constructor.name;
}

/** The model's optimizer state with tf.keras 2.15 names; undefined before the optimizer was built. */
function optimizerWeights(model: KerasSequential, optimizer: ModelOptimizer): StoredOptimizerWeight[] | undefined {
  const names = optimizer.getWeightNames();
  const variables = trainableVariables(model);
  if (names.length <= 1 || variables.length === 0) return undefined;
  const perVariable = (names.length - 1) / variables.length;
  // `dense_kernel_momentum` → slot `momentum`, from the first variable's names.
  const base = (variables[0] as tf.Variable).name.replace(/[/:]/g, '_');
  const slots = names.slice(1, 1 + perVariable).map((n) => (n.startsWith(`${base}_`) ? n.slice(base.length + 1) : n));
  const paths = model.layers.flatMap((l) => l.weights.filter((w) => w.trainable !== false).map((w) => `${l.name}/${w.name}`));
  const written = tfKerasOptimizerNames(className(optimizer), paths, slots);
  const tensors = optimizer.getWeights();
  try {
    return tensors.map((t, i) => ({
      name: written[i] ?? names[i] ?? `weight_${i}`,
      shape: t.shape.slice(),
      dtype: i === 0 ? 'int64' : 'float32',
      data: i === 0 ? Float64Array.from(t.dataSync()) : Float32Array.from(t.dataSync()),
    }));
  } finally {
    tf.dispose(tensors);
  }
}

/** Keras 3 optimizer options that tf.keras 2.x rejects as unknown arguments; dropped when at their default. */
const KERAS3_ONLY_OPTIMIZER_KEYS = ['loss_scale_factor', 'gradient_accumulation_steps'];

/** The training config in a form both tf.keras 2.x and Keras 3 compile from. */
function portableTrainingConfig(trainingConfig: Record<string, unknown>): Record<string, unknown> {
  const optimizer = trainingConfig.optimizer_config as { class_name?: unknown; config?: Record<string, unknown> } | undefined;
  if (!optimizer?.config) return trainingConfig;
  const config = { ...optimizer.config };
  for (const key of KERAS3_ONLY_OPTIMIZER_KEYS) if (config[key] === null) delete config[key];
  return { ...trainingConfig, optimizer_config: { ...optimizer, config } };
}

/**
 * A neuralkit model in the neutral form, as tf.keras 2.15 would save it: weights named
 * `<layer>/<weight>:0`, the training config and optimizer state when compiled.
 */
export function modelToKerasFile(model: KerasSequential, includeOptimizer = true): KerasModelFile {
  const config = model.getConfig();
  const result: KerasModelFile = {
    kerasVersion: WRITTEN_KERAS_VERSION,
    backend: WRITTEN_BACKEND,
    modelConfig: { class_name: 'Sequential', config },
    layers: model.layers.map((layer) => ({
      name: layer.name,
      weights: layer.weights.map((w) => ({
        name: `${layer.name}/${w.name}:0`,
        shape: w.variable.shape.slice(),
        dtype: 'float32' as const,
        data: Float32Array.from(w.variable.dataSync()),
      })),
    })),
    format: 'h5',
  };
  const optimizer = model.optimizer;
  if (includeOptimizer && optimizer) {
    const trainingConfig = model.getTrainingConfig();
    if (trainingConfig) result.trainingConfig = portableTrainingConfig(trainingConfig);
    const state = optimizerWeights(model, optimizer);
    if (state) result.optimizerWeights = state;
  }
  return result;
}
