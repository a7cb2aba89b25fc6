import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NeuralkitError, importNodeBuiltin } from '@neuralkit/core';
import { atomicWrite, atomicWriteFiles } from '../io/atomic-write.js';
import { removeLeftovers, writerMark } from '../io/leftovers.js';
import { loadModel, saveModel } from '../io/model-format.js';
import { Sequential } from '../sequential.js';
import { compareAccuracy, type AccuracyComparison, type ExportValidation } from './exported-accuracy.js';
import { toOnnx } from './to-onnx.js';
import { toTfjs, writeTfjs } from './to-tfjs.js';
import { dequantizedCopy } from './dequantized-copy.js';
import { keepFloat32, quantizedLayers } from './keep-float32.js';
import { quantizeLayer } from '../quantize/quantize-layer.js';

export type ExportFormat = 'onnx' | 'tfjs' | 'h5' | 'keras';
export type ExportQuantization = 'int8' | 'uint8' | 'uint16' | 'float16';

/** Which weight encodings each format can hold. */
export const EXPORT_QUANTIZATIONS: Record<ExportFormat, readonly ExportQuantization[]> = {
  onnx: ['int8', 'float16'],
  tfjs: ['uint8', 'uint16', 'float16'],
  keras: ['int8', 'float16'],
  h5: ['float16'],
};

export interface ExportOptions {
  /** Taken from the extension when absent: `.onnx`, `.json` (tfjs), `.h5`, `.keras`. */
  format?: ExportFormat;
  quantize?: ExportQuantization;
  /** ONNX opset (13 by default). */
  opset?: number;
  /** Keep the optimizer state (tfjs, h5); dropped by default. */
  includeOptimizer?: boolean;
  /** Compare the float32 and exported models' accuracy; refuse when it drops by more than `maxDrop` points. */
  validate?: ExportValidation;
}

export interface ExportReport extends Partial<AccuracyComparison> {
  path: string;
  format: ExportFormat;
  quantize: ExportQuantization | null;
  /** Layers the accuracy guard kept at float32 (`validate.onDrop: 'keep-float32'`). */
  float32Layers: string[];
  /** Bytes written (every file). */
  bytes: number;
  /** The same files gzipped, one by one. */
  gzippedBytes: number;
}

const EXTENSIONS: Array<[string, ExportFormat]> = [['.onnx', 'onnx'], ['.json', 'tfjs'], ['.h5', 'h5'], ['.hdf5', 'h5'], ['.keras', 'keras']];

function formatOf(path: string, format: unknown): ExportFormat {
  if (format !== undefined) {
    if (!(format as string in EXPORT_QUANTIZATIONS)) throw InvalidArgumentError.expected('`format` of export()', "'onnx', 'tfjs', 'h5' or 'keras'", format);
    return format as ExportFormat;
  }
  const found = EXTENSIONS.find(([ext]) => path.toLowerCase().endsWith(ext));
  if (!found) throw InvalidArgumentError.expected('path of export()', 'a name ending in .onnx, .json (tfjs), .h5 or .keras, or a `format`', path);
  return found[1];
}

async function gzipped(files: Uint8Array[]): Promise<number> {
  const zlib = await importNodeBuiltin<typeof import('node:zlib')>('node:zlib');
  return files.reduce((n, f) => n + zlib.gzipSync(f).length, 0);
}

/** A float32 copy of the model with the same weights (the original is never changed). */
function copyOf(model: Sequential): Sequential {
  const copy = Sequential.fromConfig(model.getConfig());
  copy.setWeights(model.getWeights());
  return copy;
}

/** Writes the file(s) and returns their bytes plus the model that computes what they hold. */
async function write(model: Sequential, path: string, format: ExportFormat, options: ExportOptions & { float32Layers: string[] }): Promise<{ files: Uint8Array[]; exported: Sequential }> {
  const { quantize, float32Layers } = options;
  if (format === 'onnx') {
    const weights = quantize === 'int8' || quantize === 'float16' ? quantize : 'float32';
    const bytes = await toOnnx(model, { ...(options.opset ? { opset: options.opset } : {}), weights, float32Layers });
    await atomicWrite(path, bytes);
    return { files: [bytes], exported: await dequantizedCopy(model, quantize, float32Layers) };
  }
  if (format === 'tfjs') {
    const files = await toTfjs(model, { ...(quantize ? { quantize: quantize as 'uint8' } : {}), includeOptimizer: options.includeOptimizer ?? false, float32Layers });
    await writeTfjs(path, files);
    return { files: [new TextEncoder().encode(JSON.stringify(files.modelJson)), ...files.shards.map((s) => s.bytes)], exported: await loadModel(path, { compile: false }) };
  }
  const copy = copyOf(model);
  if (quantize) copy.layers.filter((l) => !float32Layers.includes(l.name)).forEach((l) => quantizeLayer(l, quantize as 'int8'));
  // Compiled afresh: the file keeps the compile settings, and with an unbuilt optimizer no state.
  const training = model.getTrainingConfig();
  if (training) copy.compileFromTrainingConfig(training);
  const result = await saveModel(copy, path, { includeOptimizer: true });
  copy.dispose();
  return { files: [result.bytes ?? new Uint8Array(0)], exported: await loadModel(path, { compile: false }) };
}

