import type { Group } from 'h5wasm';
import { InvalidArgumentError } from '@neuralkit/core';
import { chunkForAttribute } from './attributes.js';
import { createH5Bytes } from './h5-runtime.js';
import { HDF5_OBJECT_HEADER_LIMIT, type KerasModelFile, type StoredOptimizerWeight } from './keras-file.js';

/** vlen ASCII (NULLTERM), what h5py 3 writes for Python bytes. */
const ASCII = 'A';
/** vlen UTF-8, what h5py 3 writes for Python str. */
const UTF8 = 'S';

function writeStringList(group: Group, name: string, values: readonly string[]): void {
  if (values.length === 0) {
    // Keras writes `np.asarray([])`: an empty float64 array.
    group.create_attribute(name, new Float64Array(0), [0], '<d');
    return;
  }
  const chunks = chunkForAttribute(values, HDF5_OBJECT_HEADER_LIMIT);
  if (chunks.length === 1) {
    group.create_attribute(name, values.slice(), [values.length], ASCII);
    return;
  }
  chunks.forEach((chunk, i) => group.create_attribute(`${name}${i}`, chunk, [chunk.length], ASCII));
}

/** Creates a dataset at a path that may contain `/` (Keras weight names do), making the groups on the way. */
function createDataset(group: Group, path: string, shape: number[], data: Float32Array | BigInt64Array): void {
  const parts = path.split('/');
  const leaf = parts.pop() as string;
  let parent = group;
  for (const part of parts) {
    parent = parent.keys().includes(part) ? (parent.get(part) as Group) : parent.create_group(part);
  }
  parent.create_dataset({ name: leaf, data, shape, dtype: data instanceof Float32Array ? '<f' : '<q' });
}

function checkWeightData(name: string, shape: number[], length: number): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== length) {
    throw InvalidArgumentError.expected(`weight \`${name}\``, `${size} values for shape [${shape.join(', ')}]`, `${length} values`);
  }
}

function writeOptimizer(root: Group, weights: readonly StoredOptimizerWeight[]): void {
  const group = root.create_group('optimizer_weights');
  writeStringList(group, 'weight_names', weights.map((w) => w.name));
  for (const weight of weights) {
    checkWeightData(weight.name, weight.shape, weight.data.length);
    const data =
      weight.dtype === 'int64'
        ? BigInt64Array.from(Array.from(weight.data, (v) => BigInt(Math.round(v))))
        : Float32Array.from(weight.data);
    createDataset(group, weight.name, weight.shape, data);
  }
}

/** `layer_names`, `backend`, `keras_version` and one group per layer with its `weight_names` and datasets. */
function writeLayerWeights(weightsGroup: Group, model: Pick<KerasModelFile, 'kerasVersion' | 'backend' | 'layers'>): void {
  weightsGroup.create_attribute('backend', model.backend, null, ASCII);
  weightsGroup.create_attribute('keras_version', model.kerasVersion, null, ASCII);
  writeStringList(weightsGroup, 'layer_names', model.layers.map((l) => l.name));
  for (const layer of model.layers) {
    const group = weightsGroup.create_group(layer.name);
    writeStringList(group, 'weight_names', layer.weights.map((w) => w.name));
    for (const weight of layer.weights) {
      checkWeightData(weight.name, weight.shape, weight.data.length);
      createDataset(group, weight.name, weight.shape, Float32Array.from(weight.data));
    }
  }
  if (!model.layers.some((l) => l.name === 'top_level_model_weights')) {
    writeStringList(weightsGroup.create_group('top_level_model_weights'), 'weight_names', []);
  }
}

/**
 * Writes weights only, as tf.keras 2.x `model.save_weights('x.h5')`: the root holds what
 * `model_weights` holds in a model file.
 */
export async function writeKerasWeightsH5(model: Pick<KerasModelFile, 'kerasVersion' | 'backend' | 'layers'>): Promise<Uint8Array> {
  return createH5Bytes((file) => writeLayerWeights(file, model));
}

/**
 * Writes the neutral form as tf.keras 2.x writes `model.save('x.h5')`: root attributes, then
 * `model_weights` (one group per layer, weightless ones included, plus an empty
 * `top_level_model_weights`), then `optimizer_weights` when given.
 */
export async function writeKerasH5(model: Omit<KerasModelFile, 'format'>): Promise<Uint8Array> {
  return createH5Bytes((file) => {
    file.create_attribute('backend', model.backend, null, UTF8);
    file.create_attribute('keras_version', model.kerasVersion, null, UTF8);
    file.create_attribute('model_config', JSON.stringify(model.modelConfig), null, ASCII);
    if (model.trainingConfig) file.create_attribute('training_config', JSON.stringify(model.trainingConfig), null, ASCII);
    writeLayerWeights(file.create_group('model_weights'), model);
    if (model.optimizerWeights) writeOptimizer(file, model.optimizerWeights);
  });
}
