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

/** The options every tf.keras 2.11–2.15 optimizer writes first, in its order; `learning_rate` follows. */
const TF_KERAS_BASE_KEYS = ['name', 'weight_decay', 'clipnorm', 'global_clipnorm', 'clipvalue', 'use_ema', 'ema_momentum', 'ema_overwrite_frequency'];
/** Keras 3 options that tf.keras 2.x does not know. */
const KERAS3_ONLY_OPTIMIZER_KEYS = new Set(['loss_scale_factor', 'gradient_accumulation_steps']);

/**
 * The optimizer config as tf.keras 2.15 writes it: class `Custom>Adam` (its optimizers are
 * registered serializables), default name `Adam`, plus `jit_compile` and `is_legacy_optimizer:
 * false`. Without `is_legacy_optimizer`, tf.keras 2.15 builds a legacy optimizer, which rejects
 * `weight_decay` and fails the load. Keras 3 reads `Custom>Adam` by the optimizer's name.
 */
function tfKerasOptimizerConfig(className: string, config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of TF_KERAS_BASE_KEYS) if (key in config) out[key] = config[key];
  // Keras 3 names an optimizer `adam`; tf.keras 2.x names it after its class.
  if (typeof out.name === 'string' && out.name === className.toLowerCase()) out.name = className;
  out.jit_compile = false;
  out.is_legacy_optimizer = false;
  for (const [key, value] of Object.entries(config)) {
    if (!(key in out) && !(KERAS3_ONLY_OPTIMIZER_KEYS.has(key) && value === null)) out[key] = value;
  }
  return out;
}

/** The training config in tf.keras 2.15's form, which both tf.keras 2.15 and Keras 3 compile from. */
function portableTrainingConfig(trainingConfig: Record<string, unknown>): Record<string, unknown> {
  const optimizer = trainingConfig.optimizer_config as { class_name?: unknown; config?: Record<string, unknown> } | undefined;
  if (!optimizer?.config || typeof optimizer.class_name !== 'string') return trainingConfig;
  const className = optimizer.class_name.replace(/^Custom>/, '');
  return {
    loss: trainingConfig.loss,
    metrics: trainingConfig.metrics ?? null,
    weighted_metrics: trainingConfig.weighted_metrics ?? null,
    loss_weights: trainingConfig.loss_weights ?? null,
    optimizer_config: { class_name: `Custom>${className}`, config: tfKerasOptimizerConfig(className, optimizer.config) },
  };
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
    modelConfig: { class_name: model.className === 'Functional' ? 'Functional' : 'Sequential', config },
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