/** Writes the export and, with `validate`, compares it with the float32 model. */
async function writeAndCompare(
  model: Sequential, path: string, format: ExportFormat, options: ExportOptions & { float32Layers: string[] },
): Promise<{ files: Uint8Array[]; comparison?: AccuracyComparison }> {
  const { files, exported } = await write(model, path, format, options);
  try {
    return { files, ...(options.validate ? { comparison: await compareAccuracy(model, exported, options.validate) } : {}) };
  } finally {
    if (exported !== model) exported.dispose();
  }
}

const dropOf = (c: AccuracyComparison) => (c.float32Accuracy - c.exportedAccuracy) * 100;

/**
 * Ships a trained model: ONNX, tfjs-layers (converter-quantized weights), Keras `.h5` or
 * `.keras`, quantized as asked, without the optimizer state. With `validate`, both models are
 * evaluated and the export is refused (any files already at the path kept as they were) when the accuracy drops by more than
 * `maxDrop` points, or with `onDrop: 'keep-float32'` written again with the fewest layers kept
 * at float32 that bring it within `maxDrop`. The report gives bytes, gzipped bytes, both
 * accuracies, the largest output difference and the layers kept at float32.
 */
export async function exportModel(model: Sequential, path: string, options: ExportOptions = {}): Promise<ExportReport> {
  if (typeof path !== 'string' || path.length === 0) throw InvalidArgumentError.expected('path of export()', 'a file path', path);
  const format = formatOf(path, options.format);
  const quantize = options.quantize ?? null;
  if (quantize && !EXPORT_QUANTIZATIONS[format].includes(quantize)) {
    throw new InvalidArgumentError(
      `The ${format} format cannot hold ${quantize} weights: expected ${EXPORT_QUANTIZATIONS[format].join(' or ')} (or no quantization).`,
    );
  }
  if (!model.built) throw new NeuralkitError(`Sequential "${model.name}" must be built before export: give the first layer an inputShape, or call build() or fit() first.`, 'NOT_BUILT');
  // Written, read back and validated in a staging folder beside the path; only a finished export
  // replaces what is there, so a refused or failed export leaves the previous files as they were.
  const staging = await stagingFolder(path);
  try {
    const report = await exportStaged(model, staging, format, quantize, options);
    await staging.publish();
    return { ...report, path };
  } finally {
    await staging.remove();
  }
}

async function exportStaged(model: Sequential, staging: StagingFolder, format: ExportFormat, quantize: ExportQuantization | null, options: ExportOptions): Promise<ExportReport> {
  const maxDrop = options.validate?.maxDrop ?? 0.5;
  const path = staging.path;
  // Each try starts from an empty folder, so only the last try's files are published.
  const attempt = async (float32Layers: string[]) => {
    await staging.clear();
    return writeAndCompare(model, path, format, { ...options, float32Layers });
  };
  let float32Layers: string[] = [];
  let { files, comparison } = await attempt(float32Layers);
  if (comparison && quantize && dropOf(comparison) > maxDrop && options.validate?.onDrop === 'keep-float32') {
    float32Layers = await keepFloat32({
      candidates: quantizedLayers(model.layers, quantize),
      maxDrop,
      drop: async (keep) => dropOf((await attempt(keep)).comparison!),
    });
    ({ files, comparison } = await attempt(float32Layers));
  }
  const report: ExportReport = { path, format, quantize, float32Layers, bytes: files.reduce((n, f) => n + f.length, 0), gzippedBytes: await gzipped(files), ...comparison };
  if (comparison && dropOf(comparison) > maxDrop) {
    throw new NeuralkitError(
      `The ${quantize ?? 'float32'} ${format} export of "${model.name}" loses ${dropOf(comparison).toFixed(2)} accuracy points ` +
        `(${(comparison.float32Accuracy * 100).toFixed(2)} % → ${(comparison.exportedAccuracy * 100).toFixed(2)} %), more than the allowed ${maxDrop}; nothing was written.`,
      'ACCURACY_DROP',
    );
  }
  return report;
}

/**
 * A fresh folder beside `path` (same file system, so its files move in by rename) holding the
 * export under the path's own name; `publish` writes every file it holds next to `path` as one
 * atomic set (each replaced by rename), `remove` deletes the folder.
 */
interface StagingFolder {
  /** Where to write: in the folder, under the target's own name. */
  path: string;
  clear(): Promise<void>;
  publish(): Promise<void>;
  remove(): Promise<void>;
}

async function stagingFolder(path: string): Promise<StagingFolder> {
  const [fs, p, os] = await Promise.all([
    importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises'),
    importNodeBuiltin<typeof import('node:path')>('node:path'),
    importNodeBuiltin<typeof import('node:os')>('node:os'),
  ]);
  const dir = p.dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const prefix = `.${p.basename(path)}.export-`;
  // The staging folder of an export that was killed is removed by the next export to the same path.
  await removeLeftovers(fs, dir, prefix, os.hostname());
  const folder = await fs.mkdtemp(p.join(dir, `${prefix}${writerMark(os.hostname())}`));
  return {
    path: p.join(folder, p.basename(path)),
    async clear() {
      for (const name of await fs.readdir(folder)) await fs.rm(p.join(folder, name), { recursive: true, force: true });
    },
    async publish() {
      const names = await fs.readdir(folder);
      const files = await Promise.all(names.map(async (name) => ({ path: p.join(dir, name), data: new Uint8Array(await fs.readFile(p.join(folder, name))) })));
      // model.json last, as writeTfjs orders it: its weights are in place before it names them.
      files.sort((a, b) => Number(a.path === path) - Number(b.path === path));
      await atomicWriteFiles(files);
    },
    remove: () => fs.rm(folder, { recursive: true, force: true }),
  };
}

export type { tf };
