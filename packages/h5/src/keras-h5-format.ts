import { atomicWrite, registerModelFormat, type LoadOptions, type ModelFormat, type SaveOptions, type SaveResult, type Sequential } from '@neuralkit/model';
import { readModelToKerasFile } from './from-model.js';
import type { KerasSequential } from './model-types.js';
import type { StoredLayer } from './keras-file.js';
import { readKerasModelFile } from './read-model-file.js';
import { isByteSource, sourceBytes, sourceName, type ModelSource } from './source-bytes.js';
import { readKerasWeightsH5 } from './read-h5.js';
import { assignWeights, modelFromKerasFile } from './to-model.js';
import { writeKerasH5, writeKerasWeightsH5 } from './write-h5.js';
import { checkH5CanHold, saveToKerasBytes } from './keras-archive-format.js';

const FORMAT = 'keras-h5';

function hasExtension(target: unknown, extensions: readonly string[]): target is string {
  return typeof target === 'string' && extensions.some((e) => target.toLowerCase().endsWith(e));
}

/** A model as Keras `.h5` bytes (tf.keras 2.x layout), e.g. for a browser download. */
export async function saveToBytes(model: Sequential, options: SaveOptions = {}): Promise<Uint8Array> {
  checkH5CanHold(model as unknown as KerasSequential);
  return writeKerasH5(await readModelToKerasFile(model as unknown as KerasSequential, options.includeOptimizer ?? true));
}

/** A model as a Keras `.h5` Blob (`application/x-hdf5`), ready for `URL.createObjectURL`. */
export async function saveToBlob(model: Sequential, options: SaveOptions = {}): Promise<Blob> {
  const bytes = await saveToBytes(model, options);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-hdf5' });
}

/** Loads a Keras `.h5` or `.keras` model from a path (Node), bytes, a Blob or a File. */
export async function loadKerasModel(source: ModelSource, options: LoadOptions = {}): Promise<Sequential> {
  const file = await readKerasModelFile(source);
  return modelFromKerasFile(file, { compile: options.compile ?? true, source: sourceName(source) });
}

async function save(model: Sequential, target: unknown, options: SaveOptions): Promise<SaveResult> {
  const bytes = hasExtension(target, ['.keras'])
    ? await saveToKerasBytes(model as unknown as KerasSequential)
    : await saveToBytes(model, options);
  await atomicWrite(target as string, bytes);
  return { path: target as string, bytes, format: FORMAT };
}

async function saveWeights(model: Sequential, target: unknown): Promise<SaveResult> {
  const file = await readModelToKerasFile(model as unknown as KerasSequential, false);
  const bytes = await writeKerasWeightsH5(file);
  await atomicWrite(target as string, bytes);
  return { path: target as string, bytes, format: FORMAT };
}

async function loadWeights(model: Sequential, source: unknown): Promise<void> {
  const { bytes, name } = await sourceBytes(source as ModelSource);
  const entries = (model as unknown as { layers: Array<{ name: string; className: string }> }).layers
    .filter((l) => l.className !== 'InputLayer')
    .map((l) => ({ class_name: l.className, config: { name: l.name } }));
  const layers = (await readKerasWeightsH5(bytes, name, entries)).filter((l) => l.weights.length > 0);
  assignWeights(model as unknown as KerasSequential, byLayerName(model as unknown as KerasSequential, layers), name);
}

/**
 * The stored layers in the model's order when every layer with weights has a stored layer of its
 * name (Keras's `load_weights(by_name=True)` for .h5); otherwise as stored, matched by order.
 */
function byLayerName(model: KerasSequential, stored: StoredLayer[]): StoredLayer[] {
  const own = model.layers.filter((l) => l.weights.length > 0);
  const named = new Map(stored.map((l) => [l.name, l]));
  if (own.length !== stored.length || !own.every((l) => named.has(l.name))) return stored;
  return own.map((l) => named.get(l.name)!);
}

/** Keras HDF5 (`*.h5`, `*.hdf5`) and Keras 3 `.keras` saving (without optimizer state), and loading of both, paths or bytes. */
export const kerasH5Format: ModelFormat = {
  name: FORMAT,
  canSave: (target) => hasExtension(target, ['.h5', '.hdf5', '.keras']),
  canLoad: (source) => hasExtension(source, ['.h5', '.hdf5', '.keras']) || isByteSource(source),
  save,
  load: (source, options) => loadKerasModel(source as ModelSource, options),
  saveWeights,
  loadWeights,
};

registerModelFormat(kerasH5Format);
