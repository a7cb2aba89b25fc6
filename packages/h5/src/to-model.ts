import * as tf from '@tensorflow/tfjs-core';
import { DataFormatError, ShapeError, inSource } from '@neuralkit/core';
import { Functional, Sequential, layerRegistry } from '@neuralkit/model';
import type { KerasModelFile, StoredLayer } from './keras-file.js';
import type { KerasSequential } from './model-types.js';
import { restoreOptimizerState } from './restore-optimizer.js';
import { compileFromFile } from './compile-restore.js';

interface LayerEntry {
  class_name?: unknown;
  config?: { name?: unknown; units?: unknown };
}

function layerEntries(file: KerasModelFile, source: string): LayerEntry[] {
  const { class_name: className, config } = file.modelConfig;
  if (className !== 'Sequential' && !isGraphClass(className)) {
    throw new DataFormatError(source, `model class ${JSON.stringify(className)} is not supported: expected "Sequential", "Functional" or "Model".`);
  }
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown } | null)?.layers;
  if (!Array.isArray(layers)) throw new DataFormatError(source, '`model_config`: expected a `layers` list.');
  const bad = layers.findIndex((layer) => layer === null || typeof layer !== 'object' || Array.isArray(layer));
  if (bad >= 0) {
    throw new DataFormatError(source, `\`model_config\`: layer ${bad}: expected { class_name, config }, received ${JSON.stringify(layers[bad])?.slice(0, 60)}.`);
  }
  return layers as LayerEntry[];
}

/** Keras's Functional model classes: `Functional`, and `Model` in tf.keras ≤ 2.2.4. */
function isGraphClass(name: unknown): boolean {
  return name === 'Functional' || name === 'Model';
}

/** Refuses layer classes neuralkit does not have (Lambda's marshalled code included), naming them. */
function checkLayerClasses(entries: LayerEntry[], source: string): void {
  const known = layerRegistry.names();
  for (const entry of entries) {
    const className = String(entry.class_name);
    if (!layerRegistry.has(className) && className !== 'Sequential') {
      const name = typeof entry.config?.name === 'string' ? ` (layer "${entry.config.name}")` : '';
      throw new DataFormatError(
        source,
        `layer class "${className}"${name} is not supported: expected one of ${known.join(', ')}.`,
      );
    }
  }
}

/** Compares Dense `units` with the stored kernels before building, so a bad config allocates nothing. */
function checkDeclaredUnits(entries: LayerEntry[], stored: StoredLayer[], source: string): void {
  const dense = entries.filter((e) => e.class_name === 'Dense');
  if (dense.length !== stored.length) return; // reported with names after building
  dense.forEach((entry, i) => {
    const kernel = (stored[i] as StoredLayer).weights[0];
    const units = entry.config?.units;
    if (kernel && units !== kernel.shape.at(-1)) {
      throw new ShapeError(
        `${source}: layer "${String(entry.config?.name)}" declares units ${JSON.stringify(units)}, but its stored ` +
          `weight "${kernel.name}" (layer group "${(stored[i] as StoredLayer).name}") has shape [${kernel.shape.join(', ')}].`,
      );
    }
  });
}

/** Assigns stored weights to the model's layers by position among the layers that have weights, as Keras does. */
export function assignWeights(model: KerasSequential, stored: StoredLayer[], source: string): void {
  const layers = model.layers.filter((l) => l.weights.length > 0);
  if (layers.length !== stored.length) {
    throw new DataFormatError(
      source,
      `the model has ${layers.length} layers with weights [${layers.map((l) => l.name).join(', ')}], the file ` +
        `has ${stored.length} [${stored.map((l) => l.name).join(', ')}].`,
    );
  }
  layers.forEach((layer, i) => {
    const saved = stored[i] as StoredLayer;
    if (saved.weights.length !== layer.weights.length) {
      throw new DataFormatError(source, `layer "${layer.name}" has ${layer.weights.length} weights, the file's "${saved.name}" has ${saved.weights.length}.`);
    }
    layer.weights.forEach((w, j) => {
      const value = saved.weights[j]!;
      if (!tf.util.arraysEqual(w.variable.shape, value.shape)) {
        throw new ShapeError(
          `${source}: weight "${value.name}" of layer "${saved.name}" has shape [${value.shape.join(', ')}], but layer ` +
            `"${layer.name}" expects ${w.name} of shape [${w.variable.shape.join(', ')}].`,
        );
      }
    });
  });
  tf.tidy(() => layers.forEach((layer, i) => layer.weights.forEach((w, j) => {
    const value = stored[i]!.weights[j]!;
    // Int8 kernels load into int32 variables (tfjs has no int8 dtype).
    const tensor = tf.tensor(value.data, value.shape, 'float32');
    w.variable.assign(w.variable.dtype === 'float32' ? tensor : tf.cast(tensor, w.variable.dtype));
  })));
}

/** Options of `modelFromKerasFile`. */
export interface BuildOptions {
  /** Compile from the saved training config (and restore the optimizer state). Default true, as Keras. */
  compile?: boolean;
  /** Name of the file for error messages. */
  source?: string;
}

/** Builds a neuralkit Sequential model from the neutral form: layers, weights, compile, optimizer state. */
export function modelFromKerasFile(file: KerasModelFile, options: BuildOptions = {}): Sequential {
  const source = options.source ?? 'Keras model file';
  const entries = layerEntries(file, source);
  checkLayerClasses(entries, source);
  const stored = file.layers.filter((l) => l.weights.length > 0);
  checkDeclaredUnits(entries, stored, source);
  const config = file.modelConfig.config as never;
  const model = inSource(source, () =>
    isGraphClass(file.modelConfig.class_name) ? Functional.fromConfig(config) : Sequential.fromConfig(config),
  ) as unknown as KerasSequential;
  try {
    inSource(source, () => {
      assignWeights(model, stored, source);
      if (file.trainingConfig && options.compile !== false && compileFromFile(model, file.trainingConfig, source)) {
        if (file.optimizerWeights) restoreOptimizerState(model, file.optimizerWeights, source);
      }
    });
  } catch (error) {
    // A file refused half-way leaves no variables behind.
    (model as unknown as Sequential).dispose();
    throw error;
  }
  return model as unknown as Sequential;
}
