import { ensureParentDir } from '../ensure-dir.js';
import { UsageError } from '../errors.js';
import { loadModelLibrary, loadSavedModel } from '../libraries.js';
import { digitShape } from '../model-input.js';
import type { Output } from '../output.js';

type Format = 'onnx' | 'tfjs' | 'h5' | 'keras';
type Quantization = 'int8' | 'uint8' | 'uint16' | 'float16';

export interface ConvertOptions {
  to: Format;
  out: string;
  quantize?: Quantization;
  opset?: number;
  validate?: 'mnist';
  maxDrop?: number;
  /** Past --max-drop, keep layers at float32 instead of refusing. */
  keepFloat32?: boolean;
}

const EXAMPLES: Record<Format, [RegExp, string]> = {
  onnx: [/\.onnx$/i, 'model.onnx'],
  tfjs: [/\.json$/i, 'model.json'],
  h5: [/\.h5$/i, 'model.h5'],
  keras: [/\.keras$/i, 'model.keras'],
};

/** Checks what can be checked before any work: the --out extension and whether the format holds the quantization. */
async function checkOptions(options: ConvertOptions): Promise<void> {
  const [pattern, example] = EXAMPLES[options.to];
  if (!pattern.test(options.out)) throw new UsageError(`--out for --to ${options.to} expected a path like ${example}, received "${options.out}".`);
  const { EXPORT_QUANTIZATIONS } = await loadModelLibrary();
  const allowed = EXPORT_QUANTIZATIONS[options.to];
  if (options.quantize && !allowed.includes(options.quantize)) {
    throw new UsageError(`--to ${options.to} cannot hold --quantize ${options.quantize}: expected ${allowed.join(' or ')} (or no --quantize).`);
  }
  if (options.opset !== undefined && options.to !== 'onnx') throw new UsageError(`--opset applies to --to onnx only, received --to ${options.to}.`);
  if (options.keepFloat32 && !(options.validate && options.quantize)) throw new UsageError('--keep-float32 needs --validate and --quantize.');
}

const percent = (v: number) => `${(v * 100).toFixed(2)} %`;

/** `neuralkit convert MODEL --to onnx|tfjs|h5|keras [--quantize ...] [--validate mnist [--max-drop N] [--keep-float32]] --out PATH`. */
export async function convertCommand(out: Output, path: string, options: ConvertOptions): Promise<void> {
  await checkOptions(options);
  await (await import('../select-backend.js')).selectBackend('cpu');
  const model = await loadSavedModel(path);
  let validate: NonNullable<Parameters<typeof model.export>[1]>['validate'];
  if (options.validate) {
    const [{ mnist }, tf] = await Promise.all([import('@neuralkit/data'), import('@tensorflow/tfjs-core')]);
    const { test } = await mnist.loadData();
    validate = {
      x: tf.tidy(() => tf.reshape(tf.div(test.x, 255), [-1, ...digitShape(model)])),
      y: test.y,
      ...(options.maxDrop !== undefined ? { maxDrop: options.maxDrop } : {}),
      ...(options.keepFloat32 ? { onDrop: 'keep-float32' as const } : {}),
    };
    test.x.dispose();
  }
  await ensureParentDir(options.out);
  const report = await model.export(options.out, {
    format: options.to,
    ...(options.quantize ? { quantize: options.quantize } : {}),
    ...(options.opset !== undefined ? { opset: options.opset } : {}),
    ...(validate ? { validate } : {}),
  });
  out.record({
    saved: report.path, format: report.format, quantize: report.quantize, bytes: report.bytes, gzipped_bytes: report.gzippedBytes,
    ...(report.float32Accuracy !== undefined
      ? { float32_accuracy: report.float32Accuracy, exported_accuracy: report.exportedAccuracy, max_output_difference: report.maxOutputDifference, float32_layers: report.float32Layers }
      : {}),
  });
  out.say(`Saved ${report.path} (${report.format}${report.quantize ? `, ${report.quantize}` : ''}): ${report.bytes.toLocaleString('en-US')} bytes, ${report.gzippedBytes.toLocaleString('en-US')} gzipped`);
  if (report.float32Accuracy !== undefined) {
    out.say(`Accuracy on the MNIST test set: ${percent(report.float32Accuracy)} float32, ${percent(report.exportedAccuracy!)} exported; largest output difference ${report.maxOutputDifference!.toPrecision(3)}`);
  }
  if (report.float32Layers.length > 0) out.say(`Kept at float32 to stay within the allowed drop: ${report.float32Layers.join(', ')}`);
}
