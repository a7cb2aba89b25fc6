import type { File as H5File, Group } from 'h5wasm';
import { DataFormatError } from '@neuralkit/core';
import { readStringAttribute, readStringListAttribute } from './attributes.js';
import { getGroup, readNumericDataset, type ReadLimits } from './datasets.js';
import type { KerasModelFile, StoredLayer, StoredOptimizerWeight, StoredWeight } from './keras-file.js';
import { parseJsonAttribute } from './json-config.js';
import { withH5Bytes } from './h5-runtime.js';
import { readArchiveLayers, type LayerEntry } from './read-keras-archive.js';

function readLayer(modelWeights: Group, name: string, limits: ReadLimits): StoredLayer {
  const group = getGroup(modelWeights, name);
  if (!group) {
    throw new DataFormatError(limits.source, `\`layer_names\` lists "${name}" but \`model_weights/${name}\` is missing.`);
  }
  const weightNames = readStringListAttribute(group, 'weight_names', limits.source) ?? [];
  const weights = weightNames.map((weightName): StoredWeight => {
    // Datasets are found relative to the layer group through the stored names, never rebuilt.
    const { shape, data } = readNumericDataset(group, weightName, limits);
    return { name: weightName, shape, dtype: 'float32', data: Float32Array.from(data) };
  });
  return { name, weights };
}

function readOptimizerWeights(file: H5File, limits: ReadLimits): StoredOptimizerWeight[] | undefined {
  const group = getGroup(file, 'optimizer_weights');
  if (!group) return undefined;
  const names = readStringListAttribute(group, 'weight_names', limits.source) ?? [];
  return names.map((name) => ({ name, ...readNumericDataset(group, name, limits) }));
}

function notAKerasModel(file: H5File, source: string): DataFormatError {
  // tf.keras 2 `save_weights` puts `layer_names` at the root; Keras 3 `.weights.h5` files hold `layers/...` groups only.
  const weightsOnly = 'layer_names' in file.attrs || 'layer_names0' in file.attrs || (file.keys().includes('layers') && !('model_config' in file.attrs));
  const hint = weightsOnly
    ? ' It is a weights-only file (Keras `save_weights`), which holds no model configuration: build the same model ' +
      'in code and call `model.loadWeights(file)` (weights are matched by layer name, else by layer order).'
    : '';
  return new DataFormatError(
    source,
    `an HDF5 file but not a Keras model: expected a root attribute \`model_config\` and a group ` +
      `\`model_weights\`, received attributes [${Object.keys(file.attrs).join(', ')}] and groups ` +
      `[${file.keys().join(', ')}].${hint}`,
  );
}

/** Reads an opened legacy Keras HDF5 file (`model.save('x.h5')`, tf.keras 2.x or Keras 3). */
export function readKerasH5File(file: H5File, limits: ReadLimits): KerasModelFile {
  const { source } = limits;
  const configText = readStringAttribute(file, 'model_config', source);
  const modelWeights = getGroup(file, 'model_weights');
  if (configText === undefined || !modelWeights) throw notAKerasModel(file, source);
  const modelConfig = parseJsonAttribute(configText, 'model_config', source);
  if (typeof modelConfig.class_name !== 'string') {
    throw new DataFormatError(source, '`model_config`: expected `{ "class_name": ..., "config": ... }`.');
  }
  const trainingText = readStringAttribute(file, 'training_config', source);
  const layerNames = readStringListAttribute(modelWeights, 'layer_names', source);
  if (!layerNames) {
    throw new DataFormatError(source, '`model_weights` has no `layer_names` attribute: expected one name per layer.');
  }
  const result: KerasModelFile = {
    kerasVersion: readStringAttribute(file, 'keras_version', source) ?? '',
    backend: readStringAttribute(file, 'backend', source) ?? '',
    modelConfig: modelConfig as KerasModelFile['modelConfig'],
    layers: layerNames.map((name) => readLayer(modelWeights, name, limits)),
    format: 'h5',
  };
  if (trainingText !== undefined) result.trainingConfig = parseJsonAttribute(trainingText, 'training_config', source);
  const optimizerWeights = readOptimizerWeights(file, limits);
  if (optimizerWeights) result.optimizerWeights = optimizerWeights;
  return result;
}

/**
 * Reads the layer weights of a weights file (`save_weights('x.h5')`: `layer_names` at the root)
 * or of a whole model file (`model_weights`), as Keras's `load_weights` does.
 */
export async function readKerasWeightsH5(
  bytes: Uint8Array,
  source = 'Keras HDF5 weights file',
  keras3Layers?: LayerEntry[],
): Promise<StoredLayer[]> {
  if (!isHdf5(bytes)) {
    throw new DataFormatError(source, `not an HDF5 file: expected the HDF5 signature \\x89HDF\\r\\n\\x1a\\n, received ${describeStart(bytes)}.`);
  }
  const limits = { fileBytes: bytes.length, source };
  return withH5Bytes(bytes, source, (file) => {
    // Keras 3 `save_weights('x.weights.h5')`: `layers/<class key>/vars/<i>`, found through the model's layers.
    if (keras3Layers && !('layer_names' in file.attrs) && !getGroup(file, 'model_weights') && getGroup(file, 'layers')) {
      return readArchiveLayers(file, keras3Layers, limits);
    }
    const group = 'layer_names' in file.attrs || 'layer_names0' in file.attrs ? file : getGroup(file, 'model_weights');
    const names = group ? readStringListAttribute(group, 'layer_names', source) : undefined;
    if (!group || !names) {
      throw new DataFormatError(source, 'an HDF5 file but not Keras weights: expected a `layer_names` attribute at the root or in `model_weights`.');
    }
    return names.map((name) => readLayer(group, name, limits));
  });
}

/** Checks the HDF5 signature before handing bytes to the HDF5 library, for a plain error message. */
export function isHdf5(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  // The superblock may follow a user block of 512, 1024, 2048... bytes.
  for (let offset = 0; offset + 8 <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (signature.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

/** Reads legacy Keras HDF5 bytes into the neutral form. */
export async function readKerasH5(bytes: Uint8Array, source = 'Keras HDF5 file'): Promise<KerasModelFile> {
  if (!isHdf5(bytes)) {
    throw new DataFormatError(source, `not an HDF5 file: expected the HDF5 signature \\x89HDF\\r\\n\\x1a\\n, received ${describeStart(bytes)}.`);
  }
  return withH5Bytes(bytes, source, (file) => readKerasH5File(file, { fileBytes: bytes.length, source }));
}

/** The first bytes of a file, for error messages. */
export function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${bytes.length} bytes starting ${head}`;
}
