import * as tf from '@tensorflow/tfjs-core';
import { DataFormatError } from '@neuralkit/core';
import type { Sequential } from './sequential-type.js';

import { isGraphModel, isObject, kerasTrainingConfig, toTfjsGraphConfig, toTfjsSequentialConfig } from './tfjs-topology.js';

type NamedTensor = { name: string; tensor: tf.Tensor };

export const GENERATED_BY = 'neuralkit 0.1.0';

/** Each layer weight under tfjs-layers' (and Keras's) name `layer/weight`, in layer order. */
export function modelWeights(model: Sequential): NamedTensor[] {
  return model.layers.flatMap((layer) =>
    layer.weights.map((w) => ({ name: `${layer.name}/${w.name}`, tensor: w.variable as tf.Tensor })),
  );
}

/**
 * The optimizer state in tfjs-layers' layout: the iteration count (`iter`, int32), then each kind
 * of slot for every variable in turn (all first moments, then all second moments, ...). Ours keeps
 * each variable's slots together, as Keras 3 does, so the slots are regrouped here.
 */
function optimizerWeights(tensors: tf.Tensor[], names: string[], variableCount: number): NamedTensor[] {
  const [iterations] = tensors;
  if (!iterations || variableCount === 0) return [];
  const slots = (tensors.length - 1) / variableCount;
  if (!Number.isInteger(slots)) return [];
  const out: NamedTensor[] = [{ name: 'iter', tensor: iterations }];
  for (let s = 0; s < slots; s++) {
    for (let v = 0; v < variableCount; v++) {
      const i = 1 + v * slots + s;
      out.push({ name: names[i] ?? `slot_${i}`, tensor: tensors[i] as tf.Tensor });
    }
  }
  return out;
}

/** The model as tfjs ModelArtifacts (what `model.json` + the weights file hold). */
export async function modelToArtifacts(
  model: Sequential,
  includeOptimizer: boolean,
): Promise<tf.io.ModelArtifacts> {
  const weights = await tf.io.encodeWeights(modelWeights(model), 'model');
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: {
      // A Functional model keeps its graph config (Keras 2 node lists, which tfjs-layers reads).
      class_name: isGraphModel(model) ? 'Functional' : 'Sequential',
      config: isGraphModel(model) ? toTfjsGraphConfig(model.getConfig()) : toTfjsSequentialConfig(model.getConfig()),
      keras_version: GENERATED_BY,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightSpecs: weights.specs,
    weightData: weights.data,
  };
  const trainingConfig = model.optimizer ? model.getTrainingConfig() : null;
  if (trainingConfig) artifacts.trainingConfig = trainingConfig as unknown as tf.io.TrainingConfig;
  if (includeOptimizer && model.optimizer) {
    const variableCount = model.trainableWeights.length;
    // getWeights gives new tensors that we own.
    const tensors = model.optimizer.getWeights();
    const named = optimizerWeights(tensors, model.optimizer.getWeightNames(), variableCount);
    const state = named.length > 0 ? await tf.io.encodeWeights(named, 'optimizer') : null;
    tf.dispose(tensors);
    if (state) {
      artifacts.weightSpecs = [...weights.specs, ...state.specs];
      artifacts.weightData = tf.io.concatenateArrayBuffers([weights.data as ArrayBuffer, state.data as ArrayBuffer]);
    }
  }
  return artifacts;
}

/** Keras's Functional model classes: `Functional`, and `Model` in tf.keras ≤ 2.2.4 and tfjs-layers. */
export function isGraphClass(name: unknown): boolean {
  return name === 'Functional' || name === 'Model';
}

/** The `{ class_name: 'Sequential' | 'Functional', config }` inside a tfjs `modelTopology` (also when nested as `model_config`). */
export function sequentialConfigOf(artifacts: tf.io.ModelArtifacts, source: string): Record<string, unknown> {
  let topology: unknown = artifacts.modelTopology;
  if (isObject(topology) && isObject(topology.model_config)) topology = topology.model_config;
  if (!isObject(topology) || !isObject(topology.config)) {
    throw new DataFormatError(source, 'expected a tfjs-layers model topology { class_name, config }, found none.');
  }
  if (topology.class_name !== 'Sequential' && !isGraphClass(topology.class_name)) {
    throw new DataFormatError(
      source,
      `expected a Sequential or Functional model, received class_name ${JSON.stringify(topology.class_name)}.`,
    );
  }
  return topology.config;
}

/**
 * Sets each layer's weights from the decoded tensors: by `layer/weight` name when every name is
 * in the file, otherwise in order (as Keras's `load_weights` matches layers by position).
 */
export function assignModelWeights(
  model: Sequential,
  named: tf.NamedTensorMap,
  specs: readonly tf.io.WeightsManifestEntry[],
  source: string,
): void {
  const targets = model.layers.flatMap((layer) => layer.weights.map((w) => ({ key: `${layer.name}/${w.name}`, w })));
  const byName = targets.every(({ key }) => key in named);
  const inOrder = specs.filter((s) => s.group !== 'optimizer').map((s) => named[s.name]);
  if (!byName && inOrder.length !== targets.length) {
    throw new DataFormatError(
      source,
      `expected ${targets.length} weights (${targets.map((t) => t.key).join(', ')}), the file has ${inOrder.length} (${Object.keys(named).join(', ')}).`,
    );
  }
  targets.forEach(({ key, w }, i) => {
    const tensor = (byName ? named[key] : inOrder[i]) as tf.Tensor;
    if (!tf.util.arraysEqual(tensor.shape, w.variable.shape)) {
      throw new DataFormatError(
        source,
        `weight ${key}: expected shape [${w.variable.shape.join(', ')}], received [${tensor.shape.join(', ')}].`,
      );
    }
  });
  targets.forEach(({ key, w }, i) => w.variable.assign((byName ? named[key] : inOrder[i]) as tf.Tensor));
}

/** Restores tfjs-layers-layout optimizer state (see `optimizerWeights`); skipped when it does not fit. */
export function assignOptimizerWeights(model: Sequential, specs: tf.io.WeightsManifestEntry[], named: tf.NamedTensorMap): void {
  const optimizer = model.optimizer;
  const state = specs.filter((s) => s.group === 'optimizer').map((s) => named[s.name]);
  if (!optimizer || state.length < 2) return;
  const variables = model.trainableWeights;
  const slots = (state.length - 1) / variables.length;
  if (!Number.isInteger(slots)) return;
  optimizer.build(variables);
  if (optimizer.getWeightNames().length !== state.length) {
    console.warn(`Skipping the saved optimizer state: it has ${state.length} tensors, the optimizer ${optimizer.getWeightNames().length}.`);
    return;
  }
  const ordered: tf.Tensor[] = [state[0] as tf.Tensor];
  for (let v = 0; v < variables.length; v++) {
    for (let s = 0; s < slots; s++) ordered.push(state[1 + s * variables.length + v] as tf.Tensor);
  }
  optimizer.setWeights(ordered);
}

export { kerasTrainingConfig };
