import * as tf from '@tensorflow/tfjs-core';
import { saveToBlob } from '@neuralkit/h5';
import { loadModel, toOnnx, toTfjs, type Sequential } from '@neuralkit/model';

/** Offers `blob` to the user as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Keras HDF5 bytes of `model` (with the optimizer), downloaded as `mnist.h5`. */
export async function saveH5(model: Sequential): Promise<void> {
  downloadBlob(await saveToBlob(model, { includeOptimizer: true }), 'mnist.h5');
}

/** The tfjs-layers format: `mnist.json` and `mnist.weights.bin` downloads. */
export async function saveTfjs(model: Sequential): Promise<void> {
  await model.save('downloads://mnist');
}

/** The model as int8 ONNX (per-channel QDQ weights), downloaded as `mnist-int8.onnx`; returns its size. */
export async function saveOnnxInt8(model: Sequential): Promise<number> {
  const bytes = await toOnnx(model, { weights: 'int8' });
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'mnist-int8.onnx');
  return bytes.length;
}

/** tfjs-layers with uint8 weights (the converter's encoding): `model.json` and its shard; returns their size. */
export async function saveTfjsUint8(model: Sequential): Promise<number> {
  const files = await toTfjs(model, { quantize: 'uint8' });
  const json = new TextEncoder().encode(JSON.stringify(files.modelJson));
  downloadBlob(new Blob([json], { type: 'application/json' }), 'model.json');
  for (const shard of files.shards) downloadBlob(new Blob([shard.bytes as Uint8Array<ArrayBuffer>]), shard.name);
  return files.shards.reduce((n, s) => n + s.bytes.length, json.length);
}

/**
 * Loads what the user picked: one `.h5` / `.keras` file, or a tfjs `model.json` with its
 * weight files. Anything else is left to `loadModel` to reject with a clear message.
 */
export async function loadFromFiles(files: File[]): Promise<Sequential> {
  if (files.length === 0) throw new Error('Expected a model file, received no file.');
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (json) {
    const weights = files.filter((f) => f !== json);
    return loadModel(tf.io.browserFiles([json, ...weights]));
  }
  const [file] = files;
  if (files.length > 1 || !file) {
    throw new Error(`Expected one .h5 or .keras file (or model.json with weight files), received ${files.length} files.`);
  }
  return loadModel(file);
}
