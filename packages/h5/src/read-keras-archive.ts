import { unzipSync } from 'fflate';
import type { File as H5File, Group } from 'h5wasm';
import { DataFormatError } from '@neuralkit/core';
import { datasetKeys, getGroup, readNumericDataset, type ReadLimits } from './datasets.js';
import { withH5Bytes } from './h5-runtime.js';
import { parseJsonAttribute } from './json-config.js';
import type { KerasModelFile, StoredLayer, StoredOptimizerWeight } from './keras-file.js';
import { fromCompileConfig } from './compile-config.js';
import { ZipEntryChecker } from './zip-entry-limits.js';

const ENTRIES = ['config.json', 'metadata.json', 'model.weights.h5'];

/** True for a zip archive (`PK\x03\x04`), the container of Keras 3's `.keras` files. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function unzip(bytes: Uint8Array, source: string): Record<string, Uint8Array> {
  const checker = new ZipEntryChecker(source);
  try {
    return unzipSync(bytes, {
      filter: (entry) => {
        checker.check(entry);
        return ENTRIES.includes(entry.name);
      },
    });
  } catch (error) {
    if (error instanceof DataFormatError) throw error;
    throw new DataFormatError(source, `not a readable zip archive (${(error as Error).message}).`, { cause: error });
  }
}

/**
 * Keras's `to_snake_case` of a class name: `Dense` → `dense`, `BatchNormalization` →
 * `batch_normalization`, `Conv2D` → `conv2d`, `MaxPooling2D` → `max_pooling2d` (no break after a digit).
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

export interface LayerEntry {
  class_name?: unknown;
  config?: { name?: unknown };
}

function layerEntries(modelConfig: Record<string, unknown>, source: string): LayerEntry[] {
  const config = modelConfig.config as { layers?: unknown } | unknown[] | undefined;
  const layers = Array.isArray(config) ? config : config?.layers;
  if (!Array.isArray(layers)) {
    throw new DataFormatError(source, 'config.json: expected a model config with a `layers` list.');
  }
  const bad = layers.findIndex((layer) => layer === null || typeof layer !== 'object' || Array.isArray(layer));
  if (bad >= 0) {
    throw new DataFormatError(source, `config.json: layer ${bad}: expected { class_name, config }, received ${JSON.stringify(layers[bad])?.slice(0, 60)}.`);
  }
  return (layers as LayerEntry[]).filter((layer) => layer.class_name !== 'InputLayer');
}

/** `layers/<key>/vars`, where the key is the snake_case class name numbered by repeats. */
export function readArchiveLayers(file: H5File, entries: LayerEntry[], limits: ReadLimits): StoredLayer[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const base = toSnakeCase(String(entry.class_name));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    const key = count === 0 ? base : `${base}_${count}`;
    const name = typeof entry.config?.name === 'string' ? entry.config.name : key;
    // One file written on Windows used a backslash in the group names.
    const vars = getGroup(file, `layers/${key}/vars`) ?? getGroup(file, `layers\\${key}/vars`);
    const weights = vars
      ? datasetKeys(vars).map((index) => {
          const { shape, data } = readNumericDataset(vars, index, limits);
          return { name: `layers/${key}/vars/${index}`, shape, dtype: 'float32' as const, data: Float32Array.from(data) };
        })
      : [];
    return { name, weights };
  });
}

function readArchiveOptimizer(file: H5File, limits: ReadLimits): StoredOptimizerWeight[] | undefined {
  const vars: Group | undefined = getGroup(file, 'optimizer/vars');
  if (!vars) return undefined;
  return datasetKeys(vars).map((index) => ({ name: `optimizer/vars/${index}`, ...readNumericDataset(vars, index, limits) }));
}

function text(entries: Record<string, Uint8Array>, name: string, source: string): string {
  const entry = entries[name];
  if (!entry) throw new DataFormatError(source, `a zip archive but not a Keras model: expected an entry ${name}, found [${Object.keys(entries).join(', ')}].`);
  return new TextDecoder().decode(entry);
}

/** Reads a Keras 3 `.keras` archive (config.json, metadata.json, model.weights.h5) into the neutral form. */
export async function readKerasArchive(bytes: Uint8Array, source = 'Keras archive'): Promise<KerasModelFile> {
  const entries = unzip(bytes, source);
  const config = parseJsonAttribute(text(entries, 'config.json', source), 'config.json', source);
  const metadata = entries['metadata.json']
    ? parseJsonAttribute(text(entries, 'metadata.json', source), 'metadata.json', source)
    : {};
  const weightsBytes = entries['model.weights.h5'];
  if (!weightsBytes) {
    throw new DataFormatError(source, 'expected model.weights.h5 in the archive (model.weights.npz is not supported).');
  }
  const limits = { fileBytes: weightsBytes.length, source: `${source} (model.weights.h5)` };
  const layers = layerEntries(config, source);
  const read = await withH5Bytes(weightsBytes, limits.source, (file) => ({
    layers: readArchiveLayers(file, layers, limits),
    optimizerWeights: readArchiveOptimizer(file, limits),
  }));
  const result: KerasModelFile = {
    kerasVersion: typeof metadata.keras_version === 'string' ? metadata.keras_version : '',
    backend: typeof metadata.backend === 'string' ? metadata.backend : '',
    modelConfig: { class_name: String(config.class_name), config: config.config },
    layers: read.layers,
    format: 'keras',
  };
  const compile = config.compile_config;
  if (compile && typeof compile === 'object') result.trainingConfig = fromCompileConfig(compile as Record<string, unknown>);
  if (read.optimizerWeights) result.optimizerWeights = read.optimizerWeights;
  return result;
}
