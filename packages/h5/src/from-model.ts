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

/** The optimizer's state tensors and the names tf.keras 2.15 gives them; undefined before the optimizer was built. */
function optimizerState(model: KerasSequential, optimizer: ModelOptimizer): { names: string[]; tensors: tf.Tensor[] } | undefined {
  const names = optimizer.getWeightNames();
  const variables = trainableVariables(model);
  if (names.length <= 1 || variables.length === 0) return undefined;
  const perVariable = (names.length - 1) / variables.length;
  // `dense_kernel_momentum` → slot `momentum`, from the first variable's names.
  const base = (variables[0] as tf.Variable).name.replace(/[/:]/g, '_');
  const slots = names.slice(1, 1 + perVariable).map((n) => (n.startsWith(`${base}_`) ? n.slice(base.length + 1) : n));
  const paths = model.layers.flatMap((l) => l.weights.filter((w) => w.trainable !== false).map((w) => `${l.name}/${w.name}`));
  const written = tfKerasOptimizerNames(className(optimizer), paths, slots);
  return { names: names.map((n, i) => written[i] ?? n), tensors: optimizer.getWeights() };
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

/** Reads tensors' values: synchronously, or awaited (the only read webgpu allows in Node). */
type ReadValues<R> = (tensors: tf.Tensor[], build: (values: ArrayLike<number>[]) => KerasModelFile) => R;

/** Collects every tensor the file holds, reads them all with `read`, then assembles the file. */
function toKerasFile<R>(model: KerasSequential, includeOptimizer: boolean, read: ReadValues<R>): R {
  const config = model.getConfig();
  const weights = model.layers.flatMap((layer) => layer.weights.map((w) => ({ layer, w })));
  const optimizer = includeOptimizer ? model.optimizer : undefined;
  const trainingConfig = optimizer ? model.getTrainingConfig() : undefined;
  const state = optimizer ? optimizerState(model, optimizer) : undefined;
  const tensors = [...weights.map(({ w }) => w.variable as tf.Tensor), ...(state?.tensors ?? [])];
  return read(tensors, (values) => {
    const result: KerasModelFile = {
      kerasVersion: WRITTEN_KERAS_VERSION,
      backend: WRITTEN_BACKEND,
      modelConfig: { class_name: model.className === 'Functional' ? 'Functional' : 'Sequential', config },
      layers: model.layers.map((layer) => ({ name: layer.name, weights: [] })),
      format: 'h5',
    };
    weights.forEach(({ layer, w }, i) => {
      result.layers[model.layers.indexOf(layer)]!.weights.push({
        name: `${layer.name}/${w.name}:0`,
        shape: w.variable.shape.slice(),
        dtype: w.dtype ?? ('float32' as const),
        data: Float32Array.from(values[i]!),
      });
    });
    if (trainingConfig) result.trainingConfig = portableTrainingConfig(trainingConfig);
    if (state) {
      result.optimizerWeights = state.tensors.map((t, i): StoredOptimizerWeight => {
        const data = values[weights.length + i]!;
        return {
          name: state.names[i] ?? `weight_${i}`,
          shape: t.shape.slice(),
          dtype: i === 0 ? 'int64' : 'float32',
          data: i === 0 ? Float64Array.from(data) : Float32Array.from(data),
        };
      });
    }
    return result;
  });
}

/**
 * A neuralkit model in the neutral form, as tf.keras 2.15 would save it: weights named
 * `<layer>/<weight>:0`, the training config and optimizer state when compiled. Reads the weights
 * synchronously; {@link readModelToKerasFile} awaits them (webgpu in Node, no GPU stall in browsers).
 */
export function modelToKerasFile(model: KerasSequential, includeOptimizer = true): KerasModelFile {
  return toKerasFile(model, includeOptimizer, (tensors, build) => {
    try {
      return build(tensors.map((t) => t.dataSync()));
    } finally {
      disposeOptimizerCopies(model, tensors);
    }
  });
}

/** {@link modelToKerasFile} with awaited reads of the weights and optimizer state. */
export async function readModelToKerasFile(model: KerasSequential, includeOptimizer = true): Promise<KerasModelFile> {
  return toKerasFile(model, includeOptimizer, async (tensors, build) => {
    try {
      return build(await Promise.all(tensors.map((t) => t.data())));
    } finally {
      disposeOptimizerCopies(model, tensors);
    }
  });
}

/** `optimizer.getWeights()` hands out tensors the caller owns; the model's own variables stay. */
function disposeOptimizerCopies(model: KerasSequential, tensors: tf.Tensor[]): void {
  const own = new Set<tf.Tensor>(model.layers.flatMap((l) => l.weights.map((w) => w.variable as tf.Tensor)));
  tf.dispose(tensors.filter((t) => !own.has(t)));
}
