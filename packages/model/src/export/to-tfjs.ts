import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, importNodeBuiltin } from '@neuralkit/core';
import { atomicWriteFiles, type FileToWrite } from '../io/atomic-write.js';
import { modelToArtifacts } from '../io/model-artifacts.js';
import type { Sequential } from '../io/sequential-type.js';
import { quantizeTfjsWeight, type TfjsQuantization } from './tfjs-weight-quantization.js';

/** The tfjs converter's shard size: weight files of at most 4 MiB. */
export const TFJS_SHARD_BYTES = 4 * 1024 * 1024;

/** `model.json` (as an object) and its weight shards, named as the converter names them. */
export interface TfjsExport {
  modelJson: tf.io.ModelJSON;
  shards: Array<{ name: string; bytes: Uint8Array }>;
}

export interface TfjsExportOptions {
  quantize?: TfjsQuantization;
  includeOptimizer?: boolean;
  /** Layers whose weights stay float32 (the accuracy guard's fallback). */
  float32Layers?: readonly string[];
}

/**
 * The model in tfjs-layers' format as the tfjs converter writes it: no optimizer (unless asked), weights
 * quantized when asked (`uint8`, `uint16`, `float16`), one group cut into 4 MiB shards
 * `group1-shard1of1.bin`. `tf.loadLayersModel` of tfjs-layers 4.22 loads it.
 */
export async function toTfjs(model: Sequential, options: TfjsExportOptions = {}): Promise<TfjsExport> {
  const int8 = model.layers.find((l) => (l as { quantizationMode?: unknown }).quantizationMode === 'int8');
  if (int8) {
    throw new InvalidArgumentError(
      `tfjs-layers cannot run the int8-quantized layer "${int8.name}": export the float32 model with quantize 'uint8', 'uint16' or 'float16'.`,
    );
  }
  // A shipped model needs no compile settings; with `includeOptimizer` both they and the state are kept.
  const artifacts = await modelToArtifacts(model, options.includeOptimizer ?? false);
  if (!options.includeOptimizer) delete artifacts.trainingConfig;
  const data = new Uint8Array(artifacts.weightData as ArrayBuffer);
  const keep = new Set(options.float32Layers ?? []);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const spec of artifacts.weightSpecs ?? []) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const raw = data.slice(offset, offset + count * 4);
    offset += count * 4;
    if (!options.quantize || spec.dtype !== 'float32' || spec.group === 'optimizer' || keep.has(spec.name.split('/')[0]!)) {
      specs.push(spec);
      parts.push(raw);
      continue;
    }
    const { bytes, quantization } = quantizeTfjsWeight(new Float32Array(raw.buffer), options.quantize);
    specs.push({ ...spec, quantization: quantization as tf.io.WeightsManifestEntry['quantization'] });
    parts.push(bytes);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const count = Math.max(1, Math.ceil(total / TFJS_SHARD_BYTES));
  const shards = Array.from({ length: count }, (_, i) => ({
    name: `group1-shard${i + 1}of${count}.bin`,
    bytes: all.slice(i * TFJS_SHARD_BYTES, Math.min(total, (i + 1) * TFJS_SHARD_BYTES)),
  }));
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: shards.map((s) => s.name), weights: specs }],
  };
  if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
  return { modelJson, shards };
}

/** Writes `model.json` and its shards into the folder of `jsonPath`, atomically; returns the bytes written. */
export async function writeTfjs(jsonPath: string, files: TfjsExport): Promise<number> {
  const path = await importNodeBuiltin<typeof import('node:path')>('node:path');
  const dir = path.dirname(jsonPath);
  const json = JSON.stringify(files.modelJson);
  const writes: FileToWrite[] = files.shards.map((s) => ({ path: path.join(dir, s.name), data: s.bytes }));
  writes.push({ path: jsonPath, data: json });
  await atomicWriteFiles(writes);
  return files.shards.reduce((n, s) => n + s.bytes.length, new TextEncoder().encode(json).length);
}
